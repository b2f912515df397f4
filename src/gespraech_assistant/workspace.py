"""Find, create and lock a workspace: the folder the user owns."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from gespraech_assistant.config import Settings, load_settings
from gespraech_assistant.errors import UsageError, WriteError
from gespraech_assistant.i18n import bi

CONFIG_NAME = "gespraech.toml"
LOCK_NAME = ".gespraech.lock"
LOCK_WAIT_S = 300.0


@dataclass
class Workspace:
    root: Path
    settings: Settings = field(default_factory=Settings)

    @property
    def language(self) -> str:
        return self.settings.language

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def contacts_path(self) -> Path:
        return self.root / "contacts.csv"

    @property
    def targets_path(self) -> Path:
        return self.root / "targets.csv"

    @property
    def profile_path(self) -> Path:
        return self.root / "profile.md"

    @property
    def notes_dir(self) -> Path:
        return self.root / "notes"

    @property
    def history_dir(self) -> Path:
        return self.root / "history"

    @property
    def index_dir(self) -> Path:
        return self.root / ".index"

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    @contextmanager
    def lock(self, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """One writer at a time across processes; tells the user when it waits."""
        from filelock import FileLock, Timeout

        from gespraech_assistant.atomic import clean_stale_temp_files

        # One lock object per path in this process: nested ws.lock() calls (a command that
        # writes, then refreshes the index) re-enter instead of waiting for themselves.
        lock = FileLock(str(self.root / LOCK_NAME), is_singleton=True)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if on_wait:
                on_wait()
            try:
                lock.acquire(timeout=LOCK_WAIT_S)
            except Timeout:
                raise UsageError(
                    bi(
                        de="Ein anderer gespraech-Prozess schreibt seit {s:.0f} s in {r}.",
                        en="Another gespraech process has been writing to {r} for {s:.0f} s.",
                        r=self.root,
                        s=LOCK_WAIT_S,
                    ),
                    bi(
                        de="Warten, bis er fertig ist, oder ihn beenden, dann erneut versuchen.",
                        en="Wait for it to finish or stop it, then retry.",
                    ),
                ) from None
        except OSError as exc:  # read-only folder, full disk: the lock file cannot be made
            raise WriteError(
                bi(
                    de="{r}: gespraech kann hier nicht schreiben ({e}); nichts wurde geändert.",
                    en="{r}: gespraech cannot write here ({e}); nothing was changed.",
                    r=self.root,
                    e=exc.strerror,
                ),
                bi(
                    de="Die Berechtigungen des Ordners und den freien Speicherplatz prüfen, "
                    "dann den Befehl erneut ausführen.",
                    en="Check the folder's permissions and free disk space, "
                    "then run the command again.",
                ),
            ) from None
        try:
            clean_stale_temp_files(self.root)
            yield
        finally:
            lock.release()


def open_workspace(root: Path) -> Workspace:
    return Workspace(root=root.resolve(), settings=load_settings(root / CONFIG_NAME))


def find_workspace(explicit: Path | None = None) -> Workspace:
    """--workspace, else GESPRAECH_WORKSPACE, else the current folder if it has gespraech.toml."""
    candidates: list[tuple[Path, str]] = []
    if explicit is not None:
        candidates.append((explicit, "--workspace"))
    elif os.environ.get("GESPRAECH_WORKSPACE"):
        candidates.append((Path(os.environ["GESPRAECH_WORKSPACE"]), "GESPRAECH_WORKSPACE"))
    if candidates:
        path, origin = candidates[0]
        if not (path / CONFIG_NAME).is_file():
            raise UsageError(
                bi(
                    de="{p} ({o}) ist kein gespraech-Arbeitsordner: {c} fehlt.",
                    en="{p} ({o}) is not a gespraech workspace: {c} is missing.",
                    p=path,
                    o=origin,
                    c=CONFIG_NAME,
                ),
                bi(
                    de="Anlegen mit: gespraech init {p}",
                    en="Create one with: gespraech init {p}",
                    p=path,
                ),
            )
        return open_workspace(path)
    cwd = Path.cwd()
    if (cwd / CONFIG_NAME).is_file():
        return open_workspace(cwd)
    raise UsageError(  # no workspace, no language: shown in both
        bi(
            de="Kein Arbeitsordner gefunden: der aktuelle Ordner hat keine gespraech.toml.",
            en="No workspace found: the current folder has no gespraech.toml.",
        ),
        bi(
            de="Einen anlegen mit `gespraech init ORDNER`, --workspace ORDNER angeben oder "
            "GESPRAECH_WORKSPACE setzen. Zum Ausprobieren: `gespraech demo`.",
            en="Create one with `gespraech init DIR`, or pass --workspace DIR, "
            "or set GESPRAECH_WORKSPACE. To try the tool: `gespraech demo`.",
        ),
    )
