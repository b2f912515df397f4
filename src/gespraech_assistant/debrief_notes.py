"""Post-meeting notes as a structure: sections of a template, labelled to-do blocks, sentences.

Template notes have headings (Informationen / Neue Kontakte / Firmenhinweise / Nächste
Schritte, or the English ones, typos tolerated); free text is split into paragraphs and
sentences, with "To-do:", "Next steps:", "Für mich:" … opening a block of steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gespraech_assistant.debrief_people import edit_distance_at_most_one
from gespraech_assistant.textnorm import fold

SECTION_KINDS = {
    "contacts": re.compile(r"kontakt|cont\w*ct|personen|people|leute|names?\b"),
    "hints": re.compile(r"firmen|hinweis|compan|hints?\b|unternehmen|zielfirm"),
    "steps": re.compile(
        r"schritt|steps?\b|to-?dos?\b|follow|aufgaben|action|vereinbar|massnahmen|agreed"
    ),
    "info": re.compile(r"info|erfahren|learn|erkenntnis|gelernt|inhalt|notes|notizen|wie es lief"),
}
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_STEP_LABEL = re.compile(
    r"^\s*(?:to[- ]?dos?|next steps?|n(?:ae|ä|a)chste schritte|follow-?ups?|what i (?:need|have) to do"
    r"|f(?:ue|ü|u)r mich|me|next|aufgaben|action items?|vereinbart|i need to|my to-?dos?"
    r"|offene punkte|zu tun)\s*:\s*(.*)$",
    re.IGNORECASE,
)
_STEP_HEAD_LINE = re.compile(
    r"^\s*(?:\*\*)?(?:to[- ]?dos?|next steps?|n(?:ae|ä|a)chste schritte|follow-?ups?|actions?"
    r"|action items?|aufgaben|offene punkte|zu tun|my to-?dos?)(?:\*\*)?\s*:?\s*(?:\*\*)?\s*$",
    re.IGNORECASE,
)
_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s*(?:\[[ xX]\]\s*)?")
_FRONT = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*\n", re.DOTALL)
_SPEAKER = re.compile(r"^\s*(?:\*\*)?([\w .'’-]{1,40}?)(?:\*\*)?\s*:\s*(?:\*\*)?\s*")
# In a rehearsal transcript only the user's own lines are real; the partner is simulated.
_OWN_SPEAKERS = {"ich", "me", "i", "user", "du", "you"}
# A period after these is no sentence end: titles, initials, abbreviations, dates.
_ABBREVIATIONS = {
    "dr",
    "hr",
    "fr",
    "mr",
    "ms",
    "mrs",
    "prof",
    "st",
    "ca",
    "evtl",
    "bzw",
    "usw",
    "zb",
    "dh",
    "inkl",
    "ggf",
    "vs",
    "etc",
    "nr",
    "bspw",
    "resp",
    "sog",
    "ev",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "okt",
    "oct",
    "nov",
    "dez",
    "dec",
    "mio",
    "mrd",
    "co",
    "dipl",
    "ing",
    "lic",
    "mag",
    "abt",
    "tel",
    "approx",
    "e.g",
    "i.e",
    "u.a",
    "z.b",
    "d.h",
}


@dataclass
class Unit:
    """One sentence or list item with where it stands in the note."""

    text: str
    section: str  # title | info | contacts | hints | steps | other | free
    paragraph: int
    item: bool = False
    header: bool = False  # the note's first line ("Gespräch mit X, 20.11.")
    labelled_steps: bool = False


@dataclass
class Note:
    meta: dict[str, str]
    units: list[Unit]
    template: bool


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    match = _FRONT.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match.group(1).split("\n"):
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return meta, text[match.end() :]


# Heading words a typo away still name their section ('neue kontake', 'next stpes').
_SECTION_WORDS = {
    "contacts": ("kontakte", "kontakt", "contacts", "contact", "personen", "people"),
    "hints": ("firmenhinweise", "firmenhinweis", "hinweise", "companies", "company", "hints"),
    "steps": ("schritte", "todos", "actions", "followup"),
    "info": ("informationen", "information", "infos", "erfahren", "learned", "notizen"),
}


def classify_heading(title: str, level: int) -> str:
    folded = fold(title)
    for kind, pattern in SECTION_KINDS.items():
        if pattern.search(folded):
            return kind
    for word in re.findall(r"[a-z]{7,}", folded):  # shorter words are too often real words
        for kind, keys in _SECTION_WORDS.items():
            if any(edit_distance_at_most_one(word, key) for key in keys):
                return kind
    if re.search(r"\b(?:stpes|setps|steos|nxt steps)\b", folded):  # the common slips
        return "steps"
    return "title" if level == 1 else "other"


def _is_abbreviation(before: str) -> bool:
    token = re.split(r"[\s(]", before)[-1].lower().rstrip(".")
    if len(token) == 1 and token.isalpha():
        return True  # an initial: "P. Meier"
    if re.fullmatch(r"\d{1,4}(\.\d{1,2})?", token):
        return True  # "20.11." or "1." in a date
    return token in _ABBREVIATIONS


def split_sentences(text: str, semicolons: bool = False) -> list[str]:
    """Sentences, also in lower-case notes; in to-do blocks "; " separates steps as well."""
    parts: list[str] = []
    start = 0
    ends = r"(?<=[.!?;])\s+(?=\S)" if semicolons else r"(?<=[.!?])\s+(?=\S)"
    for match in re.finditer(ends, text):
        end = match.start()
        if text[end - 1] == "." and _is_abbreviation(text[start:end]):
            continue
        parts.append(text[start:end])
        start = match.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip(" .-–")]


def parse_note(text: str) -> Note:
    meta, body = split_front_matter(text)
    rehearsal = fold(meta.get("kind", "")) in ("rehearsal", "probe", "uebung")
    units: list[Unit] = []
    section, paragraph, template, labelled = "free", 0, False, False
    first_line_seen = False
    lines = _rehearsal_lines(body) if rehearsal else _join_wrapped(body.split("\n"))
    for raw in lines:
        line = raw.rstrip()
        heading = _HEADING.match(line)
        if heading:
            kind = classify_heading(heading.group(2), len(heading.group(1)))
            template = template or kind in ("contacts", "hints", "steps")
            section, labelled = kind, False
            paragraph += 1
            first_line_seen = True
            continue
        if not line.strip():
            paragraph += 1
            labelled = False
            continue
        if section in ("free", "other", "info") and _STEP_HEAD_LINE.match(line):
            labelled, paragraph = True, paragraph + 1  # 'Actions' on a line of its own
            continue
        label = _STEP_LABEL.match(line) if section in ("free", "other", "info") else None
        if label:
            labelled, line = True, label.group(1)
            if not line.strip():
                continue
        item = bool(_ITEM.match(line))
        content = _ITEM.sub("", line, count=1).strip() if item else line.strip()
        if not content.strip(" -–—*"):
            continue
        first_line = not first_line_seen and not item
        first_line_seen = True
        for number, piece in enumerate(
            split_sentences(content, semicolons=labelled or section == "steps")
        ):
            units.append(
                Unit(
                    text=piece,
                    section=section,
                    paragraph=paragraph,
                    item=item,
                    header=first_line and number == 0,
                    labelled_steps=labelled,
                )
            )
    return Note(meta=meta, units=units, template=template)


def _rehearsal_lines(body: str) -> list[str]:
    """The user's own turns of a rehearsal transcript, one paragraph each: the partner's
    lines are simulated, the scorecard and coach lines are feedback, not information."""
    out: list[str] = []
    for line in body.split("\n"):
        speaker = _SPEAKER.match(line)
        if speaker and fold(speaker.group(1)).strip() in _OWN_SPEAKERS:
            out += [line[speaker.end() :], ""]
    return out


_SOFT_END = re.compile(r"[.!?:;]\s*$|^\s*#|^\s*$")


def _join_wrapped(lines: list[str]) -> list[str]:
    """Lines wrapped inside a paragraph ("for the new" / "site in Brno.") are one line, so a
    sentence is not cut at the line break. A line that ends like a sentence, a heading, a
    list item or a to-do label starts anew; short unpunctuated lines (one fact per line)
    stay apart unless the next line clearly continues them (lower-case start)."""
    out: list[str] = []
    for line in lines:
        if out and _continues(out[-1], line):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


def _continues(previous: str, line: str) -> bool:
    if _SOFT_END.search(previous) or not line.strip() or _HEADING.match(line):
        return False
    if _ITEM.match(line) or _STEP_LABEL.match(line) or _HEADING.match(previous):
        return False
    if _STEP_LABEL.match(previous) and not _STEP_LABEL.match(previous).group(1).strip():
        return False
    if line[:1].isspace() and _ITEM.match(previous):
        return True  # an indented continuation of a list item
    if _ITEM.match(previous):
        return False
    nxt = line.strip()
    return (
        previous.rstrip().endswith(",")
        or (len(previous.strip()) >= 40 and (nxt[:1].islower() or len(nxt.split()) >= 3))
        or (nxt[:1].islower() and len(previous.strip()) >= 20)
    )
