"""Retrieval quality on eval/data/retrieval.jsonl over eval/workspace.

    python -m eval.retrieval                 # table for vector, hybrid, lexical; misses of the default
    python -m eval.retrieval --misses all    # misses of every mode
    python -m eval.retrieval --json          # figures as JSON

A question counts as found at rank r when the r-th passage comes from the expected file and
contains the expected text. recall@5 = found within the first five; MRR = mean of 1/r (0 when
not in the top 10). `ask` is evaluated as a user runs it: without --company, so the retriever
must find the company on its own. The workspace is copied to a temporary folder and indexed
there, so the checkout stays clean.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data" / "retrieval.jsonl"
WORKSPACE = ROOT / "workspace"
MODES = ("vector", "hybrid", "lexical")
DEPTH = 10
_EN_WORDS = {"the", "and", "of", "is", "in", "to", "with", "for", "are", "has"}
_DE_WORDS = {"der", "die", "und", "das", "ist", "mit", "von", "für", "den", "bei"}


@dataclass
class Case:
    id: str
    lang: str
    question: str
    source: str
    contains: str
    split: str
    company: str | None = None
    doc_lang: str = ""

    @property
    def cross_lingual(self) -> bool:
        return self.lang != self.doc_lang


@dataclass
class Score:
    ranks: dict[str, int | None] = field(default_factory=dict)

    def recall(self, ids: list[str], at: int = 5) -> float:
        hits = [1 for i in ids if (r := self.ranks[i]) is not None and r <= at]
        return len(hits) / len(ids) if ids else 0.0

    def mrr(self, ids: list[str]) -> float:
        total = sum(1.0 / r for i in ids if (r := self.ranks[i]) is not None)
        return total / len(ids) if ids else 0.0


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def file_language(path: Path) -> str:
    words = re.findall(r"[a-zäöüß]+", path.read_text(encoding="utf-8").lower())
    en = sum(w in _EN_WORDS for w in words)
    de = sum(w in _DE_WORDS for w in words)
    return "en" if en > de else "de"


def load_cases(path: Path = DATA, workspace: Path = WORKSPACE) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        case = Case(**{k: row.get(k) for k in Case.__dataclass_fields__ if k in row})
        case.doc_lang = file_language(workspace / case.source)
        cases.append(case)
    return cases


def rank_of(case: Case, passages) -> int | None:
    wanted = squash(case.contains)
    for rank, passage in enumerate(passages, 1):
        if passage.source == case.source and wanted in squash(passage.text):
            return rank
    return None


def indexed_copy(target: Path) -> tuple[object, float, int]:
    from gespraech_assistant.index.store import Index
    from gespraech_assistant.workspace import open_workspace

    shutil.copytree(WORKSPACE, target, ignore=shutil.ignore_patterns(".index"))
    ws = open_workspace(target)
    started = time.perf_counter()
    stats = Index(ws).update()
    return ws, time.perf_counter() - started, stats.chunks_total


def evaluate(ws, cases: list[Case], modes=MODES, filtered: bool = False) -> dict[str, Score]:
    from gespraech_assistant.index.search import Retriever

    scores: dict[str, Score] = {}
    for mode in modes:
        retriever = Retriever(ws, mode=mode, refresh=False)
        score = Score()
        for case in cases:
            company = case.company if filtered else None
            found = retriever.search(case.question, k=DEPTH, company=company)
            score.ranks[case.id] = rank_of(case, found)
        scores[mode] = score
    return scores


def subsets(cases: list[Case]) -> dict[str, list[str]]:
    def ids(pred) -> list[str]:
        return [c.id for c in cases if pred(c)]

    return {
        "all": ids(lambda c: True),
        "dev": ids(lambda c: c.split == "dev"),
        "test": ids(lambda c: c.split == "test"),
        "de questions": ids(lambda c: c.lang == "de"),
        "en questions": ids(lambda c: c.lang == "en"),
        "cross-lingual": ids(lambda c: c.cross_lingual),
    }


def table(scores: dict[str, Score], cases: list[Case]) -> str:
    groups = subsets(cases)
    head = f"{'subset':<15}{'n':>4}  " + "  ".join(f"{m + ' R@5':>11} {'MRR':>5}" for m in scores)
    lines = [head, "-" * len(head)]
    for name, ids in groups.items():
        cells = "  ".join(f"{s.recall(ids):>11.3f} {s.mrr(ids):>5.3f}" for s in scores.values())
        lines.append(f"{name:<15}{len(ids):>4}  {cells}")
    return "\n".join(lines)


def misses(mode: str, score: Score, cases: list[Case]) -> str:
    out = [f"misses of {mode} (not in top 5; rank in top {DEPTH} if any):"]
    for case in cases:
        rank = score.ranks[case.id]
        if rank is None or rank > 5:
            where = f"rank {rank}" if rank else f"> {DEPTH}"
            out.append(
                f"  {case.id} [{case.split} {case.lang}->{case.doc_lang}] {where}: "
                f"{case.question}  => {case.source}: {case.contains!r}"
            )
    return "\n".join(out) if len(out) > 1 else f"no misses for {mode}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", default="default", help="default | all | none | MODE")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--filtered", action="store_true", help="also pass --company")
    args = parser.parse_args(argv)

    from gespraech_assistant.config import IndexSettings

    default_mode = IndexSettings().retrieval
    cases = load_cases()
    with tempfile.TemporaryDirectory(prefix="gespraech-eval-") as tmp:
        ws, index_s, n_chunks = indexed_copy(Path(tmp) / "ws")
        started = time.perf_counter()
        scores = evaluate(ws, cases, filtered=args.filtered)
        query_s = (time.perf_counter() - started) / (len(cases) * len(MODES))
    if args.json:
        groups = subsets(cases)
        out = {
            m: {g: {"recall@5": s.recall(ids), "mrr": s.mrr(ids)} for g, ids in groups.items()}
            for m, s in scores.items()
        }
        out["default"] = default_mode  # type: ignore[assignment]
        print(json.dumps(out, indent=1))
        return 0
    print(
        f"{len(cases)} questions, {n_chunks} chunks, indexed in {index_s:.1f} s, "
        f"{query_s * 1000:.0f} ms per query; default retrieval = {default_mode}"
        + (" (with --company filter)" if args.filtered else "")
    )
    print(table(scores, cases))
    shown = {"default": [default_mode], "all": list(MODES), "none": []}.get(
        args.misses, [args.misses]
    )
    for mode in shown:
        print()
        print(misses(mode, scores[mode], cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
