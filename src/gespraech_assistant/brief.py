"""The pre-meeting brief: what the user reads on the way to a networking conversation.

`build_brief` collects facts from the user's own lists, notes, history and profile (every fact
with its file:line), asks the engine for a draft (summary, tailored offer, suggested questions)
and runs every suggested and prepared question through the question checker.
Facts are collected in `brief_sections`, questions in `brief_questions`, Markdown in
`brief_render`; this module holds the models (the JSON contract) and the assembly.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from gespraech_assistant.models import Contact, Evidence, FindingNote

if TYPE_CHECKING:
    from gespraech_assistant.engines.base import Engine
    from gespraech_assistant.index.search import Retriever
    from gespraech_assistant.workspace import Workspace


class Fact(Evidence):
    """One statement from the user's files, with file and line (Evidence: source, line, text)."""

    label: str = Field(default="", description="bold label or heading the fact stands under")
    topic: str = Field(default="", description="products, customers, size, revenue, …")


class Conversation(BaseModel):
    """An earlier conversation with the partner (a file in history/)."""

    date: str = ""
    source: str
    title: str = ""
    gist: list[Fact] = Field(default_factory=list)
    open_items: list[Fact] = Field(default_factory=list)


class PartnerSection(BaseModel):
    name: str
    role: str = ""
    company: str = ""
    relation: str = ""
    connection: str = Field(description="primary contact, or the chain of introductions")
    conversations: list[Conversation] = Field(default_factory=list)
    rehearsals: list[Conversation] = Field(
        default_factory=list, description="practice talks (history kind: rehearsal), no gist"
    )
    mentions: list[Fact] = Field(default_factory=list, description="other history naming them")
    facts: list[Fact] = Field(default_factory=list, description="what the notes say about them")
    former_employers: list[str] = Field(default_factory=list)


class CompanySection(BaseModel):
    company: str
    industry: str = ""
    priority: str | None = None
    facts: list[Fact] = Field(default_factory=list)
    developments: list[Fact] = Field(default_factory=list)
    challenges: list[Fact] = Field(default_factory=list)
    industry_facts: list[Fact] = Field(default_factory=list)
    unknown: list[str] = Field(default_factory=list, description="topics with no notes yet")
    note_files: list[str] = Field(default_factory=list)


class OfferSection(BaseModel):
    status: Literal["ok", "missing", "empty"]
    sentences: list[str] = Field(default_factory=list, description="2–3 tailored sentences")
    points: list[Fact] = Field(default_factory=list, description="profile.md bullets that fit")
    fits: list[Fact | None] = Field(
        default_factory=list, description="per point: the note fact it relates to"
    )
    hint: str = ""


class GoalSection(BaseModel):
    goal: str | None = None
    status: Literal["given", "missing", "vague"]
    message: str = ""
    templates: list[str] = Field(default_factory=list)


class TargetItem(BaseModel):
    company: str
    priority: str | None = None
    reasons: list[str] = Field(default_factory=list)
    known_contacts: list[str] = Field(default_factory=list)
    score: float = 0.0


class QuestionReview(BaseModel):
    question: str
    ok: bool | None = Field(description="None when the checker was not available")
    findings: list[FindingNote] = Field(default_factory=list)


class SuggestedQuestion(BaseModel):
    text: str
    basis: Fact | None = Field(default=None, description="the note fact it builds on")
    checked: bool = Field(default=False, description="passed the question checker")
    repaired_from: str = ""


class Brief(BaseModel):
    """`gespraech brief --format json`: the whole brief as data."""

    language: str
    engine: str
    generated_on: date
    summary: str = ""
    partner: PartnerSection
    company: CompanySection
    offer: OfferSection
    goal: GoalSection
    walkthrough: list[TargetItem] = Field(default_factory=list)
    walkthrough_origin: Literal["network", "fallback"] = "fallback"
    prepared_questions: list[QuestionReview] = Field(default_factory=list)
    suggested_questions: list[str] = Field(default_factory=list)
    suggested_details: list[SuggestedQuestion] = Field(default_factory=list)
    checker_available: bool = False
    reminders: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class BriefRequest(BaseModel):
    """What the engine sees. All note text is untrusted data (quote it in prompts)."""

    language: str
    today: date
    partner_name: str
    partner_role: str = ""
    company: str = ""
    industry: str = ""
    connection: str = ""
    goal: str | None = None
    goal_status: str = "missing"
    person_facts: list[Fact] = Field(default_factory=list)
    history: list[Fact] = Field(default_factory=list)
    company_facts: list[Fact] = Field(default_factory=list)
    developments: list[Fact] = Field(default_factory=list)
    challenges: list[Fact] = Field(default_factory=list)
    industry_facts: list[Fact] = Field(default_factory=list)
    unknown_topics: list[str] = Field(default_factory=list)
    offer_points: list[Fact] = Field(default_factory=list, description="best-fitting first")
    offer_matches: list[Fact | None] = Field(
        default_factory=list, description="per offer point: the note fact it fits"
    )
    former_employers: list[str] = Field(default_factory=list)
    walkthrough_companies: list[str] = Field(default_factory=list)

    def all_facts(self) -> list[Fact]:
        return [
            *self.developments,
            *self.challenges,
            *self.company_facts,
            *self.person_facts,
            *self.industry_facts,
            *self.history,
        ]


class BriefDraft(BaseModel):
    """The engine's part: prose and question suggestions. Questions are checked afterwards."""

    summary: str = Field(default="", description="2–4 sentences on who, why and what to aim for")
    offer_sentences: list[str] = Field(default_factory=list, max_length=3)
    suggested_questions: list[str] = Field(default_factory=list, max_length=12)


def offline_draft(request: BriefRequest) -> BriefDraft:
    """Deterministic draft from templates filled with facts from the request."""
    from gespraech_assistant.brief_questions import candidate_questions
    from gespraech_assistant.brief_sections import offer_sentences, summary_text

    return BriefDraft(
        summary=summary_text(request),
        offer_sentences=offer_sentences(request),
        suggested_questions=candidate_questions(request),
    )


def build_brief(
    ws: Workspace,
    contact: Contact,
    goal: str | None,
    questions: list[str],
    engine: Engine,
    today: date | None = None,
    retriever: Retriever | None = None,
) -> Brief:
    from gespraech_assistant import brief_questions as bq
    from gespraech_assistant import brief_sections as bs
    from gespraech_assistant.index.search import Retriever

    today = today or date.today()
    lang = ws.language
    retriever = retriever or Retriever(ws)
    facts = bs.collect(ws, contact, retriever, today)
    walkthrough, origin = bs.target_walkthrough(ws, contact, facts)
    goal_section = bs.assess_goal(lang, goal, contact, facts, walkthrough)
    offer = bs.offer_section(ws, facts)
    request = bs.make_request(lang, today, contact, facts, goal_section, offer, walkthrough)
    draft = engine.draft_brief(request)
    # what really produced it: "offline (fallback from llm:…)" when the model failed
    produced_by = getattr(engine, "produced_by", engine.name)
    offer.sentences = [s for s in draft.offer_sentences if s.strip()][:3] or offer.sentences
    checker = bq.load_checker(ws, contact.company, retriever)
    warnings = list(getattr(engine, "warnings", []))
    if checker is None:
        warnings.append(bq.checker_missing_warning(lang))
    return Brief(
        language=lang,
        engine=produced_by,
        generated_on=today,
        summary=draft.summary.strip(),
        partner=facts.partner,
        company=facts.company,
        offer=offer,
        goal=goal_section,
        walkthrough=walkthrough,
        walkthrough_origin=origin,
        prepared_questions=bq.review_prepared(questions, checker),
        **bq.vetted_suggestions(draft.suggested_questions, request, checker),
        checker_available=checker is not None,
        reminders=bs.reminders(lang, contact, facts),
        warnings=warnings,
    )


def render_markdown(brief: Brief) -> str:
    from gespraech_assistant.brief_render import render

    return render(brief)
