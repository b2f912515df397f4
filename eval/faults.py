"""Faults and bad input against the real CLI: kill loops, parallel runs, the bad-input corpus.

    python -m eval.faults [--kills N] [--index-kills N] [--parallel N] [--seed S]

Every run uses subprocesses of `python -m gespraech_assistant` on copies of the demo
workspace, with GESPRAECH_DEBUG unset (what users see). Prints the figures for the README.
tests/test_faults.py and tests/test_bad_input.py use the same functions with fewer iterations.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "src" / "gespraech_assistant" / "demo_workspace"
BAD_INPUTS = REPO / "tests" / "bad_inputs"
DEBRIEF_NOTES = REPO / "eval" / "data" / "debrief" / "01-keller-template.md"
TMP_MARK = ".tmp-gespraech-"
WAITING = ("another gespraech is writing", "ein anderer gespraech-prozess schreibt")
ESC_BYTES = (b"\x1b", "\x9b".encode())
csv.field_size_limit(2**31 - 1)


# ---------------------------------------------------------------- running the CLI


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GESPRAECH_", "OPENAI_"))}
    env["ANONYMIZED_TELEMETRY"] = "False"
    env["COLUMNS"] = "200"
    return env


def gespraech(*args: object, input: str | None = None, timeout: float = 600):
    return subprocess.run(
        [sys.executable, "-m", "gespraech_assistant", *map(str, args)],
        env=_env(),
        input=input,
        capture_output=True,
        timeout=timeout,
    )


def spawn(*args: object) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "gespraech_assistant", *map(str, args)],
        env=_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def kill_after(args: list[object], delay: float) -> bool:
    """Start the command, SIGKILL it after `delay` s. True if it was still running."""
    proc = spawn(*args)
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        return True


def kill_at_write(args: list[object], ws: Path, jitter: float, rng: random.Random) -> bool:
    """Start the command and SIGKILL it while it writes: as soon as one of its temp files
    appears (plus a random jitter). The most dangerous moment, hit on purpose."""
    proc = spawn(*args)
    folders = [ws, ws / ".index", ws / "history", ws / ".backups"]
    mark = f"{TMP_MARK}{proc.pid}"
    deadline = time.monotonic() + 600
    while proc.poll() is None and time.monotonic() < deadline:
        if any(mark in name for folder in folders for name in _names(folder)):
            time.sleep(rng.uniform(0, jitter))
            break
        time.sleep(0.0005)
    running = proc.poll() is None
    if running:
        proc.send_signal(signal.SIGKILL)
    proc.communicate()
    return running


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob(f"*{TMP_MARK}*")]


def copy_workspace(src: Path, dst: Path, with_index: bool = True) -> Path:
    ignore = None if with_index else shutil.ignore_patterns(".index")
    shutil.copytree(src, dst, ignore=ignore)
    return dst


@dataclass
class Figures:
    name: str
    runs: int = 0
    killed: int = 0
    mid_write: int = 0
    survived: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.name}: {self.runs} runs, {self.killed} killed while running "
            f"({self.mid_write} mid-write), {self.survived} with nothing lost"
        )


# ---------------------------------------------------------------- workspace checks


def csv_problems(ws: Path) -> list[str]:
    """Both lists parse (in-process, real reader)."""
    from gespraech_assistant.errors import GespraechError
    from gespraech_assistant.lists import load_contacts, load_targets

    problems = []
    for loader, name in ((load_contacts, "contacts.csv"), (load_targets, "targets.csv")):
        try:
            loader(ws / name, ws)
        except GespraechError as exc:
            problems.append(f"{name} does not parse: {exc}")
    return problems


def snapshot(ws: Path, files: list[str]) -> dict[str, bytes | None]:
    return {f: (ws / f).read_bytes() if (ws / f).exists() else None for f in files}


def user_files(ws: Path) -> dict[str, bytes]:
    """notes/ and history/ as the user wrote them (the index must never touch them)."""
    out = {}
    for folder in ("notes", "history"):
        for path in sorted((ws / folder).rglob("*")):
            if path.is_file():
                out[path.relative_to(ws).as_posix()] = path.read_bytes()
    return out


def index_problems(ws_path: Path) -> list[str]:
    """Manifest, chunk cache, Chroma and the files agree."""
    from gespraech_assistant.index.store import (
        Index,
        Manifest,
        open_collection,
        read_chunks,
        source_files,
    )
    from gespraech_assistant.workspace import open_workspace

    try:
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()  # another process rebuilt the folder
    except ImportError:
        pass
    ws = open_workspace(ws_path)
    idx = Index(ws)
    manifest = Manifest.load(idx.manifest_path)
    if manifest is None:
        return ["manifest missing or unreadable after a complete run"]
    problems = []
    files = {ws.rel(p) for p in source_files(ws)}
    if set(manifest.files) != files:
        problems.append(f"manifest files differ: {sorted(set(manifest.files) ^ files)}")
    ids = {i for entry in manifest.files.values() for i in entry.get("ids", [])}
    chunk_ids = {c["id"] for c in read_chunks(idx.chunks_path)}
    if ids != chunk_ids:
        problems.append(f"chunk cache and manifest differ by {len(ids ^ chunk_ids)} ids")
    _, collection = open_collection(ws, create=False)
    stored = set(collection.get(include=[])["ids"])
    if stored != ids:
        problems.append(
            f"Chroma holds {len(stored)} ids, the manifest {len(ids)} "
            f"({len(stored - ids)} orphaned, {len(ids - stored)} missing)"
        )
    return problems


def no_traceback(proc: subprocess.CompletedProcess, what: str) -> list[str]:
    err = proc.stderr.decode("utf-8", "replace")
    if "Traceback" in err or "internal error" in err.lower():
        return [f"{what}: traceback/internal error: {err[-400:]}"]
    return []


# ---------------------------------------------------------------- kill loops on list writers


@dataclass
class Writer:
    """A command that writes user files, and the files it may change."""

    name: str
    args: Callable[[Path], list[object]]
    files: list[str]
    prepare: Callable[[Path], None] = lambda ws: None


def big_lists(ws: Path, extra_contacts: int = 3000) -> None:
    """Make the lists large, so a write takes long enough to be hit by a kill."""
    rows = "".join(
        f"Person {i:05d},Firma {i % 97} AG,Rolle,p{i}@example.org,,,primary,,,"
        f"tag,Notiz Nummer {i} mit etwas Text\n"
        for i in range(extra_contacts)
    )
    with open(ws / "contacts.csv", "a", encoding="utf-8") as fh:
        fh.write(rows)


def connections_file(path: Path, n: int = 400) -> Path:
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice that some email addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "Sandra,Huber,https://www.linkedin.com/in/sandra-huber-beratung,,Neue Beratung AG,Partnerin,01 Jan 2020",
    ]
    lines += [
        f"Linked{i},Person{i},https://www.linkedin.com/in/lp{i},,=Firma{i}(),Rolle {i},0{1 + i % 9} Mar 2024"
        for i in range(n)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def writers(work: Path) -> list[Writer]:
    connections = connections_file(work / "Connections.csv")
    found = [
        Writer(
            "contacts add",
            lambda ws: ["contacts", "add", "Kill Test", "--company", "=Evil()", "-w", ws],
            ["contacts.csv"],
        ),
        Writer(
            "targets add",
            lambda ws: ["targets", "add", "Kill Test AG", "--priority", "B", "-w", ws],
            ["targets.csv"],
        ),
        Writer(
            "import linkedin",
            lambda ws: ["import", "linkedin", connections, "-w", ws],
            ["contacts.csv"],
        ),
    ]
    if DEBRIEF_NOTES.exists() and b"--apply" in gespraech("debrief", "--help").stdout:
        found.append(
            Writer(
                "debrief --apply",
                lambda ws: [
                    "debrief",
                    DEBRIEF_NOTES,
                    "--contact",
                    "Martin Keller",
                    "--date",
                    "2026-10-01",
                    "--apply",
                    "--yes",
                    "--engine",
                    "offline",
                    "-w",
                    ws,
                ],
                ["contacts.csv", "targets.csv", "history/2026-10-01-martin-keller.md"],
            )
        )
    return found


def writer_kill_loop(
    writer: Writer, base: Path, work: Path, iterations: int, rng: random.Random
) -> Figures:
    """Each run: fresh copy, kill at a random moment; every file must be the old or the new
    version and parse; a rerun must finish the job and clean the temp files."""
    figures = Figures(writer.name)
    ref = copy_workspace(base, work / f"{slug(writer.name)}-ref", with_index=False)
    old = snapshot(ref, writer.files)
    started = time.perf_counter()
    first = gespraech(*writer.args(ref))
    duration = time.perf_counter() - started
    if first.returncode != 0:
        figures.problems.append(f"reference run failed: {first.stderr.decode()[-400:]}")
        return figures
    new = snapshot(ref, writer.files)
    for i in range(iterations):
        ws = copy_workspace(base, work / f"{slug(writer.name)}-{i}", with_index=False)
        figures.runs += 1
        if i % 2:  # every other run is killed in the middle of a write, on purpose
            figures.killed += kill_at_write(writer.args(ws), ws, 0.003, rng)
        else:
            figures.killed += kill_after(writer.args(ws), rng.uniform(0.3, 1.05) * duration)
        figures.mid_write += bool(temp_files(ws))
        problems = csv_problems(ws)
        for name, data in snapshot(ws, writer.files).items():
            if data not in (old[name], new[name]):
                problems.append(f"{name} is neither the old nor the new version after a kill")
        rerun = gespraech(*writer.args(ws))
        problems += no_traceback(rerun, "rerun")
        for name, data in snapshot(ws, writer.files).items():
            if data != new[name]:
                problems.append(f"{name} differs from an uninterrupted run after the rerun")
        if temp_files(ws):
            problems.append(f"stale temp files after the rerun: {temp_files(ws)}")
        figures.problems += [f"run {i}: {p}" for p in problems]
        figures.survived += not problems
        shutil.rmtree(ws, ignore_errors=True)
    return figures


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# ---------------------------------------------------------------- kill loop on the index


def mutate_notes(ws: Path, rng: random.Random, step: int) -> None:
    """Between kills the user keeps writing: new notes, edits, deletions."""
    extra = ws / "notes" / "extra"
    extra.mkdir(exist_ok=True)
    choice = rng.choice(["add", "add", "edit", "delete"])
    existing = sorted(extra.glob("*.md"))
    if choice == "delete" and existing:
        rng.choice(existing).unlink()
        return
    if choice == "edit" and existing:
        target = rng.choice(existing)
    else:
        target = extra / f"note-{step:03d}.md"
    paragraphs = rng.randint(2, 8)
    body = "\n\n".join(
        f"Absatz {step}.{p}: Lieferant {rng.randint(1, 99)} in Gliwice liefert "
        f"{rng.choice(['Implantate', 'Sensoren', 'Gehäuse'])} mit Qualitätsproblemen." * 3
        for p in range(paragraphs)
    )
    target.write_text(f"---\ncompany: Firma {step}\n---\n\n# Notiz {step}\n\n{body}\n", "utf-8")


def index_kill_loop(base: Path, work: Path, iterations: int, rng: random.Random) -> Figures:
    figures = Figures("index")
    ws = copy_workspace(base, work / "index-loop", with_index=True)
    started = time.perf_counter()
    gespraech("index", "-w", ws)
    duration = max(2.0, time.perf_counter() - started)
    for step in range(iterations):
        mutate_notes(ws, rng, step)
        before = user_files(ws)
        figures.runs += 1
        if step % 2:
            figures.killed += kill_at_write(["index", "-w", ws], ws, 0.002, rng)
        else:
            figures.killed += kill_after(["index", "-w", ws], rng.uniform(0.2, 1.5) * duration)
        figures.mid_write += bool(temp_files(ws))
        problems = [] if user_files(ws) == before else ["the index changed notes/ or history/"]
        started = time.perf_counter()
        done = gespraech("index", "-w", ws)
        duration = max(2.0, time.perf_counter() - started)
        problems += no_traceback(done, "index after kill")
        if done.returncode != 0:
            problems.append(f"index after kill exited {done.returncode}")
        if temp_files(ws):
            problems.append(f"stale temp files: {temp_files(ws)}")
        problems += index_problems(ws)
        asked = gespraech("ask", "Lieferantenqualität Gliwice", "--json", "-w", ws)
        if asked.returncode != 0 or b'"source"' not in asked.stdout:
            problems.append("ask finds nothing after the kill")
        figures.problems += [f"step {step}: {p}" for p in problems]
        figures.survived += not problems
    return figures


# ---------------------------------------------------------------- parallel runs


def parallel_run(base: Path, work: Path, n: int, debrief: bool) -> Figures:
    """Four index runs and two writers at once: all updates land, nothing is corrupt, and
    someone is told to wait."""
    figures = Figures("parallel")
    rng = random.Random(n)
    for round_ in range(n):
        ws = copy_workspace(base, work / f"parallel-{round_}", with_index=True)
        mutate_notes(ws, rng, 100 + round_)  # one index run has real work and holds the lock
        commands = [["index", "-w", ws] for _ in range(4)]
        commands += [["contacts", "add", f"Parallel Person {k}", "-w", ws] for k in range(2)]
        commands += [["targets", "add", f"Parallel Firma {round_} AG", "-w", ws]]
        if debrief:
            commands.append(
                ["debrief", DEBRIEF_NOTES, "--contact", "Martin Keller", "--date", "2026-10-01",
                 "--apply", "--yes", "--engine", "offline", "-w", ws]
            )  # fmt: skip
        procs = [spawn(*c) for c in commands]
        outs = [p.communicate(timeout=900) for p in procs]
        figures.runs += len(procs)
        problems = []
        for proc, (_, err) in zip(procs, outs, strict=True):
            text = err.decode("utf-8", "replace")
            if proc.returncode != 0 or "Traceback" in text:
                problems.append(f"exit {proc.returncode}: {text[-300:]}")
        waited = sum(
            any(w in e.decode("utf-8", "replace").lower() for w in WAITING) for _, e in outs
        )
        figures.killed += waited  # reused column: runs that had to wait
        if not waited:
            problems.append("no run said that it waits for another gespraech")
        problems += csv_problems(ws)
        contacts = (ws / "contacts.csv").read_text("utf-8")
        for k in range(2):
            if f"Parallel Person {k}" not in contacts:
                problems.append(f"lost update: Parallel Person {k} is missing")
        if f"Parallel Firma {round_} AG" not in (ws / "targets.csv").read_text("utf-8"):
            problems.append("lost update: the target is missing")
        if debrief and "Laura Sommer" not in contacts:
            problems.append("lost update: the debrief's new contact is missing")
        # a history file the debrief wrote after the last index run is picked up by the next
        problems += no_traceback(gespraech("index", "-w", ws), "index after the parallel runs")
        problems += index_problems(ws)
        figures.problems += [f"round {round_}: {p}" for p in problems]
        figures.survived += not problems
    return figures


# ---------------------------------------------------------------- bad input corpus


@dataclass
class BadCase:
    name: str
    file: str
    place: str  # contacts | linkedin | note | config
    commands: list[list[str]]


def bad_cases() -> list[BadCase]:
    cases = []
    for path in sorted(BAD_INPUTS.iterdir()):
        kind = path.name.split("_", 1)[0]
        if kind == "contacts":
            commands = [
                ["contacts", "list"],
                ["contacts", "list", "--json"],
                ["contacts", "add", "=Neue Person", "--company", "@Firma"],
            ]
        elif kind == "linkedin":
            commands = [["import", "linkedin", "{file}"], ["contacts", "list"]]
        elif kind == "note":
            commands = [["index"], ["ask", "Lieferant"]]
        elif kind == "config":
            commands = [["contacts", "list"]]
        else:
            continue
        cases.append(BadCase(path.stem, path.name, kind, commands))
    return cases


def place_bad_input(case: BadCase, ws: Path) -> Path:
    src = BAD_INPUTS / case.file
    if case.place == "contacts":
        shutil.copy(src, ws / "contacts.csv")
        return ws / "contacts.csv"
    if case.place == "note":
        dest = ws / "notes" / ("bad-" + case.file)
        shutil.copy(src, dest)
        return dest
    if case.place == "config":
        shutil.copy(src, ws / "gespraech.toml")
        return ws / "gespraech.toml"
    return src


def _cells(data: bytes | None) -> set[str]:
    from gespraech_assistant.lists import decode

    if not data:
        return set()
    text, _ = decode(data)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delim(text))
        return {c for row in reader for c in row if c.strip()}
    except csv.Error:
        return set()


def formula_cells(contacts: Path, original: bytes | None) -> list[str]:
    """Cells a spreadsheet would execute that were not already in the user's own file."""
    from gespraech_assistant.lists import safe_cell

    own = _cells(original)
    return sorted(c for c in _cells(contacts.read_bytes()) - own if c and safe_cell(c) != c)


def run_bad_case(case: BadCase, ws: Path) -> list[str]:
    """Every command: exit 0 or 2, no traceback, no escape sequence from the data on the
    terminal, user files not lost (unchanged, or only appended to)."""
    placed = place_bad_input(case, ws)
    contacts_before = (ws / "contacts.csv").read_bytes() if (ws / "contacts.csv").exists() else None
    placed_before = placed.read_bytes()
    problems = []
    for command in case.commands:
        args = [a.replace("{file}", str(placed)) for a in command]
        proc = gespraech(*args, "-w", ws)
        what = f"{case.name}: {' '.join(command)}"
        if proc.returncode not in (0, 2):
            problems.append(
                f"{what}: exit {proc.returncode}: {proc.stderr.decode('utf-8', 'replace')[-300:]}"
            )
        problems += no_traceback(proc, what)
        if any(b in proc.stdout + proc.stderr for b in ESC_BYTES):
            problems.append(f"{what}: an escape sequence reached the terminal")
        if proc.returncode == 2 and not proc.stderr.strip():
            problems.append(f"{what}: exit 2 without a message")
    if case.place in ("note", "config") and placed.read_bytes() != placed_before:
        problems.append(f"{case.name}: the program changed the user's file")
    if case.place == "contacts" and contacts_before is not None:
        after = (ws / "contacts.csv").read_bytes()
        if after != contacts_before and not _rows_kept(contacts_before, after):
            problems.append(f"{case.name}: rows of contacts.csv were lost")
    if (ws / "contacts.csv").exists():
        problems += [
            f"{case.name}: formula cell written: {c!r}"
            for c in formula_cells(ws / "contacts.csv", contacts_before)
        ]
    return problems


def _rows_kept(before: bytes, after: bytes) -> bool:
    """Every value of the old file is still in the new one (writes may requote or re-encode)."""
    return _cells(before) <= _cells(after)


def _delim(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


def run_note_cases_together(cases: list[BadCase], ws: Path) -> list[str]:
    """All bad notes in one workspace, one index and one ask: the fast path for tests."""
    placed = {case.name: place_bad_input(case, ws) for case in cases if case.place == "note"}
    before = {name: path.read_bytes() for name, path in placed.items()}
    problems = []
    for command in (["index"], ["ask", "Lieferant"], ["ask", "Lieferant", "--json"]):
        proc = gespraech(*command, "-w", ws)
        what = " ".join(command)
        if proc.returncode != 0:
            problems.append(f"{what}: exit {proc.returncode}: {proc.stderr.decode()[-300:]}")
        problems += no_traceback(proc, what)
        if any(b in proc.stdout + proc.stderr for b in ESC_BYTES):
            problems.append(f"{what}: an escape sequence reached the terminal")
    problems += [
        f"{n}: the note was changed" for n, p in placed.items() if p.read_bytes() != before[n]
    ]
    return problems


def bad_input_run(work: Path, indexed: Path) -> Figures:
    """indexed: an indexed demo copy, so a note case embeds only the bad note."""
    figures = Figures("bad inputs")
    for case in bad_cases():
        ws = copy_workspace(indexed, work / f"bad-{case.name}", with_index=True)
        problems = run_bad_case(case, ws)
        figures.runs += 1
        figures.problems += problems
        figures.survived += not problems
        shutil.rmtree(ws, ignore_errors=True)
    return figures


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=25, help="kills per writing command")
    parser.add_argument("--index-kills", type=int, default=20)
    parser.add_argument("--parallel", type=int, default=3, help="rounds of parallel runs")
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    results: list[Figures] = []
    with tempfile.TemporaryDirectory(prefix="gespraech-faults-") as tmp:
        work = Path(tmp)
        base = copy_workspace(DEMO, work / "base", with_index=False)
        big_lists(base)
        found = writers(work)
        for writer in found:
            results.append(writer_kill_loop(writer, base, work, args.kills, rng))
            print(results[-1].line(), flush=True)
        indexed = copy_workspace(DEMO, work / "indexed", with_index=False)
        gespraech("index", "-w", indexed)
        results.append(index_kill_loop(indexed, work, args.index_kills, rng))
        print(results[-1].line(), flush=True)
        debrief = any(w.name.startswith("debrief") for w in found)
        par = parallel_run(indexed, work, args.parallel, debrief)
        results.append(par)
        print(
            f"parallel: {par.runs} processes in {args.parallel} rounds, {par.killed} told to wait, "
            f"{par.survived}/{args.parallel} rounds with nothing lost",
            flush=True,
        )
        bad = bad_input_run(work, indexed)
        results.append(bad)
        print(
            f"bad inputs: {bad.runs} files tried, {bad.survived} with a clear answer and nothing lost"
        )
    kills = [r for r in results if r.name not in ("parallel", "bad inputs")]
    print(
        f"TOTAL kill loops: {sum(r.runs for r in kills)} runs, "
        f"{sum(r.killed for r in kills)} killed while running, "
        f"{sum(r.mid_write for r in kills)} mid-write, {sum(r.survived for r in kills)} survived"
    )
    problems = [p for r in results for p in r.problems]
    for problem in problems[:40]:
        print("PROBLEM", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
