"""Messages in the workspace language. Each module keeps its own strings next to its code.

Two ways to say something:
- `msg(lang, de=..., en=...)` where the workspace language is known (commands, reports);
- `bi(de=..., en=...)` in library code that has no workspace at hand (CSV reader, config,
  atomic writes, chunker). It returns a `Text` that carries both and is rendered when shown.

Rendering a `Text` is the CLI's concern: once the CLI has loaded a workspace it calls
`set_language(ws.language)` (and resets it after the command). `str(text)` then gives the
workspace language; with no language known (no workspace yet, or plain library use) both
texts are shown, German first, so nobody is left with a message they cannot read.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass

_current: ContextVar[str | None] = ContextVar("gespraech_language", default=None)


def msg(lang: str, *, de: str, en: str, **values: object) -> str:
    text = de if lang == "de" else en
    return text.format(**values) if values else text


def set_language(lang: str | None) -> object:
    """Set the language `Text` renders in; returns a token for `reset_language`."""
    return _current.set(lang)


def reset_language(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]


def current_language() -> str | None:
    return _current.get()


@dataclass(frozen=True)
class Text:
    """One message in German and English, rendered in the current language."""

    de: str
    en: str

    def render(self, lang: str | None = None) -> str:
        lang = lang or current_language()
        if lang == "de":
            return self.de
        if lang == "en":
            return self.en
        return self.de if self.de == self.en else f"{self.de}\n{self.en}"

    def __str__(self) -> str:
        return self.render()

    def __contains__(self, part: str) -> bool:
        return part in self.de or part in self.en

    def prefixed(self, prefix: str) -> Text:
        """The same message behind a language-neutral prefix such as 'contacts.csv:3: '."""
        return Text(prefix + self.de, prefix + self.en)


def bi(*, de: str, en: str, **values: object) -> Text:
    """A message in both languages for code that does not know the workspace language."""
    if values:
        de, en = de.format(**values), en.format(**values)
    return Text(de, en)


def render(text: str | Text | None, lang: str | None = None) -> str:
    if text is None:
        return ""
    return text.render(lang) if isinstance(text, Text) else text
