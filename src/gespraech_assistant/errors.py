"""User-facing errors. The CLI turns them into a message and an exit code, never a traceback."""

from __future__ import annotations

from pathlib import Path


class GespraechError(Exception):
    """An error the user can fix. `hint` says how."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


class UsageError(GespraechError):
    """Wrong arguments, unknown names, missing workspace."""


class DataError(GespraechError):
    """A user file that cannot be read as it is: names the file, line and fix."""

    def __init__(
        self, path: Path | str, line: int | None, problem: str, hint: str | None = None
    ) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}", hint)
        self.path = str(path)
        self.line = line
        self.problem = problem


class ConcurrentEditError(GespraechError):
    """The file changed on disk since we read it (edited in a spreadsheet meanwhile)."""


class WriteError(GespraechError):
    """Disk full, permission denied: the old file is intact."""
