"""User-facing errors. The CLI turns them into a message and an exit code, never a traceback.

Messages are plain strings (already in the workspace language) or `i18n.Text` (both
languages, rendered by the CLI in the workspace language; see i18n).
"""

from __future__ import annotations

from pathlib import Path

from gespraech_assistant.i18n import Text, msg, render


class GespraechError(Exception):
    """An error the user can fix. `hint` says how."""

    exit_code = 2

    def __init__(self, message: str | Text, hint: str | Text | None = None) -> None:
        super().__init__(message)
        self.text = message
        self.hint_text = hint

    @property
    def message(self) -> str:
        return render(self.text)

    @property
    def hint(self) -> str | None:
        return render(self.hint_text) if self.hint_text else None

    def render(self, lang: str | None) -> tuple[str, str | None]:
        """(message, hint) in `lang`; None = both languages."""
        hint = render(self.hint_text, lang) if self.hint_text else None
        return render(self.text, lang), hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


class UsageError(GespraechError):
    """Wrong arguments, unknown names, missing workspace."""


def ambiguous_name(lang: str, name: str, candidates: list[str]) -> UsageError:
    """A name that fits several people: the user has to say which one."""
    return UsageError(
        msg(
            lang,
            de="«{n}» ist mehrdeutig: {c}.",
            en="{n!r} is ambiguous: {c}.",
            n=name,
            c=", ".join(candidates),
        ),
        msg(lang, de="Bitte den vollen Namen angeben.", en="Please give the full name."),
    )


class DataError(GespraechError):
    """A user file that cannot be read as it is: names the file, line and fix."""

    def __init__(
        self,
        path: Path | str,
        line: int | None,
        problem: str | Text,
        hint: str | Text | None = None,
    ) -> None:
        where = f"{path}:{line}" if line else str(path)
        text = (
            problem.prefixed(f"{where}: ") if isinstance(problem, Text) else f"{where}: {problem}"
        )
        super().__init__(text, hint)
        self.path = str(path)
        self.line = line
        self.problem = problem


class ConcurrentEditError(GespraechError):
    """The file changed on disk since we read it (edited in a spreadsheet meanwhile)."""


class WriteError(GespraechError):
    """Disk full, permission denied: the old file is intact."""
