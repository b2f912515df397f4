"""Question-checker quality on eval/data/checker.jsonl over eval/workspace.

    python -m eval.check                # per split P/R/F1, false alarms; dev misclassifications
    python -m eval.check --show dev2    # list dev2's misclassified questions instead
    python -m eval.check --show dev3    # list dev3's misclassified questions
    python -m eval.check --show dev4    # list dev4's misclassified questions
    python -m eval.check --show everyday  # short everyday questions (no company context)
    python -m eval.check --show all     # dev..dev4 misclassifications (never held-out ones)
    python -m eval.check --rules-only   # ablation: the rules without the learned layer
    python -m eval.check --heldout      # also the held-out figures (numbers only), at the end
    python -m eval.check --json         # figures as JSON

Splits: `dev` and `heldout` from eval/data/checker.jsonl, `dev2` from eval/data/checker_dev2.jsonl
`dev3` from eval/data/checker_dev3.jsonl and `dev4` from eval/data/checker_dev4.jsonl (each
written independently, when present). Tuning looks at dev..dev4 only; held-out questions are
scored as numbers and never listed, so they stay a fair test. The learned layer
(`python -m eval.train_checker`) is trained on the tuning sets, so its figures there are
training-set figures: `python -m eval.train_checker --loo` gives its leave-one-set-out figures.

Each record is checked as a user would run `gespraech check --company <record company>` (no
company: all notes count). A kind is predicted when the offline verdict has a finding of that
kind; a guideline when any of its kinds is found. False-alarm rate = good questions (labels [])
with any finding / all good questions. The workspace is copied to a cache folder in the temp
directory and indexed there once, so the checkout stays clean and reruns are quick.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data" / "checker.jsonl"
DATA_DEV2 = ROOT / "data" / "checker_dev2.jsonl"
DATA_DEV3 = ROOT / "data" / "checker_dev3.jsonl"
DATA_DEV4 = ROOT / "data" / "checker_dev4.jsonl"
DATA_EVERYDAY = ROOT / "data" / "checker_everyday.jsonl"
WORKSPACE = ROOT / "workspace"
KINDS = ("answered_in_notes", "researchable", "job_request", "delegation", "burden")
GUIDELINES = {
    "no_naive_questions": ("answered_in_notes", "researchable"),
    "eye_level": ("job_request", "delegation", "burden"),
}
SPLITS = ("dev", "dev2", "dev3", "dev4", "everyday", "tuning", "heldout", "all")
TUNING = ("dev", "dev2", "dev3", "dev4", "everyday")
SHOWABLE = {s: (s,) for s in TUNING} | {"all": TUNING}


def load_cases(path: Path = DATA, split: str | None = None) -> list[dict]:
    """Records of one file; `split` overrides the file's own split field (dev2 is its own)."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            record = json.loads(line)
            record["_line"] = number
            if split:
                record["split"] = split
            cases.append(record)
    return cases


def load_all() -> list[dict]:
    cases = load_cases(DATA)
    for path, split in (
        (DATA_DEV2, "dev2"),
        (DATA_DEV3, "dev3"),
        (DATA_DEV4, "dev4"),
        (DATA_EVERYDAY, "everyday"),
    ):
        if path.exists():
            cases += load_cases(path, split=split)
    return cases


def prepared_workspace() -> Path:
    """eval/workspace copied to a cache folder (index kept between runs, rebuilt if stale)."""
    cache = Path(tempfile.gettempdir()) / "gespraech-eval-check" / "ws"
    if cache.exists():
        for sub in ("notes", "history"):
            shutil.rmtree(cache / sub, ignore_errors=True)
    shutil.copytree(WORKSPACE, cache, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".index"))
    return cache


def predict(cases: list[dict], use_learned: bool = True) -> tuple[list[set[str]], float, dict]:
    from gespraech_assistant.checker import QuestionChecker
    from gespraech_assistant.index.search import Retriever
    from gespraech_assistant.workspace import open_workspace

    ws = open_workspace(prepared_workspace())
    started = time.perf_counter()
    retriever = Retriever(ws)
    checkers: dict[str | None, QuestionChecker] = {}
    built = time.perf_counter() - started
    started = time.perf_counter()
    results = {}
    by_company: dict[str | None, list[dict]] = {}
    for case in cases:
        by_company.setdefault(case.get("company"), []).append(case)
    for company, group in by_company.items():  # one check_many per company, as `check` runs
        checkers[company] = QuestionChecker(
            ws, company=company, retriever=retriever, use_learned=use_learned
        )
        checked = checkers[company].check_many([c["question"] for c in group])
        results.update({c["id"]: r for c, r in zip(group, checked, strict=True)})
    predictions = [{f.kind for f in results[c["id"]].findings} for c in cases]
    per_question = (time.perf_counter() - started) / max(1, len(cases))
    return predictions, per_question, {"startup_s": built, "results": results}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(cases: list[dict], predictions: list[set[str]]) -> dict:
    rows: dict[str, dict] = {}
    for name, kinds in [(k, (k,)) for k in KINDS] + list(GUIDELINES.items()):
        tp = fp = fn = 0
        for case, predicted in zip(cases, predictions, strict=True):
            expected = bool(set(case["labels"]) & set(kinds))
            got = bool(predicted & set(kinds))
            tp += expected and got
            fp += got and not expected
            fn += expected and not got
        p, r, f = prf(tp, fp, fn)
        rows[name] = {"precision": p, "recall": r, "f1": f, "support": tp + fn}
    good = [p for c, p in zip(cases, predictions, strict=True) if not c["labels"]]
    alarms = sum(1 for p in good if p)
    exact = sum(1 for c, p in zip(cases, predictions, strict=True) if set(c["labels"]) == p)
    return {
        "rows": rows,
        "false_alarm_rate": alarms / len(good) if good else 0.0,
        "false_alarms": alarms,
        "good": len(good),
        "exact_match": exact / len(cases) if cases else 0.0,
        "n": len(cases),
    }


def subset(cases, predictions, split):
    pairs = [
        (c, p)
        for c, p in zip(cases, predictions, strict=True)
        if split == "all" or c["split"] == split or (split == "tuning" and c["split"] in TUNING)
    ]
    return [c for c, _ in pairs], [p for _, p in pairs]


def print_table(split: str, figures: dict) -> None:
    print(f"\n== {split}: {figures['n']} questions, exact label match {figures['exact_match']:.1%}")
    print(f"{'':22}{'precision':>10}{'recall':>8}{'F1':>7}{'n':>5}")
    for name, row in figures["rows"].items():
        label = f"[{name}]" if name in GUIDELINES else "  " + name
        print(
            f"{label:22}{row['precision']:>10.3f}{row['recall']:>8.3f}{row['f1']:>7.3f}"
            f"{row['support']:>5}"
        )
    print(
        f"false alarms on good questions: {figures['false_alarms']}/{figures['good']} = "
        f"{figures['false_alarm_rate']:.1%}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--show",
        choices=tuple(SHOWABLE),
        default="dev",
        help="which tuning split's misclassified questions to list (held-out ones never are)",
    )
    parser.add_argument(
        "--heldout",
        action="store_true",
        help="also print the held-out (and overall) figures: numbers only, for the final report",
    )
    parser.add_argument(
        "--rules-only", action="store_true", help="ablation: leave the learned layer out"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    cases = load_all()
    predictions, per_question, extra = predict(cases, use_learned=not args.rules_only)
    hidden = () if args.heldout else ("heldout", "all")
    present = [
        s
        for s in SPLITS
        if s not in hidden and (s in ("all", "tuning") or any(c["split"] == s for c in cases))
    ]
    figures = {s: score(*subset(cases, predictions, s)) for s in present}
    if args.json:
        json.dump(
            {"figures": figures, "ms_per_question": per_question * 1000}, sys.stdout, indent=2
        )  # figures only: the JSON never lists questions
        print()
        return 0
    print(
        f"checker eval: {len(cases)} questions from eval/data/checker*.jsonl; "
        f"{per_question * 1000:.2f} ms per question after start-up"
    )
    for split in present:
        print_table(split, figures[split])
    print(f"\n== misclassified ({args.show}; held-out is never listed)")
    for case, predicted in zip(cases, predictions, strict=True):
        if case["split"] not in SHOWABLE[args.show]:
            continue
        expected = set(case["labels"])
        if expected != predicted:
            result = extra["results"][case["id"]]
            why = "; ".join(
                f"{f.kind}: {', '.join(e.text[:50] for e in f.evidence)}" for f in result.findings
            )
            print(
                f"{case['id']} [{case['split']}] {case['lang']} expected "
                f"{sorted(expected) or ['ok']} got {sorted(predicted) or ['ok']}"
                f" | {case['question']}" + (f"\n      ↳ {why}" if why else "")
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
