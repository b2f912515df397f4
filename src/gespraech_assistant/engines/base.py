"""The Engine protocol: one method per product job, pydantic models in and out.

Request/response models live in the job modules (checker, brief, rehearsal, debrief);
they are imported only for type checking so this module stays import-light.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from gespraech_assistant.brief import BriefDraft, BriefRequest
    from gespraech_assistant.checker.models import ReviewOpinion, ReviewRequest
    from gespraech_assistant.debrief import DebriefExtraction, DebriefRequest
    from gespraech_assistant.rehearsal import PartnerTurn, PartnerTurnRequest

TokenSink = Callable[[str], None]


class Engine(Protocol):
    #: "offline" or "llm:<model>"; shown in every command's output
    name: str
    #: one-line warnings collected during calls (e.g. "LLM timed out; offline result used")
    warnings: list[str]

    @property
    def produced_by(self) -> str:
        """The label to print: `name`, or "offline (fallback from llm:…)" after failures."""
        ...

    def review_questions(self, request: ReviewRequest) -> ReviewOpinion: ...

    def draft_brief(self, request: BriefRequest) -> BriefDraft: ...

    def partner_turn(
        self, request: PartnerTurnRequest, on_token: TokenSink | None = None
    ) -> PartnerTurn: ...

    def extract_debrief(self, request: DebriefRequest) -> DebriefExtraction: ...
