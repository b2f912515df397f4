"""Finding people and companies in post-meeting notes, without a model.

People: titles ("Frau Sommer", "Dr. Stefan Roth", "Mr Tobias Lang"), initials ("P. Meier"),
a common first name followed by a surname (also in lower-case notes: "martin keler"),
"Laura (Sommer)", cues ("Kontakt: …", "new name: …"), e-mail addresses whose local part
spells the name. Companies: the target list and the contacts' employers (loosely: legal
form, case and umlauts ignored, "Alpenblick" = "Alpenblick Medtech AG"), plus new ones
with a legal form ("Seetaler Bank AG"), an ampersand ("Kessler & Partner"), a company-ish
last word ("Brightwell Analytics"), a domain-like name ("procure.ch"), or after a role
("CFO von Talwind").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gespraech_assistant.first_names import is_first_name
from gespraech_assistant.textnorm import fold, normalize_company, normalize_name, same_company

LOWER = "a-zäöüéèêàâçëïîñøåßóáíúãõôûùìòćčšžłńęşğı"
UPPER = "A-ZÄÖÜÉÈÀÅØÇÁÍÓÚČŠŽŁŞĞİ"
CAP = rf"(?:O['’]|Mc|Mac)?[{UPPER}][{LOWER}A-Z]*[{LOWER}](?:-[{UPPER}][{LOWER}]+)?"
LOW = rf"[{LOWER}]+(?:-[{LOWER}]+)?"
TITLE = r"(?:(?:Herrn?|Frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?)(?=\s))"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LINKEDIN = re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/in/[\w%-]+/?", re.I)

_TITLE_MENTION = re.compile(rf"{TITLE}(?:\s+(?:Dr\.?|Prof\.?)){{0,2}}\s+({CAP}(?:\s+{CAP}){{0,2}})")
_INITIAL_MENTION = re.compile(rf"(?<![\w.])([A-Z])\.\s?({CAP})")
# Lookaheads: "Bei Anna Schmid" must still try "Anna Schmid" after rejecting "Bei Anna".
_END = r"(?=['’]s\b|(?![\w'’-]))"  # possessive "Weber's" is still "Weber"
_PAIR = re.compile(rf"(?<![\w'’-])(?=({CAP})\s+({CAP}){_END})")
_LOWER_PAIR = re.compile(rf"(?<![\w'’-])(?=({LOW})\s+({LOW})(?![\w'’-]))")
_PAREN_NAME = re.compile(rf"(?<![\w'’-])({CAP})\s+\(((?:{CAP}|[A-Z]{{2,}})(?:\s+{CAP})*)\)")
_SINGLE = re.compile(rf"(?<![\w'’-])({CAP}|{LOW})(?![\w'’-])")
# Surname particles. 'von'/'vom'/'zu' are also plain prepositions ('Martin von Alpenblick'), so a
# name with them must not end in a company.
_PARTICLE = (
    r"(?:von der|von|vom|van der|van den|van|de la|de los|de|du|da|di|del|della|dos|zu|ten|ter)"
)
_PREPOSITION_PARTICLES = {"von", "vom", "zu"}
_PARTICLE_NAME = re.compile(
    rf"(?<![\w'’-])(?:({TITLE}(?:\s+(?:Dr\.?|Prof\.?)){{0,2}})\s+)?({CAP}\s+)?({_PARTICLE})\s+({CAP})"
    rf"(?![\w'’-])"
)
# Sloppy notes write titles in lower case too: 'ms gwendolyn frey', 'frau kälin'.
_LOWER_TITLE_MENTION = re.compile(
    rf"(?<![\w.])(frau|herrn?|hr\.|fr\.|mr\.?|mrs\.?|ms\.?|dr\.?)(?:\s+(?:dr|prof)\.?){{0,2}}\s+({LOW})"
    rf"(?:\s+({LOW}))?(?![\w'’-])"
)
_CUE = re.compile(
    rf"(?i:kontakt|contact|ansprechp\w*|new name|neuer? name|name)\s*:\s*(?:{TITLE}\s+)?"
    rf"({CAP}|{LOW})\s+({CAP}|{LOW})"
)

# Capitalised words that do not start a surname after a first name.
_NOT_SURNAME = set(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "the",
        "and",
        "und",
        "oder",
        "or",
        "of",
        "von",
        "bei",
        "at",
        "from",
        "for",
        "to",
        "in",
        "im",
        "am",
        "an",
        "auf",
        "mit",
        "with",
        "ich",
        "i",
        "sie",
        "er",
        "es",
        "wir",
        "you",
        "he",
        "she",
        "they",
        "it",
        "is",
        "ist",
        "war",
        "was",
        "hat",
        "has",
        "had",
        "januar",
        "februar",
        "maerz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
        "january",
        "february",
        "march",
        "may",
        "june",
        "july",
        "october",
        "december",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "linkedin",
        "mail",
        "email",
        "e-mail",
        "cv",
        "lebenslauf",
        "team",
        "hr",
        "it",
        "ceo",
        "cfo",
        "coo",
        "cto",
        "vp",
        "head",
        "heads",
        "leiter",
        "leiterin",
        "also",
        "auch",
        "aber",
        "but",
        "so",
        "dass",
        "that",
        "this",
        "dies",
        "dort",
        "there",
        "today",
        "heute",
        "morgen",
        "tomorrow",
        "next",
        "naechste",
        "last",
        "letzte",
        "new",
        "neu",
        "neue",
        "ag",
        "gmbh",
        "consulting",
        "partner",
        "bank",
    ]
)
# Lower-case words that never are a surname (the second word of "julia weber").
LOW_STOP = _NOT_SURNAME | set(
    [
        "wegen",
        "fragen",
        "anrufen",
        "schicken",
        "meint",
        "sagt",
        "kennt",
        "kenne",
        "kommt",
        "hat",
        "war",
        "ist",
        "sei",
        "will",
        "wird",
        "soll",
        "kann",
        "muss",
        "says",
        "said",
        "thinks",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "is",
        "was",
        "has",
        "had",
        "asked",
        "arranges",
        "mentioned",
        "knows",
        "also",
        "again",
        "too",
        "end",
        "same",
        "by",
        "bis",
        "ab",
        "nach",
        "vor",
        "zu",
        "noch",
        "per",
        "about",
        "with",
        "if",
        "ob",
        "whether",
        "who",
        "wer",
        "was",
        "wie",
        "how",
        "what",
        "schreiben",
        "melden",
        "nachfragen",
        "anschreiben",
        "kontaktieren",
        "treffen",
        "meeting",
        "call",
        "coffee",
        "kaffee",
        "lunch",
        "gave",
        "introduced",
        "weiss",
        "mehr",
        "more",
        "sehr",
        "very",
        "eher",
        "gut",
        "good",
        "nicht",
        "not",
        "no",
        "kein",
        "keine",
        "all",
        "alle",
        "ihr",
        "ihre",
        "his",
        "her",
        "their",
        "unser",
        "our",
        "my",
        "mein",
        "meine",
        "dein",
        "you",
        "sich",
        "mir",
        "mich",
        "me",
        "him",
        "ihm",
        "ihn",
        "uns",
        "us",
        "them",
        "schickt",
        "stellt",
        "leitet",
        "arbeitet",
        "works",
        "told",
        "erzaehlt",
        "gesagt",
        "empfohlen",
        "recommended",
        "via",
        "fragt",
        "schreibt",
        "ruft",
        "meldet",
        "sendet",
        "gibt",
        "bringt",
        "holt",
        "sends",
        "asks",
        "calls",
        "writes",
        "pings",
        "mails",
        "texts",
        "emails",
        "wants",
        "thinks",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thurs",
        "fri",
        "sat",
        "sun",
        "tmrw",
        "tomorrow",
        "today",
        "tonight",
        "heute",
        "morgen",
        "next",
        "asap",
        # to-do verbs after a lower-case first name ('thomas danken', 'anna mailen')
        "danken",
        "bedanken",
        "verdanken",
        "mailen",
        "senden",
        "einladen",
        "erinnern",
        "besuchen",
        "zurueckrufen",
        "anpingen",
        "pingen",
        "vorstellen",
        "kennenlernen",
        "antworten",
        "ansprechen",
        "abklaeren",
        "klaeren",
        "vereinbaren",
        "abmachen",
        "thank",
        "thanks",
        "email",
        "mail",
        "ping",
        "text",
        "write",
        "ask",
        "send",
        "invite",
        "remind",
        "meet",
        "follow",
    ]
)
ROLE_WORDS = re.compile(
    r"leiter|leiterin|head|chief|direct|direkt|manager|cfo|ceo|coo|cto|cio|cmo|cpo|\bvp\b|"
    r"vice president|partner|recruit|consultant|berater|verwaltungsrat|vorstand|board|\bhr\b|"
    r"einkauf|procurement|talent|\blead\b|founder|gruend|owner|inhaber|speziali|specialist|"
    r"engineer|ingenieur|analyst|controller|controlling|assist|geschaeftsf|officer|president|"
    r"praesident|buyer|planner|disponent|account|executive|chef\b|sachbearbeit|referent|"
    r"product owner|entwickler|developer|scientist|architekt|architect|coach|mentor|"
    r"\bciso\b|\bcdo\b|\bchro\b|\bcco\b|\bsvp\b|\bevp\b|teamlead|scrum"
)
_LEGAL = r"(?:AG|GmbH|SA|S\.A\.|Ltd\.?|Inc\.?|LLC|KG|SE|plc|Sàrl|SARL|Corp\.?|AB|BV|NV)"
CO_WORDS = (
    r"(?:Analytics|Consulting|Software|Bank|Mobility|Robotics|Pharma|Foods|Food|Energie|Energy|"
    r"Systems|Health|Healthcare|Logistik|Logistics|Partner|Partners|Group|Gruppe|Solutions|"
    r"Services|Technologies|Technology|Tech|Labs|Medtech|Capital|Insurance|Versicherungen|"
    r"Versicherung|Treuhand|Holding|Industries|Werke|Immobilien|Invest|Ventures|Digital|Media|"
    r"Networks|Telecom|Motors|Biotech|Therapeutics|Diagnostics|Automation|Engineering|"
    r"Transport|Airlines|Retail|Studio|Agency|Agentur|Beratung)"
)
_NEW_COMPANY = [
    re.compile(
        rf"((?:{CAP}|[A-Z]{{2,}})(?:[\s-]+(?:{CAP}|[A-Z]{{2,}}|&)){{0,3}}\s+{_LEGAL})(?!\w)"
    ),
    re.compile(rf"((?:{CAP}\s+)?{CAP}\s+&\s+{CAP})(?!\w)"),
    re.compile(rf"((?:{CAP}\s+)?{CAP}\s+{CO_WORDS})(?!\w)"),
    re.compile(r"(?<![@\w./-])([a-z][a-z0-9-]{2,}\.(?:ch|de|com|org|io|net|at))(?![\w/@.-])"),
]
# German noun endings: "laut Reto Umstrukturierung" is no person called Umstrukturierung.
_GERMAN_NOUN = re.compile(
    r"(?:ung|heit|keit|schaft|tion|taet|nis|ismus|ment|chen|ling|stopp|zeit|stellen?|projekte?"
    r"|gespraeche?|termine?|treffen|bereiche?|kaffee|tipps?|fragen?|listen?|infos)$"
)
_LEADING = {"ueber", "laut", "fuer", "bei", "mit", "von", "dass", "auch", "zur", "zum", "beim"}
_NOT_COMPANY = {"linkedin", "linkedin com", "zoom", "teams", "gmail com", "google"}
_ROLE_STRIP = re.compile(
    r"^(?:(?:new|neue[rn]?|neu|designated|designierte[rn]?|now|jetzt|dort|there|da)\s+)+", re.I
)
_PREP = r"(?:at|bei|beim|von|vom|from|of|der|des|for|für|with|zur|zum)"


@dataclass
class CompanyRef:
    name: str  # canonical name
    known_target: bool
    start: int
    end: int
    bound: bool = False  # part of a person's "…, Head of X at COMPANY"


@dataclass
class Person:
    first: str = ""
    last: str = ""
    company: str | None = None
    company_weak: bool = False
    role: str | None = None
    email: str | None = None
    linkedin: str | None = None
    evidence: str = ""
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (unit, start, end)

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first, self.last) if p)


@dataclass
class Mention:
    unit: int
    start: int
    end: int
    first: str
    last: str
    initial: str = ""
    qualifier: str = ""  # "Anna (UBS)"
    strength: int = 2  # 3 structured, 2 full name, 1 surname only, 0 first name only


def display_name(word: str) -> str:
    """'keler' -> 'Keler', "o'neill" -> "O'Neill", 'hans-peter' -> 'Hans-Peter'."""
    if any(c.isupper() for c in word):
        return word
    return "-".join(
        "'".join(p[:1].upper() + p[1:] for p in part.split("'")) for part in word.split("-")
    )


def edit_distance_at_most_one(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 2 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]:
            return diffs[1] == diffs[0] + 1  # swapped letters
        return len(diffs) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def similar_word(a: str, b: str) -> bool:
    """One typo allowed in longer words: 'keler' ~ 'keller', but two real first names stay two
    people ('Martina' is not 'Martin')."""
    a, b = normalize_name(a), normalize_name(b)
    if not a or not b:
        return False
    if a != b and is_first_name(a, capitalised=True) and is_first_name(b, capitalised=True):
        return False
    if min(len(a), len(b)) >= 5:
        return edit_distance_at_most_one(a, b)
    return a == b


def split_name(name: str) -> tuple[str, str]:
    parts = normalize_name(name).split()
    if not parts:
        return "", ""
    if len(parts) == 1:
        return "", parts[0]
    return " ".join(parts[:-1]), parts[-1]


def is_role(text: str) -> bool:
    return bool(ROLE_WORDS.search(fold(text)))


def clean_role(text: str) -> str | None:
    role = _ROLE_STRIP.sub("", text.strip(" ,;:-–—?!.()\"'"))
    return role.strip(" ?") or None


# ---------------------------------------------------------------- companies


class CompanyBook:
    """Companies the workspace knows plus the new ones a note names; canonical names."""

    def __init__(self, targets: list[str], contact_companies: list[str]) -> None:
        self.targets = [t for t in targets if t.strip()]
        self.others = [c for c in contact_companies if c.strip()]
        self.new: list[str] = []
        self._patterns: list[tuple[re.Pattern[str], str]] = []
        for name in self.targets + self.others:
            self._add_pattern(name)

    def _add_pattern(self, name: str) -> None:
        words = normalize_company(name).split()
        variants = {tuple(words)}
        variants |= {tuple(words[:n]) for n in range(1, len(words)) if len(words[0]) >= 4}
        for variant in sorted(variants, key=len, reverse=True):
            if not variant:
                continue
            body = r"[\s.-]+".join(_umlaut_tolerant(w) for w in variant)
            pattern = re.compile(
                rf"(?<![\w@./-])(?:{body})(?:\s+{_LEGAL})?(?:['’]s)?(?![\w@-]|\.\w)", re.I
            )
            self._patterns.append((pattern, name))

    def canonical(self, mention: str) -> tuple[str, bool]:
        for target in self.targets:
            if same_company(target, mention):
                return target, True
        for other in self.others:
            if same_company(other, mention):
                return other, False
        for new in self.new:
            if same_company(new, mention):
                return new, False
        return mention, False

    def add_new(self, mention: str) -> str:
        mention = mention.strip(" ,.;:()")
        key = normalize_company(mention)
        if not key or key in _NOT_COMPANY or fold(mention) in _NOT_COMPANY:
            return ""
        canonical, _ = self.canonical(mention)
        if canonical in self.targets or canonical in self.others:
            return canonical
        for i, have in enumerate(self.new):
            if same_company(have, mention):
                if len(mention) > len(have):  # the fullest form the note uses
                    self.new[i] = mention
                    self._add_pattern(mention)
                return self.new[i]
        self.new.append(mention)
        self._add_pattern(mention)
        return mention

    def find(self, text: str, blocked: list[tuple[int, int]]) -> list[CompanyRef]:
        found: list[CompanyRef] = []
        for pattern, name in self._patterns:
            for m in pattern.finditer(text):
                if _overlaps(m.start(), m.end(), blocked) or _overlaps(
                    m.start(), m.end(), [(c.start, c.end) for c in found]
                ):
                    continue
                canonical, known = self.canonical(name)
                found.append(CompanyRef(canonical, known, m.start(), m.end()))
        return sorted(found, key=lambda c: c.start)


_CO_TOKEN = re.compile(rf"(?:{CAP}|[A-Z][A-Z0-9]+|&|{_LEGAL}|[A-Z][a-z]*[A-Z]\w*)(?![\w'’])")
_CO_LINK = {"of", "de", "du", "&", "und", "and"}


def company_phrase(text: str, book: CompanyBook) -> tuple[str, int]:
    """The company a phrase starts with, and the characters it uses: a company the workspace
    or note knows, else a run of capitalised words that stops at the first clause word
    ("Kone die Beschaffung" -> "Kone", "Swisslog (daniel@…)" -> "Swisslog"); ("", 0) if none."""
    lead = re.match(r"\s*(?:der\s+|dem\s+|the\s+)?", text)
    start = lead.end() if lead else 0
    for ref in book.find(text, []):
        if ref.start == start:
            return ref.name, ref.end
    if domain := re.match(r"[a-z][a-z0-9-]{2,}\.(?:ch|de|com|org|io|net|at)\b", text[start:]):
        return book.add_new(domain.group(0)), start + domain.end()
    pos, words, end = start, [], start
    while len(words) < 5:
        token = re.match(r"\s*(\S+?)(?=[\s,;:()!?]|\.(?:\s|$)|$)", text[pos:])
        if not token:
            break
        word = token.group(1)
        if _CO_TOKEN.fullmatch(word):
            words.append(word)
            pos += token.end()
            end = pos
        elif (
            words and fold(word) in _CO_LINK and _CO_TOKEN.match(text[pos + token.end() :].lstrip())
        ):
            words.append(word)
            pos += token.end()
        else:
            break
    while words and fold(words[-1]) in _CO_LINK:
        words.pop()
    name = " ".join(words)
    if not words or fold(words[0]) in _NOT_SURNAME or _GERMAN_NOUN.search(fold(words[0])):
        return "", 0
    if len(words) == 2 and is_first_name(words[0], capitalised=True):
        return "", 0  # "von Sandra Huber empfohlen": a person, not a company
    added = book.add_new(name)
    return (added, end) if added else ("", 0)


def _umlaut_tolerant(word: str) -> str:
    out = re.escape(word)
    for folded, umlaut in (("ae", "ä"), ("oe", "ö"), ("ue", "ü")):
        out = out.replace(folded, f"(?:{folded}|{umlaut})")
    return out


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _strip_leading_words(name: str) -> str:
    words = name.split()
    while len(words) > 1 and (fold(words[0]) in LOW_STOP or fold(words[0]) in _LEADING):
        words = words[1:]
    return " ".join(words)


def discover_companies(text: str, book: CompanyBook, blocked: list[tuple[int, int]]) -> None:
    """Register companies the workspace does not know yet (legal form, '&', 'X Analytics')."""
    for pattern in _NEW_COMPANY:
        for m in pattern.finditer(text):
            if _overlaps(m.start(1), m.end(1), blocked):
                continue
            name = _strip_leading_words(m.group(1))
            after = text[m.end(1) :].split()
            if after and is_role(after[0]) and not re.search(_LEGAL + r"$", name):
                continue  # 'Data Engineering Lead' is a role, not the company 'Data Engineering'
            if not name or any(p.search(name) for p, _ in book._patterns):
                continue  # "Über Helvetia Health" is the known Helvetia Health Systems
            person_like = is_first_name(name.split()[0], capitalised=True) and "&" not in name
            if person_like and not re.search(_LEGAL + r"$", name):
                continue  # "Laura Consulting"? more likely a person and a word
            if (
                EMAIL.search(text[max(0, m.start() - 40) : m.end() + 1])
                and "@" in text[max(0, m.start() - 1) : m.start() + 1]
            ):
                continue
            book.add_new(name)


# ---------------------------------------------------------------- people


def _verb_after_name(text: str, end: int, word: str) -> bool:
    """'julia gibt mir …', 'thomas says …', 'daniel interviewed there': a verb, not a surname
    ('nicole brandt,')."""
    if len(word) > 4 and word.endswith(("ed", "ing", "ly")):
        return True
    return word[-1:] in ("t", "s") and bool(re.match(rf"\s+[{LOWER}]", text[end:]))


def _particle_mentions(text: str, is_company) -> list[tuple[int, int, str, str]]:
    """'Frau von Gunten', 'Miriam von Gunten', 'Carla de la Fuente' -> (start, end, first, last).
    A title or a first name must come first; 'von X' where X is a company is 'from X'."""
    out = []
    for m in _PARTICLE_NAME.finditer(text):
        title, first, particle, surname = (
            m.group(1),
            (m.group(2) or "").strip(),
            m.group(3),
            m.group(4),
        )
        if not title and not (first and is_first_name(first.split("-")[0], capitalised=True)):
            continue
        if first and not is_first_name(first.split("-")[0], capitalised=True):
            continue  # 'Frau Sommer von Pixelfarm': Sommer is the surname, von = from
        if particle.split()[0] in _PREPOSITION_PARTICLES and not title:
            continue  # 'Martin von Pixelfarm' is Martin from Pixelfarm; 'Frau von Gunten' a name
        if particle.split()[0] in _PREPOSITION_PARTICLES and (
            is_company(surname) or re.fullmatch(CO_WORDS, surname) or fold(surname) in _NOT_SURNAME
        ):
            continue
        out.append((m.start(), m.end(), first, f"{particle} {surname}"))
    return out


def _verb_like(word: str) -> bool:
    return bool(re.search(r"(?:ed|ing|s|ly)$", word)) and len(word) > 4


# 'ms teams' is software, not Ms Teams
_MS_PRODUCTS = {"teams", "office", "excel", "word", "project", "access", "dynamics", "azure", "sql"}


_ARABIC_PARTICLES = {"El", "Al", "Ben", "Abu", "Ould", "Ait", "Bin"}


def _double_first_name(one: str, two: str, surname: str) -> bool:
    """'Mei Lin Zhao', 'Thi Lan Nguyen': two first names, then a surname-like word."""
    return (
        is_first_name(one, capitalised=True)
        and is_first_name(two, capitalised=True)
        and fold(surname) not in _NOT_SURNAME
        and fold(surname) not in LOW_STOP
        and not _GERMAN_NOUN.search(fold(surname))
        and not re.fullmatch(CO_WORDS, surname)
        and not is_first_name(surname, capitalised=True)
    )


_THIRD = re.compile(rf"\s+({CAP})(?![\w'’-])")


def _lower_title_mentions(text: str) -> list[tuple[int, int, str, str]]:
    out = []
    for m in _LOWER_TITLE_MENTION.finditer(text):
        title, one, two = m.group(1).rstrip("."), m.group(2), m.group(3)
        if fold(one) in LOW_STOP or len(one) < 3 or _GERMAN_NOUN.search(fold(one)):
            continue
        english = title in ("mr", "mrs", "ms")  # 'ms gwendolyn frey': any first name
        if (
            two
            and fold(two) not in LOW_STOP
            and (is_first_name(one, capitalised=True) or (english and not _verb_like(two)))
        ):
            out.append((m.start(), m.end(), display_name(one), display_name(two)))
        elif not is_first_name(one, capitalised=True) and fold(one) not in _MS_PRODUCTS:
            out.append((m.start(), m.start(2) + len(one), "", display_name(one)))
    return out


# Companies named after people: never a person, wherever they stand.
EPONYMOUS_COMPANIES = (
    "Hugo Boss",
    "Roland Berger",
    "Emil Frey",
    "Georg Fischer",
    "Franz Carl Weber",
    "Dr. Oetker",
    "Julius Bär",
    "Julius Baer",
    "Lombard Odier",
    "Müller Martini",
    "Kühne + Nagel",
    "Kuehne + Nagel",
    "Ernst & Young",
    "Johnson & Johnson",
    "Procter & Gamble",
    "Michael Page",
    "Robert Walters",
    "Robert Bosch",
    "Carl Zeiss",
    "Alfred Kärcher",
    "Boston Consulting Group",
    "Arthur D. Little",
    "Oliver Wyman",
    "Ernst Göhner",
    "Hoffmann-La Roche",
    "Walt Disney",
    "Louis Vuitton",
    "Christian Dior",
)
_EPONYMOUS = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in EPONYMOUS_COMPANIES) + r")(?![\w-])", re.I
)


# 'Josef „Sepp" Inauen', 'sämi (samuel) zimmermann', 'Bartholomew "Bart" Fletcher'
_NICKNAME = re.compile(
    rf"(?<![\w'’-])({CAP}|{LOW})\s+[„\"“‚'(]({CAP}|{LOW})[“\"”'‘)]\s+({CAP}|{LOW})(?![\w'’-])"
)
# Short forms of first names, for matching known contacts ('Tom Brunner' is Thomas Brunner).
NICKNAMES = {
    "tom": "thomas",
    "tommy": "thomas",
    "thomi": "thomas",
    "pete": "peter",
    "pesche": "peter",
    "andi": "andreas",
    "andy": "andreas",
    "dani": "daniel",
    "dan": "daniel",
    "mike": "michael",
    "michi": "michael",
    "sepp": "josef",
    "joe": "joseph",
    "ruedi": "rudolf",
    "saemi": "samuel",
    "sam": "samuel",
    "chris": "christian",
    "chrigi": "christian",
    "steff": "stefan",
    "steffi": "stefanie",
    "kathi": "katharina",
    "kati": "katharina",
    "sandy": "sandra",
    "hansi": "hans",
    "jonny": "jonas",
    "matze": "matthias",
    "matt": "matthew",
    "bill": "william",
    "bob": "robert",
    "rob": "robert",
    "liz": "elisabeth",
    "maggie": "margaret",
    "kate": "katherine",
    "jule": "julia",
    "juli": "julia",
    "anni": "anna",
    "martl": "martin",
    "tinu": "martin",
}


def canonical_first(name: str) -> str:
    key = fold(name)
    return NICKNAMES.get(key, key)


def company_spans(text: str) -> list[tuple[int, int]]:
    """Spans no person can stand in: companies named after people, names with a legal form."""
    spans = [(m.start(), m.end()) for m in _EPONYMOUS.finditer(text)]
    spans += [(m.start(1), m.end(1)) for m in _NEW_COMPANY[0].finditer(text)]
    return spans


def find_mentions(
    text: str, unit: int, structured_name: bool = False, is_company=lambda _: False
) -> list[Mention]:
    """All person mentions in one sentence, longest first, no overlaps."""
    found: list[Mention] = []
    hidden = [(m.start(), m.end()) for m in (*EMAIL.finditer(text), *LINKEDIN.finditer(text))]
    hidden += company_spans(text)

    def add(start: int, end: int, first: str, last: str, strength: int, **kw: str) -> None:
        if any(start < m.end and m.start < end for m in found) or _overlaps(start, end, hidden):
            return
        found.append(Mention(unit, start, end, first, last, strength=strength, **kw))

    for m in _NICKNAME.finditer(text):
        outer, nick, last = m.group(1), m.group(2), m.group(3)
        names = [w for w in (outer, nick) if is_first_name(w, capitalised=True)]
        if names and fold(last) not in LOW_STOP and not _GERMAN_NOUN.search(fold(last)):
            first = max((outer, nick), key=len)  # the full form, not the nickname
            add(m.start(), m.end(), display_name(first), display_name(last), 2)
    for m in _PAREN_NAME.finditer(text):
        first, inner = m.group(1), m.group(2)
        if is_first_name(first, capitalised=True):
            if (
                len(inner.split()) == 1
                and not inner.isupper()
                and not re.fullmatch(CO_WORDS, inner)
                and not is_company(inner)  # 'Thomas (Rheintal)': Thomas of Rheintal
            ):
                add(m.start(), m.end(), first, inner, 2, qualifier=inner)
            else:
                add(m.start(1), m.end(1), first, "", 0, qualifier=inner)
    for m in _CUE.finditer(text):
        add(m.start(1), m.end(2), display_name(m.group(1)), display_name(m.group(2)), 2)
    for start, end, first, last in _particle_mentions(text, is_company):
        add(start, end, first, last, 2 if first else 1)
    for m in _TITLE_MENTION.finditer(text):
        words = m.group(1).split()
        if len(words) == 3 and not _double_first_name(words[0], words[1], words[2]):
            words = words[:2]  # three words only as 'Mei Lin Zhao'; else the third is a noun
        # "Herrn Ueli Gerber": two capitalised words after a title are first name and
        # surname, unless the second is an ordinary word ("Frau Sommer Bescheid geben").
        if (
            len(words) == 2
            and not is_first_name(words[0].split("-")[0], capitalised=True)
            and (
                fold(words[1]) in _NOT_SURNAME
                or _GERMAN_NOUN.search(fold(words[1]))
                or re.fullmatch(CO_WORDS, words[1])
                or (is_role(words[1]) and len(words[1]) >= 8)
                # "mit Hr. Tanner Kaffee abmachen": a noun before an infinitive
                or re.match(rf"\s+[{LOWER}]+en\b", text[m.end(1) :])
            )
        ):
            words = words[:1]
            end = m.start(1) + len(words[0])
        else:
            end = m.start(1) + len(" ".join(words))
        first, last = (" ".join(words[:-1]), words[-1]) if len(words) > 1 else ("", words[0])
        if fold(last) in _NOT_SURNAME:
            continue
        add(m.start(), end, first, last, 2 if first else 1)
    for start, end, first, last in _lower_title_mentions(text):
        add(start, end, first, last, 2 if first else 1)
    for m in _INITIAL_MENTION.finditer(text):
        if is_first_name(m.group(2), capitalised=True) or fold(m.group(2)) in _NOT_SURNAME:
            continue
        add(m.start(), m.end(), "", m.group(2), 1, initial=m.group(1))
    for m in _PAIR.finditer(text):
        first, last = m.group(1), m.group(2)
        third = _THIRD.match(text, m.end(2))
        if third and last in _ARABIC_PARTICLES and is_first_name(first, capitalised=True):
            add(m.start(1), third.end(1), first, f"{last} {third.group(1)}", 2)  # Fatima El Amrani
            continue
        if third and _double_first_name(first, last, third.group(1)):
            add(m.start(1), third.end(1), f"{first} {last}", third.group(1), 2)
            continue
        if (
            is_first_name(first.split("-")[0], capitalised=True)
            and not is_company(f"{first} {last}")
            and not (is_role(last) and len(last) >= 8)  # "laut Reto Projektingenieure", not Cook
            and fold(last) not in _NOT_SURNAME
            and not re.fullmatch(CO_WORDS, last)
            and not _GERMAN_NOUN.search(fold(last))
        ):
            add(m.start(1), m.end(2), first, last, 2)
    for m in _LOWER_PAIR.finditer(text):
        first, last = m.group(1), m.group(2)
        if (
            is_first_name(first, capitalised=False)
            and not _verb_after_name(text, m.end(2), last)
            and last not in LOW_STOP
            and fold(last) not in LOW_STOP
            and not fold(last).endswith("ieren")
            and len(last) >= 3
            and not is_first_name(last, capitalised=False)
        ):
            add(m.start(1), m.end(2), display_name(first), display_name(last), 2)
    for m in _SINGLE.finditer(text):
        word = m.group(1)
        if is_first_name(word.split("-")[0], capitalised=word[0].isupper()):
            add(m.start(), m.end(), display_name(word), "", 0)
    if structured_name and not any(x.strength >= 1 for x in found):
        words = [w for w in text.split() if normalize_name(w)]
        if (
            1 <= len(words) <= 3
            and all(re.fullmatch(rf"{CAP}|{LOW}", w) for w in words)
            # lower-case words need a first name in front ("none yet" is nobody)
            and (any(w[:1].isupper() for w in words) or is_first_name(words[0], capitalised=False))
        ):
            first = " ".join(display_name(w) for w in words[:-1])
            found[:] = [Mention(unit, 0, len(text), first, display_name(words[-1]), strength=3)]
    for m in found:
        m.first = display_name(m.first) if m.first else ""
    return sorted(found, key=lambda m: m.start)
