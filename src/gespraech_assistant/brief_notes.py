"""Reading notes line by line into facts with exact file:line, for the brief.

Notes are read straight from disk (they are small) so every fact points at the real line;
the index only decides which files belong to a company or a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from gespraech_assistant.brief import Fact
from gespraech_assistant.index.chunking import parse_front_matter, read_note_text
from gespraech_assistant.textnorm import fold, normalize_company

_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
_BULLET = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_TODO = re.compile(r"^\[([ xX])\]\s+")
_LABEL = re.compile(r"^\*\*([^*]{1,80}?):?\*\*:?\s*")
# 'Herausforderung: Digitalisierung …' - a plain label of at most four words before a colon
_PLAIN_LABEL = re.compile(r"^([A-ZÄÖÜ][\w&/’'-]*(?: [\w&/’'-]+){0,3}):\s+\S")
_ABBREVIATIONS = {
    "ca", "dr", "prof", "bzw", "inkl", "mio", "mrd", "st", "vs", "etc", "evtl", "ggf", "usw",
    "nr", "co", "jr", "sr", "mr", "mrs", "ms", "sog", "max", "min", "chf", "eur", "usd", "bzgl",
    "zb", "ua", "dh", "vgl", "gem", "ehem", "str",
}  # fmt: skip
MAX_FACT_CHARS = 150


@dataclass
class NoteLine:
    source: str
    line: int
    heading: str
    text: str
    label: str = ""
    bullet: bool = False
    quote: bool = False
    todo: str = ""  # " " open, "x" done, "" not a task
    level: int = 0  # level of the heading the line stands under (1 = the note's title)

    @property
    def tag(self) -> str:
        """The bold label, or a plain 'Label:' the line starts with (for classifying only)."""
        if self.label:
            return self.label
        match = _PLAIN_LABEL.match(self.text)
        return match.group(1) if match else ""


@dataclass
class Note:
    source: str
    meta: dict[str, str]
    title: str
    lines: list[NoteLine] = field(default_factory=list)


def read_note(root: Path, rel: str) -> Note:
    """Content lines with their heading; front matter, code, comments and tables skipped."""
    text, _ = read_note_text(root / rel)
    parsed = parse_front_matter(text)
    note = Note(source=rel, meta=parsed.meta, title="")
    heading, level, in_code, in_comment = "", 0, False, False
    for number, raw in parsed.body_lines:
        stripped = raw.strip()
        if stripped.startswith("```"):
            in_code = not in_code
            continue
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if in_code or not stripped or stripped.startswith("|"):
            continue
        match = _HEADING.match(stripped)
        if match:
            heading, level = match.group(2).strip("# "), len(match.group(1))
            note.title = note.title or heading
            continue
        note.lines.append(_note_line(rel, number, heading, stripped))
        note.lines[-1].level = level
    return note


def _note_line(rel: str, number: int, heading: str, stripped: str) -> NoteLine:
    quote = stripped.startswith(">")
    text = stripped.lstrip(">").strip()
    bullet = bool(_BULLET.match(text))
    text = _BULLET.sub("", text)
    todo = ""
    todo_match = _TODO.match(text)
    if todo_match:
        todo, text = todo_match.group(1).lower(), text[todo_match.end() :]
    label = ""
    label_match = _LABEL.match(text)
    if label_match:
        label, text = label_match.group(1).strip(), text[label_match.end() :]
    text = text.replace("**", "").replace("__", "").strip()
    return NoteLine(rel, number, heading, text, label, bullet, quote, todo)


def sentences(text: str) -> list[str]:
    """Split at sentence ends, not at '1. Juli', 'ca. 40', 'Dr. Gerber' or 'z. B.'."""
    parts, start = [], 0
    for match in re.finditer(r"[.!?][)\"»“”]*(?=\s+[A-ZÄÖÜ„\"«(])", text):
        before = re.search(r"(\w+)$", text[start : match.start()])  # '.' right after a word
        word = before.group(1) if before else ""
        if before and (word.isdigit() or len(word) <= 1 or fold(word) in _ABBREVIATIONS):
            continue
        parts.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        parts.append(rest)
    return parts


def fact_from(line: NoteLine, topic: str = "") -> Fact:
    """The first sentence (two if the first is very short), cut at a word if very long."""
    parts = sentences(line.text) or [line.text]
    text = parts[0]
    if len(text) < 50 and len(parts) > 1:
        text = f"{text} {parts[1]}"
    if len(text) > MAX_FACT_CHARS:  # cut at a clause, else a word (the renderer adds "…")
        cut = text[:MAX_FACT_CHARS]
        text = cut.rsplit("; ", 1)[0] if "; " in cut else cut.rsplit(" ", 1)[0].rstrip(",")
    return Fact(source=line.source, line=line.line, text=text, label=line.label or "", topic=topic)


def has_any(text: str, keys: tuple[str, ...]) -> bool:
    folded = fold(text)
    return any(key in folded for key in keys)


def mentioned_years(text: str) -> list[int]:
    return [int(y) for y in re.findall(r"\b(20\d\d)\b", text)]


def is_recent(text: str, today: date) -> bool:
    return any(year >= today.year - 1 for year in mentioned_years(text))


def mentions_company(text: str, company: str) -> bool:
    """Whole-phrase mention; a two-word name may be cited by its first word ('Rheintal')."""
    name = normalize_company(company)
    if not name:
        return False
    folded = " " + " ".join(re.findall(r"[a-z0-9+]+", fold(text))) + " "
    if f" {name} " in folded:
        return True
    words = name.split()
    return len(words) <= 2 and len(words[0]) >= 5 and f" {words[0]} " in folded
