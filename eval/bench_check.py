"""Checker speed: 50 questions once the checker is built, and `gespraech check` wall time for 10
questions including process start-up (index already fresh).

    python -m eval.bench_check
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from eval.check import load_cases, prepared_workspace

RUNS = 5


def main() -> int:
    from gespraech_assistant.checker import QuestionChecker
    from gespraech_assistant.index.search import Retriever
    from gespraech_assistant.workspace import open_workspace

    root = prepared_workspace()
    ws = open_workspace(root)
    Retriever(ws)  # make sure the index is fresh before timing anything
    questions = [c["question"] for c in load_cases()][:50]
    started = time.perf_counter()
    checker = QuestionChecker(ws, company="Alpenblick Medtech AG")
    build = time.perf_counter() - started
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        results = checker.check_many(questions)
        timings.append(time.perf_counter() - started)
    flagged = sum(1 for r in results if not r.ok)
    print(f"checker build (notes read, names collected): {build * 1000:.0f} ms")
    print(
        f"check 50 questions: best {min(timings) * 1000:.1f} ms, "
        f"median {sorted(timings)[RUNS // 2] * 1000:.1f} ms ({flagged} flagged)"
    )

    ten = questions[:10]
    walls = []
    for _ in range(3):
        started = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "gespraech_assistant",
                "check",
                *ten,
                "--company",
                "Alpenblick",
                "--json",
                "-w",
                str(root),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        walls.append(time.perf_counter() - started)
        assert done.returncode in (0, 1), done.stderr
        assert len(json.loads(done.stdout)) == 10
    print(
        f"gespraech check, 10 questions, wall time incl. start-up: best {min(walls):.2f} s, "
        f"median {sorted(walls)[1]:.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
