"""The checker's contracts: findings per question, and the LLM second-opinion request/response.

`QuestionResult.model_dump(mode="json")` is exactly one element of `gespraech check --json`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from gespraech_assistant.models import Evidence, Passage

Guideline = Literal["no_naive_questions", "eye_level"]
Kind = Literal["answered_in_notes", "researchable", "job_request", "delegation", "burden"]

GUIDELINE_OF: dict[str, Guideline] = {
    "answered_in_notes": "no_naive_questions",
    "researchable": "no_naive_questions",
    "job_request": "eye_level",
    "delegation": "eye_level",
    "burden": "eye_level",
}
KINDS: tuple[Kind, ...] = (
    "answered_in_notes",
    "researchable",
    "job_request",
    "delegation",
    "burden",
)


class Finding(BaseModel):
    guideline: Guideline
    kind: Kind
    message: str = Field(description="in the workspace language: which guideline and why")
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="answered_in_notes: the answering note lines; otherwise the trigger words",
    )
    suggestion: str = Field(description="a rewrite that keeps the intent and passes the checker")


class QuestionResult(BaseModel):
    question: str
    ok: bool
    findings: list[Finding] = Field(default_factory=list)


class ReviewRequest(BaseModel):
    """What an LLM engine gets for its second opinion (notes are untrusted, quoted data)."""

    language: str
    questions: list[str]
    company: str | None = None
    passages: list[Passage] = Field(default_factory=list)
    offline: list[QuestionResult] = Field(default_factory=list)


class ReviewOpinion(BaseModel):
    """The LLM's verdicts, one per question in order (or empty: no opinion)."""

    results: list[QuestionResult] = Field(default_factory=list)
