"""Offline brief: wall time including process start, length, grounding and question vetting.

    python -m eval.bench_brief             # 5 timed runs on the demo, figures for every contact
    python -m eval.bench_brief --runs 10
    python -m eval.bench_brief --json

Timing: `python -m gespraech_assistant brief "Martin Keller" --out FILE` in a fresh process on
the demo workspace (indexed beforehand, as after `gespraech demo`; the brief itself only checks
that the index is fresh). Targets: < 3 s wall time; Markdown of one to two printed pages
(a page = 50 lines of at most 90 characters, blank lines counting half: A4 at 11 pt).

Content figures, per contact with a company in the demo and eval workspaces (offline engine):
facts and their sources (the cited line must contain the fact), leaks (a fact cited from a note
about another company: target 0), suggested questions and how many pass the question checker.
Workspaces are copied to a cache folder in the temp directory and indexed there once.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
DEMO = REPO / "src" / "gespraech_assistant" / "demo_workspace"
EVAL_WS = ROOT / "workspace"
CACHE = Path(tempfile.gettempdir()) / "gespraech-bench-brief"
PAGE_LINES, PAGE_WIDTH = 50, 90


def indexed_copy(src: Path, name: str) -> Path:
    from gespraech_assistant.index.store import Index
    from gespraech_assistant.workspace import open_workspace

    target = CACHE / name
    if not (target / ".index" / "manifest.json").exists():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(src, target, ignore=shutil.ignore_patterns(".index"))
    Index(open_workspace(target)).update()
    return target


def printed_pages(markdown: str) -> float:
    """Lines wrapped at 90 characters, 50 to an A4 page; a blank line is half a line."""
    lines = sum(
        len(textwrap.wrap(line, PAGE_WIDTH)) if line.strip() else 0.5
        for line in markdown.splitlines()
    )
    return round(lines / PAGE_LINES, 2)


def time_cli(ws: Path, contact: str, runs: int) -> dict:
    out = CACHE / "brief.md"
    env = {**os.environ, "GESPRAECH_DEBUG": "1"}
    env.pop("OPENAI_API_KEY", None)
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "gespraech_assistant", "brief", contact, "--engine",
             "offline", "--out", str(out), "-w", str(ws)],
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
        seconds.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"brief failed: {done.stderr}")
    text = out.read_text(encoding="utf-8")
    return {
        "contact": contact,
        "runs": runs,
        "median_s": round(statistics.median(seconds), 2),
        "max_s": round(max(seconds), 2),
        "lines": text.count("\n"),
        "words": len(text.split()),
        "printed_pages": printed_pages(text),
    }


def content_figures(ws_root: Path) -> list[dict]:
    from gespraech_assistant.brief import build_brief, render_markdown
    from gespraech_assistant.engines.offline import OfflineEngine
    from gespraech_assistant.index.chunking import parse_front_matter
    from gespraech_assistant.index.search import Retriever
    from gespraech_assistant.lists import load_contacts
    from gespraech_assistant.textnorm import fold, normalize_company
    from gespraech_assistant.workspace import open_workspace

    ws = open_workspace(ws_root)
    retriever = Retriever(ws)
    checker = load_checker(ws, retriever)
    rows = []
    for contact in load_contacts(ws.contacts_path, ws.root).records:
        if not contact.company:
            continue
        brief = build_brief(ws, contact, None, [], OfflineEngine(ws.language), date(2026, 11, 2),
                            retriever)  # fmt: skip
        facts = collect_facts(brief)
        wrong = leaks = 0
        for fact in facts:
            lines = (ws_root / fact.source).read_text(encoding="utf-8").splitlines()
            line = lines[fact.line - 1] if fact.line and fact.line <= len(lines) else ""
            if plain(fact.text) not in plain(line):
                wrong += 1
            company = parse_front_matter("\n".join(lines)).meta.get("company", "")
            if company and normalize_company(company) != normalize_company(contact.company):
                leaks += 1
        passed = None
        if checker is not None:
            own = checker.QuestionChecker(ws, company=contact.company, retriever=retriever)
            passed = sum(own.check(q).ok for q in brief.suggested_questions)
        md = render_markdown(brief)
        rows.append({
            "workspace": ws_root.name, "contact": contact.name, "facts": len(facts),
            "wrong_source": wrong, "leaks": leaks, "unknown_topics": len(brief.company.unknown),
            "suggested": len(brief.suggested_questions), "pass_checker": passed,
            "lines": md.count("\n"), "words": len(md.split()), "pages": printed_pages(md),
            "_fold": fold(contact.name),
        })  # fmt: skip
    return rows


def collect_facts(brief) -> list:
    p, c = brief.partner, brief.company
    facts = [*p.facts, *p.mentions, *c.facts, *c.developments, *c.challenges, *c.industry_facts]
    facts += [f for talk in p.conversations for f in talk.gist + talk.open_items]
    return facts + brief.offer.points + [f for f in brief.offer.fits if f]


def plain(text: str) -> str:
    from gespraech_assistant.textnorm import fold

    return re.sub(r"\s+", " ", fold(text.replace("**", "")))


def load_checker(ws, retriever):
    try:
        from gespraech_assistant import checker
    except ImportError:
        return None
    return checker if hasattr(checker, "QuestionChecker") else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    demo, evalws = indexed_copy(DEMO, "demo"), indexed_copy(EVAL_WS, "evalws")
    timing = time_cli(demo, "Martin Keller", args.runs)
    rows = content_figures(demo) + content_figures(evalws)
    for row in rows:
        row.pop("_fold")
    if args.json:
        print(json.dumps({"timing": timing, "contacts": rows}, ensure_ascii=False, indent=1))
        return
    print(f"Offline brief for {timing['contact']} on the demo, {timing['runs']} fresh processes:"
          f" median {timing['median_s']} s, max {timing['max_s']} s (target < 3 s)")  # fmt: skip
    print(f"Markdown: {timing['lines']} lines, {timing['words']} words, "
          f"{timing['printed_pages']} printed pages (target 1–2)")  # fmt: skip
    header = ("workspace", "contact", "facts", "wrong_source", "leaks", "unknown_topics",
              "suggested", "pass_checker", "lines", "words", "pages")  # fmt: skip
    print("\n" + " | ".join(header))
    for row in rows:
        print(" | ".join(str(row[h]) for h in header))
    total = len(rows)
    print(f"\n{total} briefs: wrong sources {sum(r['wrong_source'] for r in rows)}, leaks "
          f"{sum(r['leaks'] for r in rows)}, pages {min(r['pages'] for r in rows)}–"
          f"{max(r['pages'] for r in rows)}, suggested questions "
          f"{min(r['suggested'] for r in rows)}–{max(r['suggested'] for r in rows)}")  # fmt: skip
    checked = [r for r in rows if r["pass_checker"] is not None]
    if checked:
        ok = sum(r["pass_checker"] for r in checked)
        print(
            f"suggested questions passing the checker: {ok}/{sum(r['suggested'] for r in checked)}"
        )
    else:
        print("question checker not available: suggestions unchecked")


if __name__ == "__main__":
    main()
