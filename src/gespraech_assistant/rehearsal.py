"""Rehearsal: practise a networking conversation against a simulated partner, with a live coach.

The models here are the contract between the session (`rehearsal_session`), the engines
(offline: `rehearsal_offline`; LLM: `engines/llm.py`) and the JSON printed by
`gespraech rehearse --json`. The session decides everything that must be consistent and
testable (classification, rapport, who may be offered, when the talk ends); an engine only
phrases the partner's reply.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from gespraech_assistant.models import Evidence, FindingNote, Passage

Style = Literal["friendly", "busy", "sceptical"]
Mood = Literal["warm", "neutral", "cool"]
Phase = Literal["opening", "dialogue", "closing"]
ClosingReason = Literal["", "rapport", "time", "user"]
Intent = Literal[
    "greeting",
    "small_talk",
    "goal",
    "good_question",
    "question",
    "naive",
    "job_request",
    "delegation",
    "burden",
    "contacts_request",
    "target_list",
    "feedback_request",
    "offer",
    "thanks",
    "goodbye",
    "other",
]
#: intents that break the method's rules (the coach warns, rapport falls)
PROBLEM_INTENTS: tuple[str, ...] = ("job_request", "burden", "delegation", "naive")
STYLES: tuple[str, ...] = ("friendly", "busy", "sceptical")


class KnownPerson(BaseModel):
    """Someone the workspace records, so the simulated partner may name them."""

    name: str
    company: str = ""
    role: str = ""
    reason: str = Field(default="", description="why the partner could know them")
    source: str = Field(default="", description="contacts.csv:LINE, targets.csv or a note path")


class Persona(BaseModel):
    """Who the simulated partner is, built from contacts.csv, notes and history."""

    name: str
    company: str = ""
    role: str = ""
    language: str = "de"
    style: Style = "friendly"
    relation: str = ""
    introduced_by: str = ""
    industry: str = ""
    background: list[str] = Field(default_factory=list)
    cares_about: list[str] = Field(default_factory=list, description="topics from the notes")
    annoyed_by: list[str] = Field(default_factory=list)
    last_talk: str = Field(default="", description="date of the last real talk, if any")
    last_talk_points: list[str] = Field(default_factory=list)
    user_name: str = Field(default="", description="the user, from profile.md")
    minutes: int = 30


class TurnAnalysis(BaseModel):
    """How the coach classified one user turn."""

    intents: list[Intent]
    primary: Intent
    findings: list[FindingNote] = Field(default_factory=list)
    companies: list[str] = Field(default_factory=list, description="target companies named")
    asked_company: str = Field(
        default="", description="the company a contacts question is about, target or not"
    )
    checker: Literal["checker", "builtin"] = "builtin"
    rapport_delta: int = 0
    coach: str = Field(default="", description="the compact coach line shown to the user")


class CompanyMention(BaseModel):
    """A target company brought up while walking through the target list."""

    company: str
    priority: str = ""
    industry: str = ""
    people: list[KnownPerson] = Field(default_factory=list)
    fact: str = ""
    source: str = ""


class Turn(BaseModel):
    role: Literal["user", "partner"]
    text: str
    number: int = Field(description="user turn number this belongs to (0 = opening)")
    analysis: TurnAnalysis | None = None
    rapport: int = 5
    mood: Mood = "neutral"
    offered_people: list[str] = Field(default_factory=list)
    sources: list[Evidence] = Field(default_factory=list)
    template_ids: list[str] = Field(default_factory=list)


class PartnerTurnRequest(BaseModel):
    """Everything an engine needs to phrase the partner's next reply."""

    language: str = "de"
    style: Style = "friendly"
    persona: Persona
    phase: Phase = "dialogue"
    closing_reason: ClosingReason = ""
    history: list[Turn] = Field(default_factory=list, description="all turns so far")
    user_text: str = ""
    analysis: TurnAnalysis | None = Field(default=None, description="None for the opening")
    rapport: int = Field(default=5, description="0..10 after this user turn")
    mood: Mood = "neutral"
    goal: str = ""
    passages: list[Passage] = Field(
        default_factory=list, description="notes about the partner and their company"
    )
    offerable_people: list[KnownPerson] = Field(
        default_factory=list, description="the only people the partner may name"
    )
    companies: list[CompanyMention] = Field(default_factory=list)
    profile_strengths: list[str] = Field(default_factory=list)
    profile_background: list[str] = Field(
        default_factory=list,
        description="other filled-in profile.md lines (background, target roles); the only "
        "grounds for naming a gap",
    )
    turn_number: int = 0
    max_turns: int = 20
    seed: int = 0
    used_templates: list[str] = Field(default_factory=list)
    used_sentences: list[str] = Field(default_factory=list)


class PartnerTurn(BaseModel):
    text: str
    rapport: int
    mood: Mood = "neutral"
    ends: bool = False
    offered_people: list[str] = Field(default_factory=list)
    template_ids: list[str] = Field(default_factory=list)
    used_sentences: list[str] = Field(default_factory=list)
    sources: list[Evidence] = Field(default_factory=list)


class ScoreItem(BaseModel):
    key: str
    label: str
    ok: bool
    quotes: list[str] = Field(default_factory=list, description="from the transcript")
    advice: str = ""


class Scorecard(BaseModel):
    items: list[ScoreItem]
    score: int
    total: int
    next_step: str


class RehearsalTranscript(BaseModel):
    """The JSON output of `gespraech rehearse --json` and the content of the saved file."""

    contact: str
    company: str = ""
    date: str
    language: str = "de"
    style: Style = "friendly"
    engine: str = "offline"
    goal: str = ""
    persona: Persona
    turns: list[Turn] = Field(default_factory=list)
    rapport: int = 5
    ended_reason: Literal["rapport", "time", "user", "eof", "interrupt"] = "user"
    scorecard: Scorecard
    saved_to: str | None = None
    warnings: list[str] = Field(default_factory=list)


def offline_partner_turn(request: PartnerTurnRequest) -> PartnerTurn:
    """The deterministic partner: templates plus retrieved passages (see rehearsal_offline)."""
    from gespraech_assistant.rehearsal_offline import partner_reply

    return partner_reply(request)
