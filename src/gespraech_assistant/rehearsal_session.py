"""One rehearsal: the state machine between the user, the coach and the partner's engine.

The session owns everything that must stay consistent whatever engine phrases the replies:
classification, rapport, the people the partner may name, when the talk ends, undo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gespraech_assistant.i18n import msg
from gespraech_assistant.index.search import tokens
from gespraech_assistant.models import Contact, Passage
from gespraech_assistant.rehearsal import (
    ClosingReason,
    Mood,
    PartnerTurn,
    PartnerTurnRequest,
    RehearsalTranscript,
    Turn,
    TurnAnalysis,
)
from gespraech_assistant.rehearsal_classify import TurnClassifier, coach_line, rapport_delta
from gespraech_assistant.rehearsal_persona import (
    build_world,
    company_mentions,
    is_trend_question,
    offerable_people,
    usable_passage,
)
from gespraech_assistant.textnorm import normalize_name, same_company

MAX_TURNS = {"friendly": 20, "busy": 14, "sceptical": 20}
START_RAPPORT = {"friendly": 6, "busy": 5, "sceptical": 4}
# Only replies with substance need notes; each retrieval costs a query embedding.
RETRIEVING_INTENTS = {"good_question", "question", "feedback_request"}
FEEDBACK_QUERY = "Herausforderungen Engpässe Fachkräfte gesucht neue Stelle challenges hiring gaps"


def mood_of(rapport: int) -> Mood:
    return "warm" if rapport >= 7 else "neutral" if rapport >= 4 else "cool"


@dataclass
class _Snapshot:
    turns: int
    rapport: int
    goal: str
    used_templates: list[str]
    used_sentences: list[str]
    ended_reason: str | None


@dataclass
class RehearsalSession:
    ws: Any
    contact: Contact
    engine: Any
    goal: str = ""
    style: str = "friendly"
    seed: int = 0
    retriever: Any = None
    max_turns: int = 0
    turns: list[Turn] = field(default_factory=list)
    ended_reason: str | None = None

    def __post_init__(self) -> None:
        if self.retriever is None:
            from gespraech_assistant.index.search import Retriever

            self.retriever = Retriever(self.ws)
        self.language = self.ws.language
        self.max_turns = self.max_turns or MAX_TURNS.get(self.style, 20)
        self.world = build_world(self.ws, self.contact, self.style, self.retriever)
        self.classifier = TurnClassifier(
            self.ws, self.contact.company, self.retriever, self.world.targets
        )
        self.rapport = START_RAPPORT.get(self.style, 5)
        self.used_templates: list[str] = []
        self.used_sentences: list[str] = []
        self._undo: list[_Snapshot] = []
        self._brief_questions: list[str] | None = None

    # ---------------------------------------------------------------- state
    @property
    def persona(self):
        return self.world.persona

    @property
    def user_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.role == "user"]

    @property
    def ended(self) -> bool:
        return self.ended_reason is not None

    def _said(self, intent: str) -> bool:
        return any(t.analysis and intent in t.analysis.intents for t in self.user_turns)

    # ---------------------------------------------------------------- the talk
    def open(self, on_token=None) -> Turn:
        request = self._request(phase="opening", user_text="", analysis=None)
        return self._partner(request, on_token)

    def say(self, text: str, on_token=None) -> tuple[Turn, Turn]:
        """One user turn and the partner's reply."""
        user = self.hear(text)
        return user, self.respond(on_token)

    def hear(self, text: str) -> Turn:
        """Classify the user's turn, coach it and move rapport."""
        text = " ".join(text.split())
        self._undo.append(
            _Snapshot(
                len(self.turns),
                self.rapport,
                self.goal,
                list(self.used_templates),
                list(self.used_sentences),
                self.ended_reason,
            )
        )
        analysis = self.classifier.analyze(text)
        delta = rapport_delta(
            analysis, goal_seen=self._said("goal"), thanked=self._said("thanks"), style=self.style
        )
        self.rapport = max(0, min(10, self.rapport + delta))
        analysis.rapport_delta = delta
        analysis.coach = coach_line(self.language, analysis)
        if "goal" in analysis.intents and not self.goal:
            self.goal = text
        user = Turn(
            role="user",
            text=text,
            number=len(self.user_turns) + 1,
            analysis=analysis,
            rapport=self.rapport,
            mood=mood_of(self.rapport),
        )
        self.turns.append(user)
        return user

    def respond(self, on_token=None) -> Turn:
        """The partner's reply to the last user turn; closes the talk when it is over."""
        user = self.turns[-1]
        assert user.role == "user" and user.analysis is not None
        phase, reason = self._phase(user.analysis, user.number)
        request = self._request(
            phase=phase, user_text=user.text, analysis=user.analysis, reason=reason
        )
        reply = self._partner(request, on_token)
        if phase == "closing":
            self.ended_reason = reason
        return reply

    def _phase(self, analysis: TurnAnalysis, number: int) -> tuple[str, ClosingReason]:
        if analysis.primary == "goodbye":
            return "closing", "user"
        if self.rapport <= 0:
            return "closing", "rapport"
        if number >= self.max_turns:
            return "closing", "time"
        return "dialogue", ""

    def _partner(self, request: PartnerTurnRequest, on_token) -> Turn:
        result: PartnerTurn = self.engine.partner_turn(request, on_token=on_token)
        allowed = {p.name for p in request.offerable_people}
        for mention in request.companies:
            allowed |= {p.name for p in mention.people}
        turn = Turn(
            role="partner",
            text=result.text.strip(),
            number=request.turn_number,
            rapport=self.rapport,  # the session's rapport, whatever the engine reports
            mood=request.mood,
            # An engine may only name people the workspace records.
            offered_people=[n for n in result.offered_people if n in allowed],
            sources=result.sources,
            template_ids=result.template_ids,
        )
        self.turns.append(turn)
        self.used_templates += result.template_ids
        self.used_sentences += result.used_sentences
        return turn

    def _request(
        self,
        *,
        phase: str,
        user_text: str,
        analysis: TurnAnalysis | None,
        reason: ClosingReason = "",
    ) -> PartnerTurnRequest:
        companies = list(analysis.companies) if analysis else []
        if analysis and analysis.asked_company and analysis.asked_company not in companies:
            companies.append(analysis.asked_company)
        mentions = []
        if analysis and analysis.primary == "target_list":
            mentions = company_mentions(self.world, companies or self._list_companies())
        return PartnerTurnRequest(
            language=self.language,
            style=self.style,  # type: ignore[arg-type]
            persona=self.persona,
            phase=phase,  # type: ignore[arg-type]
            closing_reason=reason,
            history=list(self.turns),
            user_text=user_text,
            analysis=analysis,
            rapport=self.rapport,
            mood=mood_of(self.rapport),
            goal=self.goal,
            passages=self._passages(user_text, analysis) if analysis else [],
            offerable_people=offerable_people(self.world, companies),
            companies=mentions,
            profile_strengths=self.world.profile_strengths,
            profile_background=self.world.profile_background,
            turn_number=len(self.user_turns),
            max_turns=self.max_turns,
            seed=self.seed,
            used_templates=list(self.used_templates),
            used_sentences=list(self.used_sentences),
        )

    def _passages(self, text: str, analysis: TurnAnalysis) -> list[Passage]:
        """Notes on the partner (lexical: small, names matter) and on their company (hybrid).
        One query embedding per turn at most: the machine may be slow."""
        if analysis.primary not in RETRIEVING_INTENTS:
            return []
        feedback = analysis.primary == "feedback_request"
        trend = not feedback and is_trend_question(text, self.persona.industry)
        query = FEEDBACK_QUERY if feedback else text
        found: dict[tuple[str, int | None], Passage] = {}
        if self.contact.company:
            for passage in self.retriever.search(query, k=4, company=self.contact.company):
                found.setdefault((passage.source, passage.line), passage)
        if trend:
            for passage in self._industry_search(query):
                found.setdefault((passage.source, passage.line), passage)
        elif not feedback:  # feedback rests on the company's needs, not on the person's CV
            for passage in self._person_search(query):
                found.setdefault((passage.source, passage.line), passage)
        if trend:  # the industry's trends are not in anybody's CV
            found = {key: p for key, p in found.items() if not p.person}
        usable = [p for p in found.values() if usable_passage(p)]
        return sorted(usable, key=lambda p: -p.score)[:6]

    def _industry_search(self, query: str) -> list[Passage]:
        """Industry notes (no company or person in front matter) and the partner's company."""
        industry = self.persona.industry
        hits = self.retriever.search(f"{query} {industry}".strip(), k=8)
        return [
            p
            for p in hits
            if not p.person and (not p.company or same_company(p.company, self.contact.company))
        ][:4]

    def _person_search(self, query: str) -> list[Passage]:
        hits = self.world.lexical.search(query, k=4, person=self.contact.name)
        top = max((p.score for p in hits), default=1.0) or 1.0
        # BM25 scores are unbounded; scale them below the hybrid's cosine similarities.
        return [p.model_copy(update={"score": round(0.8 * p.score / top, 4)}) for p in hits]

    def _list_companies(self) -> list[str]:
        """'Let's go through my list': the targets worth discussing with this partner."""
        try:
            from gespraech_assistant.network import walkthrough

            items = walkthrough(self.ws, self.contact, self.language)
            return [i.company for i in items][:3]
        except ImportError:
            pass
        rank = {"A": 0, "B": 1, "C": 2}
        others = [
            t for t in self.world.targets if not same_company(t.company, self.contact.company)
        ]
        others.sort(key=lambda t: rank.get(t.priority or "", 3))
        return [t.company for t in others[:3]]

    # ---------------------------------------------------------------- commands
    def undo(self) -> bool:
        if not self._undo:
            return False
        snap = self._undo.pop()
        del self.turns[snap.turns :]
        self.rapport, self.goal = snap.rapport, snap.goal
        self.used_templates, self.used_sentences = snap.used_templates, snap.used_sentences
        self.ended_reason = snap.ended_reason
        return True

    def hint(self) -> str:
        """The next step per the method, with a concrete sentence to say."""
        lang = self.language
        if not self._said("goal"):
            return msg(
                lang,
                de="Nennen Sie Ihr Ziel, z. B.: «Mein Ziel ist, zu verstehen, wie {c} … – und ich "
                "würde gern ein paar Firmen auf meiner Liste mit Ihnen durchgehen.»",
                en="State your goal, e.g.: “My goal is to understand how {c} … – and I'd like to "
                "go through a few companies on my list with you.”",
                c=self.persona.industry or self.persona.company or "die Branche",
            )
        good = sum(
            1 for t in self.user_turns if t.analysis and "good_question" in t.analysis.intents
        )
        question = self._next_question()
        if good < 2 and question:
            return question
        if not self._said("feedback_request"):
            return msg(
                lang,
                de="Fragen Sie nach ehrlichem Feedback: «Wie schätzen Sie meine Chancen in {i} "
                "ein – wo sehen Sie Lücken?»",
                en="Ask for honest feedback: “How do you rate my chances in {i} – where do you "
                "see gaps?”",
                i=self.persona.industry or ("der Branche" if lang == "de" else "the industry"),
            )
        if not (self._said("contacts_request") or self._said("target_list")):
            names = ", ".join(self._list_companies()[:2])
            return msg(
                lang,
                de="Gehen Sie Ihre Zielliste durch: «Auf meiner Liste stehen {n} – kennen Sie "
                "dort jemanden, mit dem ich sprechen sollte?»",
                en="Walk through your target list: “My list includes {n} – do you know someone "
                "there I should talk to?”",
                n=names or "…",
            )
        if not self._said("thanks"):
            return msg(
                lang,
                de="Bedanken Sie sich und bieten Sie etwas an: «Vielen Dank – kann ich Ihnen "
                "im Gegenzug mit … helfen?»",
                en="Say thanks and offer something back: “Thank you – can I help you with … in "
                "return?”",
            )
        return question or msg(lang, de="Verabschieden Sie sich: /end", en="Wrap up: /end")

    def _next_question(self) -> str:
        asked = [set(tokens(t.text)) for t in self.user_turns]
        for question in self._brief_suggestions() + self._own_questions():
            words = set(tokens(question))
            if not any(len(words & a) >= max(2, len(words) // 2) for a in asked):
                return question
        return ""

    def _brief_suggestions(self) -> list[str]:
        if self._brief_questions is None:
            self._brief_questions = []
            try:
                from gespraech_assistant.brief import build_brief
                from gespraech_assistant.engines.offline import OfflineEngine
            except ImportError:
                return []
            brief = build_brief(
                self.ws, self.contact, self.goal or None, [], OfflineEngine(self.language)
            )
            self._brief_questions = list(brief.suggested_questions)
        return self._brief_questions

    def _own_questions(self) -> list[str]:
        out = []
        for topic in self.persona.cares_about:
            label = re.split(r"[:;(]", topic, maxsplit=1)[0].strip()[:70]
            out.append(
                msg(
                    self.language,
                    de="Wie gehen Sie bei «{t}» konkret vor – und wo hakt es im Moment noch?",
                    en="How are you approaching “{t}” – and where is it still stuck?",
                    t=label,
                )
            )
        return out

    def set_goal(self, text: str) -> None:
        self.goal = " ".join(text.split())

    # ---------------------------------------------------------------- the end
    def transcript(
        self, reason: str | None = None, today: date | None = None
    ) -> RehearsalTranscript:
        from gespraech_assistant.rehearsal_score import build_scorecard

        return RehearsalTranscript(
            contact=self.contact.name,
            company=self.contact.company,
            date=(today or date.today()).isoformat(),
            language=self.language,
            style=self.style,  # type: ignore[arg-type]
            engine=getattr(self.engine, "produced_by", self.engine.name),
            goal=self.goal,
            persona=self.persona,
            turns=list(self.turns),
            rapport=self.rapport,
            ended_reason=(reason or self.ended_reason or "user"),  # type: ignore[arg-type]
            scorecard=build_scorecard(self.turns, self.language, self.persona),
            warnings=list(getattr(self.engine, "warnings", [])),
        )


def known_names(ws: Any) -> set[str]:
    """Everyone contacts.csv records (for tests and validation)."""
    from gespraech_assistant.lists import load_contacts

    return {normalize_name(c.name) for c in load_contacts(ws.contacts_path, ws.root).records}
