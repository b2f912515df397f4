"""One bullet of the "Neue Kontakte" / "New contacts" section: which piece is the person.

Users fill the template's "Vorname Nachname, Firma, Funktion, E-Mail" in any order ("Pixelfarm –
Jan Hofmann – CTO", "Leiterin HR: Carla de la Fuente, Birs Cargo AG"), with titles, initials
("s. huber"), three-part names ("Mei Lin Tan") and particles ("von Gunten", "de la Fuente").
The pieces are told apart by what the others are: known or legal-form companies, role words,
addresses; the person is the piece that looks most like a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gespraech_assistant.debrief_people import (
    CAP,
    CO_WORDS,
    EMAIL,
    LINKEDIN,
    LOW,
    LOW_STOP,
    CompanyBook,
    is_role,
)
from gespraech_assistant.first_names import is_first_name
from gespraech_assistant.textnorm import fold

PARTICLES = {
    "von",
    "van",
    "de",
    "der",
    "den",
    "la",
    "le",
    "du",
    "da",
    "di",
    "del",
    "della",
    "dos",
    "zu",
    "ten",
    "ter",
}
_TITLES = {"herr", "herrn", "frau", "hr", "fr", "mr", "mrs", "ms", "dr", "prof"}
_LABELS = {"name", "kontakt", "contact", "neu", "new", "person"}
_PIECE = re.compile(r"[^,;:()/–—]+|(?<=\s)-(?=\s)")
_SEPARATOR = re.compile(r"\s*(?:[,;:()/–—]|\s-\s)\s*")
_INITIAL = re.compile(r"[A-Za-zÄÖÜäöü]\.")
_COMPANY_MARK = re.compile(r"(?:\b(?:AG|GmbH|SA|Ltd|Inc|LLC|KG|SE|plc|Sàrl|Corp)\b|&)")


@dataclass(frozen=True)
class LineName:
    start: int
    end: int
    first: str
    last: str
    initial: str = ""


def name_in_line(text: str, book: CompanyBook) -> LineName | None:
    """The person's name in a contacts bullet, with its span; None when no piece looks like one."""
    hidden = _hide_addresses(text)
    pieces = _pieces(hidden)
    names_company = any(_is_company_piece(text[s:e], book) for s, e in pieces[1:])
    best: tuple[int, int, LineName] | None = None
    for position, (start, end) in enumerate(pieces):
        piece = text[start:end]
        name = _as_name(piece, start, book, lone_ok=position == 0 and names_company)
        if name is None:
            continue
        score = _name_score(piece) * 10 - position
        if best is None or score > best[0]:
            best = (score, position, name)
    if best is None:
        return None
    return _surname_first(text, pieces, best[1], best[2])


def _surname_first(
    text: str, pieces: list[tuple[int, int]], position: int, name: LineName
) -> LineName:
    """'Weber, Simone' / 'van Dijk, Joost': a surname piece followed by a lone first name."""
    if name.first or position + 1 >= len(pieces):
        return name
    start, end = pieces[position + 1]
    word = text[start:end].strip()
    if " " in word or not is_first_name(word, capitalised=word[:1].isupper()):
        return name
    if text[name.end : start].strip() != ",":
        return name
    return LineName(name.start, end, _display([word]), name.last, name.initial)


def _is_company_piece(piece: str, book: CompanyBook) -> bool:
    piece = piece.strip()
    canonical, known = book.canonical(piece)
    return (
        bool(known or canonical != piece or _COMPANY_MARK.search(piece))
        or bool(re.search(rf"\s{CO_WORDS}$", piece))
        or (piece[:1].isupper() and not is_role(piece) and len(piece.split()) <= 3)
    )


def _hide_addresses(text: str) -> str:
    for pattern in (EMAIL, LINKEDIN):
        text = pattern.sub(lambda m: "," + " " * (len(m.group(0)) - 1), text)
    return text


def _pieces(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for sep in _SEPARATOR.finditer(text):
        spans.append((start, sep.start()))
        start = sep.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _as_name(piece: str, offset: int, book: CompanyBook, lone_ok: bool = False) -> LineName | None:
    words = piece.split()
    lead = len(piece) - len(piece.lstrip())
    kept = [w for w in words if fold(w).rstrip(".") not in _TITLES]
    if not kept or len(kept) > 5 or fold(kept[0]) in _LABELS:
        return None
    canonical, known = book.canonical(piece.strip())
    if _COMPANY_MARK.search(piece) or is_role(piece) or known or canonical != piece.strip():
        return None
    if any(any(ch.isdigit() for ch in w) for w in kept):
        return None
    if not all(_name_word(w) for w in kept) or all(fold(w) in PARTICLES for w in kept):
        return None
    first, last, initial = _split(kept)
    if not last:
        return None
    titled = len(kept) < len(words)
    if re.fullmatch(CO_WORDS, kept[-1], re.I):
        return None  # 'NordKap Logistics'
    if not titled and not _plausible_untitled(kept, initial, lone_ok):
        return None
    start = offset + lead + piece.strip().find(kept[0]) if not titled else offset + lead
    return LineName(start, offset + len(piece.rstrip()), first, last, initial)


def _plausible_untitled(words: list[str], initial: str, lone_ok: bool) -> bool:
    """Without a title: a first name or an initial in front, or capitalised words ('Tan Wei
    Ming'); never a remark in lower case ('kenne ich schon'). One bare capitalised word only
    leads a line that names a company elsewhere ('Hofmann, Pixelfarm'; 'kestrel' alone is not)."""
    if any(fold(w) in LOW_STOP and fold(w) not in PARTICLES for w in words):
        return False
    if len(words) == 1:
        return lone_ok and words[0][:1].isupper() and not is_first_name(words[0], capitalised=True)
    lead = words[0].split("-")[0]
    if initial or is_first_name(lead, capitalised=lead[:1].isupper()):
        return True
    return all(fold(w) in PARTICLES or w[:1].isupper() for w in words)


def _name_word(word: str) -> bool:
    return bool(
        fold(word) in PARTICLES or _INITIAL.fullmatch(word) or re.fullmatch(rf"{CAP}|{LOW}", word)
    )


def _split(words: list[str]) -> tuple[str, str, str]:
    """(first, last, initial): particles start the surname ('Carla | de la Fuente')."""
    initial = ""
    if _INITIAL.fullmatch(words[0]):
        initial, words = words[0][0], words[1:]
    if words and words[0].islower() and fold(words[0]) in PARTICLES:
        return "", _display(words), initial  # 'van Dijk' (a first name may follow: ', Joost')
    for at, word in enumerate(words[1:], 1):
        if fold(word) in PARTICLES:
            return _display(words[:at]), _display(words[at:]), initial
    if not words:
        return "", "", initial
    return _display(words[:-1]), _display(words[-1:]), initial


def _display(words: list[str]) -> str:
    out = []
    for word in words:
        if fold(word) in PARTICLES or any(c.isupper() for c in word):
            out.append(word)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
    return " ".join(out)


def _name_score(piece: str) -> int:
    words = piece.split()
    titled = any(fold(w).rstrip(".") in _TITLES for w in words)
    first_name = is_first_name(words[0].split("-")[0], capitalised=words[0][:1].isupper())
    if not first_name and len(words) > 1 and fold(words[0]).rstrip(".") in _TITLES:
        rest = [w for w in words if fold(w).rstrip(".") not in _TITLES]
        first_name = bool(rest) and is_first_name(rest[0], capitalised=rest[0][:1].isupper())
    return 4 * titled + 3 * first_name + (2 <= len(words) <= 4)
