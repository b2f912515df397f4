"""The simulated partner's world: persona, grounding passages and the people they may name.

Everything comes from the workspace (contacts.csv, targets.csv, notes, history, profile.md);
nothing is invented, so the offline partner can only offer people the user really records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gespraech_assistant.lists import load_contacts, load_targets
from gespraech_assistant.models import Contact, Passage, Target
from gespraech_assistant.rehearsal import CompanyMention, KnownPerson, Persona
from gespraech_assistant.textnorm import fold, normalize_name, same_company

MINUTES = {"friendly": 30, "busy": 15, "sceptical": 20}
CARES_HEADINGS = re.compile(
    r"beschaeftigt|interessier|wichtig|themen|schwerpunkt|prioritaet|cares|focus|interest|"
    r"priorit|topics|what matters"
)
COMPANY_TOPIC_HEADINGS = re.compile(
    r"herausforderung|entwicklung|aktuell|challenge|development|news|strategie|strategy"
)
# Questions about the industry or market: answered from industry and company notes, never from
# the partner's CV ("Wie sieht die Entwicklung im Maschinenbau aus?").
TREND_WORDS = re.compile(
    r"\btrend|\bbranche|\bmarkt|\bmaerkte|\bindustrie|\bindustry|\bmarket|\bsector|"
    r"\bsektor|\bentwicklung|\bwohin geht|\bzukunft|\bfuture|\bdevelopment|\boutlook"
)
BACKGROUND_HEADINGS = re.compile(r"werdegang|laufbahn|background|career|lebenslauf")
STRENGTH_HEADINGS = re.compile(r"staerken|strengths|was ich anbiete|what i offer|erfolge")
# The user's own notes about why a company fits them: the partner must not speak these lines.
USER_SIDE_HEADINGS = re.compile(
    r"fuer mich|for me|relevanz|anknuepf|my angle|why me|talking points|meine|offene fragen|"
    r"open questions|naechste schritte|next steps|vereinbarung|agreed|eindruecke|impressions"
)
_NAME = r"(?:Dr\.\s+|Prof\.\s+)?([A-ZÄÖÜ][a-zäöüéèàç]+(?:-[A-ZÄÖÜ][a-zäöüéèàç]+)?\s+[A-ZÄÖÜ][a-zäöüéèàç]+(?:-[A-ZÄÖÜ][a-zäöüéèàç]+)?)"
_ROLE_BEFORE_NAME = re.compile(
    r"\b(CEO|CFO|COO|CTO|CIO|CHRO|Chef(?:in)?|Leiter(?:in)?|Head|Gründer(?:in)?|Founder|"
    r"Inhaber(?:in)?|Geschäftsführer(?:in)?|Vorgänger(?:in)?|Managing Director|Director|"
    r"Verwaltungsratspräsident(?:in)?|Präsident(?:in)?)\b[^.;\n]{0,40}?[:\s,]\s*" + _NAME
)
NOT_NAME_WORDS = {
    "supply", "chain", "operations", "management", "planning", "procurement", "finance",
    "quality", "sales", "marketing", "digital", "health", "global", "group", "europe",
    "strategy", "product", "engineering", "manufacturing", "logistics", "excellence",
    "talent", "acquisition", "people", "grid", "storage", "lead", "senior", "head", "chief",
    "officer", "business", "services", "solutions", "projekt", "einkauf", "technik",
    "vorgaenger", "vorgaengerin", "leiter", "leiterin", "chef", "chefin", "ceo", "cfo", "coo",
    "cto", "gruender", "gruenderin", "inhaber", "inhaberin", "director", "founder", "werk",
    "standort", "team", "neue", "neuer", "neues", "die", "der", "das",
}  # fmt: skip


@dataclass
class PartnerWorld:
    """Loaded once per session: the partner, the lists, the retriever."""

    persona: Persona
    contact: Contact
    contacts: list[Contact]
    targets: list[Target]
    retriever: Any
    profile_strengths: list[str] = field(default_factory=list)
    profile_background: list[str] = field(default_factory=list)
    note_people: list[KnownPerson] = field(default_factory=list)
    ws: Any = None
    _lexical: Any = None
    _facts: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def lexical(self) -> Any:
        """BM25 only: no query embedding for fixed queries and short person notes."""
        if self._lexical is None:
            from gespraech_assistant.index.search import Retriever

            self._lexical = Retriever(self.ws, mode="lexical", refresh=False)
        return self._lexical

    @property
    def partner_target(self) -> Target | None:
        return next(
            (t for t in self.targets if same_company(t.company, self.contact.company)), None
        )


def clean_line(text: str) -> str:
    """A Markdown bullet or paragraph as plain text."""
    text = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", text.strip())
    text = re.sub(r"^\s*>\s*", "", text)
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def is_rehearsal(meta_or_passage: dict[str, Any] | Passage) -> bool:
    """Rehearsal transcripts are simulated talk: never ground a reply on them."""
    if isinstance(meta_or_passage, Passage):
        return "rehearsal" in meta_or_passage.source or meta_or_passage.topic == "rehearsal"
    return "rehearsal" in str(meta_or_passage.get("source", "")) or (
        meta_or_passage.get("topic") == "rehearsal"
    )


def is_trend_question(text: str, industry: str = "") -> bool:
    folded = fold(text)
    if TREND_WORDS.search(folded):
        return True
    name = fold(industry).strip()
    return bool(name) and len(name) >= 4 and name in folded


def usable_passage(passage: Passage) -> bool:
    return not is_rehearsal(passage) and not USER_SIDE_HEADINGS.search(fold(passage.heading))


def _bullets(chunks: list[dict[str, Any]], heading_re: re.Pattern[str], limit: int) -> list[str]:
    out: list[str] = []
    for chunk in chunks:
        last_heading = fold(chunk["meta"].get("heading", "").split("›")[-1])
        if not heading_re.search(last_heading):
            continue
        for line in chunk["text"].split("\n"):
            text = clean_line(line)
            if len(text) > 12 and text not in out:
                out.append(text)
    return out[:limit]


def _person_chunks(retriever: Any, contact: Contact) -> list[dict[str, Any]]:
    key = normalize_name(contact.name)
    return [
        c
        for c in retriever.chunks
        if key and c["meta"].get("person_key") == key and not is_rehearsal(c["meta"])
    ]


def _company_chunks(retriever: Any, contact: Contact) -> list[dict[str, Any]]:
    if not contact.company:
        return []
    keys = retriever.company_keys(contact.company)
    return [
        c
        for c in retriever.chunks
        if c["meta"].get("company_key") in keys
        and not c["meta"].get("person_key")
        and not is_rehearsal(c["meta"])
    ]


def _last_talk(retriever: Any, contact: Contact) -> tuple[str, list[str]]:
    history = [c for c in _person_chunks(retriever, contact) if c["meta"].get("kind") == "history"]
    if not history:
        return "", []
    latest = max(c["meta"].get("date", "") for c in history)
    points = _bullets(
        [c for c in history if c["meta"].get("date", "") == latest],
        re.compile(r"erfahren|learned|learnt|was ich|key points|inhalt"),
        3,
    )
    return latest, points


def annoyances(language: str, style: str) -> list[str]:
    de = {
        "base": [
            "Fragen, die auf der Website oder im Geschäftsbericht stehen",
            "direkte Fragen nach einer Stelle",
            "wenn man ihm/ihr die Verantwortung fürs eigene Ziel zuschiebt",
        ],
        "busy": ["lange Vorreden", "Gespräche ohne klares Ziel"],
        "sceptical": ["vage Aussagen ohne Beispiele", "Schmeicheleien"],
        "friendly": ["Jammern statt Handeln"],
    }
    en = {
        "base": [
            "questions answered on the website or in the annual report",
            "being asked for a job",
            "being handed responsibility for the other person's goal",
        ],
        "busy": ["long preambles", "talks without a clear goal"],
        "sceptical": ["vague claims without examples", "flattery"],
        "friendly": ["complaining instead of acting"],
    }
    table = de if language == "de" else en
    return table["base"] + table[style]


def profile_strengths(ws: Any) -> tuple[str, list[str], list[str]]:
    """The user's name, strength bullets and background lines from profile.md, as the user
    wrote them: template hints (<!-- … -->) and unfilled sections are gone."""
    from gespraech_assistant.profile import profile_owner, read_profile

    text = read_profile(ws)
    section, strengths, background = "", [], []
    for line in text.split("\n"):
        if line.startswith("#"):
            section = fold(line.strip("# ")) if not line.startswith("# ") else ""
        elif clean_line(line) and STRENGTH_HEADINGS.search(section):
            strengths.append(clean_line(line))
        elif clean_line(line):
            background.append(clean_line(line))
    return clean_line(profile_owner(text)), strengths[:6], background[:12]


def _people_in_notes(chunks: list[dict[str, Any]], company: str) -> list[KnownPerson]:
    """Names that notes about the partner's company mention with a role ('CEO: Dr. Simone Gerber')."""
    found: dict[str, KnownPerson] = {}
    for chunk in chunks:
        for match in _ROLE_BEFORE_NAME.finditer(chunk["text"]):
            role, name = match.group(1), match.group(2)
            if {fold(w) for w in name.replace("-", " ").split()} & NOT_NAME_WORDS:
                continue
            context = clean_line(chunk["text"][max(0, match.start() - 20) : match.end() + 30])
            found.setdefault(
                normalize_name(name),
                KnownPerson(
                    name=name,
                    company=company,
                    role=role,
                    reason=context[:120],
                    source=f"{chunk['meta']['source']}:{chunk['meta'].get('line') or 1}",
                ),
            )
    return list(found.values())


def build_world(ws: Any, contact: Contact, style: str, retriever: Any) -> PartnerWorld:
    contacts = load_contacts(ws.contacts_path, ws.root).records
    targets = load_targets(ws.targets_path, ws.root).records if ws.targets_path.exists() else []
    person_chunks = _person_chunks(retriever, contact)
    company_chunks = _company_chunks(retriever, contact)
    cares = _bullets(person_chunks, CARES_HEADINGS, 4) or _bullets(
        company_chunks, COMPANY_TOPIC_HEADINGS, 4
    )
    last_date, last_points = _last_talk(retriever, contact)
    user_name, strengths, profile_background = profile_strengths(ws)
    target = next((t for t in targets if same_company(t.company, contact.company)), None)
    persona = Persona(
        name=contact.name,
        company=contact.company,
        role=contact.role,
        language=ws.language,
        style=style,  # type: ignore[arg-type]
        relation=contact.relation,
        introduced_by=contact.introduced_by,
        industry=target.industry if target else "",
        background=_bullets(person_chunks, BACKGROUND_HEADINGS, 4),
        cares_about=cares,
        annoyed_by=annoyances(ws.language, style),
        last_talk=last_date,
        last_talk_points=last_points,
        user_name=user_name,
        minutes=MINUTES.get(style, 30),
    )
    world = PartnerWorld(
        persona, contact, contacts, targets, retriever, strengths, ws=ws,
        profile_background=profile_background,
    )  # fmt: skip
    excluded = {normalize_name(contact.name), normalize_name(user_name)}
    world.note_people = [
        p
        for p in _people_in_notes(company_chunks + person_chunks, contact.company)
        if normalize_name(p.name) not in excluded
    ]
    return world


# ---------------------------------------------------------------- people the partner may offer


def _contact_person(contact: Contact, reason: str) -> KnownPerson:
    return KnownPerson(
        name=contact.name,
        company=contact.company,
        role=contact.role,
        reason=reason,
        source=f"contacts.csv:{contact.line}" if contact.line else "contacts.csv",
    )


def offerable_people(world: PartnerWorld, companies: list[str]) -> list[KnownPerson]:
    """Only people the workspace records: introduced by the partner, at named companies, or
    named in notes about the partner's company. Never the partner, the introducer or the user."""
    me = normalize_name(world.contact.name)
    skip = {
        me,
        normalize_name(world.contact.introduced_by),
        normalize_name(world.persona.user_name),
    }
    out: dict[str, KnownPerson] = {}

    def add(person: KnownPerson) -> None:
        key = normalize_name(person.name)
        if key and key not in skip:
            out.setdefault(key, person)

    for company in companies:
        for c in world.contacts:
            # Primary contacts the user already knows; the partner opens doors to new people.
            if same_company(c.company, company) and c.relation != "primary":
                add(_contact_person(c, f"works at {c.company}"))
    for c in world.contacts:
        if normalize_name(c.introduced_by) == me:
            add(_contact_person(c, f"introduced by {world.contact.name}"))
    for person in world.note_people:
        add(person)
    return list(out.values())


def company_mentions(world: PartnerWorld, companies: list[str]) -> list[CompanyMention]:
    """What the partner can say about each target company: people and one fact from the notes."""
    mentions = []
    for company in companies:
        target = next((t for t in world.targets if same_company(t.company, company)), None)
        people = [p for p in offerable_people(world, [company]) if same_company(p.company, company)]
        fact, source = company_fact(world, company)
        mentions.append(
            CompanyMention(
                company=target.company if target else company,
                priority=(target.priority or "") if target else "",
                industry=target.industry if target else "",
                people=people,
                fact=fact,
                source=source,
            )
        )
    return mentions


def company_fact(world: PartnerWorld, company: str) -> tuple[str, str]:
    if company not in world._facts:
        world._facts[company] = _company_fact(world, company)
    return world._facts[company]


def _company_fact(world: PartnerWorld, company: str) -> tuple[str, str]:
    passages = [
        p
        for p in world.lexical.search(
            "aktuelle Entwicklungen Herausforderungen current developments", k=3, company=company
        )
        if usable_passage(p)
    ]
    for passage in passages:
        for line in passage.text.split("\n"):
            text = clean_line(line)
            if 30 <= len(text) <= 220 and not first_person(text):
                return text, f"{passage.source}:{passage.line or 1}"
    return "", ""


_FIRST_PERSON = re.compile(r"\b(ich|mich|mir|mein\w*|i|me|my|mine)\b")


def first_person(text: str) -> bool:
    """Sentences in the user's own voice ('meine Erfahrung …') can't be the partner's words."""
    return bool(_FIRST_PERSON.search(fold(text)))
