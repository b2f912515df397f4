"""QuestionChecker: the offline verdict on planned questions, with evidence and a rewrite.

Built once per workspace (notes read into sentence units, names collected), then each check is
pure rules and set look-ups: hundreds of questions per second, no model call.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from gespraech_assistant.checker import learned, messages, suggest
from gespraech_assistant.checker.eye_level import eye_level_hits
from gespraech_assistant.checker.facts import (
    CONTACT_REQUEST,
    INSIGHT,
    PARTNER_SCOPE,
    FactQuery,
    Names,
    analyze,
)
from gespraech_assistant.checker.models import (
    GUIDELINE_OF,
    KINDS,
    Finding,
    QuestionResult,
    ReviewOpinion,
    ReviewRequest,
)
from gespraech_assistant.checker.notes import NoteBase, Unit
from gespraech_assistant.checker.text import fold_map, norm, original_span, words
from gespraech_assistant.errors import GespraechError
from gespraech_assistant.models import Evidence, Passage
from gespraech_assistant.textnorm import normalize_company, normalize_name, same_company

if TYPE_CHECKING:
    from gespraech_assistant.engines.base import Engine
    from gespraech_assistant.index.search import Retriever
    from gespraech_assistant.workspace import Workspace

MAX_EVIDENCE = 2
SECOND_EVIDENCE_GAP = 0.25
# Words that are a company's first word but say nothing on their own ("Swiss Re" != "Swiss").
_WEAK_ALIASES = {
    "swiss",
    "schweizer",
    "deutsche",
    "german",
    "the",
    "first",
    "global",
    "kessler",
    "partner",
    "health",
    "energie",
    "energy",
    "logistik",
    "medtech",
}


class QuestionChecker:
    """`check(question)` -> QuestionResult; build once, check many."""

    def __init__(
        self,
        ws: Workspace,
        company: str | None = None,
        retriever: Retriever | None = None,
        use_learned: bool = True,
    ) -> None:
        if retriever is None:
            from gespraech_assistant.index.search import Retriever

            retriever = Retriever(ws)  # builds or refreshes the index when needed
        self.ws = ws
        self.lang = ws.language
        self.retriever = retriever
        self.names = _collect_names(ws, retriever.chunks)
        self.company = self._canonical_company(company) if company else None
        self.notes = NoteBase(
            ws.root, retriever.chunks, self.names.companies, _employers(ws, retriever.chunks)
        )
        self.target_roles = target_roles(ws)
        #: False: rules only (the eval's ablation; the learned layer is on for users)
        self.use_learned = use_learned
        #: one-line notices for the user ('no notes on this company'), in the workspace language
        self.notices: list[str] = []
        if self.company and not self.notes.about(self.company, None):
            self.notices.append(messages.no_notes(self.lang, self.company))

    # ---- public
    def check(self, question: str) -> QuestionResult:
        return self.check_many([question])[0]

    def check_many(self, questions: list[str]) -> list[QuestionResult]:
        """Rules first; the learned layer then looks at the questions the rules let pass (one
        embedding batch), so a rule finding is never second-guessed and costs no embedding."""
        questions = [" ".join(q.split()) for q in questions]
        found = [self._findings(q) for q in questions]
        unflagged = [i for i, findings in enumerate(found) if not findings]
        if self.use_learned and unflagged:
            verdicts = self._judge([questions[i] for i in unflagged])
            for i, extra in zip(unflagged, verdicts, strict=True):
                found[i] = self._learned_findings(questions[i], extra)
        return [
            QuestionResult(question=q, ok=not findings, findings=findings)
            for q, findings in zip(questions, found, strict=True)
        ]

    def _judge(self, questions: list[str]) -> list[list[learned.LearnedVerdict]]:
        """The learned layer's verdicts; if it cannot run (model or weights unreadable), the
        rules' verdict stands and the user gets one notice."""
        try:
            return learned.judge(questions)
        except Exception as exc:  # a broken install must not cost the user the rules' verdict
            self.use_learned = False
            self.notices.append(messages.learned_unavailable(self.lang, type(exc).__name__))
            return [[] for _ in questions]

    def _learned_findings(
        self, question: str, verdicts: list[learned.LearnedVerdict]
    ) -> list[Finding]:
        qlang = suggest.language_of(question, self.lang)
        # a basic-fact verdict needs a company named in the question: without one, 'Seit wann
        # sind Sie in Zürich?' is about the partner, whom no website describes
        names_company = bool(self.names.companies_in(norm(question)))
        findings = [
            self._learned_finding(question, v, qlang)
            for v in verdicts
            if not _recommended(question, v) and (v.guideline == "eye_level" or names_company)
        ]
        return sorted(findings, key=lambda f: KINDS.index(f.kind))

    def passes(self, question: str) -> bool:
        """True when the rules find nothing (used to verify every suggestion; the templates
        behind suggestions are checked against the learned layer by the tests)."""
        return not eye_level_hits(question) and self._naive(question, suggestions=False) is None

    # ---- findings
    def _findings(self, question: str) -> list[Finding]:
        qlang = suggest.language_of(question, self.lang)
        findings: list[Finding] = []
        naive = self._naive(question, suggestions=True, qlang=qlang)
        if naive:
            findings.append(naive)
        for hit in eye_level_hits(question):
            findings.append(self._eye_level_finding(question, hit.kind, hit.triggers, qlang))
        findings.sort(key=lambda f: KINDS.index(f.kind))
        return findings

    def _learned_finding(
        self, question: str, verdict: learned.LearnedVerdict, qlang: str
    ) -> Finding:
        if verdict.guideline == "eye_level":
            return self._eye_level_finding(
                question, verdict.kind, [question], qlang, like=verdict.example
            )
        pointer = self._pointer(question) if verdict.kind == "answered_in_notes" else None
        if pointer is None:
            rewrite = self._verified(suggest.answered_rewrite(qlang, "", "", []), qlang)
            return Finding(
                guideline="no_naive_questions",
                kind="researchable",
                message=messages.researchable(self.lang, "", like=verdict.example),
                evidence=[Evidence(source="question", line=None, text=question)],
                suggestion=suggest.look_up_first(qlang, rewrite),
            )
        rewrite = self._verified(suggest.answered_rewrite(qlang, "", pointer.text, []), qlang)
        return Finding(
            guideline="no_naive_questions",
            kind="answered_in_notes",
            message=messages.answered_like(
                self.lang, pointer.source, pointer.line, verdict.example
            ),
            evidence=[pointer.evidence()],
            suggestion=suggest.notes_say(
                qlang, pointer.text, messages.where(pointer.source, pointer.line), rewrite
            ),
        )

    def _pointer(self, question: str) -> Unit | None:
        """Where the notes on the question's company most likely hold the fact: the best
        indexed chunk, narrowed to its sentence sharing most words with the question."""
        company = self._company_in(question)
        if not company:
            return None
        passages = self.retriever.search(question, k=1, company=company)
        if not passages:
            return None
        top = passages[0]
        units = [
            u
            for u in self.notes.about(company, None)
            if u.source == top.source
            and u.line is not None
            and top.line is not None
            and top.line <= u.line < top.line + max(1, len(top.text.splitlines()))
        ]
        if not units:
            return None
        asked = set(words(norm(question)))
        return max(units, key=lambda u: len(asked & set(u.tokens)))

    def _eye_level_finding(
        self, question: str, kind: str, triggers: list[str], qlang: str, like: str | None = None
    ) -> Finding:
        company = self._company_in(question)
        if kind == "job_request":
            text = messages.job_request(self.lang, triggers[0], like)
            rewrite = suggest.job_rewrite(qlang, company)
        elif kind == "delegation":
            text = messages.delegation(self.lang, triggers[0], like)
            goal = suggest.goal_of(question, self.target_roles)
            rewrite = suggest.delegation_rewrite(qlang, goal)
        else:
            text = messages.burden(self.lang, triggers[0], like)
            rewrite = suggest.burden_rewrite(qlang, triggers)
        return Finding(
            guideline=GUIDELINE_OF[kind],
            kind=kind,  # type: ignore[arg-type]
            message=text,
            evidence=[Evidence(source="question", line=None, text=t) for t in triggers],
            suggestion=self._verified(rewrite, qlang),
        )

    def _naive(self, question: str, suggestions: bool, qlang: str = "de") -> Finding | None:
        query = analyze(question, self.names)
        if query is None:
            return None
        company, person = self._subject(query)
        searchable = company or person or not query.company_pronoun
        units = self.notes.answer_scored(query, company, person) if searchable else []
        if query.partner:
            # the partner's own facts live in person notes and talk history, not company profiles
            units = [(s, u) for s, u in units if u.person_key or u.source.startswith("history/")]
        if units:
            return self._answered(query, units, qlang) if suggestions else _stub("answered")
        if query.concept is not None and query.concept.basic and not person and not query.partner:
            if not suggestions:
                return _stub("res")
            return self._researchable(query, company, qlang, question)
        return None

    def _answered(self, query: FactQuery, units: list[tuple[float, Unit]], qlang: str) -> Finding:
        top, best = units[0]
        evidence = [best.evidence()]
        for score, unit in units[1:]:
            # a second passage only when it answers about as well (e.g. profile and news)
            if len(evidence) >= MAX_EVIDENCE or score < top - SECOND_EVIDENCE_GAP:
                break
            if unit.source != best.source:
                evidence.append(unit.evidence())
        concept = query.concept.name if query.concept else ""
        located = self.notes.located_count(query, best)
        rewrite = suggest.answered_rewrite(qlang, concept, best.text, query.numbers, located)
        suggestion = suggest.notes_say(
            qlang,
            best.text,
            messages.where(best.source, best.line),
            self._verified(rewrite, qlang),
        )
        return Finding(
            guideline="no_naive_questions",
            kind="answered_in_notes",
            message=messages.answered(self.lang, best.source, best.line),
            evidence=evidence,
            suggestion=suggestion,
        )

    def _researchable(
        self, query: FactQuery, company: str | None, qlang: str, question: str
    ) -> Finding:
        concept = query.concept.name if query.concept else ""
        related = self._related_fact(query, company)
        if related:
            rewrite = suggest.answered_rewrite(qlang, concept, related.text, query.numbers)
            suggestion = suggest.pick(
                qlang,
                "Vorher nachschlagen. Ihre Notizen nennen dazu: «{f}» ({w}). Besser: «{r}»",
                'Look it up first. Your notes have this: "{f}" ({w}). Better: "{r}"',
                f=suggest.shorten(related.text),
                w=messages.where(related.source, related.line),
                r=self._verified(rewrite, qlang),
            )
        else:
            rewrite = suggest.answered_rewrite(qlang, concept, "", [])
            suggestion = suggest.look_up_first(qlang, self._verified(rewrite, qlang))
        return Finding(
            guideline="no_naive_questions",
            kind="researchable",
            message=messages.researchable(self.lang, concept),
            evidence=[
                Evidence(source="question", line=None, text=w)
                for w in _unique_words(_users_words(question, query.concept_words))
            ][:3],
            suggestion=suggestion,
        )

    def _related_fact(self, query: FactQuery, company: str | None) -> Unit | None:
        """Same kind of fact about the same company, without the exact qualifiers (year...)."""
        if not company:
            return None
        relaxed = replace(query, numbers=[], places=[], divisions=[], roles=[], terms=[])
        units = self.notes.answer(relaxed, company, None)
        return units[0] if units else None

    def _verified(self, rewrite: str, qlang: str) -> str:
        if self.passes(rewrite):
            return rewrite
        return suggest.pick(qlang, *suggest.SAFE)

    # ---- subjects
    def _subject(self, query: FactQuery) -> tuple[str | None, str | None]:
        person = query.persons[0] if query.persons else None
        if query.companies:
            return query.companies[0], person
        return self.company, person

    def _company_in(self, question: str) -> str | None:
        found = self.names.companies_in(norm(question))
        return found[0] if found else self.company

    def _canonical_company(self, company: str) -> str:
        for name in set(self.names.companies.values()):
            if same_company(name, company):
                return name
        return company

    # ---- LLM second opinion
    def review(
        self, engine: Engine, questions: list[str], offline: list[QuestionResult]
    ) -> list[QuestionResult]:
        """Ask the engine for a second opinion; it may add findings, never remove ours."""
        if getattr(engine, "name", "offline") == "offline":
            return offline
        request = ReviewRequest(
            language=self.lang,
            questions=questions,
            company=self.company,
            passages=self._passages_for(offline),
            offline=offline,
        )
        try:
            opinion = engine.review_questions(request)
        except GespraechError:
            raise
        except Exception as exc:  # a model failure must not cost the user the offline verdict
            engine.warnings.append(f"LLM review failed ({type(exc).__name__}); offline result.")
            return offline
        return merge_opinion(offline, opinion, self.lang)

    def _passages_for(self, results: list[QuestionResult]) -> list[Passage]:
        passages: list[Passage] = []
        for result in results:
            for finding in result.findings:
                for ev in finding.evidence:
                    if ev.source != "question":
                        passages.append(Passage(source=ev.source, line=ev.line, text=ev.text))
        return passages[:20]


def merge_opinion(
    offline: list[QuestionResult], opinion: ReviewOpinion, lang: str
) -> list[QuestionResult]:
    """Offline findings stay; LLM findings of a kind we did not find are added, marked."""
    merged = []
    for index, result in enumerate(offline):
        findings = list(result.findings)
        if index < len(opinion.results):
            kinds = {f.kind for f in findings}
            for extra in opinion.results[index].findings:
                if extra.kind in kinds:
                    continue
                kinds.add(extra.kind)
                findings.append(
                    extra.model_copy(
                        update={
                            "guideline": GUIDELINE_OF[extra.kind],
                            "message": messages.llm_prefix(lang) + extra.message,
                        }
                    )
                )
        merged.append(QuestionResult(question=result.question, ok=not findings, findings=findings))
    return merged


def check_questions(
    ws: Workspace, questions: list[str], company: str | None = None
) -> list[QuestionResult]:
    return QuestionChecker(ws, company=company).check_many(questions)


def rewrite_of(suggestion: str) -> str:
    """The question inside a suggestion ('… Besser: «Q»' -> 'Q'), or the suggestion itself."""
    match = re.search(r"(?:Besser: «(.+)»|Better: \"(.+)\")\s*$", suggestion)
    if not match:
        return suggestion
    return match.group(1) or match.group(2)


# ---------------------------------------------------------------- helpers
# What the method recommends asking, in words the rules know: the learned layer judges wording
# by similarity and must not overrule these (the "must not be flagged" list).
_ASKS_FEEDBACK = re.compile(
    r"\b(?:ehrlich\w*|offen gesagt|ganz offen|honest\w*|frank\w*|candid\w*|einschaetz\w*"
    r"|feedback|rueckmeldung|chancen|chances|luecke\w*|gaps?|woran (?:muesste|sollte|muss) ich"
    r"|what (?:would|should) i (?:need to )?work on|how would my (?:profile|background|cv))\b"
)
_MENTIONS_PARTNER = re.compile(
    r"\b(?:berufen|ihren namen|deinen namen|euren namen|your name|mention (?:that )?(?:you|our)"
    r"|sagen,? dass (?:sie|du) mir|tell \w+ (?:that )?you (?:sent|suggested|recommended))\b"
)
_TEAM_OR_VIEW = re.compile(
    r"\b(?:team\w*|abteilung\w*|aus (?:ihrer|eurer|deiner) sicht|from where you sit"
    r"|kennen sie|kennst du|kennt ihr|do you know|are you familiar"
    r"|betting on|setzen sie|setzt ihr)\b"
)


# Eye-level problems are about the asker ('für mich', 'I', 'my CV'): without a word for oneself
# a question about the partner ('Was machen Sie genau?') is left to the rules.
_SELF = re.compile(
    r"\b(?:ich|mich|mir|mein\w*|i|me|my|mine|i'm|i've|i'd|i'll)\b"
)  # not im (in the)


def _recommended(question: str, verdict: learned.LearnedVerdict) -> bool:
    folded = norm(question)
    if verdict.guideline == "eye_level":
        return bool(
            not _SELF.search(folded)
            or CONTACT_REQUEST.search(folded)
            or _MENTIONS_PARTNER.search(folded)
            or (_ASKS_FEEDBACK.search(folded) and verdict.kind != "burden")
        )
    return bool(
        CONTACT_REQUEST.search(folded)
        or INSIGHT.search(folded)
        or PARTNER_SCOPE.search(folded)
        or _TEAM_OR_VIEW.search(folded)
    )


def _stub(kind: str) -> Finding:
    return Finding(guideline="no_naive_questions", kind="researchable", message=kind, suggestion="")


def _users_words(question: str, folded_words: list[str]) -> list[str]:
    """The question's own spelling of folded words: 'gegruendet' -> 'gegründet'."""
    folded, origin = fold_map(question)
    out = []
    for word in folded_words:
        at = re.search(rf"\b{re.escape(word)}\b", folded)
        out.append(original_span(question, origin, at.start(), at.end()) if at else word)
    return out


def _unique_words(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def _collect_names(ws: Workspace, chunks: list[dict]) -> Names:
    companies: list[str] = []
    persons: list[str] = []
    for chunk in chunks:
        meta = chunk.get("meta", {})
        if meta.get("company"):
            companies.append(meta["company"])
        if meta.get("person"):
            persons.append(meta["person"])
    try:
        from gespraech_assistant.lists import load_contacts, load_targets

        if ws.targets_path.exists():
            companies += [t.company for t in load_targets(ws.targets_path, ws.root).records]
        if ws.contacts_path.exists():
            for contact in load_contacts(ws.contacts_path, ws.root).records:
                persons.append(contact.name)
                if contact.company:
                    companies.append(contact.company)
    except GespraechError:
        pass  # a broken list must not stop the checker; `gespraech contacts` reports it
    names = Names()
    first_words: dict[str, set[str]] = {}
    acronyms: dict[str, set[str]] = {}
    for company in companies:
        key = normalize_company(company)
        if not key:
            continue
        names.companies.setdefault(key, company)
        first = key.split()[0]
        first_words.setdefault(first, set()).add(key)
        parts = key.split()
        if len(parts) >= 3:
            # 'Helvetia Health Systems' is 'HHS' in notes and questions alike
            acronyms.setdefault("".join(p[0] for p in parts), set()).add(key)
    for first, keys in first_words.items():
        if len(keys) == 1 and len(first) >= 4 and first not in _WEAK_ALIASES:
            names.companies.setdefault(first, names.companies[next(iter(keys))])
    for acronym, keys in acronyms.items():
        if len(keys) == 1:
            names.companies.setdefault(acronym, names.companies[next(iter(keys))])
    last_names: dict[str, set[str]] = {}
    for person in persons:
        key = normalize_name(person)
        if len(key.split()) >= 2:
            names.persons.setdefault(key, person)
            last_names.setdefault(key.split()[-1], set()).add(key)
    for last, keys in last_names.items():
        if len(keys) == 1 and len(last) >= 5:
            names.persons.setdefault(last, names.persons[next(iter(keys))])
    names.refresh()
    return names


def _employers(ws: Workspace, chunks: list[dict]) -> dict[str, str]:
    """Person key -> company key: a talk with Martin Keller is about Alpenblick too."""
    out: dict[str, str] = {}
    for chunk in chunks:
        meta = chunk.get("meta", {})
        if meta.get("person") and meta.get("company"):
            out.setdefault(normalize_name(meta["person"]), normalize_company(meta["company"]))
    try:
        from gespraech_assistant.lists import load_contacts

        if ws.contacts_path.exists():
            for contact in load_contacts(ws.contacts_path, ws.root).records:
                if contact.company:
                    out[normalize_name(contact.name)] = normalize_company(contact.company)
    except GespraechError:
        pass  # a broken list must not stop the checker
    return out


_ROLES_SECTION = re.compile(r"^#+\s*(?:Zielrollen|Target roles|Zielrolle|Target role)\b", re.I)
_ROLES_LINE = re.compile(r"^\s*[-*]?\s*(?:Rollen|Roles|Zielrollen|Target roles)\s*:\s*(.+)$", re.I)
_ITEM = re.compile(r"^\s*[-*]\s+(?!\w+\s*:)(.+)$")


def target_roles(ws: Workspace) -> list[str]:
    """The user's target roles from profile.md ('## Zielrollen …' / '- Rollen: A, B'), template
    comments removed; [] when the profile does not name any."""
    from gespraech_assistant.profile import read_profile

    try:
        lines = read_profile(ws).split("\n")
    except (OSError, GespraechError):
        return []
    in_section = False
    items: list[str] = []
    for line in lines:
        if line.startswith("#"):
            in_section = bool(_ROLES_SECTION.match(line))
            continue
        labelled = _ROLES_LINE.match(line)
        if labelled:
            return _split_roles(labelled.group(1))
        item = _ITEM.match(line) if in_section else None
        if item:
            items.append(item.group(1))
    return _split_roles(items[0]) if items else []


def _split_roles(text: str) -> list[str]:
    parts = [p.strip().rstrip(".").strip() for p in re.split(r"[,;]", text)]
    return [p for p in parts if 2 <= len(p) <= 60]
