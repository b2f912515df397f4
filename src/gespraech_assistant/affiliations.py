"""Affiliations written in free text, German and English: former employers, alumni, boards, clubs.

Pure pattern matching, no I/O. Company names start with a capital letter or digit, which keeps
"bei einem Zürcher Händler" out; the caller resolves raw names against known companies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from gespraech_assistant.textnorm import LEGAL_FORMS, fold, words

AffiliationKind = Literal["former", "alumni", "board", "member"]

_UP = "A-ZÀ-ÖØ-Þ"
# A capitalised word; a dot only inside ('procure.ch') or in 'St.' so sentences end names.
_WORD = rf"(?:St\.|[{_UP}0-9](?:[\w&+'’-]|\.(?=\w))*)"
_NAME = rf"{_WORD}(?:[ \t]+(?:{_WORD}|&|\+)){{0,5}}"
_ART = r"(?:(?i:der|dem|den|des|die|the|einer?)\s+)?"
_GAP = r"[^.;,:\n()]{0,40}?"
# Words that follow "Ex-" but name a relation, not a company.
_EX_RELATIONS = {
    "kollege",
    "kollegin",
    "kollegen",
    "chef",
    "chefin",
    "mitarbeiter",
    "mitarbeiterin",
    "colleague",
    "boss",
    "partner",
    "partnerin",
    "freund",
    "freundin",
    "mann",
    "frau",
}


@dataclass(frozen=True)
class Affiliation:
    kind: AffiliationKind
    name: str
    phrase: str
    certain: bool = True  # False: only a company if it is known from the lists (CV lines)
    start: int | None = None  # years, when a CV line gives them ('2010–2018: Bühler AG')
    end: int | None = None


def _p(kind: AffiliationKind, pattern: str) -> tuple[AffiliationKind, re.Pattern[str]]:
    return kind, re.compile(pattern)


_PATTERNS = [
    # früher bei X · ehemals bei X · war vorher Leiter bei X · bis 2022 bei X
    _p(
        "former",
        rf"(?i:früher|frueher|ehemals|vormals|vorher|zuvor|bis\s+(?:19|20)\d\d)\b{_GAP}"
        rf"\s(?i:bei|für|fuer)\s+{_ART}(?P<name>{_NAME})",
    ),
    # ehemalige Mitarbeiterin von M. K. bei X
    _p(
        "former",
        rf"(?i:ehemalige[rn]?|frühere[rn]?|fruehere[rn]?)\s+(?i:mitarbeiter(?:in)?|kolleg(?:e|in)|"
        rf"angestellte[r]?)\b{_GAP}\s(?i:bei|aus)\s+{_ART}(?P<name>{_NAME})",
    ),
    # Ex-Kollegin aus der X · ex-colleague from X · former colleague at X
    _p(
        "former",
        rf"(?i:ex[-\s]?kolleg(?:e|in)|ex[-\s]?colleague|former\s+colleague)"
        rf"(?:\s+(?i:aus|bei|von|at|from))?\s+{_ART}(?P<name>{_NAME})",
    ),
    # formerly at X · previously Head of Ops at X · used to work for X · worked at X
    _p(
        "former",
        rf"(?i:formerly|previously|earlier|used\s+to\s+work|worked)\b{_GAP}"
        rf"\s(?i:at|with|for)\s+{_ART}(?P<name>{_NAME})",
    ),
    # Ex-Medivo · ex-SolarFeld
    _p("former", rf"(?<![\w-])(?i:ex)[-‑](?P<name>{_NAME})"),
    # bei X in Winterthur zusammengearbeitet
    _p(
        "former",
        rf"\b(?i:bei)\s+{_ART}(?P<name>{_NAME})(?:\s+in\s+{_WORD})?\s+(?i:zusammengearbeitet)",
    ),
    # Alumni HSG · Absolvent der ZHAW · alumnus of X
    _p(
        "alumni",
        rf"(?i:alumni|alumnus|alumna|absolvent(?:in)?|graduate)\s+(?i:der\s+|des\s+|of\s+(?:the\s+)?|von\s+)?"
        rf"(?!(?i:club|verein|netzwerk|network|association|vereinigung)\b)(?P<name>{_NAME})",
    ),
    # HSG-Alumnus · HSG Alumni · HSG-Studium · Studienkollegin ZHAW
    _p("alumni", rf"(?P<name>{_WORD})[-\s](?i:alumn(?:i|us|a)|studium)\b"),
    _p(
        "alumni",
        rf"(?i:studienkolleg(?:e|in)|fellow\s+student)\s+(?:(?i:an\s+der|at)\s+)?(?P<name>{_NAME})",
    ),
    # Vorstand im Turnverein W · Verwaltungsrat der X · Präsidentin des Y
    _p(
        "board",
        rf"(?i:vorstand\w*|präsident(?:in)?|praesident(?:in)?|verwaltungsr(?:at|ätin|aetin)|"
        rf"stiftungsr(?:at|ätin)|beirat)\s+(?i:im|in\s+der|in\s+dem|des|der|bei|von|beim)\s+{_ART}"
        rf"(?P<name>{_NAME})",
    ),
    # board member of Y · on the board of Y · chair of Y · trustee of Y
    _p(
        "board",
        rf"(?i:board\s+member|member\s+of\s+the\s+board|on\s+the\s+board|board|chair(?:man|woman)?|"
        rf"president|trustee)\s+(?i:of|at)\s+(?:the\s+)?(?P<name>{_NAME})",
    ),
    # Mitglied im Rotary Club Z · aktiv im HSG Alumni Club · member of Y · active in Y
    _p(
        "member",
        rf"(?i:mitglied|aktiv|engagiert)\s+(?i:im|in\s+der|in\s+dem|beim|bei|des|der)\s+{_ART}"
        rf"(?P<name>{_NAME})",
    ),
    _p("member", rf"(?i:member\s+of|active\s+in|volunteers?\s+at)\s+(?:the\s+)?(?P<name>{_NAME})"),
    _p(
        "member",
        rf"(?<![\w-])(?P<name>(?:Rotary|Lions|Kiwanis|Soroptimist|Zonta)\s+Club(?:\s+{_WORD}){{1,2}})",
    ),
]
_CV_LINE = re.compile(
    r"^\s*(?:[-*]\s*)?(?:\*\*)?(?:19|20)\d\d(?:\s*(?:[–-]|bis)\s*(?P<end>(?:19|20)\d\d|heute|"
    r"today|now|present|jetzt)?)?(?:\*\*)?\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_CV_AT = re.compile(rf"\s(?i:bei|at|with)\s+{_ART}(?P<name>{_NAME})")
_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)")
_EDUCATION = re.compile(
    r"(?i:\b(?:bachelor|master|mba|msc|bsc|meng|beng|phd|doktor|studium|studied|lizentiat|"
    r"diplom)\b)"
)
_SCHOOL = re.compile(
    rf"(?P<name>(?:Universität|Universitaet|University|Hochschule|ETH|EPFL|ZHAW|HSG|FHNW|HSLU)"
    rf"(?:\s+(?:of\s+)?{_WORD}){{0,3}})"
)
_COMPETITOR_HEADING = re.compile(
    r"^#{1,6}\s*.*(?i:wettbewerb|konkurren|mitbewerb|competit|rivals)", re.MULTILINE
)
_COMPETITOR_INLINE = re.compile(
    r"(?i:konkurrenten|konkurrenz|mitbewerber|wettbewerber|competitors|competition|"
    r"competes\s+with|konkurriert\s+mit)\s*:?\s*(?P<list>[^\n]+)"
)
_COMPETITOR_OF = re.compile(
    rf"(?i:konkurrent\w*|mitbewerber\w*|wettbewerber\w*|competitor|rival)\s+(?i:von|zu|of|to)\s+"
    rf"{_ART}(?P<name>{_NAME})"
)
_TRAILING = ".,;:'’-&+ "


def has_legal_form(name: str) -> bool:
    return any(w in LEGAL_FORMS for w in words(name))


def clean_name(raw: str) -> str:
    """Cut a captured name after its legal form ('Medivo GmbH Leiter' -> 'Medivo GmbH')."""
    parts = raw.split()
    for i, part in enumerate(parts):
        if fold(part).strip(_TRAILING) in LEGAL_FORMS and i > 0:
            parts = parts[: i + 1]
            break
    return " ".join(parts).strip(_TRAILING)


def _alumni_of(name: str) -> str | None:
    """'HSG Alumni Club Zürich' and 'HSG-Alumni-Club' are the HSG alumni."""
    match = re.search(r"([\w.]+)[-\s]+(?i:alumn(?:i|us|a))", name)
    return match.group(1) if match else None


# "kein Konkurrent", "not a competitor", "nie bei X"; "Konkurrent von X? nein" after the name.
_NEGATION_BEFORE = re.compile(
    r"(?i:\b(?:kein\w*|nicht|nie|niemals|not|no|never|non|weder|nor)\b)[\s\w'-]{0,14}$"
)
_NEGATION_AFTER = re.compile(
    r"^[\s?!:=–—-]*(?i:nein|no|nope|falsch|false|nicht|not|never|nie|keine?s?)\b"
)
_NEGATION_WORD = re.compile(
    r"(?i:\b(?:kein\w*|nicht|nie|niemals|not|no|never|non|weder|nor|nein)\b)"
)


def negated(text: str, start: int, end: int) -> bool:
    """Whether the phrase text[start:end] is denied within its clause."""
    before = re.split(r"[.;,\n|()]", text[max(0, start - 40) : start])[-1]
    return bool(_NEGATION_BEFORE.search(before) or _NEGATION_AFTER.match(text[end : end + 20]))


def _from_patterns(text: str) -> list[Affiliation]:
    found: list[Affiliation] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if negated(text, match.start(), match.end()):
                continue
            name = clean_name(match.group("name"))
            if not name or fold(name.split()[0]) in _EX_RELATIONS:
                continue
            alumni = _alumni_of(name)
            if alumni and kind != "former":
                found.append(Affiliation("alumni", alumni, match.group(0).strip()))
                continue
            if kind == "alumni":
                acronym = _ACRONYM.search(text, match.end(), match.end() + 12)
                name = acronym.group(1) if acronym else name
            found.append(Affiliation(kind, name, match.group(0).strip()))
    return found


def _from_cv_lines(text: str) -> list[Affiliation]:
    """'2012–2020: Medivo GmbH, München' and '2013 – 2019: Engineer at Albion Power'."""
    found: list[Affiliation] = []
    for line in text.split("\n"):
        match = _CV_LINE.match(line)
        if not match:
            continue
        rest, end = match.group("rest"), fold(match.group("end") or "")
        years = re.findall(r"(?:19|20)\d\d", line)
        period = (int(years[0]), int(years[1])) if len(years) >= 2 else (None, None)
        if _EDUCATION.search(line):
            found.extend(_schools(line))
            continue
        if not end or not end[:1].isdigit():  # still there ('2023 – heute') or a single year
            continue
        at = _CV_AT.search(" " + rest)
        if at:
            name = clean_name(at.group("name"))
            found.append(Affiliation("former", name, line.strip(), True, *period))
            continue
        for segment in re.split(r"[,–(]| - ", rest):
            segment = clean_name(segment.strip())
            if segment and segment[:1].isupper() and len(segment.split()) <= 5:
                found.append(
                    Affiliation("former", segment, line.strip(), has_legal_form(segment), *period)
                )
    return found


def _schools(line: str) -> list[Affiliation]:
    acronym = _ACRONYM.findall(line)
    names = [a for a in acronym if a not in {"MIM", "MBA", "CAS", "MAS", "DAS"}]
    if not names:
        names = [clean_name(m.group("name")) for m in _SCHOOL.finditer(line)]
    return [Affiliation("alumni", n, line.strip()) for n in names if n]


def extract_affiliations(text: str) -> list[Affiliation]:
    """All affiliations in a text, de-duplicated by (kind, folded name), first phrase kept."""
    seen: set[tuple[str, str]] = set()
    out: list[Affiliation] = []
    for aff in _from_patterns(text) + _from_cv_lines(text):
        key = (aff.kind, fold(aff.name))
        if key not in seen:
            seen.add(key)
            out.append(aff)
    return out


def competitor_text(text: str) -> str:
    """The parts of a company note that name competitors (a 'Wettbewerb' section, 'Konkurrenten: …')."""
    pieces: list[str] = []
    for match in _COMPETITOR_HEADING.finditer(text):
        rest = text[match.end() :]
        stop = re.search(r"^#{1,6}\s", rest, re.MULTILINE)
        pieces.append(rest[: stop.start()] if stop else rest)
    pieces.extend(
        m.group("list")
        for m in _COMPETITOR_INLINE.finditer(text)
        if not negated(text, m.start(), m.start())
    )
    # 'Kone ist kein Konkurrent', 'nicht Otis': a denied item names no competitor
    kept = [
        item
        for piece in pieces
        for item in re.split(r"[,;/\n]| und | and ", piece)
        if not _NEGATION_WORD.search(item)
    ]
    return "\n".join(kept)


def competitor_of(text: str) -> list[str]:
    """'Regionaler Konkurrent von Rheintal Logistik' -> ['Rheintal Logistik']."""
    return [
        clean_name(m.group("name"))
        for m in _COMPETITOR_OF.finditer(text)
        if not negated(text, m.start(), m.end())
    ]
