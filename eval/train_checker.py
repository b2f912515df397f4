"""Train the checker's learned layer on the labelled tuning sets (never on held-out).

    python -m eval.train_checker          # train on dev..dev4, everyday, everyday2, write
                                          # src/gespraech_assistant/checker/learned.npz
    python -m eval.train_checker --loo    # leave-one-set-out: train on the other sets, score the
                                          # learned layer alone on the left-out set (no writing)

The layer is a softmax regression over the bundled multilingual-e5-small query embedding of a
question (classes: ok and the five kinds). It is deterministic: zero initialisation, full-batch
gradient descent, fixed step count. The labelled questions are stored next to the weights so a
finding can name the nearest labelled example as its explanation.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

from eval.check import DATA, ROOT, TUNING, load_cases, prf
from gespraech_assistant.checker import learned
from gespraech_assistant.checker.models import KINDS

OUT = ROOT.parent / "src" / "gespraech_assistant" / "checker" / "learned.npz"
CLASSES = ("ok", *KINDS)
SCALE = 10.0  # cosine-range features need a larger scale for a quick softmax fit
L2 = 1e-3
STEPS = 3000
RATE = 0.2  # 0.5 oscillates on some training sets (training accuracy is printed)
GUIDELINE_CLASSES = {
    guideline: tuple(CLASSES.index(kind) for kind in kinds)
    for guideline, kinds in learned.GUIDELINE_KINDS.items()
}


def training_cases(without: tuple[str, ...] = ()) -> list[dict]:
    cases = [c for c in load_cases(DATA) if c["split"] in TUNING]
    for name in ("dev2", "dev3", "dev4", "everyday", "everyday2"):
        path = DATA.parent / f"checker_{name}.jsonl"
        if path.exists():
            cases += load_cases(path, split=name)
    return [c for c in cases if c["split"] not in without]


def suggestion_cases(cases: list[dict]) -> list[dict]:
    """The checker's own rewrites of the tuning questions, as good questions: a suggestion must
    pass the checker, the learned layer included."""
    from eval.check import predict
    from gespraech_assistant.checker import rewrite_of

    _, _, extra = predict(cases, use_learned=False)
    rewrites = {
        rewrite_of(f.suggestion)
        for result in extra["results"].values()
        for f in result.findings
        if f.suggestion
    }
    return [{"question": text, "labels": [], "split": "suggestions"} for text in sorted(rewrites)]


def targets(cases: list[dict]) -> np.ndarray:
    """One row per question; a question with two labels splits its mass between them."""
    out = np.zeros((len(cases), len(CLASSES)))
    for row, case in enumerate(cases):
        labels = [CLASSES.index(label) for label in case["labels"]] or [0]
        out[row, labels] = 1.0 / len(labels)
    return out


def embed(questions: list[str]) -> np.ndarray:
    return learned._embed(questions)  # the same embedding the checker computes at run time


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit(x: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    weights = np.zeros((x.shape[1], t.shape[1]))
    bias = np.zeros(t.shape[1])
    for _ in range(STEPS):
        grad = softmax(x @ weights + bias) - t
        weights -= RATE * (x.T @ grad / len(x) + L2 * weights)
        bias -= RATE * grad.mean(axis=0)
    return weights, bias


def leave_one_out(cases: list[dict], vectors: np.ndarray, t: np.ndarray) -> None:
    splits = np.array([c["split"] for c in cases])
    always = np.isin(splits, ["suggestions", "everyday2"])  # training-only sets
    print(f"learned layer alone, leave-one-set-out (thresholds {learned.THRESHOLDS})")
    for held in sorted(set(splits) - {"suggestions", "everyday2"}):
        train, test = (splits != held) | always, splits == held
        weights, bias = fit(vectors[train] * SCALE, t[train])
        fitted = softmax(vectors[train] * SCALE @ weights + bias).argmax(1) == t[train].argmax(1)
        probs = softmax(vectors[test] * SCALE @ weights + bias)
        good = t[test, 0] == 1.0
        parts = []
        for guideline, columns in GUIDELINE_CLASSES.items():
            truth = t[test][:, columns].sum(axis=1) > 0
            predicted = probs[:, columns].sum(axis=1) > learned.THRESHOLDS[guideline]
            alarms = int((predicted & good).sum())
            if not truth.any():  # e.g. the everyday set has no naive questions
                parts.append(f"{guideline} no labelled cases; false alarms {alarms}")
                continue
            p, r, f = prf(
                int((truth & predicted).sum()),
                int((~truth & predicted).sum()),
                int((truth & ~predicted).sum()),
            )
            parts.append(f"{guideline} P {p:.2f} R {r:.2f} F1 {f:.2f} false alarms {alarms}")
        print(f"  {held:8} (n={int(test.sum())}, training accuracy {fitted.mean():.2f}): ")
        print("      " + "\n      ".join(parts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loo", action="store_true", help="leave-one-set-out figures only")
    parser.add_argument(
        "--without",
        action="append",
        default=[],
        help="leave a tuning set out (e.g. a new one whose first look is still to be scored)",
    )
    args = parser.parse_args(argv)
    cases = training_cases(tuple(args.without))
    cases += suggestion_cases(cases)
    vectors = embed([c["question"] for c in cases])
    t = targets(cases)
    if args.loo:
        leave_one_out(cases, vectors, t)
        return 0
    weights, bias = fit(vectors * SCALE, t)
    fitted = softmax(vectors * SCALE @ weights + bias).argmax(axis=1) == t.argmax(axis=1)
    print(f"training accuracy {fitted.mean():.3f}")
    if fitted.mean() < 0.95:
        print("the fit did not converge: lower RATE", file=sys.stderr)
        return 1
    np.savez_compressed(
        OUT,
        weights=weights.astype(np.float32),
        bias=bias.astype(np.float32),
        scale=np.float32(SCALE),
        classes=np.array(CLASSES),
        examples=np.array([c["question"] for c in cases]),
        example_labels=t.argmax(axis=1).astype(np.int8),
        example_vectors=vectors.astype(np.float16),
    )
    counts = {
        s: sum(c["split"] == s for c in cases) for s in dict.fromkeys(c["split"] for c in cases)
    }
    print(f"trained on {len(cases)} questions {counts}; wrote {OUT.relative_to(ROOT.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
