"""Debrief extraction quality: `python -m eval.debrief [--engine offline|llm|auto] [--verbose]`.

Each note in eval/data/debrief.jsonl is extracted on its own against a workspace built as
eval/data/debrief/README.md describes (six contacts, five targets), through the same
request builder the CLI uses. Prints precision/recall for new contacts, known contacts and
company hints, recall and due-date accuracy for next steps, split by style and language.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from datetime import date
from pathlib import Path

from gespraech_assistant.textnorm import fold, normalize_name, same_company

DATA = Path(__file__).resolve().parent / "data"
#: --data name -> eval/data/<file>.jsonl: the development notes and the hold-out sets
DATA_SETS = {"debrief": "debrief", "holdout": "debrief_holdout"} | {
    f"holdout{n}": f"debrief_holdout{n}" for n in range(2, 9)
}

CONTACTS_CSV = """name,company,role,email,phone,linkedin,relation,introduced_by,last_contact,tags,notes
Sandra Huber,Huber Consulting,,,,,primary,,2026-09-15,,
Martin Keller,Alpenblick Medtech AG,,,,,secondary,Sandra Huber,2026-10-02,,
Thomas Brunner,Rheintal Logistik AG,,,,,primary,,2026-10-20,,
Julia Weber,Medivo GmbH,,,,,secondary,Martin Keller,,,
Peter Meier,Swisscom,,,,,primary,,2026-08-29,,
Anna Schmid,UBS,,,,,primary,,2026-07-10,,
"""
TARGETS_CSV = """company,industry,location,priority,status,contacts,notes
Alpenblick Medtech AG,Medtech,Zürich,A,,Martin Keller,
Medivo GmbH,Digital Health,München,B,,Julia Weber,
Rheintal Logistik AG,Logistik,St. Gallen,A,,Thomas Brunner,
Nordlicht Energie GmbH,Energie,Hamburg,C,,,
Helvetia Health Systems AG,Medtech,Basel,B,,,
"""


def build_workspace(folder: Path, language: str):
    from gespraech_assistant.workspace import open_workspace

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "gespraech.toml").write_text(f'language = "{language}"\n', encoding="utf-8")
    (folder / "contacts.csv").write_text(CONTACTS_CSV, encoding="utf-8")
    (folder / "targets.csv").write_text(TARGETS_CSV, encoding="utf-8")
    return open_workspace(folder)


def company_match(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return not a and not b
    return same_company(a, b) or same_company(b, a)


def role_match(expected: str | None, got: str | None) -> bool:
    """Loose: case, word order; one side's words contained in the other's."""
    if not expected or not got:
        return not expected and not got
    e = set(fold(expected).replace("-", " ").split())
    g = set(fold(got).replace("-", " ").split())
    return e <= g or g <= e or len(e & g) / len(e | g) >= 0.5


class Counter:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _match_sets(expected: list, got: list, same) -> tuple[list[tuple], list, list]:
    pairs, missing, remaining = [], [], list(got)
    for e in expected:
        hit = next((g for g in remaining if same(e, g)), None)
        if hit is None:
            missing.append(e)
        else:
            pairs.append((e, hit))
            remaining.remove(hit)
    return pairs, missing, remaining


def evaluate_record(record: dict, engine_choice: str, workspace_root: Path) -> dict:
    from gespraech_assistant.debrief import merge_extractions, offline_extract
    from gespraech_assistant.debrief_apply import build_request, reconcile
    from gespraech_assistant.engines import get_engine

    ws = build_workspace(workspace_root / record["file"].replace("/", "_"), record["lang"])
    note = (DATA / record["file"]).read_text(encoding="utf-8")
    meeting = date.fromisoformat(record["meeting_date"])
    request = build_request(ws, note, record["partner"], meeting)
    result = offline_extract(request)
    if engine_choice != "offline":
        engine = get_engine(ws, engine_choice)
        if engine.name != "offline":
            result = merge_extractions(result, engine.extract_debrief(request))
    result = reconcile(result, request)

    same_person = lambda e, g: normalize_name(e["name"]) == normalize_name(g.name)  # noqa: E731
    pairs, missing, extra = _match_sets(
        record["expected_new_contacts"], result.new_contacts, same_person
    )
    got_known = [k.name for k in result.known_contacts]
    k_pairs, k_missing, k_extra = _match_sets(
        record["expected_known_contacts"],
        got_known,
        lambda e, g: normalize_name(e) == normalize_name(g),
    )
    h_pairs, h_missing, h_extra = _match_sets(
        record["expected_company_hints"],
        result.company_hints,
        lambda e, g: company_match(e["company"], g.company),
    )
    step_rows = []
    for exp in record["expected_next_steps"]:
        hit = next(
            (s for s in result.next_steps if fold(exp["text_contains"]) in fold(s.text)), None
        )
        due = hit.due.isoformat() if hit and hit.due else None
        step_rows.append(
            {
                "expected": exp,
                "found": hit is not None,
                "due": due,
                "due_ok": hit is not None and due == exp["due"],
            }
        )
    return {
        "record": record,
        "new": (len(pairs), len(extra), len(missing)),
        "known": (len(k_pairs), len(k_extra), len(k_missing)),
        "hints": (len(h_pairs), len(h_extra), len(h_missing)),
        "fields": [
            (
                company_match(e["company"], g.company),
                role_match(e["role"], g.role),
                (e["email"] or None) == (g.email or None),
            )
            for e, g in pairs
        ],
        "known_target_ok": [e["known_target"] == g.known_target for e, g in h_pairs],
        "steps": step_rows,
        "extra_steps": len(result.next_steps) - sum(r["found"] for r in step_rows),
        "details": {
            "missing_new": [e["name"] for e in missing],
            "extra_new": [f"{g.name} ({g.company}; {g.role})" for g in extra],
            "missing_known": k_missing,
            "extra_known": k_extra,
            "missing_hints": [e["company"] for e in h_missing],
            "extra_hints": [g.company for g in h_extra],
            "wrong_fields": [
                f"{g.name}: company={g.company!r} (want {e['company']!r}), role={g.role!r} "
                f"(want {e['role']!r}), email={g.email!r}"
                for e, g in pairs
                if not (
                    company_match(e["company"], g.company)
                    and role_match(e["role"], g.role)
                    and (e["email"] or None) == (g.email or None)
                )
            ],
            "steps": [
                f"{r['expected']['text_contains']!r}: "
                + ("missing" if not r["found"] else f"due {r['due']} (want {r['expected']['due']})")
                for r in step_rows
                if not r["due_ok"]
            ],
        },
    }


def _report(groups: dict[str, list[dict]]) -> list[str]:
    lines = [
        f"{'group':<16}{'n':>3}  {'new P':>6}{'new R':>7}  {'known P':>8}{'known R':>8}  "
        f"{'hint P':>7}{'hint R':>7}  {'steps R':>8}{'due acc':>8}  {'fields':>7}"
    ]
    for name, rows in groups.items():
        new, known, hints = Counter(), Counter(), Counter()
        for r in rows:
            new.add(*r["new"])
            known.add(*r["known"])
            hints.add(*r["hints"])
        steps = [s for r in rows for s in r["steps"]]
        fields = [all(f) for r in rows for f in r["fields"]]
        found = sum(s["found"] for s in steps)
        due_ok = sum(s["due_ok"] for s in steps)
        lines.append(
            f"{name:<16}{len(rows):>3}  {new.precision():>6.2f}{new.recall():>7.2f}  "
            f"{known.precision():>8.2f}{known.recall():>8.2f}  {hints.precision():>7.2f}"
            f"{hints.recall():>7.2f}  {found / max(1, len(steps)):>8.2f}"
            f"{due_ok / max(1, len(steps)):>8.2f}  {sum(fields) / max(1, len(fields)):>7.2f}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="offline", choices=["offline", "llm", "auto"])
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--data",
        default="debrief",
        choices=[*DATA_SETS, "both"],
        help="debrief: the 26 development notes; holdout: 8 notes written "
        "after the rules (eval/data/debrief_holdout/); holdout2: 12 notes "
        "written blind (eval/data/debrief_holdout2/); holdout3 … holdout8: 20, 20, 24, "
        "24, 24 and 24 notes written blind (eval/data/debrief_holdout3/ … debrief_holdout8/)",
    )
    args = parser.parse_args(argv)
    names = ["debrief", "debrief_holdout"] if args.data == "both" else [DATA_SETS[args.data]]
    records = [
        json.loads(x)
        for n in names
        for x in (DATA / f"{n}.jsonl").read_text(encoding="utf-8").splitlines()
        if x
    ]
    with tempfile.TemporaryDirectory() as tmp:
        results = [evaluate_record(r, args.engine, Path(tmp)) for r in records]
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        rec = r["record"]
        groups["all"].append(r)
        groups[rec["style"]].append(r)
        groups[rec["lang"]].append(r)
        groups[f"{rec['style']}/{rec['lang']}"].append(r)
    order = [
        "all",
        "template",
        "free",
        "de",
        "en",
        "template/de",
        "template/en",
        "free/de",
        "free/en",
    ]
    lines = _report({k: groups[k] for k in order if k in groups})
    if args.json:
        print(
            json.dumps(
                [{"file": r["record"]["file"], **r["details"]} for r in results],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(
        f"debrief eval ({args.data}), engine={args.engine}, {len(records)} notes "
        "(new/known = contacts, P/R = precision/recall; due acc over all expected steps; "
        "fields = company+role+email right for matched new contacts)"
    )
    print("\n".join(lines))
    if args.verbose:
        for r in results:
            misses = {k: v for k, v in r["details"].items() if v}
            if misses:
                print(f"\n{r['record']['file']}")
                for k, v in misses.items():
                    print(f"  {k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
