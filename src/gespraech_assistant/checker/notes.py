"""Guideline `no_naive_questions`, part 2: do the user's own notes already answer the question?

Answerability, not topical similarity: a note sentence answers a fact question when it speaks
about the same kind of fact (concept), carries an answer of the right type (a number for "how
many", a year for "when", a name for "who"), keeps the question's qualifiers (the year, the
country, the division) and shares most of its other content words. Notes are read once per
checker into sentence units with file and exact line, so checking stays fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from gespraech_assistant.checker.facts import CONCEPTS, PARTNER_CONCEPTS, PLACES, ROLES, FactQuery
from gespraech_assistant.checker.text import norm, sentences, term_match, words
from gespraech_assistant.models import Evidence
from gespraech_assistant.textnorm import normalize_company, normalize_name

ALL_CONCEPTS = CONCEPTS + PARTNER_CONCEPTS

# English <-> German business words, so an English question finds a German note and back.
GLOSSARY: dict[str, tuple[str, ...]] = {
    "electric": ("elektr",),
    "patient": ("patient",),
    "solution": ("loesung",),
    "hospital": ("spital", "spitaeler", "klinik", "krankenhaus"),
    "supply": ("liefer",),
    "deliver": ("liefer",),
    "countr": ("laender", "land"),
    "employee": ("mitarbeit", "beschaeftig"),
    "revenue": ("umsatz",),
    "plant": ("werk", "fabrik"),
    "factory": ("werk", "fabrik"),
    "job": ("stelle", "arbeitsplaetze"),
    "position": ("stelle",),
    "warehouse": ("lager",),
    "storage": ("speicher", "lager"),
    "space": ("flaeche",),
    "area": ("flaeche",),
    "electricity": ("strom",),
    "power": ("strom",),
    "generat": ("erzeug", "produzier"),
    "produc": ("produzier", "herstell", "fertig"),
    "manufactur": ("herstell", "fertig", "produzier"),
    "customer": ("kunde",),
    "client": ("kunde",),
    "competitor": ("konkurrent", "wettbewerb"),
    "price": ("preis",),
    "share": ("anteil", "aktie"),
    "shareholder": ("aktionaer",),
    "listed": ("kotiert", "boerse"),
    "founded": ("gegruendet",),
    "headquarter": ("hauptsitz", "sitz"),
    "office": ("buero", "standort", "niederlassung"),
    "takeover": ("uebernahme",),
    "partnership": ("partnerschaft",),
    "fleet": ("flotte",),
    "kassen": ("krankenkasse", "insurer", "kasse"),
    "vacation": ("ferien", "urlaub"),
    "holiday": ("ferien", "urlaub"),
    "week": ("woche",),
    "division": ("sparte", "geschaeftsbereich", "bereich"),
    "start-up": ("startup", "jungunternehmen"),
    "depot": ("standort", "lager", "cross-docking"),
    "lkw": ("lastwagen", "truck", "fahrzeug"),
    "university": ("universit", "hochschule", "eth", "hsg"),
    "language": ("sprach",),
    "terawatt": ("twh",),
    "twh": ("terawatt",),
    "sell": ("verkauf", "vertrieb"),
    "service": ("dienst", "leistung", "angebot", "plattform"),
    "border": ("grenz",),
    "vehicle": ("fahrzeug", "lastwagen"),
    "driver": ("chauffeur", "fahrer"),
    "profit": ("gewinn", "profitab"),
    "break": ("break-even", "gewinnschwelle"),
    "margin": ("marge",),
    "invest": ("investi",),
    "certif": ("zertifi",),
    "approval": ("freigabe", "zulassung"),
    "launch": ("lancier", "einfuehr", "markteintritt"),
    "pump": ("pumpe",),
    "product": ("produkt",),
    "market": ("markt", "maerkte"),
    "growth": ("wachstum", "wachs"),
    "sales": ("vertrieb", "verkauf", "umsatz"),
    "staff": ("personal", "mitarbeit"),
    "battery": ("batterie",),
    "grid": ("netz",),
    "connection": ("anschluss",),
    "lead time": ("lieferzeit",),
    "delivery": ("liefer",),
    "cost": ("kosten", "kostet"),
    "cut": ("abbau", "gestrichen"),
    "layoff": ("abbau", "gestrichen"),
    "owner": ("eigentuemer", "besitzer", "gehoert"),
    "family": ("familie",),
    "funding": ("finanzierung", "runde"),
    "round": ("runde",),
    "study": ("studie", "studium"),
    "participant": ("teilnehm",),
    "wind": ("wind",),
    "solar": ("solar",),
    "site": ("standort", "werk"),
    "location": ("standort",),
    "user": ("nutz",),
    "subsidiar": ("tochter",),
    "apprentice": ("lernende",),
    "weeks": ("wochen",),
    "months": ("monate",),
    "employ": ("beschaeftig", "mitarbeit"),
    "infusion": ("infusion",),
    "catheter": ("katheter",),
    "sensor": ("sensor",),
    "software": ("software",),
    "strom": ("electricity", "power"),
    "clear": ("freigabe", "freigegeben", "zulassung"),
    "consumable": ("verbrauchsmaterial",),
    "centre": ("zentrum",),
    "center": ("zentrum",),
    "active": ("aktiv", "taetig"),
    "built": ("gebaut", "baut"),
    "build": ("gebaut", "baut"),
    "electrolys": ("elektrolys",),
    "lastwagen": ("truck",),
    "mitarbeit": ("employee", "staff", "people"),
    "umsatz": ("revenue", "turnover", "sales"),
    "werk": ("plant", "factory", "site"),
    "stelle": ("job", "position", "role"),
    "lager": ("warehouse", "storage"),
    "flaeche": ("space", "area"),
    "kunde": ("customer", "client"),
    "konkurrent": ("competitor",),
    "gruend": ("found",),
    "sitz": ("headquarter", "based"),
    "hauptsitz": ("headquarter",),
    "zentrale": ("headquarter",),
    "gruender": ("founder",),
    "founder": ("gruender", "gegruendet"),
    "mission": ("leitsatz", "leitbild"),
    "leitsatz": ("mission",),
    "uebernahme": ("acqui", "takeover"),
    "flotte": ("fleet",),
    "anteil": ("share",),
    "aktionaer": ("shareholder",),
    "batterie": ("battery",),
    "speicher": ("storage", "battery"),
    "netz": ("grid",),
    "anschluss": ("connection",),
    "liefer": ("supply", "deliver"),
    "spital": ("hospital", "klinik", "krankenhaus"),
    "klinik": ("hospital", "clinic"),
    "erzeug": ("generat", "produc"),
    "loesung": ("solution",),
    "wachstum": ("growth",),
    "markt": ("market",),
    "preis": ("price",),
    "freigeg": ("freigabe", "zulass", "clear", "approv"),
    "freigabe": ("freigegeben", "clear", "approv"),
    "approv": ("freigabe", "zulass"),
    "buy": ("uebernahm", "uebernahme", "uebernomm", "kauf", "acqui"),
    "bought": ("uebernahm", "uebernahme", "uebernomm", "kauf", "acqui"),
    "purchas": ("uebernahm", "uebernahme", "kauf", "acqui"),
    "kauf": ("uebernahm", "uebernahme", "acqui", "bought"),
    "gekauft": ("uebernahm", "uebernahme", "acqui", "bought"),
    "acqui": ("uebernahm", "uebernahme", "uebernomm", "kauf"),
    "uebernahm": ("acqui", "bought", "takeover"),
    "uebernomm": ("acqui", "bought", "uebernahm", "nachfolg"),
    "haulier": ("spedition", "transport", "fuhrunternehm"),
    "hauler": ("spedition", "transport"),
    "freight": ("spedition", "fracht", "transport"),
    "startup": ("start-up", "start", "jungunternehmen"),
    "elektrolys": ("electrolys",),
    "betrieb": ("operat", "start-up", "commission"),
    "operation": ("betrieb",),
    "commission": ("inbetrieb", "betrieb"),
    "online": ("commission", "betrieb"),
    "brought": ("commission",),
    "wait": ("warte", "lieferzeit", "lead time", "liefer"),
    "warte": ("wait",),
    "regulator": ("behoerde", "fda", "zulass", "freigabe"),
    "behoerde": ("regulator", "authority"),
    "insurer": ("versicher", "krankenkass", "kasse"),
    "kasse": ("insurer", "krankenkass", "kassen"),
    "reimburs": ("erstatt", "verguet"),
    "erstatt": ("reimburs", "cover", "kosten"),
    "kosten": ("cost", "erstatt", "verguet"),
    "stake": ("anteil", "aktien", "beteiligung", "haelt"),
    "beteiligung": ("aktien", "anteil", "stake", "haelt"),
    "einweg": ("verbrauchsmaterial", "disposable", "single-use"),
    "disposable": ("verbrauchsmaterial", "einweg"),
    "consumables": ("verbrauchsmaterial",),
    "pflaster": ("patch",),
    "patch": ("pflaster",),
    "oekostrom": ("erneuerbar", "renewable", "green"),
    "renewable": ("erneuerbar", "oekostrom"),
    "umstellung": ("einfuehrung", "migration", "rollout"),
    "einfuehrung": ("umstellung", "rollout", "introduc"),
    "lagerverwaltung": ("ewm", "lager"),
    "ceo": ("geschaeftsfuehr", "chief executive", "nachfolger", "nachfolgerin"),
    "firmenleitung": ("ceo", "geschaeftsleitung", "nachfolger", "nachfolgerin"),
    "abgang": ("ruecktritt", "resign", "wechsel", "nachfolg"),
    "departure": ("ruecktritt", "resign", "abgang"),
    "chairman": ("verwaltungsratspraesident", "praesident", "chair"),
    "chair": ("verwaltungsratspraesident", "praesident"),
    "arbeitgeber": ("employer", "werdegang"),
    "employer": ("arbeitgeber",),
    "truck": ("lastwagen", "lkw", "flotte", "fahrzeug"),
    "profitable": ("profitab", "gewinn", "break-even"),
    "capacity": ("gw", "mw", "kapazit"),
    "kapazit": ("capacity", "gw", "mw"),
    "pipeline": ("pipeline",),
    "umzieh": ("verlager", "move"),
    "ziehen": ("verlager", "move"),
    "montage": ("assembl", "montage"),
    "assembl": ("montage",),
}
_NAME = re.compile(
    r"\b(?:Dr\. |Prof\. )?([A-ZÄÖÜ][\wäöüéèàçñøß'-]+)\s+([A-ZÄÖÜ][\wäöüéèàçñøß'-]+)\b"
)
_NOT_NAME = set(
    [
        "Seit",
        "Die",
        "Der",
        "Das",
        "Im",
        "Am",
        "In",
        "Ende",
        "Anfang",
        "Mitte",
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
        "CHF",
        "EUR",
        "USD",
        "AG",
        "GmbH",
        "SA",
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "Since",
        "Its",
        "Their",
        "Head",
        "Chief",
        "Officer",
        "Operations",
        "Supply",
        "Chain",
        "Wir",
        "Ich",
        "Sie",
        "Er",
        "Es",
        "Main",
        "Most",
        "Some",
    ]
)
# founding years reach back centuries (Bühler 1860); counts exclude only modern bare years
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_MONTHS = re.compile(
    r"\b(?:januar|februar|maerz|april|mai|juni|juli|august|september|oktober|november|dezember"
    r"|january|february|march|may|june|july|october|december|fruehling|herbst|sommer|winter"
    r"|spring|autumn|summer)\b"
)
_NUMBER_WORDS = re.compile(
    r"\b(?:zwei|drei|vier|fuenf|sechs|sieben|acht|neun|zehn|elf|zwoelf|zwanzig|dreissig|hundert"
    r"|tausend|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred"
    r"|thousand|dozen|halb|half|drittel|third|quarter|viertel)\b"
)
_DIGITS = re.compile(r"\d[\d'.,]*")
_BARE_YEAR = re.compile(r"^(?:19|20)\d\d[.,]?$")
_DURATION = re.compile(
    r"\b(?:\d+|ein\w*|zwei|drei|vier|fuenf|sechs|sieben|acht|neun|zehn|elf|zwoelf|a|one|two"
    r"|three|four|five|six|seven|eight|nine|ten|twelve)\s+(?:tage?n?|wochen?|monate?n?|jahre?n?"
    r"|days?|weeks?|months?|years?|stunden|hours?)\b"
)
CONTEXT_BONUS = 0.5


@dataclass
class Unit:
    """One sentence or list item of a note, with the exact file line it stands on."""

    source: str
    line: int | None
    text: str
    heading: str
    company_key: str
    person_key: str
    date: str
    line_text: str = ""
    folded: str = ""
    head: str = ""
    context: str = ""
    tokens: list[str] = field(default_factory=list)
    #: words of the sentence before in the same paragraph ('dort', 'sie' point back to it)
    near: list[str] = field(default_factory=list)
    concepts: frozenset[str] = frozenset()
    text_concepts: frozenset[str] = frozenset()

    def evidence(self) -> Evidence:
        """The file, the exact line and that line's text (a list item or a paragraph line)."""
        return Evidence(source=self.source, line=self.line, text=self.line_text or self.text)


def _strip_markup(line: str) -> str:
    line = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line)
    return line.replace("**", "").replace("__", "").strip()


class NoteBase:
    """All note and history sentences, grouped by the company they are about."""

    def __init__(
        self,
        root: Path,
        chunks: list[dict],
        company_aliases: dict[str, str],
        employers: dict[str, str] | None = None,
    ) -> None:
        self.root = root
        self.employers = employers or {}  # person key -> company key
        self.units: list[Unit] = []
        self._file_lines: dict[str, list[str]] = {}
        self.company_aliases = company_aliases  # folded alias -> display name
        for chunk in chunks:
            if not _is_rehearsal(chunk):  # practice talks are no knowledge, never evidence
                self._add_chunk(chunk)
        self.regions = _place_regions(self.units)
        self._vocabulary = {t for unit in self.units for t in unit.tokens}
        self._known: dict[str, bool] = {}

    # ---- building
    def _lines_of(self, source: str) -> list[str]:
        if source not in self._file_lines:
            try:
                text = (self.root / source).read_text(encoding="utf-8-sig", errors="replace")
            except OSError:
                text = ""
            self._file_lines[source] = text.replace("\r\n", "\n").split("\n")
        return self._file_lines[source]

    def _line_no(self, source: str, start: int | None, text: str, cursor: int) -> int | None:
        """The file line of `text`, searched from the chunk's first line: exact, not guessed."""
        lines = self._lines_of(source)
        begin = max(cursor, (start or 1)) - 1
        wanted = text.strip()
        for index in range(begin, len(lines)):
            if lines[index].strip() == wanted:
                return index + 1
        for index in range(begin, len(lines)):
            if wanted[:60] and wanted[:60] in lines[index]:
                return index + 1
        return None

    def _add_chunk(self, chunk: dict) -> None:
        meta = chunk.get("meta", {})
        source = meta.get("source", "")
        heading = (meta.get("heading") or "").split(" › ")[-1]
        cursor = meta.get("line") or 1
        for raw in chunk.get("text", "").split("\n"):
            if not raw.strip():
                continue
            line_no = self._line_no(source, meta.get("line"), raw, cursor)
            if line_no:
                cursor = line_no
            previous: list[str] = []
            for sentence in sentences(_strip_markup(raw)):
                unit = self._add_unit(meta, source, line_no, sentence, raw.strip(), heading)
                unit.near = previous
                previous = unit.tokens

    def _add_unit(
        self, meta: dict, source: str, line: int | None, text: str, line_text: str, heading: str
    ) -> Unit:
        unit = Unit(
            source=source,
            line=line,
            text=text,
            heading=heading,
            company_key=meta.get("company_key") or normalize_company(meta.get("company", "")),
            person_key=meta.get("person_key") or normalize_name(meta.get("person", "")),
            date=str(meta.get("date", "")),
            line_text=line_text,
        )
        unit.folded = norm(text)
        unit.head = norm(heading)
        # the whole heading trail and the company: 'Medizintechnik in der Schweiz › Grösse'
        unit.context = norm(f"{meta.get('heading', '')} {meta.get('company', '')}")
        tokens = words(unit.folded) + words(unit.head)
        unit.tokens = tokens + [p for t in tokens if "-" in t for p in t.split("-") if p]
        unit.text_concepts = frozenset(
            c.name for c in ALL_CONCEPTS if c.evidence.search(unit.folded)
        )
        unit.concepts = unit.text_concepts | frozenset(
            c.name for c in ALL_CONCEPTS if c.evidence.search(unit.head)
        )
        self.units.append(unit)
        return unit

    # ---- answering
    def about(self, company: str | None, person: str | None) -> list[Unit]:
        """Units about a company or person: their own notes, or sentences that name them."""
        if not company and not person:
            return self.units
        keys = []
        if company:
            key = normalize_company(company)
            aliases = [a for a, name in self.company_aliases.items() if name == company]
            keys.append((key, aliases, "company"))
        if person:
            keys.append((normalize_name(person), [norm(person)], "person"))
        out = []
        for unit in self.units:
            for key, aliases, what in keys:
                own = self._owned(unit, key) if what == "company" else key in unit.person_key
                if own or any(re.search(rf"\b{re.escape(a)}\b", unit.folded) for a in aliases):
                    out.append(unit)
                    break
        return out

    def _owned(self, unit: Unit, company_key: str) -> bool:
        """The unit is the company's own note, or a note on (a talk with) someone who works there."""
        if unit.company_key:
            return unit.company_key == company_key
        return bool(unit.person_key) and self.employers.get(unit.person_key) == company_key

    def answer(self, query: FactQuery, company: str | None, person: str | None) -> list[Unit]:
        """The note sentences that answer the question, best first (empty: not answered)."""
        return [unit for _, unit in self.answer_scored(query, company, person)]

    def known(self, term: str) -> bool:
        """Whether any note uses the word (in either language): a word no note ever uses is the
        question's phrasing ('steckt hinter', 'at the very top'), which no note can confirm."""
        if term not in self._known:
            forms = _expansions(term)
            self._known[term] = any(
                term_match(form, token) for form in forms for token in self._vocabulary
            )
        return self._known[term]

    def answer_scored(
        self, query: FactQuery, company: str | None, person: str | None
    ) -> list[tuple[float, Unit]]:
        if any(not self.known(word) for word in query.capitalised):
            return []  # a name (or German noun) no note uses: the notes are about other things
        located = [t for t in query.terms if t in self.regions] if query.ask == "count" else []
        if located:
            # 'how many work in Gliwice' is checked against the place below, not as a word
            query = replace(query, terms=[t for t in query.terms if t not in located])
        scored = []
        for unit in self.about(company, person):
            if any(not self.counts_at(unit, place) for place in located):
                continue
            score = _score(query, unit)
            if score is None:
                continue
            own = company and self._owned(unit, normalize_company(company))
            if not own and query.concept and query.concept.name not in unit.text_concepts:
                continue  # another company's note, under a heading that is not about this one
            scored.append((score + (CONTEXT_BONUS if own else 0.0), unit))
        scored.sort(
            key=lambda item: (-item[0], _date_key(item[1]), item[1].source, item[1].line or 0)
        )
        return scored

    def located_count(self, query: FactQuery, unit: Unit) -> str | None:
        """The place's own number in the unit when the question counts at a place."""
        if query.ask != "count":
            return None
        for term in query.terms:
            if term in self.regions:
                return self.located_value(unit, term)
        return None

    def counts_at(self, unit: Unit, place: str) -> bool:
        """A count for `place` ('Gliwice'): a sentence about the place, unless its number is a
        total shared with another place ('Grenchen und Gliwice, 1'100'); or the count for the
        place's region from the notes ('280 in Polen')."""
        at = re.search(rf"\b{re.escape(place)}\w*", unit.folded)
        if at:
            return not _SEVERAL_PLACES.search(_around(unit.folded, at.start(), at.end()))
        if _covers(place, unit.tokens) or _covers(place, unit.near):
            return True  # the heading or the sentence before names the place
        return self.located_value(unit, place) is not None

    def located_value(self, unit: Unit, place: str) -> str | None:
        """'280 in Polen' for place 'gliwice' (in Polen per the notes), or None."""
        for form in [place, *self.regions.get(place, ())]:
            at = re.search(rf"\b{re.escape(form)}\w*", unit.folded)
            if not at:
                continue
            if form == place and _SEVERAL_PLACES.search(_around(unit.folded, at.start(), at.end())):
                return None  # a shared total for this place and another one
            match = re.search(
                rf"(\d[\d'.,]*)\s+(?:\w+\s+){{0,2}}in (?:der |dem |den )?{re.escape(form)}\w*"
                rf"|{re.escape(form)}\w*\)?:?\s+(?:rund |ca\. |etwa |about )?(\d[\d'.,]*)",
                unit.folded,
            )
            if match:
                number = (match.group(1) or match.group(2)).rstrip(".,")
                return f"{number} in {_display(unit.text, form)}"
        return None


_SEVERAL_PLACES = re.compile(r"\w+ (?:und|and|&|sowie|,) \w+")


def _around(folded: str, start: int, end: int) -> str:
    """The place with its neighbouring word on each side: 'grenchen und gliwice'."""
    before = folded[:start].split()[-2:]
    after = folded[end:].split()[:2]
    return " ".join([*before, folded[start:end], *after])


def _display(text: str, form: str) -> str:
    """The note's own spelling of a folded place name ('polen' -> 'Polen')."""
    for word in re.findall(r"[\wäöüÄÖÜéè-]+", text):
        if norm(word).startswith(form):
            return word
    return form


_COUNTRY_CODES = {
    "pl": "polen",
    "de": "deutschland",
    "ch": "schweiz",
    "at": "oesterreich",
    "us": "usa",
    "usa": "usa",
    "fr": "frankreich",
    "it": "italien",
    "cz": "tschechien",
    "uk": "uk",
    "dk": "daenemark",
    "hu": "ungarn",
    "cn": "china",
    "in": "indien",
}
_PLACE_IN_REGION = re.compile(r"([A-ZÄÖÜ][\wäöüéè-]+)(?:\s+[A-Z]{2})?\s*\(([^()]{2,40})\)")


def _place_regions(units: list[Unit]) -> dict[str, set[str]]:
    """Places the notes locate in a country: 'Gliwice (Polen)', 'Tuttlingen (DE)' ->
    {'gliwice': {'polen', 'poland', ...}}, so a count for the country can answer for the place."""
    out: dict[str, set[str]] = {}
    for unit in units:
        for name, inside in _PLACE_IN_REGION.findall(unit.text):
            for word in words(norm(inside)):
                key = _COUNTRY_CODES.get(word) if len(word) <= 3 else None
                key = key or next((k for k, forms in PLACES.items() if word in forms), None)
                if key:
                    out.setdefault(norm(name), set()).update(PLACES[key])
    return out


def _is_rehearsal(chunk: dict) -> bool:
    meta = chunk.get("meta", {})
    if meta.get("doc_kind"):
        return meta["doc_kind"] == "rehearsal"
    from gespraech_assistant.index.chunking import doc_kind

    return doc_kind(meta.get("source", ""), meta) == "rehearsal"


def _date_key(unit: Unit) -> str:
    # newer notes first: invert the ISO date so ascending sort puts it first
    return "".join(chr(255 - ord(c)) for c in unit.date) if unit.date else "~"


def _expansions(term: str) -> list[str]:
    forms = [term]
    for key, values in GLOSSARY.items():
        if term.startswith(key) or (len(key) >= 5 and key in term):
            forms.extend(values)
    return forms


def _covers(term: str, tokens: list[str]) -> bool:
    forms = _expansions(term)
    return any(term_match(form, token) for form in forms for token in tokens)


def _has_answer(query: FactQuery, unit: Unit) -> bool:
    kind = query.answer_type
    text = unit.text
    if kind == "number":
        question_numbers = set(query.numbers)
        # a bare year dates something; it does not count it
        numbers = [n.strip(".,'") for n in _DIGITS.findall(text) if not _BARE_YEAR.match(n)]
        return any(n not in question_numbers for n in numbers) or bool(
            _NUMBER_WORDS.search(unit.folded)
        )
    if kind == "year":
        years = set(_YEAR.findall(text)) - set(query.numbers)
        return bool(years) or bool(_MONTHS.search(unit.folded))
    if kind == "person":
        return any(
            a not in _NOT_NAME and b not in _NOT_NAME and norm(b) not in query.clause
            for a, b in _NAME.findall(text)
        )
    if kind == "duration":
        return bool(_DURATION.search(unit.folded))
    if kind in ("entity", "place"):
        return any(
            w[:1].isupper() and norm(w) not in query.clause
            for w in re.findall(r"[\wäöüÄÖÜ'-]+", text)[1:]
        ) or bool(_NAME.search(text))
    return True


def _score(query: FactQuery, unit: Unit) -> float | None:
    concept = query.concept
    score = 0.0
    if concept is not None:
        if concept.name not in unit.concepts:
            return None
        in_text = concept.name in unit.text_concepts
        if not in_text and concept.name in _SAID_IN_TEXT and query.terms:
            # a timeline under 'Gründung und Geschichte' dates other events, not this founding
            return None
        score += 2.0 if in_text else 1.0
    context = unit.folded + " " + unit.head
    wide = context + " " + unit.context
    if any(re.search(rf"\b{re.escape(x)}\b", unit.folded) for x in query.excluded):
        return None
    if concept is not None and concept.name == "employees" and _team_count(unit.folded):
        return None  # 'Sein Team umfasst 14 Personen' sizes a team, not the company
    for role in query.roles:
        if not any(re.search(rf"\b{f}\b", context) for f in ROLES[role]):
            return None
    for place in query.places:
        if not any(re.search(rf"\b{re.escape(f)}\w*\b", wide) for f in PLACES[place]):
            return None
    for number in query.numbers:
        if number not in unit.text:
            return None
    for division in query.divisions:
        if not _covers(division, unit.tokens):
            return None
    if not _has_answer(query, unit):
        return None
    if concept is None and not query.terms:
        return None  # "Wer ist das?" alone names nothing a note could answer
    # phrasing words (German verbs, adverbs) count when the note shares them, else not at all;
    # only with a known fact kind, which carries what the verb asks
    optional = query.phrasing
    terms = [
        t
        for t in query.terms
        if (t not in optional or _covers(t, unit.tokens)) and t not in query.excluded
    ]
    coverage = _coverage(terms, unit.tokens, unit.near)
    shared = coverage * len(terms)
    if coverage < _needed(query):
        return None
    strict = len(query.numbers) + len(query.places)
    if concept is None and query.ask in ("what", "yesno") and shared + strict < 2:
        return None  # "what is X's ...?" needs two shared words (or a shared year), not one
    return score + coverage + strict + _preference(query, unit)


_TEAM_SCOPE = re.compile(r"\b(?:team\w*|abteilung\w*|gruppe|department|group|unit|crew)\b")
_COMPANY_HEADCOUNT = re.compile(
    r"\b(?:mitarbeitende\w*|mitarbeiter\w*|beschaeftigte\w*|belegschaft|angestellte|employees"
    r"|headcount|workforce|staff|fte|vollzeitstellen)\b"
)


def _team_count(folded: str) -> bool:
    return bool(_TEAM_SCOPE.search(folded)) and not _COMPANY_HEADCOUNT.search(folded)


# concepts whose heading alone does not make a sentence about them (timelines, lists of events)
_SAID_IN_TEXT = {"founding"}


def _needed(query: FactQuery) -> float:
    """Share of the question's content words a note sentence must carry."""
    if query.concept is not None:
        return 0.5
    if query.ask in ("count", "time", "who", "where", "duration") and len(query.terms) >= 3:
        return 0.6  # a typed answer (number, year, name, place) is itself evidence
    return 0.75


_KEY_FIGURES = re.compile(r"\b(?:kennzahlen|zahlen|key figures|figures|facts|fakten)\b")
_HISTORY = re.compile(r"\b(?:gegruendet|founded|erste\w*|first|damals|urspruenglich)\b")


def _preference(query: FactQuery, unit: Unit) -> float:
    """Among sentences that answer, prefer the one that names the asked fact itself."""
    bonus = 0.0
    if query.concept_words and any(
        _covers(w, unit.tokens) for c in query.concept_words for w in words(c)
    ):
        bonus += 1.0
    if query.concept is not None and query.concept.basic and not unit.person_key:
        bonus += 0.5  # company facts: the company profile beats a person's profile
    if query.ask == "count" and _KEY_FIGURES.search(unit.head):
        bonus += 0.5
    if query.concept is None or query.concept.name != "founding":
        bonus -= 0.5 if _HISTORY.search(unit.folded) else 0.0
    if query.concept is not None and query.concept.name == "management":
        # "who is the CEO" wants the one in office, not the predecessor
        bonus += 0.5 if _CURRENT.search(unit.folded) else 0.0
        bonus -= 0.5 if _FORMER.search(unit.folded) else 0.0
    return bonus


_CURRENT = re.compile(r"\b(?:nachfolger\w*|successor|neue\w*|new|seit dem|aktuell\w*|current\w*)\b")
_FORMER = re.compile(r"\b(?:ruecktritt|resign\w*|stepped down|ehemalig\w*|former\w*|bisher\w*)\b")


def _coverage(terms: list[str], tokens: list[str], near: list[str] | None = None) -> float:
    """Share of terms the sentence carries; the sentence before counts half (anaphora)."""
    if not terms:
        return 1.0
    total = 0.0
    for term in terms:
        if _covers(term, tokens):
            total += 1.0
        elif near and _covers(term, near):
            total += 0.5
    return total / len(terms)
