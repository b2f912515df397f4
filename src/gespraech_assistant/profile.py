"""profile.md as the user wrote it: template comments and unfilled sections removed.

`gespraech init` writes a template whose sections hold only `<!-- … -->` hints. Whatever reads
the profile must see what the user wrote, never the hints (the rehearsal partner once quoted
"<!-- Was können Sie besonders gut? … -->" as the user's strength).
"""

from __future__ import annotations

import re
from typing import Any

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
#: first headings of the init templates: a title, not the user's name
TEMPLATE_TITLES = {"mein profil", "my profile", "profil", "profile"}


def clean_profile(text: str) -> str:
    """Drop HTML comments and sections (## …) left without content; keep everything else."""
    text = _COMMENT.sub("", text.replace("\r\n", "\n"))
    blocks: list[tuple[str, list[str]]] = [("", [])]
    for line in text.split("\n"):
        if _HEADING.match(line):
            blocks.append((line.rstrip(), []))
        else:
            blocks[-1][1].append(line.rstrip())
    out: list[str] = []
    for index, (heading, body) in enumerate(blocks):
        filled = any(line.strip() for line in body)
        # A top heading (the user's name) stays if any section below it is filled.
        level = len(_HEADING.match(heading).group(1)) if heading else 0
        if heading and not filled and not (level == 1 and _later_content(blocks[index + 1 :])):
            continue
        if heading:
            out.append(heading)
        out.extend(body)
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
    return cleaned + "\n" if cleaned else ""


def _later_content(blocks: list[tuple[str, list[str]]]) -> bool:
    return any(line.strip() for _, body in blocks for line in body)


def read_profile(ws: Any) -> str:
    """The cleaned text of the workspace's profile.md; "" when missing or not filled in."""
    path = ws.profile_path
    if not path.is_file():
        return ""
    from gespraech_assistant.index.chunking import read_note_text

    text, _ = read_note_text(path)
    return clean_profile(text)


def profile_owner(text: str) -> str:
    """The user's name from the first heading, unless it is the template's title."""
    for line in text.split("\n"):
        match = _HEADING.match(line)
        if match and len(match.group(1)) == 1:
            name = match.group(2).strip()
            return "" if name.lower() in TEMPLATE_TITLES else name
    return ""
