"""The question checker: "no naive questions" and "eye level", grounded in the user's notes.

from gespraech_assistant.checker import QuestionChecker, check_questions
"""

from __future__ import annotations

from gespraech_assistant.checker.core import (
    QuestionChecker,
    check_questions,
    merge_opinion,
    rewrite_of,
)
from gespraech_assistant.checker.models import (
    Finding,
    QuestionResult,
    ReviewOpinion,
    ReviewRequest,
)

__all__ = [
    "Finding",
    "QuestionChecker",
    "QuestionResult",
    "ReviewOpinion",
    "ReviewRequest",
    "check_questions",
    "merge_opinion",
    "rewrite_of",
]
