"""Text helpers for the checker: folding with a map back to the original, segments, terms.

Rules match on folded text ('größte' == 'groesste' == 'grösste'); evidence quotes the user's
original words, so every folded character remembers where it came from.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe"}
_QUOTES = {"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}
_DASHES = {"–": " – ", "—": " – ", "‑": "-", "‐": "-"}


def _fold_char(ch: str) -> str:
    if ch in _QUOTES:
        return _QUOTES[ch]
    if ch in _DASHES:
        return _DASHES[ch]
    low = ch.casefold()
    out = "".join(_UMLAUTS.get(c, c) for c in low)
    decomposed = unicodedata.normalize("NFKD", out)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_map(text: str) -> tuple[str, list[int]]:
    """Folded text and, for every folded character, the index of its original character."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = " " if ch.isspace() else _fold_char(ch)
        chars.append(folded)
        origin.extend([i] * len(folded))
    return "".join(chars), origin


@lru_cache(maxsize=4096)
def norm(text: str) -> str:
    return fold_map(text)[0]


def original_span(text: str, origin: list[int], start: int, end: int) -> str:
    """The user's own words behind folded[start:end]."""
    if not origin or start >= len(origin):
        return text.strip()
    first = origin[start]
    last = origin[min(end, len(origin)) - 1]
    return text[first : last + 1].strip(" ,;:")


_SEGMENT_SPLIT = re.compile(r"\?|!|;| – | - |\.\s")


def segments(folded: str) -> list[str]:
    """Clauses a question is made of: 'Fact as a preamble – the real question?'."""
    parts = [p.strip(" ,.:") for p in _SEGMENT_SPLIT.split(folded)]
    return [p for p in parts if p]


WORD = re.compile(r"[a-z0-9][a-z0-9'\-]*")


def words(folded: str) -> list[str]:
    out = []
    for word in WORD.findall(folded):
        word = word.strip("-'")
        if word.endswith("'s"):  # possessive: "nordlicht's" -> "nordlicht"
            word = word[:-2]
        if word:
            out.append(word)
    return out


def term_match(term: str, token: str) -> bool:
    """Loose morphological match: 'infusionspumpen'~'infusionssystemen', 'patients'~'patienten'."""
    if term == token:
        return True
    short, long_ = sorted((term, token), key=len)
    if len(short) < 4:
        return False
    if long_.startswith(short):
        return True
    common = 0
    for a, b in zip(term, token, strict=False):
        if a != b:
            break
        common += 1
    if common >= 6 or (common >= 5 and common >= 0.8 * len(short)):
        return True
    # German compounds: 'stromverkauf' contains 'strom'; 'lagerflaeche' ends 'flaeche'
    if len(short) >= 5 and short in long_:
        return True
    # two compounds with the same head: 'einwegmaterials' ~ 'verbrauchsmaterial'
    return _common_suffix(term.rstrip("s"), token.rstrip("s")) >= 7


def _common_suffix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        count += 1
    return count


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ\"„«(])")
_ABBREV_END = re.compile(
    r"(?:\b(?:Dr|Prof|Mio|Mrd|Nr|ca|bzw|vgl|inkl|z\. B|u\. a|St|Co|Mr|Mrs|Ms|resp|etc)|\b\d{1,2})\.$"
)


def sentences(line: str) -> list[str]:
    """Split one note line into sentences, keeping abbreviations like 'Dr.' and 'Mio.' intact."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(line):
        if parts and _ABBREV_END.search(parts[-1]):
            parts[-1] = parts[-1] + " " + piece
        else:
            parts.append(piece)
    return [p.strip() for p in parts if p.strip()]
