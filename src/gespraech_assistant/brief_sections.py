"""Sections 3–5 and 7 of the brief (offer, goal, target walkthrough, reminders), the engine
request and the offline prose. Deterministic: no clock, no randomness."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from gespraech_assistant.brief import (
    BriefRequest,
    Fact,
    GoalSection,
    OfferSection,
    TargetItem,
)
from gespraech_assistant.brief_facts import (
    GENERIC_LABEL,
    PERSON_GROUPS,
    Collected,
    collect,
    usable_lines,
)
from gespraech_assistant.brief_notes import fact_from, mentions_company, read_note
from gespraech_assistant.i18n import msg
from gespraech_assistant.models import Contact
from gespraech_assistant.textnorm import fold, same_company

if TYPE_CHECKING:
    from gespraech_assistant.workspace import Workspace

__all__ = ["collect"]

VAGUE_GOAL = re.compile(
    r"mal schauen|schauen,? was|sehen,? was|networking|netzwerk|learn more|mehr erfahren"
    r"|austausch|kennenlernen|kennen lernen|get to know|catch up|\bchat|plaudern|informieren"
    r"|keine ahnung|explore|just talk|einfach reden|see what|find out more"
)
CONCRETE_GOAL = re.compile(
    r"kontakt|contact|intro|vorstell|empfehl|referr|feedback|einschaetz|chance|luecke|\bgaps?\b"
    r"|zielliste|zielfirm|target|namen|\bnames?\b|\d"
)
OFFER_HEADING = re.compile(r"anbiete|angebot|offer|\bbiete|\bgive\b|beitragen")
INDUSTRY_SYNONYMS = {"medizintechnik": "medtech", "medical": "medtech", "logistics": "logistik"}
MAX_WALKTHROUGH = 6


# ---- goal


def assess_goal(
    lang: str,
    goal: str | None,
    contact: Contact,
    facts: Collected,
    walkthrough: list[TargetItem] | None = None,
) -> GoalSection:
    """Given, missing or vague; never invents one. Missing and vague come with two templates."""
    goal = (goal or "").strip() or None
    templates = goal_templates(lang, contact, facts, walkthrough or [])
    if goal is None:
        return GoalSection(status="missing", templates=templates, message=msg(
            lang,
            de="Noch kein eigenes Ziel für dieses Gespräch. Legen Sie es vorher fest "
               '(gespraech brief "{n}" --goal "…") – zwei bewährte Ziele:',
            en="No goal of your own for this talk yet. Set one beforehand "
               '(gespraech brief "{n}" --goal "…") – two proven goals:',
            n=contact.name,
        ))  # fmt: skip
    if is_vague(goal, facts):
        return GoalSection(goal=goal, status="vague", templates=templates, message=msg(
            lang,
            de="Ihr Ziel «{g}» ist noch vage: Es sagt nicht, was Sie konkret mitnehmen wollen. "
               "Schärfen Sie es, zum Beispiel:",
            en="Your goal “{g}” is still vague: it does not say what you want to take away. "
               "Sharpen it, for example:",
            g=goal,
        ))  # fmt: skip
    return GoalSection(goal=goal, status="given")


def is_vague(goal: str, facts: Collected) -> bool:
    folded = fold(goal)
    words = set(re.findall(r"[a-z0-9]+", folded))
    names = [c.name for c in facts.contacts] + facts.known_companies
    name_words = {w for n in names for w in re.findall(r"[a-z0-9]+", fold(n)) if len(w) >= 4}
    concrete = bool(CONCRETE_GOAL.search(folded) or words & name_words)
    if concrete:
        return False
    return bool(VAGUE_GOAL.search(folded)) or len(goal.split()) < 4


def goal_templates(
    lang: str, contact: Contact, facts: Collected, walkthrough: list[TargetItem]
) -> list[str]:
    firms = [i.company for i in walkthrough] or [
        t.company for t in facts.targets if not same_company(t.company, contact.company)
    ]
    listed = ", ".join(firms[:2])
    industry = facts.company.industry
    return [
        msg(
            lang,
            de="Weitere Kontakte: Mit {n} meine Zielfirmenliste durchgehen{f} und fragen, wen "
               "{n} dort kennt und ob ich mich auf das Gespräch berufen darf.",
            en="Further contacts: walk through my target list with {n}{f} and ask whom {n} "
               "knows there and whether I may mention our talk.",
            n=contact.name,
            f=f" ({listed}, …)" if listed else "",
        ),
        msg(
            lang,
            de="Ehrliches Feedback: Von {n} hören, wie meine Chancen{i} stehen und welche Lücken "
               "ich noch schliessen muss.",
            en="Honest feedback: hear from {n} how my chances{i} look and which gaps I still "
               "need to close.",
            n=contact.name,
            i=(msg(lang, de=" in der Branche {x}", en=" in {x}", x=industry) if industry else ""),
        ),
    ]  # fmt: skip


# ---- target list walkthrough


def target_walkthrough(
    ws: Workspace, contact: Contact, facts: Collected
) -> tuple[list[TargetItem], str]:
    try:
        from gespraech_assistant.network import walkthrough
    except ModuleNotFoundError as exc:  # issue 8 not there yet
        if exc.name != "gespraech_assistant.network":
            raise
        return fallback_walkthrough(ws.language, contact, facts), "fallback"
    items = [TargetItem.model_validate(i, from_attributes=True) for i in
             walkthrough(ws, contact, ws.language)]  # fmt: skip
    # worth the partner's time: a real reason, or top priority (network weighs A as 1.0)
    return [i for i in items if i.score >= 1.0][:MAX_WALKTHROUGH], "network"


def industry_words(industry: str) -> set[str]:
    words = re.findall(r"[a-z]+", fold(industry))
    return {INDUSTRY_SYNONYMS.get(w, w) for w in words if len(w) >= 4}


def fallback_walkthrough(lang: str, contact: Contact, facts: Collected) -> list[TargetItem]:
    """Rank targets by same industry, partner's former employers, mentions in the company notes,
    priority."""
    own = industry_words(facts.company.industry)
    lines = [ln for n in facts.company_notes for ln in usable_lines(n)]
    items = []
    for target in facts.targets:
        if contact.company and same_company(target.company, contact.company):
            continue
        item = TargetItem(company=target.company, priority=target.priority)
        if own & industry_words(target.industry):
            add(item, 2.0, msg(lang, de="gleiche Branche ({i})", en="same industry ({i})",
                               i=target.industry))  # fmt: skip
        if any(same_company(target.company, f) for f in facts.partner.former_employers):
            add(item, 3.0, msg(lang, de="{n} war früher dort", en="{n} used to work there",
                               n=contact.name))  # fmt: skip
        mention = next((ln for ln in lines if mentions_company(ln.text, target.company)), None)
        if mention:
            add(item, 2.0, msg(lang, de="in Ihren Notizen zu {c} erwähnt ({s}:{l})",
                               en="named in your notes on {c} ({s}:{l})",
                               c=contact.company, s=mention.source, l=mention.line))  # fmt: skip
        if target.priority:
            add(item, {"A": 1.5, "B": 1.0, "C": 0.5}[target.priority],
                msg(lang, de="Priorität {p}", en="priority {p}", p=target.priority))  # fmt: skip
        listed = [n.strip() for n in re.split(r"[;,/]", target.contacts) if n.strip()]
        working_there = [c.name for c in facts.contacts if same_company(c.company, target.company)]
        item.known_contacts = [
            n for n in dict.fromkeys(working_there + listed) if n != contact.name
        ]
        if item.score > 1.5 or target.priority == "A":
            items.append(item)
    items.sort(key=lambda i: (-i.score, i.company.casefold()))
    return items[:MAX_WALKTHROUGH]


def add(item: TargetItem, score: float, reason: str) -> None:
    item.score = round(item.score + score, 2)
    item.reasons.append(reason)


# ---- offer (profile.md)


def offer_section(ws: Workspace, facts: Collected) -> OfferSection:
    lang = ws.language
    if not ws.profile_path.is_file():
        return OfferSection(status="missing", hint=msg(
            lang,
            de="profile.md fehlt. `gespraech init` legt eine Vorlage an; schreiben Sie unter "
               "«Was ich anbiete» drei bis fünf Punkte: Wissen, Kontakte oder Erfahrung, die "
               "für Ihre Gesprächspartner nützlich sind.",
            en="profile.md is missing. `gespraech init` creates a template; under “What I "
               "offer” write three to five points: knowledge, contacts or experience that are "
               "useful to the people you talk to.",
        ))  # fmt: skip
    profile = read_note(ws.root, ws.rel(ws.profile_path))
    points = [ln for ln in profile.lines if OFFER_HEADING.search(fold(ln.heading))]
    if not points:
        return OfferSection(status="empty", hint=msg(
            lang,
            de="profile.md hat keinen ausgefüllten Abschnitt «Was ich anbiete». Ergänzen Sie "
               "drei bis fünf Punkte: Was hat Ihr Gegenüber davon, mit Ihnen zu sprechen?",
            en="profile.md has no filled-in “What I offer” section. Add three to five points: "
               "what does your partner gain from talking to you?",
        ))  # fmt: skip
    ranked = rank_offer(points, profile.lines, facts)
    chosen = [(p, m) for p, m, s in ranked if s > 0][:3]
    hint = ""
    if not chosen:
        chosen = [(p, None) for p, _, _ in ranked[:2]]
        hint = msg(lang, de="Kein Angebotspunkt hat einen direkten Bezug zu Ihren Notizen über "
                   "diese Firma – formulieren Sie einen passenden.",
                   en="No offer point relates directly to your notes on this company – "
                   "write one that does.")  # fmt: skip
    section = OfferSection(
        status="ok",
        points=[fact_from(p, "offer") for p, _ in chosen],
        fits=[m for _, m in chosen],
        hint=hint,
    )
    section.sentences = tailored_sentences(lang, section.points, section.fits)
    return section


def rank_offer(points, profile_lines, facts: Collected):
    """Each profile bullet scored by the rare word stems it shares with the partner's notes."""
    import math

    from gespraech_assistant.index.search import tokens

    career = PERSON_GROUPS[1][0]  # CV stations share generic words with any profile
    corpus = [
        ln
        for n in facts.company_notes + facts.person_notes
        for ln in n.lines
        if len(ln.text) >= 15 and not career.search(fold(ln.heading))
    ]
    corpus_tokens = [{t for t in tokens(ln.label + " " + ln.text) if len(t) >= 4} for ln in corpus]
    df: dict[str, int] = {}
    for stems in corpus_tokens:
        for t in stems:
            df[t] = df.get(t, 0) + 1

    # the user's own trade words ("Supply Chain" all over the profile) say nothing about fit
    own: dict[str, int] = {}
    for line in profile_lines:
        for t in {t for t in tokens(line.text) if len(t) >= 4}:
            own[t] = own.get(t, 0) + 1

    def weight(shared: set[str]) -> float:
        return sum(math.log(1 + len(corpus) / df[t]) for t in shared if own.get(t, 0) < 3)

    ranked = []
    for point in points:
        mine = {t for t in tokens(point.text) if len(t) >= 4}
        scores = [weight(mine & other) for other in corpus_tokens]
        best = max(range(len(corpus)), key=lambda i: scores[i], default=None)
        match = fact_from(corpus[best]) if best is not None and scores[best] >= 2.0 else None
        ranked.append((point, match, scores[best] if best is not None else 0.0))
    ranked.sort(key=lambda r: -r[2])
    return ranked


def tailored_sentences(lang: str, points: list[Fact], matches: list[Fact | None]) -> list[str]:
    out = []
    for point, match in zip(points, matches, strict=False):
        text = point.text.rstrip(".")
        if match:
            out.append(msg(lang, de="Passend zu «{m}»: {p}.", en="Relevant to “{m}”: {p}.",
                           m=short(match, 60), p=text))  # fmt: skip
        else:
            out.append(text + ".")
    return out


def is_topic_label(label: str, company: str = "") -> bool:
    """A label that can stand for the fact in a question: not a mere category ('Herausforderung')
    and not the company's name ('Schindler')."""
    label = label.strip()
    if len(label) < 6 or GENERIC_LABEL.search(fold(label)):
        return False
    return not (company and len(label.split()) <= 2 and mentions_company(company, label))


def short(fact: Fact, limit: int = 90, company: str = "") -> str:
    """A fact cut to a quotable phrase: its label, else its first clause."""
    if is_topic_label(fact.label, company):
        return fact.label
    text = fact.text
    prefix = re.match(r"([^:]{2,40}):\s+(?=\S)", text)
    if prefix and GENERIC_LABEL.search(fold(prefix.group(1)).strip()):
        text = text[prefix.end() :]  # 'Herausforderung: Digitalisierung …' -> 'Digitalisierung …'
    text = re.split(r" \(| – | - |; ", text)[0].rstrip(" .:")
    if len(text) > limit:
        cut = text[:limit]
        text = (cut.rsplit(", ", 1)[0] if ", " in cut else cut.rsplit(" ", 1)[0]) + " …"
    return text


# ---- reminders, request, offline prose


def reminders(lang: str, contact: Contact, facts: Collected) -> list[str]:
    n = contact.name
    out = [
        msg(lang, de="Augenhöhe: Sie kommen als Fachperson mit eigenem Angebot, nicht als "
            "Bittsteller.", en="Eye level: you come as a professional with something to offer, "
            "not as a supplicant."),
        msg(lang, de="Nicht nach einer Stelle fragen, Ihr Problem nicht abladen, Entscheidungen "
            "nicht delegieren («Was würden Sie an meiner Stelle tun?») – Sie suchen Erfahrungen, "
            "Einschätzungen und Kontakte.", en="Do not ask for a job, do not unload your problem, "
            "do not delegate your decision (“What would you do in my place?”) – you are after "
            "experience, views and contacts."),
        msg(lang, de="Zum Schluss: Wen sollte ich noch ansprechen – und darf ich mich auf Sie "
            "berufen?", en="At the end: whom else should I talk to – and may I mention you?"),
        msg(lang, de='Danach: Dankesmail an {n} innert 24 Stunden, Gelerntes festhalten mit '
            '`gespraech debrief NOTIZEN.md --contact "{n}"` (Vorlage: `gespraech debrief '
            '--template`), neue Kontakte und Firmenhinweise in die Listen.',
            en='Afterwards: a thank-you note to {n} within 24 hours, record what you learned '
            'with `gespraech debrief NOTES.md --contact "{n}"` (template: `gespraech debrief '
            '--template`), add new contacts and company hints to the lists.',
            n=n),
    ]  # fmt: skip
    if contact.introduced_by.strip():
        out.append(msg(lang, de="{i} kurz berichten, wie das Gespräch lief – wer vermittelt, "
                       "will es wissen.", en="Tell {i} briefly how the talk went – people who "
                       "introduce you want to know.", i=contact.introduced_by.strip()))  # fmt: skip
    return out


def make_request(
    lang: str,
    today: date,
    contact: Contact,
    facts: Collected,
    goal: GoalSection,
    offer: OfferSection,
    walkthrough: list[TargetItem],
) -> BriefRequest:
    partner, company = facts.partner, facts.company
    history = [f for c in partner.conversations for f in c.gist + c.open_items] + partner.mentions
    return BriefRequest(
        language=lang,
        today=today,
        partner_name=contact.name,
        partner_role=contact.role,
        company=contact.company,
        industry=company.industry,
        connection=partner.connection,
        goal=goal.goal,
        goal_status=goal.status,
        person_facts=partner.facts,
        history=history,
        company_facts=company.facts,
        developments=company.developments,
        challenges=company.challenges,
        industry_facts=company.industry_facts,
        unknown_topics=company.unknown,
        offer_points=offer.points,
        offer_matches=offer.fits,
        former_employers=partner.former_employers,
        walkthrough_companies=[i.company for i in walkthrough],
    )


def summary_text(request: BriefRequest) -> str:
    lang, n = request.language, request.partner_name
    who = ", ".join(x for x in (request.partner_role, request.company) if x)
    parts = [f"{n} ({who})." if who else f"{n}."]
    facts = request.developments + request.challenges
    labels = [f.label for f in facts if is_topic_label(f.label, request.company)][:3]
    labels = labels or [f"«{short(f, 60, request.company)}»" for f in facts[:2]]
    if labels:
        parts.append(msg(lang, de="Aktuelle Themen laut Ihren Notizen: {t}.",
                         en="Current topics in your notes: {t}.", t=", ".join(labels)))  # fmt: skip
    if request.goal_status == "given":
        parts.append(msg(lang, de="Ihr Ziel: {g}", en="Your goal: {g}", g=request.goal))
    else:
        parts.append(msg(lang, de="Ein klares eigenes Ziel fehlt noch.",
                         en="A clear goal of your own is still missing."))  # fmt: skip
    return " ".join(parts)


def offer_sentences(request: BriefRequest) -> list[str]:
    return tailored_sentences(request.language, request.offer_points, request.offer_matches)
