"""Normalising names, companies and untrusted text. Pure functions, no I/O."""

from __future__ import annotations

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe"})
_PLAIN = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe"})
_TITLES = {
    "dr",
    "prof",
    "herr",
    "frau",
    "hr",
    "fr",
    "mr",
    "mrs",
    "ms",
    "miss",
    "sir",
    "dipl",
    "ing",
    "med",
    "phil",
    "rer",
    "nat",
    "mag",
    "lic",
    "msc",
    "mba",
    "phd",
}
#: legal forms proper: a name ending in one is a company ('Ex-Kessler AG')
LEGAL_FORMS = {
    "ag",
    "gmbh",
    "sa",
    "sarl",
    "ltd",
    "limited",
    "inc",
    "llc",
    "plc",
    "kg",
    "se",
    "corp",
    "nv",
    "bv",
    "spa",
    "srl",
}
# ... and every word a company name may carry that says nothing about which company it is
_LEGAL_FORMS = LEGAL_FORMS | {
    "co",
    "corporation",
    "company",
    "gesellschaft",
    "holding",
    "group",
    "gruppe",
    "ug",
    "ohg",
    "oy",
    "ab",
    "as",
    "mbh",
    "und",
    "&",
}
# ANSI CSI/OSC sequences and other C0/C1 controls; keep \t and \n.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def fold(text: str) -> str:
    """Case, accents and German transliteration folded: 'Müller' == 'mueller' == 'MUELLER'."""
    text = text.casefold().translate(_UMLAUTS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def normalize_name(name: str) -> str:
    """'Dr. Hans-Peter  Müller' -> 'hans peter mueller' (titles dropped, spaces collapsed).
    Comparing full names: use same_name, which also takes 'Muller' and 'Rene' for equal."""
    return " ".join(w for w in words(name) if w not in _TITLES)


def plain_fold(text: str) -> str:
    """Case and accents folded without German transliteration: 'Müller' -> 'muller'."""
    text = text.casefold().translate(_PLAIN)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_keys(name: str) -> frozenset[str]:
    """The spellings a name is equal under: 'Jürg Müller' == 'Juerg Mueller' (transliterated)
    == 'Jurg Muller' (accents dropped); 'René' == 'Rene'. Titles dropped, spaces collapsed."""
    plain = " ".join(w for w in re.findall(r"[a-z0-9]+", plain_fold(name)) if w not in _TITLES)
    return frozenset(k for k in (normalize_name(name), plain) if k)


def loose_name_key(name: str) -> str:
    """'Juerg Mueller' and 'Jurg Muller' alike: ae/oe/ue read as a/o/u. Loose enough to merge
    'Michael' and 'Michal', so only for finding a name, never for calling two names equal."""
    return re.sub(r"([aou])e", r"\1", min(name_keys(name), key=len, default=""))


def same_name(a: str, b: str) -> bool:
    """Two spellings of the same full name (see name_keys)."""
    return bool(name_keys(a) & name_keys(b))


def normalize_company(name: str) -> str:
    """'Alpenblick Medtech AG' == 'alpenblick medtech' (legal forms, case, accents ignored)."""
    kept = [w for w in words(name) if w not in _LEGAL_FORMS]
    return " ".join(kept) if kept else " ".join(words(name))


def same_company(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    na, nb = normalize_company(a), normalize_company(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    # 'Alpenblick' matches 'Alpenblick Medtech': a leading word sequence is enough
    short, long_ = sorted((na.split(), nb.split()), key=len)
    return long_[: len(short)] == short and len(short[0]) >= 4


def clean_terminal(text: str) -> str:
    """Untrusted text (notes, names, model output) made safe to print on a terminal."""
    text = _ESCAPES.sub("", text)
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub("", text)


def slugify(text: str, max_len: int = 60) -> str:
    return "-".join(words(text))[:max_len].strip("-") or "x"


# German and English function words, folded (fuer, ueber); shared by BM25 and the checker.
STOPWORDS = frozenset(
    [
        "a",
        "aber",
        "als",
        "am",
        "an",
        "and",
        "are",
        "as",
        "at",
        "auch",
        "auf",
        "aus",
        "be",
        "been",
        "bei",
        "but",
        "by",
        "da",
        "das",
        "dass",
        "dem",
        "den",
        "denn",
        "der",
        "des",
        "did",
        "die",
        "do",
        "does",
        "du",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "er",
        "es",
        "for",
        "from",
        "fuer",
        "haben",
        "had",
        "has",
        "hat",
        "have",
        "how",
        "ich",
        "ihr",
        "ihre",
        "ihrem",
        "ihren",
        "ihres",
        "im",
        "in",
        "is",
        "ist",
        "it",
        "its",
        "man",
        "mit",
        "nicht",
        "noch",
        "nur",
        "ob",
        "oder",
        "of",
        "on",
        "or",
        "our",
        "schon",
        "sehr",
        "sie",
        "sind",
        "so",
        "that",
        "the",
        "their",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "ueber",
        "und",
        "unter",
        "vom",
        "von",
        "wann",
        "war",
        "waren",
        "warum",
        "was",
        "we",
        "welche",
        "welchen",
        "welcher",
        "welches",
        "wenn",
        "wer",
        "werden",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "why",
        "wie",
        "wir",
        "wird",
        "with",
        "wo",
        "you",
        "your",
        "zu",
        "zum",
        "zur",
    ]
)
