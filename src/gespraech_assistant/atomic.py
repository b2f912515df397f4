"""Atomic writes with a backup: a killed process leaves the old or the new file, never half."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
from pathlib import Path

from gespraech_assistant.errors import WriteError
from gespraech_assistant.i18n import Text, bi

TMP_MARK = ".tmp-gespraech-"
BACKUP_DIR = ".backups"
BACKUPS_KEPT = 10


def _tmp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}{TMP_MARK}{os.getpid()}")


def backup(path: Path, workspace_root: Path | None) -> Path | None:
    """Copy the current version to <workspace>/.backups/, keeping the last few."""
    if not path.is_file():
        return None
    folder = (workspace_root or path.parent) / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = folder / f"{path.stem}.{stamp}.{time.time_ns() % 1_000_000:06d}{path.suffix}"
    shutil.copy2(path, target)
    olds = sorted(folder.glob(f"{path.stem}.*{path.suffix}"))
    for old in olds[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return target


def write_bytes(
    path: Path, data: bytes, *, workspace_root: Path | None = None, keep_backup: bool = True
) -> None:
    tmp = _tmp_path(path)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if keep_backup:
            backup(path, workspace_root)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        full = exc.errno == errno.ENOSPC
        reason = exc.strerror or str(exc)
        raise WriteError(
            Text(
                de=f"{path}: konnte nicht geschrieben werden "
                f"({'der Datenträger ist voll' if full else reason}); "
                "die vorige Fassung ist intakt.",
                en=f"{path}: could not be written ({'the disk is full' if full else reason}); "
                "the previous version is intact.",
            ),
            bi(
                de="Platz freigeben oder die Berechtigungen korrigieren, dann den Befehl "
                "erneut ausführen.",
                en="Free some space or fix the permissions, then run the command again.",
            ),
        ) from None


def write_text(path: Path, text: str, encoding: str = "utf-8", **kwargs) -> None:
    write_bytes(path, text.encode(encoding), **kwargs)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_temp_files(root: Path) -> int:
    """Remove temp files left by a killed process (their pid is gone)."""
    removed = 0
    for tmp in root.rglob(f".*{TMP_MARK}*"):
        if "chroma" in tmp.relative_to(root).parts[:2]:
            continue  # Chroma's own folder; .index/ itself holds our chunks.jsonl temp files
        pid_text = tmp.name.rsplit(TMP_MARK, 1)[-1]
        if pid_text.isdigit() and _pid_alive(int(pid_text)) and int(pid_text) != os.getpid():
            continue
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed += 1
    return removed
