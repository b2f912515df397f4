"""Markdown files into chunks with front matter and heading as metadata. No heavy imports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from gespraech_assistant.i18n import Text, bi
from gespraech_assistant.textnorm import clean_terminal, normalize_company, normalize_name

MAX_FILE_BYTES = 2_000_000
FRONT_MATTER_KEYS = {
    "company",
    "person",
    "topic",
    "source",
    "date",
    "contact",
    "kind",
    "firma",
    "person_name",
    "thema",
    "quelle",
    "datum",
    "kontakt",
    "art",
    "sent",
}
_KEY_ALIASES = {
    "firma": "company",
    "thema": "topic",
    "quelle": "source",
    "datum": "date",
    "kontakt": "contact",
    "art": "kind",
    "person_name": "person",
}
_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")


@dataclass
class Chunk:
    text: str
    line: int
    heading: str = ""
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class ParsedNote:
    meta: dict[str, str]
    body_lines: list[tuple[int, str]]
    skipped_reason: str = ""


def read_note_text(path: Path) -> tuple[str, str | Text]:
    """Returns (text, problem). Binary files are skipped; huge ones are cut, with a note.
    The problem is a bilingual Text: shown in the workspace language (see i18n)."""
    data = path.read_bytes()
    problem: str | Text = ""
    if b"\x00" in data[:8192]:
        return "", bi(de="Binärdatei, kein Markdown-Text", en="binary file, not Markdown text")
    if len(data) > MAX_FILE_BYTES:
        data = data[:MAX_FILE_BYTES]
        problem = bi(
            de="grösser als {n} MB; nur der Anfang ist indexiert",
            en="larger than {n} MB; only the start is indexed",
            n=MAX_FILE_BYTES // 1_000_000,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return clean_terminal(text.replace("\r\n", "\n").replace("\r", "\n")), problem


def parse_front_matter(text: str) -> ParsedNote:
    lines = text.split("\n")
    meta: dict[str, str] = {}
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, min(len(lines), 60)):
            if lines[i].strip() in ("---", "..."):
                for raw in lines[1:i]:
                    key, sep, value = raw.partition(":")
                    key = key.strip().lower()
                    if sep and key in FRONT_MATTER_KEYS:
                        value = value.strip().strip("'\"")[:300]
                        meta[_KEY_ALIASES.get(key, key)] = value
                start = i + 1
                break
    body = [(n + 1, line) for n, line in enumerate(lines) if n >= start]
    return ParsedNote(meta=meta, body_lines=body)


def _sections(body: list[tuple[int, str]]) -> list[tuple[str, list[tuple[int, str]]]]:
    sections: list[tuple[str, list[tuple[int, str]]]] = [("", [])]
    trail: list[str] = []
    for number, line in body:
        match = _HEADING.match(line)
        if match:
            level = len(match.group(1))
            trail = trail[: level - 1] + [match.group(2).strip("# ")]
            sections.append((" › ".join(trail), []))
        else:
            sections[-1][1].append((number, line))
    return [(h, lines) for h, lines in sections if any(t.strip() for _, t in lines)]


def _paragraphs(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    paragraphs: list[tuple[int, str]] = []
    current: list[tuple[int, str]] = []
    for number, text in lines + [(0, "")]:
        if text.strip():
            current.append((number, text.rstrip()))
        elif current:
            paragraphs.append((current[0][0], "\n".join(t for _, t in current)))
            current = []
    return paragraphs


def _split_long(line_no: int, text: str, limit: int) -> list[tuple[int, str]]:
    if len(text) <= limit:
        return [(line_no, text)]
    pieces = []
    for offset, sub in enumerate(text.split("\n")):
        while len(sub) > limit:
            pieces.append((line_no + offset, sub[:limit]))
            sub = sub[limit:]
        pieces.append((line_no + offset, sub))
    merged: list[tuple[int, str]] = []
    for ln, piece in pieces:
        if merged and len(merged[-1][1]) + len(piece) + 1 <= limit:
            merged[-1] = (merged[-1][0], merged[-1][1] + "\n" + piece)
        else:
            merged.append((ln, piece))
    return merged


def chunk_note(text: str, chunk_chars: int = 900) -> tuple[dict[str, str], list[Chunk]]:
    """Chunk by heading, then by paragraph, merging small paragraphs up to chunk_chars."""
    parsed = parse_front_matter(text)
    chunks: list[Chunk] = []
    for heading, lines in _sections(parsed.body_lines):
        buffer: list[tuple[int, str]] = []
        size = 0
        for line_no, para in _paragraphs(lines):
            for ln, piece in _split_long(line_no, para, chunk_chars):
                if buffer and size + len(piece) > chunk_chars:
                    chunks.append(Chunk("\n\n".join(p for _, p in buffer), buffer[0][0], heading))
                    buffer, size = [], 0
                buffer.append((ln, piece))
                size += len(piece) + 2
        if buffer:
            chunks.append(Chunk("\n\n".join(p for _, p in buffer), buffer[0][0], heading))
    return parsed.meta, chunks


REHEARSAL_KINDS = {"rehearsal", "probe", "probegespraech", "probegespräch", "practice", "übung"}


def doc_kind(rel_path: str, meta: dict[str, str]) -> str:
    """note | debrief | rehearsal. A rehearsal transcript is practice, not knowledge: search
    leaves it out by default, so no scorecard or coach line is ever cited as a fact."""
    if not rel_path.startswith("history/"):
        return "note"
    declared = meta.get("kind", "").strip().lower()
    if declared in REHEARSAL_KINDS:
        return "rehearsal"
    return "debrief"


def chunk_metadata(rel_path: str, meta: dict[str, str], chunk: Chunk) -> dict[str, str | int]:
    kind = "history" if rel_path.startswith("history/") else "note"
    person = meta.get("person") or meta.get("contact", "")
    return {
        "source": rel_path,
        "line": chunk.line,
        "kind": kind,
        "doc_kind": doc_kind(rel_path, meta),
        "company": meta.get("company", ""),
        "company_key": normalize_company(meta.get("company", "")),
        "person": person,
        "person_key": normalize_name(person),
        "topic": meta.get("topic", "") or meta.get("kind", ""),
        "date": meta.get("date", ""),
        "heading": chunk.heading,
    }


def embedding_text(meta: dict[str, str | int], text: str) -> str:
    """What the model sees: the chunk with its context, so 'Wir' knows which company it is."""
    context = " · ".join(
        str(meta[k]) for k in ("company", "person", "topic", "heading") if meta.get(k)
    )
    return f"{context}\n{text}" if context else text
