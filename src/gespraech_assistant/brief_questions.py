"""Section 6 of the brief: prepared questions through the checker, and suggested open questions
built from templates filled with facts from the notes. Whatever the engine suggests passes the
checker here, or is repaired with the checker's suggestion, or is dropped."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from gespraech_assistant.brief import (
    BriefRequest,
    Fact,
    FindingNote,
    QuestionReview,
    SuggestedQuestion,
)
from gespraech_assistant.brief_sections import short
from gespraech_assistant.i18n import msg
from gespraech_assistant.textnorm import clean_terminal, fold

if TYPE_CHECKING:
    from gespraech_assistant.index.search import Retriever
    from gespraech_assistant.workspace import Workspace

MAX_SUGGESTED = 6
MIN_SHARED_STEMS = 3

TEMPLATES = {
    "development": (
        "Zu «{s}»: Was hat sich dadurch in Ihrem Bereich am stärksten verändert?",
        "On “{s}”: what has changed most in your area because of it?",
    ),
    "development2": (
        "Zu «{s}»: Wo sehen Sie dabei die grösste Hürde?",
        "On “{s}”: where do you see the biggest hurdle?",
    ),
    "challenge": (
        "Zu «{s}»: Wie gehen Sie das an, und was hat sich bisher bewährt?",
        "On “{s}”: how are you tackling it, and what has worked so far?",
    ),
    "trend": (
        "In meinen Branchennotizen steht: «{s}». Wie erleben Sie das bei {c}?",
        "My industry notes say: “{s}”. How do you see that at {c}?",
    ),
    "path_former": (
        "Sie waren früher bei {f} – was davon hilft Ihnen heute {r} am meisten?",
        "You used to be at {f} – what from that time helps you most today {r}?",
    ),
    "path": (
        "Was hat Sie auf Ihrem Weg {r} am meisten geprägt?",
        "What shaped you most on your way {r}?",
    ),
    "contacts": (
        "Auf meiner Zielliste stehen {t} – kennen Sie dort jemanden, mit dem ein Gespräch für "
        "mich sinnvoll wäre?",
        "My target list includes {t} – do you know someone there it would make sense for me "
        "to talk to?",
    ),
    "contacts_none": (
        "Mit wem sollte ich {i} unbedingt noch sprechen?",
        "Who else {i} should I definitely talk to?",
    ),
    "feedback": (
        "Wie schätzen Sie meine Chancen {i} ein, und welche Lücken sollte ich zuerst schliessen?",
        "How do you rate my chances {i}, and which gaps should I close first?",
    ),
    "resources": (
        "Welche Verbände, Anlässe oder Fachmedien sind {i} aus Ihrer Sicht wirklich wichtig?",
        "Which associations, events or publications {i} really matter in your view?",
    ),
    "insight": (
        "Was beschäftigt Sie in Ihrer Arbeit zurzeit am meisten?",
        "What occupies you most in your work at the moment?",
    ),
    "underrated": (
        "Welche Entwicklung {i} wird aus Ihrer Sicht noch unterschätzt?",
        "Which development {i} is still underrated, in your view?",
    ),
    "skills": (
        "Welche Fähigkeiten werden {i} in den nächsten Jahren wichtiger, als viele heute denken?",
        "Which skills will matter more {i} over the next few years than most people expect?",
    ),
}


def fill(lang: str, key: str, **values: str) -> str:
    de, en = TEMPLATES[key]
    return msg(lang, de=de, en=en, **values)


def candidate_questions(request: BriefRequest) -> list[str]:
    """Open questions grounded in the notes, best first (more than needed: the checker filters)."""
    lang = request.language
    industry = (
        msg(lang, de="in der Branche {x}", en="in {x}", x=request.industry)
        if request.industry
        else msg(lang, de="in Ihrem Umfeld", en="in your field")
    )
    role = (
        msg(lang, de="als {r}", en="as {r}", r=request.partner_role)
        if request.partner_role
        else msg(lang, de="in Ihrer heutigen Rolle", en="in your current role")
    )
    devs, challenges = request.developments, request.challenges
    out: list[str] = []
    if devs:
        out.append(fill(lang, "development", s=short(devs[0], company=request.company)))
    if challenges:
        out.append(fill(lang, "challenge", s=short(challenges[0], company=request.company)))
    if request.industry_facts and request.company:
        out.append(
            fill(
                lang,
                "trend",
                s=short(request.industry_facts[0], company=request.company),
                c=request.company,
            )
        )
    if request.former_employers:
        out.append(fill(lang, "path_former", f=request.former_employers[0], r=role))
    else:
        out.append(fill(lang, "path", r=msg(lang, de="zur heutigen Rolle {r}",
                                            en="to your current role {r}", r=role)))  # fmt: skip
    if request.walkthrough_companies:
        names = request.walkthrough_companies[:3]
        joined = msg(lang, de="{a} und {b}", en="{a} and {b}", a=", ".join(names[:-1]), b=names[-1])
        out.append(fill(lang, "contacts", t=joined if len(names) > 1 else names[0]))
    else:
        out.append(fill(lang, "contacts_none", i=industry))
    out.append(fill(lang, "feedback", i=industry))
    if len(devs) > 1:
        out.append(fill(lang, "development2", s=short(devs[1], company=request.company)))
    if len(challenges) > 1:
        out.append(fill(lang, "challenge", s=short(challenges[1], company=request.company)))
    out.append(fill(lang, "resources", i=industry))
    out.append(fill(lang, "skills", i=industry))
    out.append(fill(lang, "insight"))
    out.append(fill(lang, "underrated", i=industry))
    return out


# ---- checker integration


def load_checker(ws: Workspace, company: str | None, retriever: Retriever) -> Any | None:
    """The question checker (issue 3), or None while it is not installed."""
    try:
        from gespraech_assistant.checker import QuestionChecker
    except ImportError:  # not installed yet, or only partly written
        return None
    return QuestionChecker(ws, company=company or None, retriever=retriever)


def checker_missing_warning(lang: str) -> str:
    return msg(
        lang,
        de="Fragenprüfung nicht verfügbar: Fragen sind ungeprüft.",
        en="Question checker not available: questions are unchecked.",
    )


def review_prepared(questions: list[str], checker: Any | None) -> list[QuestionReview]:
    cleaned = [clean(q) for q in questions if clean(q)]
    if checker is None:
        return [QuestionReview(question=q, ok=None) for q in cleaned]
    return [
        QuestionReview(
            question=q,
            ok=result.ok,
            findings=[FindingNote.model_validate(f, from_attributes=True) for f in result.findings],
        )
        for q, result in zip(cleaned, checker.check_many(cleaned), strict=True)
    ]


def vetted_suggestions(
    drafted: list[str], request: BriefRequest, checker: Any | None
) -> dict[str, Any]:
    """The engine's questions first, offline templates as reserve; each checked or dropped."""
    seen: set[str] = set()
    kept: list[SuggestedQuestion] = []
    reserve = candidate_questions(request)
    for question in [clean(q) for q in drafted] + reserve:
        if len(kept) >= MAX_SUGGESTED or not question or fold(question) in seen:
            continue
        seen.add(fold(question))
        vetted = vet(question, checker)
        if vetted and fold(vetted.text) not in {fold(k.text) for k in kept}:
            vetted.basis = ground(vetted.text, request.all_facts())
            kept.append(vetted)
    return {"suggested_questions": [k.text for k in kept], "suggested_details": kept}


def vet(question: str, checker: Any | None) -> SuggestedQuestion | None:
    if checker is None:
        return SuggestedQuestion(text=question, checked=False)
    result = checker.check(question)
    if result.ok:
        return SuggestedQuestion(text=question, checked=True)
    from gespraech_assistant.checker import rewrite_of

    for finding in result.findings:  # repair: the checker's own rewording, if it passes
        # naive-question suggestions quote the better question: '… Besser: «Q»' -> 'Q'
        fix = clean(rewrite_of(finding.suggestion or ""))
        if fix.endswith("?") and fix != question and checker.check(fix).ok:
            return SuggestedQuestion(text=fix, checked=True, repaired_from=question)
    return None


def ground(question: str, facts: list[Fact]) -> Fact | None:
    """The note fact a question builds on: the one sharing the most word stems."""
    from gespraech_assistant.index.search import tokens

    for fact in facts:  # a template quotes its fact
        if short(fact) in question:
            return fact
    mine = {t for t in tokens(question) if len(t) >= 4}
    best, best_shared = None, MIN_SHARED_STEMS - 1
    for fact in facts:
        shared = len(mine & {t for t in tokens(fact.text + " " + fact.label) if len(t) >= 4})
        if shared > best_shared:
            best, best_shared = fact, shared
    return best


def clean(text: str) -> str:
    text = clean_terminal(text).strip()
    text = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", text)
    return re.sub(r"\s+", " ", text).strip()
