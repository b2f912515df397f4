"""Prompt files: found in the installed package or the checkout, rendered without f-strings.

Prompts live in `prompts/<job>/{system,user}.<lang>.md`. The wheel carries them as
`gespraech_assistant/prompts`; a source checkout has them at the repository root.
Placeholders are `$name` (string.Template), so braces in user notes never break rendering,
and a `$` inside substituted values is never expanded again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template

from gespraech_assistant.errors import GespraechError

JOBS = ("review", "brief", "partner", "debrief")
PARTS = ("system", "user")
LANGUAGES = ("de", "en")

_CHECKOUT_PROMPTS = Path(__file__).resolve().parent.parent.parent / "prompts"


class PromptError(GespraechError):
    """A prompt file is missing or names a placeholder nobody fills: a packaging bug."""

    exit_code = 1


@cache
def prompts_root() -> Traversable:
    """The installed package's prompts first, then the checkout's `prompts/` folder."""
    packaged = files("gespraech_assistant") / "prompts"
    if packaged.is_dir():
        return packaged
    if _CHECKOUT_PROMPTS.is_dir():
        return _CHECKOUT_PROMPTS
    raise PromptError(
        "The prompt files are missing from this installation.",
        "Reinstall gespraech-assistant (the wheel ships gespraech_assistant/prompts).",
    )


def load_prompt(job: str, part: str, language: str) -> str:
    lang = language if language in LANGUAGES else "en"
    resource = prompts_root() / job / f"{part}.{lang}.md"
    if not resource.is_file():
        raise PromptError(
            f"Prompt file {job}/{part}.{lang}.md is missing.",
            "Reinstall gespraech-assistant or restore the prompts/ folder.",
        )
    return resource.read_text(encoding="utf-8")


def render(template_text: str, values: dict[str, str]) -> str:
    """`$name` placeholders filled once; a missing value is a bug, not an empty string."""
    try:
        return Template(template_text).substitute(values)
    except KeyError as exc:
        raise PromptError(f"Prompt placeholder ${exc.args[0]} has no value.") from None
    except ValueError as exc:  # a stray `$` in the prompt file itself
        raise PromptError(f"Prompt file has an invalid placeholder: {exc}") from None


def placeholders(template_text: str) -> set[str]:
    return {
        m.group("named") or m.group("braced")
        for m in Template.pattern.finditer(template_text)
        if m.group("named") or m.group("braced")
    }


def render_messages(job: str, language: str, values: dict[str, str]) -> list[tuple[str, str]]:
    """The (role, text) pairs for one job: system prompt, then the user prompt."""
    return [(part, render(load_prompt(job, part, language), values)) for part in PARTS]


# --- Untrusted data goes into prompts quoted and delimited -------------------------------

#: every delimiter tag our prompts use; a note containing one of them gets it defused
DATA_TAGS = (
    "notes",
    "note",
    "history",
    "data",
    "questions",
    "offline",
    "profile",
    "person",
    "background",
    "said",
    "content",
)
_TAG_RE = re.compile(r"<\s*/?\s*(" + "|".join(DATA_TAGS) + r")\b[^>]*>", re.I)


def quote_data(text: str) -> str:
    """Neutralise our own delimiter tags inside user text so a note cannot close the block."""
    return _TAG_RE.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›"), text)


def data_block(tag: str, items: Iterable[str]) -> str:
    """`<tag>` … `</tag>` with numbered, quoted entries; the prompt says it is data only."""
    body = "\n".join(f"[{i}] {quote_data(item.strip())}" for i, item in enumerate(items, 1))
    return f"<{tag}>\n{body or '(none)'}\n</{tag}>"


def json_block(tag: str, value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=None)
    return f"<{tag}>\n{quote_data(text)}\n</{tag}>"
