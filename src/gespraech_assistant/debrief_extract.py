"""The offline (deterministic) debrief extractor: rules over the note's structure and text.

Template sections are parsed exactly; free text goes through the patterns in
`debrief_people` (people, companies) and the cue lists below (company hints, steps).
Known contacts are recognised tolerantly and never proposed twice; the partner is never
a new contact.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from gespraech_assistant.dates import find_due
from gespraech_assistant.debrief import (
    CompanyHint,
    ContactUpdate,
    DebriefExtraction,
    DebriefRequest,
    KnownPerson,
    NewContact,
    NextStep,
)
from gespraech_assistant.debrief_contact_line import name_in_line
from gespraech_assistant.debrief_notes import Note, Unit, parse_note
from gespraech_assistant.debrief_people import (
    _NOT_SURNAME,
    _PREP,
    CAP,
    EMAIL,
    LINKEDIN,
    CompanyBook,
    CompanyRef,
    Mention,
    Person,
    canonical_first,
    clean_role,
    company_phrase,
    discover_companies,
    display_name,
    find_mentions,
    is_role,
    similar_word,
    split_name,
)
from gespraech_assistant.first_names import is_first_name
from gespraech_assistant.i18n import msg
from gespraech_assistant.textnorm import fold, normalize_company, normalize_name

HINT_WORDS = re.compile(
    r"hiring|\bhire|looking for|abgeworben|abwerb|poach|\bcuts?\b|kuerz|streich|recruit|such|gesucht|einstell|stellt\b.*\bein\b|\bfreeze|stopp|abbau|"
    r"\bbaut\b|stellen ab|job cuts|layoff|entlass|waechst|wachs|growing|growth|expand|ausbau|"
    r"aufbau|aufstell|eroeffn|\bopen|new site|werk\b|lager\b|standort|niederlassung|\boffice|"
    r"\bhub\b|reorg|umstruktur|restruktur|umstell|projekt|project|\bnutz|\buses?\b|\bsap\b|"
    r"stimmung|kultur|culture|fluktuation|turnover|abgaeng|negativ|schlecht|\bpoor|toxic|"
    r"budget|\brollen?\b|\broles?\b|\bstellen?\b|position|vakan|vacanc|ausgeschrieben|"
    r"ausschreib|posted|\bpost\b|advertis|outsourc|auslager|lagert\b.*\baus\b|funding|"
    r"finanzierung|investor|kunde|customer|\bclient|contract|auftrag|verlier|\blost\b|shrink|"
    r"schrumpf|krise|crisis|verkauf|acquisi|uebernahme|merger|fusion|joint|plattform|platform|"
    r"chancen|opportunit|mentoring|programm|executive search|specialis|spezialis|headhunter|"
    r"register|\bneeds?\b|braucht|brauchen|bedarf|mandat|moving|verlager|zentralis|centralis|"
    r"onboarding|quereinsteiger|career changer|new team|neues team|interim|replac|ersetz|"
    r"nachfolge|successor|sparprogramm|kosten|cost"
)
_QUESTION = re.compile(r"\b(?:ob|whether)\b|\bif\b.*\?$|^\s*(?:fragen|ask|frage)\b")
# Sentences that commit someone to an action (the user or the partner).
STRONG_STEP = re.compile(
    r"\bich (?:werde|will|schick|schicke|sende|melde|rufe|frage|schreibe|kontaktiere|bereite|"
    r"muss|mache|lese|bewerbe)\b|\b(?:will|muss|werde|schreibe|schick|schicke|melde|rufe|"
    r"frage|sende) ich\b|\bschickt mir\b|\bsendet mir\b|\bstellt mich\b.*\bvor\b|"
    r"\bleitet\b.*\bweiter\b|\bmeldet sich\b|\bvermittelt\b|\bi (?:will|need to|must|'ll|"
    r"have to|am going to|want to|plan to)\b|\bi'll\b|\b(?:will|'ll) (?:send|forward|introduce|"
    r"let me know|check|get back|talk|connect|arrange|call|email|ask|share|put me)\b|"
    r"\b(?:arranges|organisiert|vereinbart)\b|\blet me know\b|\bintroduces me\b|"
    r"\b(?:gibt|gives|sends|schickt) mir\b|\b(?:gives|sends) me\b|\boffered to\b|"
    r"\bpromised to\b|\bbietet an\b|\bangeboten\b|\bversprochen\b|"
    r"\b(?:ich soll|soll ich)\b.*\b(?:melden|anrufen|kontaktieren|anschreiben|schreiben)\b|"
    r"\bstellt\b.{0,40}\bkontakt\b|\bkontakt\b.{0,30}\bher\b",
    re.I,
)
# To-dos written as commands: "send Raphael my profile", "apply stadler before xmas".
IMPERATIVE_STEP = re.compile(
    r"^(?:then\s+|also\s+|and\s+)?(?:send|apply|reach out|call|e-?mail|mail|write|ask|check|"
    r"follow up|prepare|update|contact|ping|message|book|schedule|set up|look into|register|"
    r"sign up|connect|thank|draft|submit|forward|introduce myself)\b(?!\s*:)",
    re.I,
)
# German to-dos in the infinitive: "Martin fragen, ob …", "Bis Montag Profil im Portal anlegen."
_TODO_VERBS = (
    r"(?:an|nach|zu|vor|ein|weiter|ueber|ab|auf|aus|durch|mit|zurueck)?(?:rufen|fragen|"
    r"schreiben|senden|schicken|melden|mailen|legen|reichen|stellen|erstellen|ergaenzen|passen|"
    r"arbeiten|bereiten|registrieren|danken|bedanken|klaeren|recherchieren|lesen|buchen|lernen|"
    r"schauen|sehen|besuchen|setzen|kontaktieren|aktualisieren|bewerben|pruefen|planen|"
    r"vereinbaren|organisieren|informieren|treffen|nachfassen)"
)
INFINITIVE_STEP = re.compile(
    rf"^(?![^,;.]*\b(?:ich|er|sie|wir|man|es|du|ihr)\b)[^,;.]{{0,80}}?\b{_TODO_VERBS}"
    r"\s*(?:[,;.!]|$)"
)
WEAK_STEP = re.compile(
    r"\bich soll\b|\bsoll ich\b|\bi should\b|\bkommt\b|\bcomes\b|\bsend me\b|\bschicken\b|"
    r"\b(?:an|nach|zu|vor|ein|weiter|ueber)?(?:rufen|fragen|schreiben|senden|schicken|melden|"
    r"haken|schauen|bereiten|reichen|kontaktieren|arbeiten|aktualisieren|informieren|lesen|"
    r"vereinbaren|bewerben|treffen|organisieren|planen|pruefen|nachfassen|anrufen|umschreiben)\b",
    re.I,
)
_STEP_SECTIONS = ("steps",)


def extract(request: DebriefRequest) -> DebriefExtraction:
    note = parse_note(request.note)
    known = [k for k in request.known_contacts if not _is_partner_name(k.name, request.partner)]
    book = CompanyBook(request.targets, [k.company for k in request.known_contacts])
    if request.partner_company:
        book.others.append(request.partner_company)
    people = _People(request, known, book, note)
    people.run()
    hints = _company_hints(note, people)
    # promises made to a simulated partner are no to-dos
    steps = [] if is_rehearsal(request) else _next_steps(note, request.meeting_date)
    information = _information(note, people)
    new_contacts = [
        NewContact(
            name=p.name,
            company=p.company,
            role=p.role,
            email=p.email,
            linkedin=p.linkedin,
            introduced_by=request.partner,
            evidence=p.evidence,
        )
        for p in people.new
    ]
    extraction = DebriefExtraction(
        information=information,
        new_contacts=new_contacts,
        known_contacts=people.known_updates(),
        company_hints=hints,
        next_steps=steps,
    )
    extraction.summary = summary(extraction, request)
    # a rehearsal partner is simulated: nobody to thank
    extraction.thank_you = "" if is_rehearsal(request) else thank_you(extraction, request)
    return extraction


def is_rehearsal(request: DebriefRequest) -> bool:
    return request.source_kind == "rehearsal" or parse_note(request.note).meta.get(
        "kind", ""
    ).lower() in ("rehearsal", "probe")


# ---------------------------------------------------------------- people


def _is_partner_name(name: str, partner: str) -> bool:
    return normalize_name(name) == normalize_name(partner)


class _People:
    """Collects mentions, resolves them to the partner, known contacts or new people."""

    def __init__(
        self, request: DebriefRequest, known: list[KnownPerson], book: CompanyBook, note: Note
    ) -> None:
        self.request = request
        self.known = known
        self.book = book
        self.note = note
        self.partner_first, self.partner_last = split_name(request.partner)
        self.new: list[Person] = []
        self.found_known: dict[str, tuple[KnownPerson, str, dict[str, str]]] = {}
        self.mentions: dict[int, list[Mention]] = {}
        self.companies: dict[int, list[CompanyRef]] = {}
        self.bound_spans: dict[int, list[tuple[int, int]]] = {}

    # -- pipeline
    def run(self) -> None:
        units = self.note.units
        for i, unit in enumerate(units):
            structured = unit.section == "contacts"
            text = _first_segment(unit.text) if structured else unit.text
            self.mentions[i] = find_mentions(unit.text, i, is_company=self._is_company)
            if structured:
                self.mentions[i] = _structured_mentions(unit.text, text, i, self.book)
        for i, unit in enumerate(units):
            blocked = [(m.start, m.end) for m in self.mentions[i] if m.strength >= 1]
            blocked += [(m.start(), m.end()) for m in EMAIL.finditer(unit.text)]
            blocked += [(m.start(), m.end()) for m in LINKEDIN.finditer(unit.text)]
            if unit.section == "hints":
                head = _hint_company_part(unit.text)
                if head and not self.book.canonical(head)[1]:
                    self.book.add_new(head)
            discover_companies(unit.text, self.book, blocked)
            _discover_subject(unit.text, self.book, blocked)  # before people bind employers
        for i, unit in enumerate(units):
            blocked = [(m.start, m.end) for m in self.mentions[i] if m.strength >= 1]
            self.companies[i] = self.book.find(unit.text, blocked)
        ordered = sorted(
            (m for ms in self.mentions.values() for m in ms), key=lambda m: -m.strength
        )
        for mention in ordered:
            self._resolve(mention)
        self._assign_stray_emails()
        # companies first met during resolution ("von Otis", "bei Kone") count for hints too
        for i, unit in enumerate(units):
            blocked = [(m.start, m.end) for m in self.mentions[i] if m.strength >= 1]
            _discover_subject(unit.text, self.book, blocked)
            self.companies[i] = self.book.find(unit.text, blocked)

    def _is_company(self, word: str) -> bool:
        canonical, known = self.book.canonical(word)
        return known or canonical != word or canonical in self.book.others + self.book.new

    def _assign_stray_emails(self) -> None:
        """ "Seine Adresse: lukas.meier@talwind.ch": an address whose local part spells a name."""
        used = {p.email for p in self.new if p.email}
        for unit in self.note.units:
            for m in EMAIL.finditer(unit.text):
                address = m.group(0)
                if address in used:
                    continue
                local = set(re.split(r"[._-]", fold(address.split("@")[0])))
                for person in self.new:
                    last = normalize_name(person.last)
                    first = normalize_name(person.first)
                    if person.email or not last or last not in local:
                        continue
                    if first and not (
                        local & set(first.split())
                        or any(len(x) == 1 and first.startswith(x) for x in local)
                    ):
                        continue
                    person.email = address
                    used.add(address)
                    if not person.company:
                        person.company = self._weak_company_from_email(address)
                    break

    # -- resolution
    def _is_partner(self, m: Mention) -> bool:
        pf, pl = self.partner_first, self.partner_last
        full = normalize_name(self.request.partner)
        said = normalize_name(f"{m.first} {m.last}")
        # "O'Connor" is "o connor": the surname may be two words once normalised
        same_last = bool(m.last) and (said == full or full.endswith(" " + normalize_name(m.last)))
        if same_last and (not m.first or full.startswith(normalize_name(m.first).split()[0] + " ")):
            return True
        if m.first and m.last:
            return similar_word(m.last, pl) and (
                not pf or similar_word(m.first.split()[0], pf.split()[0])
            )
        if m.last:
            return (
                similar_word(m.last, pl)
                and (not m.initial or fold(m.initial) == pf[:1])
                and not self._new_with_last(m.last)
            )
        return bool(pf) and normalize_name(m.first) == pf.split()[0]

    def _new_with_last(self, last: str) -> Person | None:
        for p in self.new:
            if p.last and similar_word(p.last, last):
                return p
        return None

    def _known_match(self, m: Mention) -> KnownPerson | None:
        candidates = []
        for k in self.known:
            first, last = split_name(k.name)
            if m.last and not similar_word(m.last, last):
                continue
            if (
                m.first
                and m.last
                and not similar_word(m.first.split()[0], first.split()[0])
                and canonical_first(m.first.split()[0]) != canonical_first(first.split()[0])
            ):
                continue
            if m.initial and not first.startswith(fold(m.initial)):
                continue
            if not m.last:
                if not m.first or normalize_name(m.first) != first.split()[0]:
                    continue
                if m.qualifier and not self._qualifies(k, m.qualifier):
                    continue
            candidates.append(k)
        if len(candidates) != 1:
            return None
        if not m.last and not m.qualifier and self._first_name_taken(m.first):
            return None  # 'Anna' after 'Anna Roth' was introduced is Anna Roth
        return candidates[0]

    def _new_with_first_names(self, m: Mention) -> Person | None:
        """'Ana Lúcia' after 'Ana Lúcia Ferreira dos Santos': the same person, first names only."""
        said = normalize_name(f"{m.first} {m.last}")
        for p in self.new:
            if (
                normalize_name(p.name).startswith(said + " ")
                and p.first
                and (
                    normalize_name(p.first) == said
                    or normalize_name(p.first).startswith(said + " ")
                )
            ):
                return p
        return None

    def _surname_from_address(self, m: Mention) -> str | None:
        text = self.note.units[m.unit].text
        first = normalize_name(m.first)
        for address in EMAIL.finditer(text):
            parts = re.split(r"[._-]", fold(address.group(0).split("@")[0]))
            if len(parts) == 2 and parts[0] == first and len(parts[1]) >= 3:
                return display_name(parts[1])
        return None

    def _first_name_taken(self, first: str) -> bool:
        """A bare first name is a known contact only when nobody new in the note has it."""
        key = normalize_name(first)
        return any(p.first and normalize_name(p.first).split()[0] == key for p in self.new)

    def _qualifies(self, k: KnownPerson, qualifier: str) -> bool:
        return bool(k.company) and normalize_company(qualifier) in normalize_company(k.company)

    def _resolve(self, m: Mention) -> None:
        unit = self.note.units[m.unit]
        if self._is_partner(m):
            self._bind_details(m, None)
            return
        if m.strength == 0:  # a first name alone: a known contact only with a qualifier
            for p in self.new:
                if p.first and normalize_name(p.first).split()[0] == normalize_name(m.first):
                    return
            hit = self._known_match(m)
            if hit:
                self._add_known(hit, m, {})
                return
            surname = self._surname_from_address(m)
            if surname:  # 'Rahel …, rahel.gisler@…': the address completes the name
                person = Person(first=m.first, last=surname, evidence=unit.text)
                self.new.append(person)
                self._bind_details(m, person)
            return
        if m.strength == 1:  # surname only: someone named earlier in the note first
            same = self._new_with_last(m.last)
            if same:
                self._bind_details(m, same)
                return
        hit = self._known_match(m)
        if hit:
            self._add_known(hit, m, self._details(m))
            return
        person = self._new_with_last(m.last) if m.last else None
        person = person or self._new_with_first_names(m)
        if (
            person
            and m.first
            and person.first
            and not similar_word(person.first.split()[0], m.first.split()[0])
        ):
            person = None
        if person is None:
            person = Person(first=m.first, last=m.last, evidence=unit.text)
            self.new.append(person)
        elif m.first and not person.first:
            person.first = m.first
        self._bind_details(m, person)

    def _add_known(self, k: KnownPerson, m: Mention, details: dict[str, str]) -> None:
        key = normalize_name(k.name)
        wanted = {f: v for f, v in details.items() if v and not getattr(k, f, "")}
        label = " ".join(x for x in (m.first, m.last) if x)
        if key in self.found_known:
            _, mentioned, have = self.found_known[key]
            self.found_known[key] = (k, mentioned, {**wanted, **have})
        else:
            self.found_known[key] = (k, label, wanted)

    def known_updates(self) -> list[ContactUpdate]:
        return [
            ContactUpdate(name=k.name, mentioned_as=label, updates=updates)
            for k, label, updates in self.found_known.values()
        ]

    # -- details (company, role, e-mail) around a mention
    def _details(self, m: Mention) -> dict[str, str]:
        """Company, role, e-mail written next to the mention; remembers the span they use
        so a company named only as someone's employer is no company hint."""
        unit = self.note.units[m.unit]
        if unit.section == "contacts":
            span = (m.start, m.end) if m.strength == 3 else None
            return _segment_details(unit.text, self.book, span)
        details = _context_details(
            unit.text, m, self.mentions[m.unit], self.book, self.companies.get(m.unit, [])
        )
        start, end = (int(x) for x in details.pop("_span").split(":"))
        self.bound_spans.setdefault(m.unit, []).append((start, end))
        return details

    def _bind_details(self, m: Mention, person: Person | None) -> None:
        details = self._details(m)
        unit = self.note.units[m.unit]
        if person is None:
            return
        if details.get("company") and person.company_weak:
            person.company, person.company_weak = None, False  # a guess gives way to the note
        for field_name in ("company", "role", "email", "linkedin"):
            value = details.get(field_name)
            if value and not getattr(person, field_name):
                setattr(person, field_name, value)
        if not person.company:
            weak = self._weak_company(m, person)
            if weak:
                person.company, person.company_weak = weak, True
        if unit.section == "contacts" or not person.evidence:
            person.evidence = unit.text

    def _weak_company_from_email(self, address: str) -> str | None:
        domain = address.split("@", 1)[1].rsplit(".", 1)[0].replace("-", " ")
        for name in self.book.targets + self.book.others + self.book.new:
            if normalize_company(name).replace(" ", "") == fold(domain).replace(" ", ""):
                return name
            if same_company_loose(name, domain):
                return name
        return self._company_named_like(domain)

    def _company_named_like(self, domain: str) -> str | None:
        """'stefan.moser@aareverkehr.example' and 'bei der aareverkehr ag' in the note: the
        note's own spelling of the domain's company (capitalised when written in lower case)."""
        squashed = fold(domain).replace(" ", "")
        if len(squashed) < 4 or squashed in _MAIL_HOSTS:
            return None
        legal = r"(?:\s+(?:ag|gmbh|sa|ltd|inc|se|kg))?"
        for unit in self.note.units:
            for m in re.finditer(rf"(?<![\w@./-])([\w-]+){legal}(?![\w@-])", unit.text, re.I):
                if fold(m.group(1)).replace("-", "") != squashed:
                    continue
                words = m.group(0).split()
                name = " ".join(
                    w.upper()
                    if w.lower() in ("ag", "gmbh", "sa", "se", "kg") and w.islower()
                    else (w[:1].upper() + w[1:] if w.islower() else w)
                    for w in words
                ).replace("GMBH", "GmbH")
                return self.book.add_new(name) or None
        return None

    def _weak_company(self, m: Mention, person: Person) -> str | None:
        """E-mail domain, else the nearest company named before in the same paragraph."""
        if person.email and (by_mail := self._weak_company_from_email(person.email)):
            return by_mail
        if person.email and fold(person.email.split("@")[-1]).split(".")[0] not in _MAIL_HOSTS:
            return None  # an own company domain: the partner's company would be a guess
        unit = self.note.units[m.unit]
        if unit.section == "contacts":
            return None
        for i in range(m.unit, -1, -1):
            other = self.note.units[i]
            if other.paragraph != unit.paragraph:
                break
            refs = [c for c in self.companies.get(i, []) if i != m.unit or c.end <= m.start]
            if refs:
                return refs[-1].name
        return None


_SUBJECT_NAME = rf"((?:{CAP}|[A-Z]{{2,}})(?:\s+(?:{CAP}|[A-Z]{{2,}})){{0,2}})"
_SUBJECT = re.compile(
    rf"^{_SUBJECT_NAME}\s+(?:is|are|has|will)\s+(?:now\s+|currently\s+|also\s+)?"
    r"(?:hiring|moving|expanding|growing|opening|closing|cutting|building|looking|planning|"
    r"opened|announced|recruiting|reorgani[sz]ing|restructuring|outsourcing|investing|setting up|"
    r"replacing|preparing|launching|introducing|rolling out|switching|migrating|struggling|"
    r"short on|seeking|adding|merging|selling|acquiring|centrali[sz]ing|relocating|starting|"
    r"digiti[sz]ing|moderni[sz]ing|upgrading|postponed|frozen|filled|downsizing)\b|"
    rf"^{_SUBJECT_NAME}\s+(?:needs|wants|plans|postponed|filled|hired|cut|closed|launched|"
    r"acquired|bought|sold|struggles|lost|won)\b|"
    rf"^{_SUBJECT_NAME}\s+(?:wächst|waechst|expandiert|eröffnet|eroeffnet|rekrutiert|"
    r"restrukturiert|investiert|streicht|schliesst|stellt|sucht|baut|plant|braucht|verlagert|"
    r"übernimmt|uebernimmt|digitalisiert|modernisiert|zentralisiert|lagert|fusioniert|verkauft|"
    r"ersetzt|hat\s+\S+\s+(?:verschoben|gestoppt|abgesagt|besetzt))\b"
)


_SENTENCE_OPENERS = {
    "apparently",
    "also",
    "now",
    "then",
    "anyway",
    "however",
    "meanwhile",
    "plus",
    "laut",
    "gemaess",
    "according",
    "aber",
    "auch",
    "dann",
    "jetzt",
    "zudem",
    "ausserdem",
    "offenbar",
    "anscheinend",
    "angeblich",
    "gruppe",
    "firma",
    "company",
    "team",
    "unternehmen",
    "konzern",
    "abteilung",
    "everyone",
    "nobody",
    "somebody",
    "jemand",
    "niemand",
}


# 'Bank Walensee is replacing …': institutions named word-first
_INSTITUTION_WORDS = {"bank", "banque", "banca", "spital", "klinik", "hotel", "stiftung", "verlag"}


def _discover_subject(text: str, book: CompanyBook, blocked: list[tuple[int, int]]) -> None:
    """ "Otis is moving its service hub to Zurich", "Kone wächst": an unknown name as the
    subject of a company verb is a company (pronouns, first names and nouns excluded)."""
    m = _SUBJECT.match(text.strip())
    if not m:
        return
    words = next(g for g in m.groups() if g).split()
    while words and fold(words[0]) in _SENTENCE_OPENERS:
        words = words[1:]  # 'Apparently Nordlicht is hiring', 'Laut Thomas sucht …'
    if not words or (len(words) == 1 and fold(words[0]) in _SENTENCE_OPENERS):
        return
    name = " ".join(words)
    first = words[0]
    if (
        any(s < len(name) for s, _ in blocked)
        or (fold(first) in _NOT_SURNAME and fold(first) not in _INSTITUTION_WORDS)
        or fold(first) in {"she", "he", "they", "we", "it", "sie", "er", "es", "wir", "man"}
        or is_first_name(first, capitalised=True)
        or re.search(r"(?:ung|heit|keit|schaft|tion|nis|ismus|ment|markt|ing)$", fold(first))
    ):
        return
    book.add_new(name)


_MAIL_HOSTS = {
    "gmail",
    "googlemail",
    "outlook",
    "hotmail",
    "live",
    "yahoo",
    "gmx",
    "web",
    "bluewin",
    "icloud",
    "me",
    "proton",
    "protonmail",
    "hispeed",
    "sunrise",
    "t-online",
    "aol",
    "mail",
}


def same_company_loose(name: str, domain: str) -> bool:
    key = normalize_company(name)
    squashed = fold(domain).replace(" ", "")
    return bool(key) and len(squashed) >= 4 and key.replace(" ", "").startswith(squashed)


def _first_segment(text: str) -> str:
    return re.split(r"\s*[,;(]\s*|\s+[–—-]\s+", text, maxsplit=1)[0]


def _structured_mentions(
    text: str, first_segment: str, unit: int, book: CompanyBook
) -> list[Mention]:
    """A contacts-section bullet: the piece that looks most like a name is the person (any
    order, lower case, particles); other mentions in the line stay as they are."""
    found = find_mentions(text, unit)
    line = name_in_line(text, book)
    if line is not None:
        lead = Mention(
            unit, line.start, line.end, line.first, line.last, initial=line.initial, strength=3
        )
        others = [m for m in found if m.end <= line.start or m.start >= line.end]
        return [lead, *others]
    lead = [m for m in found if m.strength >= 1 and m.start <= len(first_segment)]
    if lead:
        lead[0].strength = 3
        return [lead[0]] + [m for m in found if m is not lead[0]]
    if is_role(first_segment):
        return found  # 'recruiter (HR) at brightwave - didn't catch the name': nobody named
    structured = find_mentions(first_segment, unit, structured_name=True)
    strong = [m for m in structured if m.strength >= 1]
    if strong and len(first_segment.split()) <= 4:
        strong[0].strength = 3
        return strong[:1] + [m for m in found if m.start >= len(first_segment)]
    return found


_LINE_LABELS = {"name", "kontakt", "contact", "neu", "new"}
_SEGMENT_SPLIT = re.compile(r"\s*[,;]\s*|\s+[–—-]\s+|\s*\(\s*|\s*\)\s*|\s+/\s+")


def _classify_segment(seg: str, book: CompanyBook) -> tuple[str, str]:
    """('company'|'role'|'', value) for one piece of "Name, Company, Role, e-mail"."""
    seg = seg.strip(" ?!.:")
    if not seg:
        return "", ""
    canonical, known = book.canonical(seg)
    if known or canonical != seg or "&" in seg:
        return "company", canonical
    at = re.split(r"\s+(?:at|bei|von|@)\s+(?:der\s+|the\s+)?", seg, maxsplit=1)
    if len(at) == 2 and is_role(at[0]):
        return "role+company", f"{at[0]}\t{at[1]}"
    if is_role(seg):
        return "role", seg
    if (
        re.search(r"\b(?:AG|GmbH|SA|Ltd|Inc|LLC)\b", seg)
        or re.search(r"\s(?:ag|gmbh|ltd|inc|llc|sàrl)$", seg, re.I)  # 'kestrel ag'
        or (seg[:1].isupper() and len(seg) > 2)
    ):
        return "company", seg
    return "role", seg


def _segment_details(
    text: str, book: CompanyBook, name_span: tuple[int, int] | None = None
) -> dict[str, str]:
    """Company, role and addresses from the pieces of a contacts bullet other than the name
    (the first piece when the name's place is not known)."""
    details: dict[str, str] = {}
    if m := EMAIL.search(text):
        details["email"] = m.group(0)
    if m := LINKEDIN.search(text):
        details["linkedin"] = m.group(0)
    if name_span is not None:
        text = text[: name_span[0]] + "," + text[name_span[1] :]
    rest = LINKEDIN.sub("", EMAIL.sub("", text))
    pieces = _SEGMENT_SPLIT.split(rest)
    segments = [s for s in (pieces if name_span else pieces[1:]) if s.strip(" ?!.:")]
    segments = [s for s in segments if fold(s.strip(" ?!.:")) not in _LINE_LABELS]
    for seg in segments:
        kind, value = _classify_segment(seg, book)
        if kind == "role+company":
            role, company = value.split("\t")
            details.setdefault("role", clean_role(role) or "")
            details.setdefault("company", book.add_new(company))
        elif kind == "company" and "company" not in details:
            details["company"] = book.add_new(value) if value not in book.targets else value
        elif (
            kind == "role"
            and "role" not in details
            and len(value.split()) <= 7
            and not _looks_like_remark(value)
        ):
            details["role"] = clean_role(value) or ""
    return {k: v for k, v in details.items() if v}


def _looks_like_remark(text: str) -> bool:
    return bool(re.search(r"\b(?:kenne|ich|schon|kam|dazu|know|already|met)\b", fold(text)))


_APPOSITION = re.compile(
    r"^\s*,\s*+(?!(?:who|which|that)\b)"
    r"(?!(?:der|die|das|sie|er|she|he)\s+(?:ist|is|leitet|leads|heads|war|hat|kennt)\b)(?:(?:the|den|die|der|our|their|his|her|unser\w*|jetzt|now|neu|new)\s+)*"
    r"([^,;()<>–—]+?)(?=\s*(?:[,;()<>–—]|\.(?:\s|$)|\s+(?:who|und|and|since|seit)\s|$))"
)
_PAREN = re.compile(r"^\s*\(([^)]*)\)")
_DIRECT_COMPANY = re.compile(rf"^\s*(?:{_PREP})\s+(?:der\s+|dem\s+|the\s+)?")
_IS_ROLE = re.compile(
    r"(?:,\s*)?(?:\b(?:die|der|sie|er|she|he|who)\s+)?\b(?:ist|is|['’]s|hes|shes)\s+(?:jetzt\s+|now\s+|neu\s+|"
    r"seit\s+\w+\s+)*(?:die\s+|der\s+|the\s+|a\s+|an\s+)?([^,;.()]+)",
    re.I,
)
_ROLE_AFTER_COMMA = re.compile(
    r",\s*(?:den|die|der|the)\s+([^,;.()]+?\s+(?:von|bei|of|at)\s+[^,;.()–]+)"
)
_LEADS = re.compile(
    r"(?:,\s*)?\b(sie|er|she|he|who|der|die)\s+(leitet|fuehrt|führt|leads|heads|runs|manages)"
    r"\s+(?:dort\s+|there\s+)?(?:die\s+|den\s+|das\s+|the\s+)?([^,;.()]+)",
    re.I,
)
_ROLE_BEFORE = re.compile(
    rf"(?:^|\b(?:their|ihr\w*|sein\w*|his|her|the|die|der|den|unser\w*|our)\s+)"
    rf"((?:[\w&-]+\s+){{0,2}}[\w&-]+)\s*,?\s*(?:{CAP}\.?\s+)?$"
)


# 'Teamlead QA = Stefan Oberholzer', 'HR-Leiterin: Corinne Wyss'
_ROLE_EQUALS = re.compile(r"(?:^|[.;]\s*)([\w&/ -]{2,40}?)\s*[=:]\s*$")
_AS_ROLE = re.compile(r"\b(?:as|als)\s+(?:the\s+|a\s+|an\s+|neue[rn]?\s+)?([^,;.()]{2,50})")


def _split_role_company(text: str, book: CompanyBook) -> tuple[str | None, str | None, int]:
    """'Head of Procurement at Nordlicht Energie' -> (role, company, characters used)."""
    parts = re.split(
        r"\s+(?:at|bei|von|der|des|from|@)\s+(?:der\s+|dem\s+|the\s+)?", text, maxsplit=1
    )
    role = clean_role(parts[0]) if is_role(parts[0]) else None
    company, used = None, len(parts[0])
    if len(parts) == 2:
        rest_at = len(text) - len(parts[1])
        candidate = parts[1].strip(" .!?")
        canonical, known = book.canonical(candidate)
        if known or canonical != candidate:
            company, used = canonical, len(text.rstrip(" .!?"))
        else:
            company, length = company_phrase(parts[1], book)
            used = rest_at + length if company else used
    return role, company or None, used


def _context_details(
    text: str, m: Mention, mentions: list[Mention], book: CompanyBook, refs: list[CompanyRef]
) -> dict[str, str]:
    nxt = min((x.start for x in mentions if x.start >= m.end), default=len(text))
    rest = text[m.end : nxt]
    details: dict[str, str] = {}
    span_end = m.end
    if p := _PAREN.match(rest):
        span_end = m.end + p.end()
        for seg in re.split(r"\s*,\s*", p.group(1)):
            if EMAIL.fullmatch(seg.strip()) or not seg.strip():
                continue
            role, company, _ = _split_role_company(seg, book)
            if company is None and role is None:
                kind, value = _classify_segment(seg, book)
                if kind == "company":
                    company = book.add_new(value) if value not in book.targets else value
                elif kind == "role":
                    role = clean_role(value)
            details.setdefault("role", role or "")
            details.setdefault("company", company or "")
    elif a := _APPOSITION.match(rest):
        role, company, used = _split_role_company(a.group(1), book)
        if role or company:
            span_end = m.end + a.start(1) + used
            details.update(role=role or "", company=company or "")
    elif d := _DIRECT_COMPANY.match(rest):
        # "Frau Sommer von Medivo", "Mirjam Egli vom Verband Swiss Logistics"
        ref = next((c for c in refs if c.start == m.end + d.end()), None)
        if ref:
            details["company"] = ref.name
            span_end = ref.end
        elif m.strength >= 1 and (found := company_phrase(rest[d.end() :], book))[0]:
            # "Frau Monika Keller von Otis": a company the workspace does not know yet
            details["company"] = found[0]
            span_end = m.end + d.end() + found[1]
    if not details.get("role"):
        for pattern in (_ROLE_AFTER_COMMA, _IS_ROLE):
            if r := pattern.search(rest):
                role, company, used = _split_role_company(r.group(1), book)
                if role:
                    details["role"] = role
                    if company and not details.get("company"):
                        details["company"] = company
                        span_end = max(span_end, m.end + r.start(1) + used)
                    break
    if not details.get("role") and (lead := _LEADS.search(rest)):
        details["role"] = _leader_role(lead.group(1), lead.group(2), lead.group(3), book, details)
    before = _ROLE_BEFORE.search(text[: m.start]) or _ROLE_EQUALS.search(text[: m.start])
    if not details.get("role") and before and is_role(before.group(1)):
        details["role"] = clean_role(before.group(1)) or ""
    if not details.get("role") and (as_role := _AS_ROLE.search(rest)) and is_role(as_role.group(1)):
        details["role"] = clean_role(as_role.group(1)) or ""  # '… moved to X as Head of Strategy'

    window = text[m.start : nxt]
    if e := EMAIL.search(window):
        details["email"] = e.group(0)
    if li := LINKEDIN.search(window):
        details["linkedin"] = li.group(0)
        if details.get("email") and "linkedin" in details["email"]:
            details.pop("email")
    details = {k: v for k, v in details.items() if v}
    details["_span"] = f"{m.start}:{span_end}"
    return details


def _leader_role(
    pronoun: str, verb: str, what: str, book: CompanyBook, details: dict[str, str]
) -> str:
    area = what.strip()
    # "leitet bei Kone die Beschaffung", "heads procurement at Swisslog": the company after
    # at/bei/von wherever it stands; of/für/for only name a company the workspace knows.
    for prep in re.finditer(r"(?:^|\s)(at|bei|beim|von|vom|from|of|für|for|der)\s+", what):
        name, length = _company_after(what[prep.end() :], prep.group(1), book)
        if not name:
            continue
        if not details.get("company"):
            details["company"] = name
        area = (what[: prep.start()] + " " + what[prep.end() + length :]).strip()
        break
    area = re.sub(r"^(?:die|den|das|der|the)\s+|\s+(?:die|den|das|der|the)$", "", area).strip()
    area = re.sub(r"^(?:die|den|das|der|the)\s+", "", area).strip() or what.strip()
    if fold(verb) in ("leitet", "fuehrt"):
        return ("Leiterin " if fold(pronoun) in ("sie", "die") else "Leiter ") + area
    if fold(verb) == "heads":
        return "Head of " + area
    return "Lead " + area


def _company_after(text: str, prep: str, book: CompanyBook) -> tuple[str, int]:
    if fold(prep) in ("of", "fuer", "for", "der"):
        ref = next((r for r in book.find(text, []) if r.start == 0), None)
        return (ref.name, ref.end) if ref else ("", 0)
    return company_phrase(text, book)


# ---------------------------------------------------------------- company hints


def _hint_company_part(text: str) -> str:
    head = re.split(r"\s*:\s+|\s+[–—-]\s+|\s*:\s*$", text, maxsplit=1)[0]
    return head.strip() if len(head.split()) <= 5 and head != text else ""


def _company_hints(note: Note, people: _People) -> list[CompanyHint]:
    hints: dict[str, CompanyHint] = {}

    def add(name: str, known: bool, text: str) -> None:
        key = normalize_company(name)
        if key in hints:
            have = hints[key].hint.rstrip()
            if fold(text) not in fold(have):
                # separate sentences: "… Qualitätshintergrund; neues Servicecenter in Uzwil"
                hints[key].hint = have + (" " if have[-1:] in ".!?" else "; ") + text
        else:
            hints[key] = CompanyHint(company=name, hint=text, known_target=known)

    for i, unit in enumerate(note.units):
        if unit.section == "hints":
            head = _hint_company_part(unit.text)
            body = unit.text[len(head) :].strip(" :–—-") if head else unit.text
            if head:
                name, known = people.book.canonical(head)
                if body.strip():
                    add(name, known, body)
                continue
            refs = people.companies.get(i, [])
            if refs:
                add(refs[0].name, refs[0].known_target, unit.text)
            continue
        if unit.section in ("steps", "contacts") or unit.labelled_steps:
            continue
        if note.template and unit.section not in ("info",):
            continue
        bound = people.bound_spans.get(i, [])
        free_text = _without(unit.text, bound)
        if not HINT_WORDS.search(fold(free_text)):
            continue
        refers_back = re.search(r"\b(?:dort|there|da)\b", fold(free_text))
        for ref in people.companies.get(i, []):
            if any(s <= ref.start and ref.end <= e for s, e in bound) and not refers_back:
                continue
            if _QUESTION.search(fold(unit.text[: ref.start])):
                continue
            add(ref.name, ref.known_target, unit.text)
    return list(hints.values())


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    out = text
    for start, end in sorted(spans, reverse=True):
        out = out[:start] + " " + out[end:]
    return out


# ---------------------------------------------------------------- next steps


def _is_step(unit: Unit, due_found: bool) -> bool:
    if unit.section == "steps" or unit.labelled_steps:
        return True
    if unit.header or unit.section in ("contacts", "hints", "title"):
        return False
    text = unit.text
    if STRONG_STEP.search(text):
        return True
    command = IMPERATIVE_STEP.search(text)
    if command and not _NOUN_USE.match(text[command.end() :]) and (due_found or unit.item):
        return True
    if _infinitive_todo(text):
        return True
    return due_found and bool(WEAK_STEP.search(text))


# 'Call with Anna was great', 'Check-in process', 'Mail von Peter kam': the verb used as a noun
_NOUN_USE = re.compile(
    r"(?:-|\s*:|\s+(?:was|is|war|kam|von|person|process|recommendation|note|notes|ist|sind|were"
    r"|are|on|from|with|list|link|address|adresse)\b)",
    re.I,
)
_NOUN_BEFORE = {
    "zum",
    "zur",
    "beim",
    "fuers",
    "das",
    "offene",
    "viel",
    "neues",
    "ein",
    "eine",
    "im",
}


def _infinitive_todo(text: str) -> bool:
    """'Martin fragen, ob …': the to-do verb is written in lower case (a capital marks a German
    noun: 'Danke fürs Treffen', '3 offene Stellen') and no article or preposition precedes it."""
    folded = fold(text)
    match = INFINITIVE_STEP.search(folded)
    if not match:
        return False
    verb_end = len(folded[: match.end()].rstrip(" ,;.!"))
    index = len(folded[:verb_end].split()) - 1
    words, original = folded.split(), text.split()
    if index >= len(original) or len(words) != len(original):
        return False
    verb = original[index]
    if index > 0 and not verb[:1].islower():
        return False
    before = words[index - 1] if index > 0 else ""
    return before not in _NOUN_BEFORE and "-" not in verb


def _content_words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]{4,}", fold(text))}


def _next_steps(note: Note, meeting: date) -> list[NextStep]:
    steps: list[NextStep] = []
    listed: list[set[str]] = []
    previous: date | None = None
    for whole in note.units:
        due = find_due(whole.text, meeting)
        if not _is_step(whole, due.date is not None or due.same_day):
            continue
        for unit in _split_step(whole, meeting):
            due = find_due(unit.text, meeting)
            words = _content_words(unit.text)
            is_list = unit.section == "steps" or unit.labelled_steps
            if not is_list and any(_overlap(words, other) for other in listed):
                continue
            when = previous if due.same_day else due.date
            steps.append(NextStep(text=unit.text.strip(), due=when, due_text=due.phrase))
            if is_list:
                listed.append(words)
            previous = when or previous
    # prose steps written before the to-do list that repeats them
    return [
        s
        for s in steps
        if not any(
            _overlap(_content_words(s.text), other) and _content_words(s.text) != other
            for other in listed
        )
        or _content_words(s.text) in listed
    ]


_STEP_JOIN = re.compile(r",?\s+(?:and|und)\s+(?:then\s+|dann\s+|also\s+|auch\s+)?(?=[a-zäöü])")


def _split_step(unit: Unit, meeting: date) -> list[Unit]:
    """ "I will send Sarah my CV by next Tuesday and follow up with Daniel in two weeks":
    two steps when each part has a due date of its own."""
    for join in _STEP_JOIN.finditer(unit.text):
        head, tail = unit.text[: join.start()], unit.text[join.end() :]
        first, second = find_due(head, meeting).date, find_due(tail, meeting).date
        if first and second and first != second and len(tail.split()) >= 3:
            tail = tail[:1].upper() + tail[1:]
            return [replace(unit, text=head.rstrip(" ,") + "."), replace(unit, text=tail)]
    return [unit]


def _overlap(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= 0.5


# ---------------------------------------------------------------- information, texts


def _information(note: Note, people: _People) -> list[str]:
    if note.template:
        return [u.text for u in note.units if u.section == "info"]
    out = []
    for i, unit in enumerate(note.units):
        if unit.header or unit.labelled_steps or unit.section == "steps":
            continue
        if _is_step(unit, find_due(unit.text, date(2000, 1, 1)).date is not None):
            continue
        if HINT_WORDS.search(fold(unit.text)) or people.companies.get(i):
            out.append(unit.text)
    return out[:8]


def summary(extraction: DebriefExtraction, request: DebriefRequest) -> str:
    lang = request.language
    parts = [
        msg(
            lang,
            de="Gespräch mit {p} am {d}.",
            en="Conversation with {p} on {d}.",
            p=request.partner,
            d=request.meeting_date.isoformat(),
        )
    ]
    if is_rehearsal(request):
        parts = [
            msg(
                lang,
                de="Probegespräch mit {p} am {d} (simulierter Partner): kein Dankesschreiben, "
                "ausgewertet sind nur Ihre eigenen Aussagen.",
                en="Rehearsal with {p} on {d} (simulated partner): no thank-you note; only "
                "your own lines were read.",
                p=request.partner,
                d=request.meeting_date.isoformat(),
            )
        ]
    if extraction.information:
        parts.append(extraction.information[0].rstrip(".") + ".")
    if extraction.new_contacts:
        names = ", ".join(c.name for c in extraction.new_contacts)
        parts.append(msg(lang, de="Neue Kontakte: {n}.", en="New contacts: {n}.", n=names))
    if extraction.company_hints:
        names = ", ".join(h.company for h in extraction.company_hints)
        parts.append(msg(lang, de="Hinweise zu: {n}.", en="Hints on: {n}.", n=names))
    if extraction.next_steps:
        parts.append(
            msg(
                lang,
                de="{n} nächste Schritte.",
                en="{n} next steps.",
                n=len(extraction.next_steps),
            )
        )
    return " ".join(parts)


_REPORTED = re.compile(
    r"^(?:(?:er|sie)\s+(?:meint|sagt|sagte|erzählte|erzaehlte|findet|glaubt|denkt|"
    r"erwähnte|erwaehnte|berichtet|weiss)\s*,?\s*(?:dass\s+)?|"
    r"(?:laut\s+(?:ihm|ihr)|ihrer|seiner\s+meinung\s+nach)\s*,?\s*|"
    r"(?:he|she)\s+(?:said|says|mentioned|thinks|told me|believes|explained|feels)"
    r"\s*,?\s*(?:that\s+)?|according to (?:him|her)\s*,?\s*)",
    re.I,
)


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?;])\s+", text.strip(), maxsplit=1)[0].rstrip(" .;")


def _as_fact(text: str, company: str) -> str:
    """One sentence, without "Er meint, …"/"She said …" (the note speaks about the partner;
    the thank-you speaks to them) and without a "Company:" head."""
    fact = _first_sentence(text)
    head = _hint_company_part(fact)
    if head and same_company_text(head, company):
        fact = fact[len(head) :].strip(" :–—-")
    fact = _REPORTED.sub("", fact, count=1).strip()
    return fact[:1].upper() + fact[1:] if fact else ""


def same_company_text(a: str, b: str) -> bool:
    return bool(a and b) and normalize_company(a).split()[:1] == normalize_company(b).split()[:1]


def _learned(extraction: DebriefExtraction) -> tuple[str, str]:
    """(company or "", one fact) — the first company hint, else the first information."""
    for hint in extraction.company_hints:
        if fact := _as_fact(hint.hint, hint.company):
            return hint.company, fact
    for line in extraction.information:
        if fact := _as_fact(line, ""):
            return "", fact
    return "", ""


_DATIVE_VERBS = re.compile(
    r"^(?:schick\w*|send\w*|geb\w*|gib\w*|zeig\w*|mail\w*|bring\w*|leite\w*|"
    r"schreib\w*|reich\w*)$",
    re.I,
)


def _you(words: list[str], at: int, lang: str) -> str:
    """'Sie' or 'Ihnen' for the partner at words[at] ("an Jürg" -> "an Sie",
    "schicke Jürg" -> "schicke Ihnen"); 'you' in English."""
    if lang != "de":
        return "you"
    before = fold(words[at - 1]) if at > 0 else ""
    if before in ("mit", "bei", "zu", "von", "nach", "aus", "gegenueber"):
        return "Ihnen"
    if before in ("an", "fuer", "um", "ohne", "gegen"):
        return "Sie"
    verbs = words[max(0, at - 3) : at]
    return "Ihnen" if any(_DATIVE_VERBS.match(w) for w in verbs) else "Sie"


def _promised(extraction: DebriefExtraction, request: DebriefRequest) -> str:
    """A step that involves the partner, addressed to them ("Lebenslauf an Sie schicken")."""
    names = [n for n in normalize_name(request.partner).split() if len(n) > 1]
    for step in extraction.next_steps:
        words = step.text.split()
        hits = [i for i, w in enumerate(words) if normalize_name(w) in names]
        if hits and hits[0] > 0:  # the partner as object, not as the one who acts
            kept = [w for i, w in enumerate(words) if i not in hits[1:]]
            you = _you(words, hits[0], request.language)
            kept[hits[0]] = you + ("," if words[hits[-1]].endswith(",") else "")
            return " ".join(kept).rstrip(".")
    return ""


def greeting(request: DebriefRequest) -> str:
    """No gender is known, so no "Liebe/Lieber", "Frau/Herr": the first name for people one
    knows well (primary contacts, ex-colleagues), else the full name ("Guten Tag Martin
    Keller,"), which is usual in Swiss business mail. English: "Hi Sarah," / "Dear Sarah,"."""
    first = request.partner.split()[0] if request.partner.split() else request.partner
    if request.partner_familiar:
        return msg(request.language, de="Hallo {f},", en="Hi {f},", f=first)
    return msg(request.language, de="Guten Tag {p},", en="Dear {f},", p=request.partner, f=first)


def thank_you(extraction: DebriefExtraction, request: DebriefRequest) -> str:
    lang = request.language
    company, fact = _learned(extraction)
    promised = _promised(extraction, request)
    when = request.meeting_date.strftime("%d.%m.%Y" if lang == "de" else "%d %B %Y")
    lines = [
        greeting(request),
        "",
        msg(
            lang,
            de="herzlichen Dank für das Gespräch vom {w} und Ihre Zeit.",
            en="Thank you very much for our conversation on {w} and for your time.",
            w=when,
        ),
    ]
    if fact:
        named = (
            not company
            or same_company_text(fact.split(" ")[0], company)
            or (normalize_company(company).split()[:1][0] in normalize_name(fact).split())
        )
        lines.append(
            msg(
                lang,
                de="Besonders wertvoll war für mich Ihr Hinweis{z}: {x}.",
                en="I especially appreciated what you told me{z}: {x}.",
                z="" if named else msg(lang, de=" zu {c}", en=" about {c}", c=company),
                x=fact,
            )
        )
    partner = normalize_name(request.partner)
    introduced = [c for c in extraction.new_contacts if normalize_name(c.name) != partner]
    if introduced:
        lines.append(
            msg(
                lang,
                de="Danke auch für den Kontakt zu {n}.",
                en="Thank you also for putting me in touch with {n}.",
                n=introduced[0].name,
            )
        )
    if promised:
        lines.append(msg(lang, de="Wie besprochen: {s}.", en="As agreed: {s}.", s=promised))
    lines += [
        msg(
            lang,
            de="Ich halte Sie gerne auf dem Laufenden, wie es weitergeht.",
            en="I will keep you posted on how things develop.",
        ),
        "",
        msg(lang, de="Freundliche Grüsse", en="Kind regards"),
    ]
    return "\n".join(lines)
