"""Speed of the foundation: indexing, re-indexing, start-up and `ask`.

    python -m eval.bench_foundation            # all figures
    python -m eval.bench_foundation --notes 200 --runs 5

Figures (median of --runs where repeated):
- index throughput: chunks embedded per second on a fresh index of generated notes
- re-index with nothing changed, in-process and as `gespraech index` (target < 1 s)
- `gespraech --help` wall time including Python start (target < 0.5 s)
- `gespraech ask` wall time including process start, on the same workspace
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMPANIES = ["Alpenblick Medtech AG", "Medivo GmbH", "Rheintal Logistik AG", "Nordlicht Energie"]
TOPICS = [
    (
        "Strategie",
        "Die Firma will bis {y} den Umsatz im Ausland verdoppeln und baut dafür {n} Stellen auf.",
    ),
    ("Lieferkette", "Engpässe bei Komponenten aus Asien verzögern Auslieferungen um {n} Wochen."),
    (
        "Personen",
        "Die Leiterin Einkauf kam {y} von einem Wettbewerber und gilt als zahlenorientiert.",
    ),
    ("Markt", "Der Markt wächst um {n} Prozent pro Jahr; neue Regulierung erhöht die Kosten."),
]


def generate_notes(root: Path, count: int) -> None:
    from gespraech_assistant.setup_workspace import init_workspace

    init_workspace(root, "de")
    for i in range(count):
        company = COMPANIES[i % len(COMPANIES)]
        sections = []
        for j, (topic, text) in enumerate(TOPICS):
            body = text.format(y=2020 + (i + j) % 8, n=3 + (i * 7 + j) % 40)
            sections.append(
                f"## {topic}\n\n{body} Notiz {i}-{j}: Quelle Gespräch vom {i % 28 + 1}.3.\n"
            )
        folder = root / "notes" / f"batch{i // 50}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"note-{i:03d}.md").write_text(
            f"---\ncompany: {company}\ntopic: Recherche {i}\ndate: 2026-03-{i % 28 + 1:02d}\n---\n\n"
            f"# {company} – Notiz {i}\n\n" + "\n".join(sections),
            encoding="utf-8",
        )


CPU: dict[str, list[float]] = {}


def cli_seconds(*args: str) -> float:
    """Wall time; the CPU time (user+sys) of the child goes to CPU, which a busy machine
    inflates much less than the wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "gespraech_assistant", *args], capture_output=True, check=True
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    CPU.setdefault(args[0], []).append(cpu)
    return wall


def cpu_of(command: str) -> str:
    return f"CPU {statistics.median(CPU[command]):.2f} s"


def median_of(runs: int, fn) -> float:
    return statistics.median(fn() for _ in range(runs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    from gespraech_assistant.index.store import Index
    from gespraech_assistant.workspace import open_workspace

    with tempfile.TemporaryDirectory(prefix="gespraech-bench-") as tmp:
        root = Path(tmp) / "ws"
        generate_notes(root, args.notes)
        ws = open_workspace(root)
        first = Index(ws).update()
        throughput = first.chunks_embedded / first.seconds
        reindex = median_of(args.runs, lambda: Index(ws).update().seconds)
        reindex_cli = median_of(args.runs, lambda: cli_seconds("index", "-w", str(root)))
        help_s = median_of(args.runs, lambda: cli_seconds("--help"))
        baseline = median_of(args.runs, lambda: _python_start())
        ask_s = median_of(
            args.runs,
            lambda: cli_seconds("ask", "Wo gibt es Engpässe in der Lieferkette?", "-w", str(root)),
        )
    rows = [
        ("notes / chunks", f"{args.notes} / {first.chunks_total}", ""),
        ("index throughput", f"{throughput:.1f} chunks/s", f"{first.seconds:.1f} s fresh"),
        ("re-index, nothing changed", f"{reindex * 1000:.0f} ms", "in-process; target < 1 s"),
        (
            "`gespraech index`, nothing changed",
            f"{reindex_cli:.2f} s",
            f"{cpu_of('index')}; incl. process start",
        ),
        (
            "`gespraech --help`",
            f"{help_s:.2f} s",
            f"{cpu_of('--help')}; target < 0.5 s; bare python {baseline:.2f} s",
        ),
        (
            "`gespraech ask`",
            f"{ask_s:.2f} s",
            f"{cpu_of('ask')}; incl. process start, model and Chroma load",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"median of {args.runs} runs; {_machine()}")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>18}  {note}")
    return 0


def _python_start() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - started


def _machine() -> str:
    import os
    import platform

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{platform.machine()}, {os.cpu_count()} CPUs, load {load:.1f}, Python {platform.python_version()}"


if __name__ == "__main__":
    sys.exit(main())
