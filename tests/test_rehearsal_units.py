"""Unit-level logic of the rehearsal: turn classification, the offline partner, the scorecard."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gespraech_assistant.models import Passage, Target
from gespraech_assistant.rehearsal import (
    KnownPerson,
    PartnerTurnRequest,
    Persona,
    Turn,
    TurnAnalysis,
    offline_partner_turn,
)
from gespraech_assistant.rehearsal_classify import TurnClassifier, coach_line, rapport_delta
from gespraech_assistant.rehearsal_score import build_scorecard, render_markdown

TARGETS = [Target(company="Alpenblick Medtech AG"), Target(company="Medivo GmbH"),
           Target(company="Helvetia Health Systems AG")]  # fmt: skip


def classifier(lang: str = "de") -> TurnClassifier:
    ws = SimpleNamespace(language=lang)
    return TurnClassifier(ws, "Alpenblick Medtech AG", None, TARGETS, use_checker=False)


@pytest.mark.parametrize(
    ("text", "primary"),
    [
        ("Guten Tag, schön, dass es klappt.", "greeting"),
        ("Mein Ziel ist, die Medtech-Branche zu verstehen und Kontakte zu gewinnen.", "goal"),
        ("My goal is to understand how storage companies plan their supply chain.", "goal"),
        ("Wie gehen Sie beim Hochlauf in Gliwice mit der Lieferantenqualität um?", "good_question"),
        ("How do you handle supplier quality during the ramp-up?", "good_question"),
        ("Ist das Werk fertig?", "question"),
        ("Kennen Sie jemanden, mit dem ich sprechen sollte?", "contacts_request"),
        ("Who else should I talk to?", "contacts_request"),
        ("Auf meiner Liste steht Medivo – kennen Sie dort jemanden?", "target_list"),
        ("Let's go through my target list.", "target_list"),
        ("Wie schätzen Sie meine Chancen als Quereinsteigerin ein?", "feedback_request"),
        ("How do you rate my chances, where are my gaps?", "feedback_request"),
        ("Haben Sie eine offene Stelle für mich?", "job_request"),
        ("Can you give me a job?", "job_request"),
        ("Was würden Sie an meiner Stelle tun?", "delegation"),
        ("Seit der Kündigung bin ich verzweifelt.", "burden"),
        ("Wie viele Mitarbeitende hat Alpenblick?", "naive"),
        ("Vielen Dank für Ihre Zeit!", "thanks"),
        ("Ich kann Ihnen gern Kontakte zu polnischen Lieferanten vermitteln.", "offer"),
        ("Auf Wiedersehen und danke!", "goodbye"),
    ],
)
def test_classification_in_both_languages(text, primary):
    assert classifier().analyze(text).primary == primary


def test_own_company_is_no_target_list_walkthrough_and_market_chances_are_no_feedback():
    c = classifier()
    assert c.analyze("Wie entwickelt sich Alpenblick in Polen?").companies == []
    assert (
        "feedback_request"
        not in c.analyze("Welche Chancen sehen Sie für Alpenblick in den USA?").intents
    )


def test_rapport_and_coach_line():
    c = classifier()
    job = c.analyze("Haben Sie eine Stelle für mich?")
    assert rapport_delta(job, goal_seen=False, thanked=False, style="friendly") == -2
    good = c.analyze("Wie gehen Sie beim Hochlauf in Gliwice mit der Lieferantenqualität um?")
    assert rapport_delta(good, goal_seen=False, thanked=False, style="friendly") == 1
    naive = c.analyze("Wie viele Mitarbeitende hat Alpenblick?")
    assert rapport_delta(naive, goal_seen=False, thanked=False, style="sceptical") == -2
    line = coach_line("de", job)
    assert line.startswith("✗ Augenhöhe – Stellenanfrage →")
    assert coach_line("en", c.analyze("Who else should I talk to?")).startswith(
        "✓ asked for further"
    )


def _request(**changes) -> PartnerTurnRequest:
    persona = Persona(name="Martin Keller", company="Alpenblick Medtech AG", industry="Medtech",
                      introduced_by="Sandra Huber")  # fmt: skip
    base = dict(language="de", persona=persona, rapport=5, turn_number=3, seed=0)
    base.update(changes)
    return PartnerTurnRequest(**base)


def _analysis(primary: str) -> TurnAnalysis:
    return TurnAnalysis(intents=[primary], primary=primary)


def test_offline_partner_is_deterministic_and_varies_with_seed_and_history():
    req = _request(analysis=_analysis("naive"), user_text="Wie viele Mitarbeitende?")
    assert offline_partner_turn(req) == offline_partner_turn(req)
    texts = {offline_partner_turn(req.model_copy(update={"seed": s})).text for s in range(8)}
    assert len(texts) >= 2
    used: list[str] = []
    replies = []
    for n in range(8):  # every variant before any repeat, never the same twice in a row
        turn = offline_partner_turn(
            req.model_copy(update={"used_templates": used, "turn_number": n})
        )
        used += turn.template_ids
        replies.append(turn.text)
    assert len(set(replies[:4])) == 4
    assert all(a != b for a, b in zip(replies, replies[1:], strict=False))


def test_offline_partner_names_only_offerable_people_and_grounds_answers():
    person = KnownPerson(name="Julia Weber", company="Medivo GmbH", role="Head of Supply Chain")
    turn = offline_partner_turn(
        _request(analysis=_analysis("contacts_request"), offerable_people=[person])
    )
    assert (
        turn.offered_people == ["Julia Weber"]
        and "Julia Weber (Head of Supply Chain bei Medivo GmbH)" in turn.text
    )
    none = offline_partner_turn(_request(analysis=_analysis("contacts_request")))
    assert none.offered_people == [] and "niemand" in none.text.lower() + "niemanden"
    passage = Passage(source="notes/a.md", line=3, text="- Er verantwortet die Werke Grenchen und Gliwice mit 1100 Leuten.",
                      person="Martin Keller", heading="Martin Keller › Was ihn beschäftigt")  # fmt: skip
    answer = offline_partner_turn(
        _request(
            analysis=_analysis("good_question"),
            user_text="Welche Werke verantworten Sie?",
            passages=[passage],
        )
    )
    assert "Ich verantworte die Werke Grenchen und Gliwice" in answer.text
    assert answer.sources[0].source == "notes/a.md"
    closing = offline_partner_turn(
        _request(analysis=_analysis("job_request"), phase="closing", closing_reason="rapport")
    )
    assert closing.ends


def test_scorecard_quotes_and_markdown():
    c = classifier()
    turns = [Turn(role="partner", text="Guten Tag.", number=0)]
    for n, text in enumerate(
        ["Guten Tag, danke für Ihre Zeit.", "Haben Sie eine Stelle für mich?"], 1
    ):
        turns.append(Turn(role="user", text=text, number=n, analysis=c.analyze(text)))
    persona = Persona(name="Martin Keller", industry="Medtech")
    card = build_scorecard(turns, "de", persona)
    by_key = {i.key: i for i in card.items}
    assert not by_key["eye_level"].ok and by_key["eye_level"].quotes == [
        "«Haben Sie eine Stelle für mich?»"
    ]
    # "danke für Ihre Zeit" at the start is thanks: the coach said ✓ bedankt, so does the card
    assert by_key["thanks"].ok and by_key["thanks"].quotes == ["«Guten Tag, danke für Ihre Zeit.»"]
    assert card.next_step.startswith("Augenhöhe gehalten:")
    from gespraech_assistant.rehearsal import RehearsalTranscript

    md = render_markdown(RehearsalTranscript(contact="Martin Keller", date="2026-11-02", persona=persona,
                                             turns=turns, scorecard=card))  # fmt: skip
    assert md.startswith("---\ncontact: Martin Keller\n") and "kind: rehearsal" in md
    assert "- ✗ **Augenhöhe gehalten**" in md and "**Ich:** Haben Sie eine Stelle für mich?" in md
