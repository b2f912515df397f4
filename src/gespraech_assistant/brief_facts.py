"""Sections 1 and 2 of the brief: the partner and their company, strictly from the user's files.

Grounding rule: company facts come only from notes whose front matter names the partner's
company; industry facts only from notes without company/person and never a sentence that names
another known company. Every fact keeps its file:line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from gespraech_assistant.brief import CompanySection, Conversation, Fact, PartnerSection
from gespraech_assistant.brief_notes import (
    Note,
    NoteLine,
    fact_from,
    is_recent,
    mentions_company,
    read_note,
)
from gespraech_assistant.i18n import msg
from gespraech_assistant.lists import find_contacts, find_targets, load_contacts, load_targets
from gespraech_assistant.models import Contact, Target
from gespraech_assistant.textnorm import fold, normalize_name, same_company

if TYPE_CHECKING:
    from gespraech_assistant.index.search import Retriever
    from gespraech_assistant.workspace import Workspace


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# Patterns run on fold()ed text (lower case, umlauts as ae/oe/ue).
SKIP_HEADING = rx(
    r"relevanz|fuer mich|for me|my search|meine suche|offene fragen|open questions|zu klaeren"
    r"|bezug zu mir|anknuepf|heisst|next steps|naechste schritte|follow.?up|notiz an mich"
)
NEWS_HEADING = rx(r"aktuell|news|neuigkeit|entwicklungen|recent|latest|developments|updates?\b")
CHALLENGE_HEADING = rx(
    r"herausforderung|challenge|risik|risk|baustelle|problem|bottleneck|engpa|schwierig"
)
DEVELOPMENT_WORDS = rx(
    r"eroeffnet|uebernommen|uebernahme|uebernahm|\bneue?[nrs]?\b|kuerzlich|angekuendigt|lanciert"
    r"|gestartet|eingefuehrt|umgebaut|gewechselt|acquired|acquisition|opened|launched|announced"
    r"|\bnew\b|recently|started|introduced"
)
# (topic, heading pattern, text pattern); order = order of the key facts in the brief
TOPICS: list[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None]] = [
    (
        "products",
        rx(
            r"produkt|product|portfolio|leistung|angebot|service|was die firma|what they do"
            r"|kurzprofil|ueberblick|overview|was .* macht"
        ),
        rx(r"produziert|entwickelt|bietet|develops|produces|offers|sortiment|dienstleist"),
    ),
    ("customers", rx(r"kunde|customer|maerkte|markets|clients"), rx(r"\bkunden|customers|clients")),
    (
        "size",
        rx(r"^(?:groesse|size|mitarbeitende|employees|headcount|belegschaft)\b"),
        rx(
            r"mitarbeitend|mitarbeiter|angestellte|belegschaft|employees|\bemploy(?:s|ing)?\b"
            r"|\bbeschaeftigt\b(?! sie)|headcount|workforce|\bstaff\b|\bfte\b"
            r"|\d\s*(?:people|personen|leute)\b(?! im team| in (?:his|her|the) team)"
        ),
    ),
    ("revenue", None, rx(r"umsatz|revenue|turnover|\bebit")),
    (
        "management",
        rx(r"management|geschaeftsleitung|leadership|fuehrung"),
        rx(r"\bceo\b|\bcfo\b|\bcoo\b|geschaeftsfuehr|verwaltungsrat|managing director"),
    ),
    ("competitors", rx(r"wettbewerb|konkurren|competit|mitbewerb"), rx(r"konkurrent|competitor")),
    ("strategy", rx(r"strategie|strategy|\bziele?\b|ausblick|outlook"), rx(r"strategie|strategy")),
]
TOPIC_LABELS = {
    "products": ("Produkte und Leistungen", "products and services"),
    "customers": ("Kunden und Märkte", "customers and markets"),
    "size": ("Grösse (Mitarbeitende)", "size (employees)"),
    "revenue": ("Umsatz", "revenue"),
    "management": ("Geschäftsleitung", "management"),
    "competitors": ("Wettbewerber", "competitors"),
    "strategy": ("Strategie und Herausforderungen", "strategy and challenges"),
    "news": ("aktuelle Entwicklungen", "recent news"),
}
PERSON_GROUPS: list[tuple[re.Pattern[str], int]] = [
    (rx(r"rolle|role|position|funktion"), 1),
    (rx(r"werdegang|background|laufbahn|career|lebenslauf"), 1),
    (rx(r"beschaeftigt|themen|interess|cares|wichtig|schwerpunkt|focus|mandate"), 2),
    (rx(r"stil|style|persoenlich|personal"), 1),
    (rx(r"anknuepf|bezug|gemeinsam|common|how we met|kennengelernt|beziehung"), 1),
]
# A label that only names the category ('Herausforderung:', 'Trend:') is no topic of its own.
GENERIC_LABEL = rx(
    r"^(?:" + "|".join(p.pattern for p in (NEWS_HEADING, CHALLENGE_HEADING)) + r"|trends?|thema"
    r"|topic|notiz|note|hinweis|fakt|fact|info)\w*$"
)
REHEARSAL_KINDS = {"rehearsal", "practice", "probe", "probegespraech", "uebung"}
GIST_HEADING = rx(r"erfahren|information|learned|gelernt|erkenntnis|key points|takeaway|ergebnis")
MAX_DEVELOPMENTS, MAX_CHALLENGES, MAX_PERSON_FACTS, MAX_CONVERSATIONS = 3, 2, 4, 2


@dataclass
class Collected:
    partner: PartnerSection
    company: CompanySection
    target: Target | None
    contacts: list[Contact]
    targets: list[Target]
    known_companies: list[str]
    person_notes: list[Note] = field(default_factory=list)
    company_notes: list[Note] = field(default_factory=list)


def label(lang: str, topic: str) -> str:
    de, en = TOPIC_LABELS[topic]
    return msg(lang, de=de, en=en)


def collect(ws: Workspace, contact: Contact, retriever: Retriever, today: date) -> Collected:
    contacts = load_contacts(ws.contacts_path, ws.root).records
    targets = load_targets(ws.targets_path, ws.root).records
    target = next(iter(find_targets(targets, contact.company)), None) if contact.company else None
    company_files, person_files, industry_files = note_files(retriever, contact)
    known = known_companies(contacts, targets, retriever)
    company_notes = [read_note(ws.root, rel) for rel in company_files]
    person_notes = [read_note(ws.root, rel) for rel in person_files]
    company = company_section(contact, target, company_notes, today)
    industry_notes = [read_note(ws.root, rel) for rel in industry_files]
    company.industry_facts = industry_facts(industry_notes, company.industry, contact, known)
    company.unknown = [label(ws.language, t) for t in unknown_topics(company_notes, company)]
    partner = partner_section(ws, contact, contacts, person_notes, known)
    return Collected(partner, company, target, contacts, targets, known, person_notes,
                     company_notes)  # fmt: skip


def note_files(retriever: Retriever, contact: Contact) -> tuple[list[str], list[str], list[str]]:
    """(company notes, person notes, industry notes) as workspace-relative paths."""
    company_keys = retriever.company_keys(contact.company) if contact.company else set()
    person_key = normalize_name(contact.name)
    company, person, industry = set(), set(), set()
    for chunk in retriever.chunks:
        meta = chunk["meta"]
        if meta.get("kind") != "note":
            continue
        if meta.get("person_key"):
            if meta["person_key"] == person_key:
                person.add(meta["source"])
        elif meta.get("company_key"):
            if meta["company_key"] in company_keys:
                company.add(meta["source"])
        else:
            industry.add(meta["source"])
    return sorted(company), sorted(person), sorted(industry)


def known_companies(
    contacts: list[Contact], targets: list[Target], retriever: Retriever
) -> list[str]:
    names = {t.company for t in targets} | {c.company for c in contacts}
    names |= {c["meta"].get("company", "") for c in retriever.chunks}
    return sorted(n for n in names if n.strip())


# ---- company and industry


def company_section(
    contact: Contact, target: Target | None, notes: list[Note], today: date
) -> CompanySection:
    section = CompanySection(
        company=contact.company,
        industry=target.industry if target else "",
        priority=target.priority if target else None,
        note_files=[n.source for n in notes],
    )
    lines = [ln for n in notes for ln in usable_lines(n)]
    news_sources = {n.source for n in notes if NEWS_HEADING.search(fold(n.meta.get("topic", "")))}
    used: set[tuple[str, int]] = set()
    headed = [ln for ln in lines if is_news(ln, news_sources)]
    dated = [ln for ln in lines if ln not in headed and is_development(ln, today)]
    section.developments = take(headed + dated, MAX_DEVELOPMENTS, used, "news")
    section.challenges = take(
        [ln for ln in lines if CHALLENGE_HEADING.search(fold(ln.heading + " " + ln.tag))],
        MAX_CHALLENGES, used,
        "strategy",
    )  # fmt: skip
    for topic, heading_rx, text_rx in TOPICS[:-1]:
        section.facts += take([ln for ln in lines if topic_match(ln, heading_rx, text_rx)], 1,
                              used, topic)  # fmt: skip
    return section


def usable_lines(note: Note) -> list[NoteLine]:
    return [
        ln
        for ln in note.lines
        if not SKIP_HEADING.search(fold(ln.heading)) and not ln.quote and len(ln.text) >= 15
    ]


def is_news(line: NoteLine, news_sources: set[str]) -> bool:
    return bool(NEWS_HEADING.search(fold(line.heading))) or line.source in news_sources


def is_development(line: NoteLine, today: date) -> bool:
    return bool(DEVELOPMENT_WORDS.search(fold(line.text))) and is_recent(line.text, today)


def topic_match(
    line: NoteLine, heading_rx: re.Pattern[str] | None, text_rx: re.Pattern[str] | None
) -> bool:
    return bool(
        (
            heading_rx
            and (heading_rx.search(fold(line.heading)) or heading_rx.search(fold(line.tag)))
        )
        or (text_rx and text_rx.search(fold(line.text)))
    )


def take(lines: list[NoteLine], limit: int, used: set[tuple[str, int]], topic: str) -> list[Fact]:
    out: list[Fact] = []
    for line in lines:
        key = (line.source, line.line)
        if key in used or len(out) >= limit:
            continue
        used.add(key)
        fact = fact_from(line, topic)
        headline = is_headline(line.heading) and line.level >= 2  # level 1: the note's title
        if not fact.label and headline and topic == "news" and not line.bullet:
            fact.label = line.heading  # news notes: the heading is the headline
        out.append(fact)
    return out


def is_headline(heading: str) -> bool:
    """A heading that says what happened ('Neues Werk in Polen'), not a category or a name."""
    folded = fold(heading).strip()
    return (
        len(folded.split()) >= 2
        and not GENERIC_LABEL.search(folded)
        and not NEWS_HEADING.search(folded)
    )


def unknown_topics(notes: list[Note], section: CompanySection) -> list[str]:
    """Topics neither a fact in the brief nor any note line covers, by the same classifier."""
    lines = [ln for n in notes for ln in usable_lines(n)]
    found = {f.topic for f in section.facts}
    missing = [
        t for t, h, x in TOPICS if t not in found and not any(topic_match(ln, h, x) for ln in lines)
    ]
    if "strategy" in missing and section.challenges:
        missing.remove("strategy")
    if not section.developments:
        missing.append("news")
    return missing


def industry_facts(
    notes: list[Note], industry: str, contact: Contact, known: list[str], limit: int = 1
) -> list[Fact]:
    """Trends from industry notes that match the company's industry; none naming other firms."""
    keys = [w for w in re.findall(r"[a-z]+", fold(industry)) if len(w) >= 4]
    if not keys:
        return []
    others = [c for c in known if not same_company(c, contact.company)]
    relevant = [n for n in notes if industry_score(n, keys) > 0]
    lines = [
        ln
        for n in sorted(relevant, key=lambda n: -industry_score(n, keys))
        for ln in usable_lines(n)
        if not any(mentions_company(ln.text, other) for other in others)
    ]
    trend = [ln for ln in lines if "trend" in fold(ln.text + " " + ln.heading)]
    rest = [ln for ln in lines if ln not in trend]
    return take(trend + rest, limit, set(), "industry")


def industry_score(note: Note, keys: list[str]) -> int:
    head = fold(note.meta.get("topic", "") + " " + note.title)
    body = fold(" ".join(ln.text for ln in note.lines))
    return sum(3 * (k in head) + (body.count(k) >= 2) for k in keys)


# ---- partner


def partner_section(
    ws: Workspace,
    contact: Contact,
    contacts: list[Contact],
    person_notes: list[Note],
    known: list[str],
) -> PartnerSection:
    conversations, rehearsals, mentions = history(ws, contact)
    former = former_employers(contact, person_notes, known)
    return PartnerSection(
        name=contact.name,
        role=contact.role,
        company=contact.company,
        relation=contact.relation,
        connection=connection_text(ws, contact, contacts),
        conversations=conversations,
        rehearsals=rehearsals,
        mentions=mentions,
        facts=person_facts(person_notes, former),
        former_employers=former,
    )


def connection_text(ws: Workspace, contact: Contact, contacts: list[Contact]) -> str:
    try:
        from gespraech_assistant.network import warm_path_to_contact
    except ModuleNotFoundError as exc:  # issue 8 not there yet: walk introduced_by ourselves
        if exc.name != "gespraech_assistant.network":
            raise
    else:
        path = warm_path_to_contact(ws, contact.name)
        if path is not None and path.text:
            return path.text
    return introduction_chain(ws.language, contact, contacts)


def introduction_chain(lang: str, contact: Contact, contacts: list[Contact]) -> str:
    if not contact.introduced_by.strip():
        if contact.relation == "primary":
            return msg(lang, de="Direkter Kontakt (primär)", en="Direct contact (primary)")
        return msg(lang, de="Sekundärkontakt; wer vorgestellt hat, ist nicht notiert",
                   en="Secondary contact; who introduced them is not noted")  # fmt: skip
    chain, seen, current = [contact.name], {normalize_name(contact.name)}, contact
    while current.introduced_by.strip() and len(chain) < 6:
        found = find_contacts(contacts, current.introduced_by)
        name = found[0].name if len(found) == 1 else current.introduced_by.strip()
        if normalize_name(name) in seen:
            break
        seen.add(normalize_name(name))
        chain.append(name)
        if len(found) != 1:
            chain[-1] += msg(lang, de=" (nicht in contacts.csv)", en=" (not in contacts.csv)")
            break
        current = found[0]
    first = chain[-1]
    if current is not contact and current.relation == "primary":
        first += msg(lang, de=" (Ihr direkter Kontakt)", en=" (your direct contact)")
    return " → ".join([first, *reversed(chain[:-1])])


def person_facts(notes: list[Note], former: list[str]) -> list[Fact]:
    lines = [ln for n in notes for ln in n.lines if len(ln.text) >= 15]
    used: set[tuple[str, int]] = set()
    facts: list[Fact] = []
    for pattern, limit in PERSON_GROUPS:
        group = [ln for ln in lines if pattern.search(fold(ln.heading)) and not ln.quote]
        # in the career, the stations at companies the user knows matter most
        group.sort(key=lambda ln: not any(mentions_company(ln.text, f) for f in former))
        facts += take(group, limit, used, "person")
    if len(facts) < 3:  # short notes: a quote or whatever is there
        facts += take([ln for ln in lines if ln.quote], 1, used, "quote")
    if len(facts) < 3:
        facts += take(lines, 3 - len(facts), used, "person")
    return facts[:MAX_PERSON_FACTS]


def former_employers(contact: Contact, notes: list[Note], known: list[str]) -> list[str]:
    lines = [ln for n in notes for ln in n.lines]
    path = [ln for ln in lines if PERSON_GROUPS[1][0].search(fold(ln.heading))] or lines
    text = contact.notes + " " + " ".join(ln.text for ln in path)
    found = [c for c in known if not same_company(c, contact.company) and mentions_company(text, c)]
    former = re.findall(r"(?:früher|ehemals|ex-|formerly|previously)\s+(?:bei|at)?\s*([A-ZÄÖÜ]\w+)",
                        contact.notes)  # fmt: skip
    for name in former:
        if not any(same_company(name, c) for c in found) and not same_company(
            name, contact.company
        ):
            found.append(name)
    return found[:3]


def history(
    ws: Workspace, contact: Contact
) -> tuple[list[Conversation], list[Conversation], list[Fact]]:
    """Earlier talks with the partner, rehearsals with them (practice, not a conversation: no
    gist, since a scorecard is no news from the partner), and lines in other debriefs that
    name them."""
    if not ws.history_dir.is_dir():
        return [], [], []
    key, full = normalize_name(contact.name), fold(contact.name)
    conversations, rehearsals, mentions = [], [], []
    for path in sorted(ws.history_dir.rglob("*.md"), reverse=True):
        note = read_note(ws.root, ws.rel(path))
        who = note.meta.get("contact") or note.meta.get("person") or ""
        day = note.meta.get("date") or path.name[:10]
        if is_rehearsal(note):
            if who and normalize_name(who) == key:
                rehearsals.append(Conversation(date=day, source=note.source, title=note.title))
        elif who and normalize_name(who) == key:
            conversations.append(conversation(note, day))
        else:
            mentions += [fact_from(ln, "history") for ln in note.lines if full in fold(ln.text)]
    return conversations[:MAX_CONVERSATIONS], rehearsals[:MAX_CONVERSATIONS], mentions[:1]


def is_rehearsal(note: Note) -> bool:
    kind = fold(note.meta.get("kind", "") or note.meta.get("type", "")).strip()
    return kind in REHEARSAL_KINDS


def conversation(note: Note, day: str) -> Conversation:
    gist = [ln for ln in note.lines if GIST_HEADING.search(fold(ln.heading)) and not ln.todo]
    gist = gist or [ln for ln in note.lines if ln.bullet and not ln.todo]
    return Conversation(
        date=day,
        source=note.source,
        title=note.title,
        gist=[fact_from(ln, "history") for ln in gist[:3]],
        open_items=[fact_from(ln, "history") for ln in note.lines if ln.todo == " "][:3],
    )
