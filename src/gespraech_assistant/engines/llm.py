"""The LLM engine: same four jobs as the offline engine, phrased by an OpenAI-compatible model.

Every job first computes the offline result (cheap, deterministic) and then asks the model.
Whatever goes wrong with the model — no server, timeout, HTTP error, invalid or cut-off
output — the offline result is used and one line in `warnings` names the cause. Facts the
offline engine found are never dropped by the model: checker findings and debrief items are
merged, and the model's questions are run through the checker (repaired or dropped).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, Field, ValidationError

from gespraech_assistant.config import LLMSettings
from gespraech_assistant.engines.chat_model import llm_available, resolve_key
from gespraech_assistant.engines.offline import OfflineEngine
from gespraech_assistant.engines.structured import LLMClient, LLMFailure, Message, Usage
from gespraech_assistant.errors import UsageError
from gespraech_assistant.i18n import msg
from gespraech_assistant.prompting import PromptError, data_block, quote_data, render_messages
from gespraech_assistant.textnorm import clean_terminal, fold

if TYPE_CHECKING:
    from gespraech_assistant.brief import BriefDraft, BriefRequest
    from gespraech_assistant.checker.models import ReviewOpinion, ReviewRequest
    from gespraech_assistant.debrief import DebriefExtraction, DebriefRequest
    from gespraech_assistant.engines.base import TokenSink
    from gespraech_assistant.rehearsal import PartnerTurn, PartnerTurnRequest
    from gespraech_assistant.workspace import Workspace

R = TypeVar("R")

# Prompt budgets: the demo brief prompt must stay well under 3,000 tokens.
MAX_FACTS = 8
MAX_FACT_CHARS = 240
MAX_HISTORY_TURNS = 8


# --- What the model answers (small, flat models: easy for small local models) -----------


class _ReviewItem(BaseModel):
    number: int = Field(description="number of the question in <questions>")
    kind: Literal["answered_in_notes", "researchable", "job_request", "delegation", "burden"]
    reason: str = Field(description="one sentence: why this breaks the guideline")
    suggestion: str = Field(default="", description="a better question with the same intent")
    note: int | None = Field(default=None, description="number of the note that answers it")


class _ReviewAnswer(BaseModel):
    problems: list[_ReviewItem] = Field(default_factory=list, max_length=20)


class _BriefAnswer(BaseModel):
    summary: str = Field(description="2-4 sentences")
    offer_sentences: list[str] = Field(default_factory=list, max_length=3)
    suggested_questions: list[str] = Field(default_factory=list, max_length=8)


class _DebriefContact(BaseModel):
    name: str
    company: str | None = None
    role: str | None = None
    email: str | None = None


class _DebriefStep(BaseModel):
    text: str
    due: str | None = Field(default=None, description="YYYY-MM-DD if the note gives a date")


class _DebriefHint(BaseModel):
    company: str
    hint: str


class _DebriefAnswer(BaseModel):
    summary: str = ""
    information: list[str] = Field(default_factory=list, max_length=12)
    new_contacts: list[_DebriefContact] = Field(default_factory=list, max_length=12)
    company_hints: list[_DebriefHint] = Field(default_factory=list, max_length=12)
    next_steps: list[_DebriefStep] = Field(default_factory=list, max_length=12)
    thank_you: str = ""


# --- The engine ------------------------------------------------------------------------


class LLMEngine:
    def __init__(
        self, client: LLMClient, language: str = "de", ws: Workspace | None = None
    ) -> None:
        self.client = client
        self.language = language
        self.ws = ws
        self.name = f"llm:{client.settings.model}"
        self.warnings: list[str] = []
        self._offline = OfflineEngine(language)
        #: after a transport failure the rest of the command runs offline without waiting
        self._dead: LLMFailure | None = None
        self._calls = 0
        self._fallbacks = 0

    @classmethod
    def from_settings(
        cls,
        settings: LLMSettings,
        language: str = "de",
        ws: Workspace | None = None,
        environ: dict[str, str] | None = None,
    ) -> LLMEngine:
        if not llm_available(settings.base_url, environ):
            raise UsageError(
                msg(
                    language,
                    de="--engine llm: kein LLM konfiguriert.",
                    en="--engine llm: no LLM is configured.",
                ),
                msg(
                    language,
                    de="Setzen Sie OPENAI_API_KEY (OpenAI) oder GESPRAECH_BASE_URL bzw. [llm] "
                    "base_url in gespraech.toml (lokaler Server, z. B. http://localhost:11434/v1 "
                    "für Ollama), oder verwenden Sie --engine offline. `gespraech doctor` prüft "
                    "die Einstellungen.",
                    en="Set OPENAI_API_KEY (OpenAI) or GESPRAECH_BASE_URL / [llm] base_url in "
                    "gespraech.toml (a local server, e.g. http://localhost:11434/v1 for "
                    "Ollama), or use --engine offline. `gespraech doctor` checks the settings.",
                ),
            )
        key = resolve_key(settings.base_url, environ)
        return cls(LLMClient(settings, key, language), language, ws)

    @classmethod
    def from_workspace(cls, ws: Workspace) -> LLMEngine:
        return cls.from_settings(ws.settings.llm, ws.language, ws)

    @property
    def usage(self) -> Usage:
        return self.client.usage

    # ---- the four jobs ----

    def review_questions(self, request: ReviewRequest) -> ReviewOpinion:
        return self._run(
            msg(self.language, de="Fragenprüfung", en="question review"),
            lambda: self._llm_review(request),
            lambda: self._offline.review_questions(request),
        )

    def draft_brief(self, request: BriefRequest) -> BriefDraft:
        offline = self._offline.draft_brief(request)
        return self._run(
            msg(self.language, de="Briefing", en="brief"),
            lambda: self._llm_brief(request, offline),
            lambda: offline,
        )

    def partner_turn(
        self, request: PartnerTurnRequest, on_token: TokenSink | None = None
    ) -> PartnerTurn:
        from gespraech_assistant.rehearsal import offline_partner_turn

        offline = offline_partner_turn(request)

        def fallback() -> PartnerTurn:
            if on_token:
                on_token(offline.text)
            return offline

        return self._run(
            msg(self.language, de="Gesprächspartner", en="partner reply"),
            lambda: self._llm_partner(request, offline, on_token),
            fallback,
        )

    def extract_debrief(self, request: DebriefRequest) -> DebriefExtraction:
        offline = self._offline.extract_debrief(request)
        return self._run(
            msg(self.language, de="Nachbearbeitung", en="follow-up extraction"),
            lambda: self._llm_debrief(request, offline),
            lambda: offline,
        )

    # ---- failure handling ----

    @property
    def produced_by(self) -> str:
        """What really produced the output so far: the model, the offline engine after a
        failure, or both. Commands print this, not `name`."""
        if not self._fallbacks:
            return self.name
        if self._fallbacks == self._calls:
            return f"offline (fallback from {self.name})"
        return msg(
            self.language, de="{n} (teilweise offline)", en="{n} (partly offline)", n=self.name
        )

    def _run(self, job: str, llm_call: Callable[[], R], offline_call: Callable[[], R]) -> R:
        self._calls += 1
        if self._dead is not None:
            self._fallbacks += 1
            return offline_call()
        try:
            result = llm_call()
        except LLMFailure as failure:
            if failure.fatal:
                self._dead = failure
            self._warn(job, failure)
            self._fallbacks += 1
            return offline_call()
        except (ValidationError, PromptError) as exc:
            self._warn(job, LLMFailure("invalid_output", clean_terminal(str(exc))[:200]))
            self._fallbacks += 1
            return offline_call()
        self._take_notices()
        return result

    def _warn(self, job: str, failure: LLMFailure) -> None:
        self._take_notices()
        line = msg(
            self.language,
            de="LLM nicht verwendet für {job} ({cause}); Offline-Ergebnis verwendet.",
            en="LLM not used for {job} ({cause}); offline result used.",
            job=job,
            cause=failure.cause(self.language),
        )
        if failure.fatal:
            s = self.client.settings
            line += " " + msg(
                self.language,
                de="Ein nicht erreichbarer Server kostet höchstens {t:g} s × {n} Versuche; "
                "`gespraech doctor` zeigt, was zu tun ist.",
                en="An unreachable server costs at most {t:g} s × {n} attempts; "
                "`gespraech doctor` says what to fix.",
                t=s.timeout_s,
                n=s.max_retries + 1,
            )
        self._add_warning(line)

    def _take_notices(self) -> None:
        for notice in self.client.notices:
            self._add_warning(notice)
        self.client.notices.clear()

    def _add_warning(self, line: str) -> None:
        line = clean_terminal(line)
        if line not in self.warnings:
            self.warnings.append(line)

    # ---- review ----

    def _llm_review(self, request: ReviewRequest) -> ReviewOpinion:

        passages = request.passages[:MAX_FACTS]
        values = {
            "company": quote_data(request.company or "-"),
            "questions": data_block("questions", request.questions),
            "notes": data_block("notes", [_passage_line(p) for p in passages]),
            "offline": data_block("offline", _offline_findings(request)),
        }
        answer = self.client.structured(self._messages("review", values), _ReviewAnswer)
        return merge_review(request, answer, self._suggestion_checker(request.company))

    def _suggestion_checker(self, company: str | None) -> Callable[[str], str | None] | None:
        """A function that returns a question that passes our checker (or None)."""
        if self.ws is None:
            return None
        try:
            from gespraech_assistant.checker import QuestionChecker
        except ImportError:
            return None
        checker = QuestionChecker(self.ws, company=company)
        return lambda question: vet_question(checker, question)

    # ---- brief ----

    def _llm_brief(self, request: BriefRequest, offline: BriefDraft) -> BriefDraft:
        from gespraech_assistant.brief import BriefDraft

        values = brief_values(request)
        answer = self.client.structured(self._messages("brief", values), _BriefAnswer)
        questions = _dedupe([q for q in answer.suggested_questions if q.strip()])
        if len(questions) < 3:  # a thin answer: keep the offline suggestions after the model's
            questions = _dedupe([*questions, *offline.suggested_questions])
        return BriefDraft(
            summary=answer.summary.strip() or offline.summary,
            offer_sentences=[s for s in answer.offer_sentences if s.strip()][:3]
            or offline.offer_sentences,
            suggested_questions=questions[:12],
        )

    # ---- partner ----

    def _llm_partner(
        self, request: PartnerTurnRequest, offline: PartnerTurn, on_token: TokenSink | None
    ) -> PartnerTurn:
        from gespraech_assistant.rehearsal_names import KnownNames, NameGate

        values = partner_values(request, offline)
        # every LLM partner reply passes this gate: sentences naming people the workspace
        # does not record are held back (the offline partner only names recorded people)
        gate = NameGate(KnownNames.for_request(request), on_token)
        streamed = self.client.stream_text(self._messages("partner", values), gate.feed)
        if not streamed.text.strip():
            raise LLMFailure("invalid_output", "empty reply")
        text = gate.close().strip()
        if not text:  # every sentence named someone unknown: the offline reply instead
            gate.emit_raw(offline.text)
            return offline
        if not streamed.complete:
            if streamed.interrupted is not None:
                reason = streamed.interrupted.cause(self.language)
            elif streamed.finish_reason == "length":
                reason = f"max_tokens={self.client.settings.max_tokens}"
            else:
                reason = msg(
                    self.language,
                    de="Stream ohne finish_reason beendet",
                    en="stream ended without finish_reason",
                )
            marker = msg(self.language, de=" […abgebrochen]", en=" […cut off]")
            gate.emit_raw(marker)
            text += marker
            self._add_warning(
                msg(
                    self.language,
                    de="Antwort des Gesprächspartners abgeschnitten ({reason}).",
                    en="The partner's reply was cut off ({reason}).",
                    reason=reason,
                )
            )
        return offline.model_copy(update={"text": text})

    # ---- debrief ----

    def _llm_debrief(
        self, request: DebriefRequest, offline: DebriefExtraction
    ) -> DebriefExtraction:
        from gespraech_assistant.debrief import merge_extractions

        values = debrief_values(request)
        answer = self.client.structured(self._messages("debrief", values), _DebriefAnswer)
        return merge_extractions(offline, to_extraction(answer, request))

    def _messages(self, job: str, values: dict[str, str]) -> list[Message]:
        return render_messages(job, self.language, values)


# --- Prompt values: untrusted text quoted and delimited --------------------------------


def _clip(text: str, limit: int = MAX_FACT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _passage_line(passage: Any) -> str:
    where = f"{passage.source}:{passage.line}" if passage.line else passage.source
    return f"({where}) {_clip(passage.text)}"


def _fact_lines(facts: list, limit: int = MAX_FACTS) -> list[str]:
    return [_passage_line(f) for f in facts[:limit]]


def _offline_findings(request: ReviewRequest) -> list[str]:
    lines = []
    for number, result in enumerate(request.offline, 1):
        kinds = ", ".join(f.kind for f in result.findings) or "ok"
        lines.append(f"{number}: {kinds}")
    return lines


def brief_values(request: BriefRequest) -> dict[str, str]:
    facts = [*request.developments[:3], *request.challenges[:3], *request.company_facts]
    return {
        "today": request.today.isoformat(),
        "partner": quote_data(request.partner_name),
        "role": quote_data(request.partner_role or "-"),
        "company": quote_data(request.company or "-"),
        "industry": quote_data(request.industry or "-"),
        "connection": quote_data(request.connection or "-"),
        "goal": quote_data(request.goal or "-"),
        "person_facts": data_block("person", _fact_lines(request.person_facts, 5)),
        "history": data_block("history", _fact_lines(request.history, 5)),
        "company_facts": data_block("notes", _fact_lines(_dedupe_facts(facts))),
        "offer_points": data_block("profile", _fact_lines(request.offer_points, 4)),
        "unknown": quote_data(", ".join(request.unknown_topics[:6]) or "-"),
        "walkthrough": quote_data(", ".join(request.walkthrough_companies[:6]) or "-"),
    }


def partner_values(request: PartnerTurnRequest, offline: PartnerTurn) -> dict[str, str]:
    persona = request.persona
    me = persona.user_name or msg(request.language, de="Ich", en="Me")
    history = [
        f"{me if t.role == 'user' else persona.name}: {_clip(t.text, 300)}"
        for t in request.history[-MAX_HISTORY_TURNS:]
    ]
    people = [
        f"{p.name} ({', '.join(x for x in (p.role, p.company) if x)})".replace(" ()", "")
        for p in request.offerable_people
    ]
    return {
        "name": quote_data(persona.name),
        "role": quote_data(persona.role or "-"),
        "company": quote_data(persona.company or "-"),
        "style": request.style,
        "mood": request.mood,
        "phase": request.phase,
        "user_name": quote_data(persona.user_name or "-"),
        "background": data_block("background", [_clip(b) for b in persona.background[:5]]),
        "notes": data_block("notes", [_passage_line(p) for p in request.passages[:4]]),
        "people": quote_data(", ".join(people) or "-"),
        "history": data_block("history", history),
        "user_text": data_block("said", [_clip(request.user_text, 600)]),
        "plan": data_block("content", [offline.text]),
    }


def debrief_values(request: DebriefRequest) -> dict[str, str]:
    known = [
        f"{p.name} ({p.company})" if p.company else p.name for p in request.known_contacts[:30]
    ]
    return {
        "partner": quote_data(request.partner),
        "partner_company": quote_data(request.partner_company or "-"),
        "meeting_date": request.meeting_date.isoformat(),
        "known": quote_data(", ".join(known) or "-"),
        "targets": quote_data(", ".join(request.targets[:30]) or "-"),
        "note": data_block("note", [request.note[:6000]]),
    }


# --- Turning model answers into our models (guarded) -----------------------------------


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = fold(item)
        if key and key not in seen:
            seen.add(key)
            out.append(item.strip())
    return out


def _dedupe_facts(facts: list) -> list:
    seen: set[str] = set()
    out = []
    for fact in facts:
        key = fold(fact.text)
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out


def vet_question(checker: Any, question: str) -> str | None:
    """The question if it passes the checker, else the checker's own rewrite if that passes."""
    question = question.strip()
    if not question:
        return None
    result = checker.check(question)
    if result.ok:
        return question
    for finding in result.findings:
        repaired = finding.suggestion.strip()
        if repaired and checker.check(repaired).ok:
            return repaired
    return None


def merge_review(
    request: ReviewRequest, answer: _ReviewAnswer, vet: Callable[[str], str | None] | None
) -> ReviewOpinion:
    """One result per question: every offline finding kept, the model's findings added."""
    from gespraech_assistant.checker.models import (
        GUIDELINE_OF,
        Finding,
        QuestionResult,
        ReviewOpinion,
    )
    from gespraech_assistant.models import Evidence

    results = []
    for number, question in enumerate(request.questions, 1):
        base = (
            request.offline[number - 1]
            if number - 1 < len(request.offline)
            else QuestionResult(question=question, ok=True)
        )
        findings = list(base.findings)
        kinds = {f.kind for f in findings}
        for item in answer.problems:
            if item.number != number or item.kind in kinds:
                continue
            # The model's rewrite must pass our own checker; else it is repaired or dropped.
            suggestion = vet(item.suggestion) if (vet and item.suggestion) else None
            evidence = []
            if item.note and 0 < item.note <= len(request.passages):
                p = request.passages[item.note - 1]
                evidence = [Evidence(source=p.source, line=p.line, text=_clip(p.text))]
            findings.append(
                Finding(
                    guideline=GUIDELINE_OF[item.kind],
                    kind=item.kind,
                    message=clean_terminal(item.reason)[:300],
                    evidence=evidence,
                    suggestion=suggestion or "",
                )
            )
            kinds.add(item.kind)
        added = len(findings) > len(base.findings)
        results.append(
            QuestionResult(question=question, ok=base.ok and not added, findings=findings)
        )
    return ReviewOpinion(results=results)


def _mentioned(name: str, text: str) -> bool:
    return bool(name.strip()) and fold(name) in fold(text)


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def to_extraction(answer: _DebriefAnswer, request: DebriefRequest) -> DebriefExtraction:
    """The model's extraction, with anything not grounded in the note dropped."""
    from gespraech_assistant.debrief import CompanyHint, DebriefExtraction, NewContact, NextStep

    known = {fold(p.name) for p in request.known_contacts} | {fold(request.partner)}
    targets = {fold(t) for t in request.targets}
    contacts = [
        NewContact(
            name=c.name.strip(),
            company=c.company,
            role=c.role,
            email=c.email,
            introduced_by=request.partner,
        )
        for c in answer.new_contacts
        if _mentioned(c.name, request.note) and fold(c.name) not in known
    ]
    hints = [
        CompanyHint(company=h.company.strip(), hint=h.hint, known_target=fold(h.company) in targets)
        for h in answer.company_hints
        if _mentioned(h.company, request.note)
    ]
    steps = [
        NextStep(text=s.text, due=_parse_date(s.due), due_text=s.due or "")
        for s in answer.next_steps
        if s.text.strip()
    ]
    return DebriefExtraction(
        summary=answer.summary.strip(),
        information=[i for i in answer.information if i.strip()],
        new_contacts=contacts,
        company_hints=hints,
        next_steps=steps,
        thank_you=answer.thank_you.strip(),
    )


def usage_summary(engine: object, language: str = "en") -> str | None:
    """The `--verbose` line: calls, tokens (as the server reported them) and time; None offline."""
    usage = getattr(engine, "usage", None)
    if not isinstance(usage, Usage):
        return None
    name = getattr(engine, "name", "llm")
    if not usage.calls:
        return msg(language, de="{n}: kein Aufruf", en="{n}: no calls", n=name)
    if usage.calls_without_usage == usage.calls:  # we count nothing ourselves (no tokenizer)
        return msg(
            language,
            de="{n}: {c} Aufruf(e), {s:.1f} s; der Server hat keine Token-Zahlen (usage) gemeldet",
            en="{n}: {c} call(s), {s:.1f} s; no usage reported by the server",
            n=name,
            c=usage.calls,
            s=usage.seconds,
        )
    line = msg(
        language,
        de="{n}: {c} Aufruf(e), {p} Prompt- + {o} Antwort-Tokens (prompt/completion), {s:.1f} s",
        en="{n}: {c} call(s), {p} prompt + {o} completion tokens, {s:.1f} s",
        n=name,
        c=usage.calls,
        p=usage.prompt_tokens,
        o=usage.completion_tokens,
        s=usage.seconds,
    )
    if usage.calls_without_usage:
        line += msg(
            language,
            de=" ({k} Aufruf(e) ohne usage vom Server)",
            en=" ({k} without usage from the server)",
            k=usage.calls_without_usage,
        )
    return line
