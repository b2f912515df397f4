"""Messages in the workspace language. Each module keeps its own strings next to its code."""

from __future__ import annotations


def msg(lang: str, *, de: str, en: str, **values: object) -> str:
    text = de if lang == "de" else en
    return text.format(**values) if values else text
