"""The deterministic engine: rules, retrieval results and templates. No clock, no randomness:
anything time- or seed-dependent comes in through the request."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gespraech_assistant.brief import BriefDraft, BriefRequest
    from gespraech_assistant.checker.models import ReviewOpinion, ReviewRequest
    from gespraech_assistant.debrief import DebriefExtraction, DebriefRequest
    from gespraech_assistant.engines.base import TokenSink
    from gespraech_assistant.rehearsal import PartnerTurn, PartnerTurnRequest


class OfflineEngine:
    name = "offline"

    def __init__(self, language: str = "de") -> None:
        self.language = language
        self.warnings: list[str] = []

    @property
    def produced_by(self) -> str:
        return self.name

    # Each method delegates to the job module's deterministic implementation.
    def review_questions(self, request: ReviewRequest) -> ReviewOpinion:
        from gespraech_assistant.checker.models import ReviewOpinion

        # The offline checker's verdict is the primary one; there is no second opinion.
        return ReviewOpinion(results=[])

    def draft_brief(self, request: BriefRequest) -> BriefDraft:
        from gespraech_assistant.brief import offline_draft

        return offline_draft(request)

    def partner_turn(
        self, request: PartnerTurnRequest, on_token: TokenSink | None = None
    ) -> PartnerTurn:
        from gespraech_assistant.rehearsal import offline_partner_turn

        turn = offline_partner_turn(request)
        if on_token:
            on_token(turn.text)
        return turn

    def extract_debrief(self, request: DebriefRequest) -> DebriefExtraction:
        from gespraech_assistant.debrief import offline_extract

        return offline_extract(request)
