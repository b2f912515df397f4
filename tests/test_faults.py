"""Faults: SIGKILL at random moments, parallel runs, a spreadsheet edit in between, a full
disk, a read-only folder, a damaged index. Nothing the user had may be lost.

The loops are short here; `python -m eval.faults` runs them many times (README figures)."""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEMO_SRC, REPO

sys.path.insert(0, str(REPO))
from eval import faults  # noqa: E402

SEED = 9


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("faults")


@pytest.fixture(scope="module")
def big_base(work) -> Path:
    base = faults.copy_workspace(DEMO_SRC, work / "base", with_index=False)
    faults.big_lists(base, extra_contacts=1000)
    return base


def _writer_names() -> list[str]:
    return ["contacts add", "targets add", "import linkedin", "debrief --apply"]


@pytest.mark.slow
@pytest.mark.parametrize("name", _writer_names())
def test_kill_loop_on_writers(name, work, big_base):
    found = {w.name: w for w in faults.writers(work)}
    if name not in found:
        pytest.skip(f"{name} does not exist yet")
    figures = faults.writer_kill_loop(found[name], big_base, work, 3, random.Random(SEED))
    assert figures.problems == []
    assert figures.runs == 3 and figures.survived == 3
    assert figures.killed >= 1, "the delays never hit a running process"


@pytest.mark.slow
def test_kill_loop_on_index(demo_ws, work):
    figures = faults.index_kill_loop(demo_ws, work, 2, random.Random(SEED))
    assert figures.problems == []
    assert figures.survived == 2


@pytest.mark.slow
def test_parallel_runs_lose_nothing_and_say_they_wait(demo_ws, work):
    debrief = "debrief --apply" in {w.name for w in faults.writers(work)}
    figures = faults.parallel_run(demo_ws, work, 1, debrief)
    assert figures.problems == []
    assert figures.killed >= 1  # runs that printed the waiting message


def test_stale_temp_files_are_cleaned_at_next_start(demo_ws, cli):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = demo_ws / f".contacts.csv{faults.TMP_MARK}{dead.pid}"
    stale.write_text("half a file", encoding="utf-8")
    stale_index = demo_ws / ".index" / f".chunks.jsonl{faults.TMP_MARK}{dead.pid}"
    stale_index.write_text("{", encoding="utf-8")
    assert cli("contacts", "add", "Nach Absturz", "-w", demo_ws).exit_code == 0
    assert not stale.exists()
    assert cli("index", "-w", demo_ws).exit_code == 0
    assert faults.temp_files(demo_ws) == []


# ---------------------------------------------------------------- edits in the window


def _edit_in_window(
    monkeypatch, module, attr: str, contacts: Path, edit: bytes, on_call: int = 1
) -> None:
    """Run the original, then save the user's spreadsheet edit before the program writes.
    on_call: forget reads twice (the plan shown, then the erasure); edit in the second."""
    original = getattr(module, attr)
    calls = []

    def wrapped(*args, **kwargs):
        result = original(*args, **kwargs)
        calls.append(1)
        if len(calls) == on_call:
            contacts.write_bytes(edit)
        return result

    monkeypatch.setattr(module, attr, wrapped)


def _user_edit(contacts: Path) -> bytes:
    return contacts.read_bytes().replace(b"Sandra Huber,", b"Sandra Huber-Meier,", 1)


@pytest.mark.parametrize("command", ["contacts add", "import linkedin", "forget"])
def test_spreadsheet_edit_between_read_and_write_is_never_overwritten(
    command, demo_ws, cli, monkeypatch, tmp_path
):
    from gespraech_assistant import linkedin, lists, privacy

    contacts = demo_ws / "contacts.csv"
    edit = _user_edit(contacts)
    if command == "contacts add":
        _edit_in_window(monkeypatch, lists.Table, "append", contacts, edit)
        args = ["contacts", "add", "Neue Person"]
    elif command == "import linkedin":
        _edit_in_window(monkeypatch, linkedin, "merge_connections", contacts, edit)
        args = ["import", "linkedin", faults.connections_file(tmp_path / "c.csv", 5)]
    else:
        _edit_in_window(monkeypatch, privacy, "forget_in_contacts", contacts, edit, on_call=2)
        args = ["forget", "Julia Weber", "--yes"]
    result = cli(*args, "-w", demo_ws)
    assert result.exit_code == 2
    assert "wurde geändert, seit gespraech" in result.output or "changed by" in result.output
    assert contacts.read_bytes() == edit
    assert faults.temp_files(demo_ws) == []


# ---------------------------------------------------------------- full disk, no permission


@pytest.mark.parametrize("failing", ["fsync", "write"])
def test_disk_full_keeps_the_old_file(failing, demo_ws, cli, monkeypatch):
    contacts = demo_ws / "contacts.csv"
    before = contacts.read_bytes()
    if failing == "fsync":

        def no_space(fd):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fsync", no_space)
    else:
        import builtins

        real_open = builtins.open

        class Full:
            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

            def write(self, data):
                raise OSError(errno.ENOSPC, "No space left on device")

            def __getattr__(self, name):
                return getattr(self.fh, name)

        def opener(file, mode="r", *args, **kwargs):
            fh = real_open(file, mode, *args, **kwargs)
            return Full(fh) if faults.TMP_MARK in str(file) and "w" in mode else fh

        monkeypatch.setattr(builtins, "open", opener)
    result = cli("contacts", "add", "Voll Platte", "-w", demo_ws)
    assert result.exit_code == 2
    out = result.output
    assert "Datenträger ist voll" in out or "disk is full" in out
    assert "intakt" in out or "intact" in out
    assert contacts.read_bytes() == before
    assert faults.temp_files(demo_ws) == []


def _make_read_only(folder: Path) -> list[str] | None:
    """chmod does not stop root; the immutable flag does. Returns the undo command."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return None
    if not shutil.which("chattr"):
        pytest.skip("running as root without chattr: cannot make a folder read-only")
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"chattr not supported here: {done.stderr!r}")
    return ["chattr", "-i", str(folder)]


@pytest.mark.parametrize("with_lock_file", [True, False])
def test_read_only_folder_gives_a_clear_error(with_lock_file, demo_ws):
    lock = demo_ws / ".gespraech.lock"
    if with_lock_file:
        lock.touch()
    else:
        lock.unlink(missing_ok=True)
    before = (demo_ws / "contacts.csv").read_bytes()
    undo = _make_read_only(demo_ws)
    try:
        done = faults.gespraech("contacts", "add", "Schreib Schutz", "-w", demo_ws)
    finally:
        if undo:
            subprocess.run(undo, check=True)
        else:
            demo_ws.chmod(0o755)
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "Traceback" not in err and "internal error" not in err
    assert "contacts.csv" in err or str(demo_ws) in err
    assert (demo_ws / "contacts.csv").read_bytes() == before


# ---------------------------------------------------------------- a damaged or foreign index


def _foreign_manifest(key: str, value: str):
    def damage(ws: Path) -> None:
        path = ws / ".index" / "manifest.json"
        data = json.loads(path.read_text("utf-8"))
        data[key] = value
        path.write_text(json.dumps(data), "utf-8")

    return damage


def _truncate(rel: str, size: int):
    def damage(ws: Path) -> None:
        for path in ws.glob(rel):
            with open(path, "r+b") as fh:
                fh.truncate(size)

    return damage


DAMAGES = {
    "older chromadb": _foreign_manifest("chromadb", "0.4.24"),
    "other embedding model": _foreign_manifest("embedder", "openai:text-embedding-3-large"),
    "truncated chroma.sqlite3": _truncate(".index/chroma/chroma.sqlite3", 20_000),
    "truncated HNSW files": _truncate(".index/chroma/*/*.bin", 64),
    "truncated chunk cache": _truncate(".index/chunks.jsonl", 3_000),
    "truncated manifest": _truncate(".index/manifest.json", 100),
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_damaged_or_foreign_index_is_rebuilt_without_traceback(damage, demo_ws):
    DAMAGES[damage](demo_ws)
    asked = faults.gespraech("ask", "Lieferantenqualität Gliwice", "--json", "-w", demo_ws)
    err = asked.stderr.decode()
    assert asked.returncode == 0, err
    assert "Traceback" not in err and "internal error" not in err
    found = json.loads(asked.stdout)
    assert any("Gliwice" in p["text"] for p in found)
    if damage != "truncated HNSW files":  # Chroma itself may cope with those
        assert "neu aufgebaut" in err or "rebuilt" in err, err
    assert faults.index_problems(demo_ws) == []
