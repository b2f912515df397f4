"""QA findings on the rehearsal, each pinned: template hints, invented gaps, greetings, thanks,
contact quotes, trend answers, repeated sentences, 'anyone at X?', empty sessions, and
rehearsal transcripts kept out of what the other commands cite."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

from gespraech_assistant.models import Passage, Target
from gespraech_assistant.profile import clean_profile, profile_owner
from gespraech_assistant.rehearsal import (
    KnownPerson,
    PartnerTurnRequest,
    Persona,
    RehearsalTranscript,
    Turn,
    offline_partner_turn,
)
from gespraech_assistant.rehearsal_classify import TurnClassifier
from gespraech_assistant.rehearsal_offline import split_sentences
from gespraech_assistant.rehearsal_score import build_scorecard
from gespraech_assistant.setup_workspace import PROFILE_TEMPLATE

TARGETS = [Target(company="Swisslog AG"), Target(company="Kardex AG")]


def classifier(lang: str = "de") -> TurnClassifier:
    ws = SimpleNamespace(language=lang)
    return TurnClassifier(ws, "Bühler AG", None, TARGETS, use_checker=False)


def request(text: str = "", **changes) -> PartnerTurnRequest:
    persona = Persona(name="Jürg Müller", company="Bühler AG", industry="Maschinenbau")
    analysis = classifier(changes.pop("lang", "de")).analyze(text) if text else None
    base = dict(language="de", persona=persona, rapport=5, turn_number=2, user_text=text,
                analysis=analysis)  # fmt: skip
    base.update(changes)
    return PartnerTurnRequest(**base)


# ---------------------------------------------------------------- profile.md


def test_untouched_profile_template_cleans_to_nothing():
    for lang in ("de", "en"):
        assert clean_profile(PROFILE_TEMPLATE[lang]) == ""


def test_filled_sections_stay_and_empty_ones_and_comments_go():
    text = (
        PROFILE_TEMPLATE["de"]
        .replace("# Mein Profil", "# Claudia Frei")
        .replace(
            "<!-- Was können Sie besonders gut? Belegen Sie es mit einem Beispiel. -->",
            "<!-- Hinweis -->\n- Lieferketten stabil halten: Servicegrad über 95 %.",
        )
    )
    cleaned = clean_profile(text)
    assert "<!--" not in cleaned and "Hinweis" not in cleaned
    assert re.search(r"## Stärken\n+- Lieferketten stabil halten", cleaned)
    assert "## Hintergrund" not in cleaned and "## Was ich anbiete" not in cleaned
    assert profile_owner(cleaned) == "Claudia Frei"
    assert profile_owner("# Mein Profil\n\n## Stärken\n- x\n") == ""


def test_feedback_never_quotes_template_hints_nor_invents_a_gap(tmp_path: Path):
    from gespraech_assistant.rehearsal_persona import profile_strengths

    (tmp_path / "profile.md").write_text(PROFILE_TEMPLATE["de"], encoding="utf-8")
    ws = SimpleNamespace(profile_path=tmp_path / "profile.md")
    name, strengths, background = profile_strengths(ws)
    assert (name, strengths, background) == ("", [], [])
    passage = Passage(source="notes/b.md", line=9, company="Bühler AG", heading="Bühler AG › Aktuelle Entwicklungen",
                      text="- Bühler investiert stark in die Digitalisierung der Wartung.")  # fmt: skip
    question = "Wie schätzen Sie meine Chancen im Maschinenbau ein, wo sehen Sie Lücken?"
    for seed in range(4):
        reply = offline_partner_turn(request(question, seed=seed, passages=[passage])).text
        assert "<!--" not in reply and "nicht direkt aus" not in reply
        assert "keine Station" not in reply and "Werdegang" in reply  # asks instead of judging


def test_a_gap_is_named_only_with_grounds_in_the_profile():
    question = "Wie schätzen Sie meine Chancen im Maschinenbau ein, wo sehen Sie Lücken?"
    outsider = request(question, profile_strengths=["Lieferketten stabil: 95 % Servicegrad"],
                       profile_background=["2014–2026 Leiterin Supply Chain bei einem Medtech-Zulieferer"])  # fmt: skip
    assert "keine Station in Maschinenbau" in offline_partner_turn(outsider).text
    insider = outsider.model_copy(
        update={"profile_background": ["2014–2026 Leiterin Einkauf im Maschinenbau"]}
    )
    assert "Maschinenbau" not in offline_partner_turn(insider).text.split("Lücke")[-1]
    assert "keine Station" not in offline_partner_turn(insider).text


# ---------------------------------------------------------------- greetings and thanks


def test_greetings_get_greetings_and_only_how_are_you_gets_fine_thanks():
    replies = set()
    for seed, text in enumerate(
        ["Guten Tag.", "Grüezi Herr Müller.", "Hallo!", "Guten Tag, danke für Ihre Zeit."]
    ):
        reply = offline_partner_turn(request(text, seed=seed)).text
        assert not re.search(r"danke der Nachfrage|Danke, gut|Gut, danke", reply), reply
        replies.add(reply)
    assert len(replies) >= 3  # openings vary
    asked = offline_partner_turn(request("Guten Tag, wie geht es Ihnen?")).text
    assert re.search(r"danke der Nachfrage|Danke, gut|Gut, danke", asked)


def test_thanks_in_the_greeting_counts_for_coach_and_scorecard_alike():
    c = classifier()
    text = "Guten Tag, danke für Ihre Zeit."
    analysis = c.analyze(text)
    assert "thanks" in analysis.intents
    turns = [Turn(role="partner", text="Hallo.", number=0),
             Turn(role="user", text=text, number=1, analysis=analysis)]  # fmt: skip
    card = {i.key: i for i in build_scorecard(turns, "de", Persona(name="Jürg Müller")).items}
    assert card["thanks"].ok and card["thanks"].quotes == [f"«{text}»"]


# ---------------------------------------------------------------- contacts


def _talk(lines: list[str], replies: list[Turn] | None = None) -> list[Turn]:
    c = classifier()
    turns = [Turn(role="partner", text="Hallo.", number=0)]
    for n, text in enumerate(lines, 1):
        turns.append(Turn(role="user", text=text, number=n, analysis=c.analyze(text)))
        turns.append(Turn(role="partner", text="Mhm.", number=n))
    return turns


def test_contacts_item_quotes_only_requests_for_people():
    turns = _talk(["Wie viele Mitarbeitende hat Kardex?", "Wer sonst könnte mir weiterhelfen?"])
    card = {i.key: i for i in build_scorecard(turns, "de", Persona(name="Jürg Müller")).items}
    assert card["contacts"].quotes == ["«Wer sonst könnte mir weiterhelfen?»"]
    assert not card["target_list"].ok  # a fact question that names a target uses no list
    reply = offline_partner_turn(request("Wie viele Mitarbeitende hat Kardex?")).text
    assert "Kardex AG" in reply and "unserer Website" not in reply
    only_fact = _talk(["Wie viele Mitarbeitende hat Kardex?"])
    card = {i.key: i for i in build_scorecard(only_fact, "de", Persona(name="Jürg Müller")).items}
    assert not card["contacts"].ok and card["contacts"].quotes == []


def test_anyone_at_a_company_is_answered_about_that_company():
    kardex = KnownPerson(name="Anna Graf", company="Kardex AG", role="Head Operations")
    for text, lang in [("Do you know anyone at Swisslog?", "en"),
                       ("Kennen Sie jemanden bei Swisslog?", "de"),
                       ("Kennen Sie jemanden bei Locus Robotics?", "de")]:  # fmt: skip
        req = request(text, lang=lang, language=lang, offerable_people=[kardex])
        assert req.analysis.primary == "contacts_request", text
        turn = offline_partner_turn(req)
        assert turn.offered_people == [] and "Anna Graf" not in turn.text
        assert re.search(r"niemanden|keinen direkten|don't know anyone|no direct", turn.text)
        assert "Competitors" not in turn.text
    asked = request("Kennen Sie jemanden bei Kardex?", offerable_people=[kardex])
    assert offline_partner_turn(asked).offered_people == ["Anna Graf"]


# ---------------------------------------------------------------- answers from the notes


def test_no_sentence_twice_in_one_reply():
    text = "Bühler baut Anlagen für Lebensmittelverarbeitung und Druckguss weltweit."
    passages = [
        Passage(source="notes/b.md", line=3, text=f"- {text}", company="Bühler AG",
                heading="Bühler AG › Kurzprofil", score=0.9),
        Passage(source="notes/b.md", line=4, text=f"- Bühler AG: {text}", company="Bühler AG",
                heading="Bühler AG › Kurzprofil", score=0.8),
    ]  # fmt: skip
    for seed in range(4):
        reply = offline_partner_turn(
            request(
                "Wie entwickelt sich das Geschäft mit Anlagen für Lebensmittel?",
                passages=passages,
                seed=seed,
                rapport=8,
                mood="warm",
            )  # fmt: skip
        ).text
        assert reply.count("Lebensmittelverarbeitung") == 1, reply
        sentences = [s.strip() for s in split_sentences(reply)]
        assert len(sentences) == len(set(sentences))


# ---------------------------------------------------------------- through the real CLI


def _rehearse(cli, ws: Path, lines: list[str], who: str = "Martin Keller"):
    result = cli("rehearse", who, "-w", ws, "--json", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    return RehearsalTranscript.model_validate_json(result.stdout)


def test_empty_session_is_not_saved_and_not_praised(cli, demo_ws):
    before = sorted((demo_ws / "history").iterdir())
    for _ in range(2):
        result = cli("rehearse", "Martin Keller", "-w", demo_ws, input="\n\n/end\n")
        assert result.exit_code == 0, result.output
        assert "Keine Gesprächsrunde – nichts gespeichert" in result.stdout
        assert "✓" not in result.stdout and "Gespeichert:" not in result.stdout
    t = _rehearse(cli, demo_ws, ["", "/end"])
    assert t.saved_to is None and t.scorecard.score == 0
    assert not any(i.ok for i in t.scorecard.items)
    assert sorted((demo_ws / "history").iterdir()) == before


def test_template_profile_and_trend_question_in_a_real_session(cli, demo_ws):
    (demo_ws / "profile.md").write_text(PROFILE_TEMPLATE["de"], encoding="utf-8")
    t = _rehearse(cli, demo_ws, [
        "Guten Tag, danke für Ihre Zeit.",
        "Welche Trends sehen Sie derzeit in der Medtech-Branche?",
        "Wie schätzen Sie meine Chancen in der Medtech-Branche ein, wo sehen Sie Lücken?",
        "Kennen Sie jemanden bei Swisslog?",
        "/end",
    ])  # fmt: skip
    replies = [turn for turn in t.turns if turn.role == "partner"]
    texts = [turn.text for turn in replies]
    assert "danke der Nachfrage" not in texts[1]
    # the trend answer rests on industry or company notes, not on the person's CV
    assert replies[2].sources and all("personen/" not in s.source for s in replies[2].sources)
    assert "<!--" not in texts[3] and "nicht direkt aus" not in texts[3]
    assert replies[4].offered_people == [] and re.search(r"niemanden|keinen direkten", texts[4])
    assert {i.key: i for i in t.scorecard.items}["thanks"].ok


def test_saved_rehearsal_is_not_cited_by_ask_nor_by_the_checker(cli, demo_ws):
    t = _rehearse(cli, demo_ws, [
        "Guten Tag.",
        "Wie gehen Sie beim Hochlauf in Gliwice mit der Lieferantenqualität um?",
        "Wie viele Mitarbeitende hat Alpenblick?",
        "/end",
    ])  # fmt: skip
    assert t.saved_to and (demo_ws / t.saved_to).is_file()
    result = cli("ask", "Hochlauf Gliwice Lieferantenqualität Coach Scorecard", "-k", "20",
                 "--json", "-w", demo_ws)  # fmt: skip
    assert result.exit_code == 0, result.output
    sources = [p["source"] for p in json.loads(result.stdout)]
    assert sources and t.saved_to not in sources
    result = cli("ask", "Scorecard Coach", "--include-rehearsals", "--json", "-w", demo_ws)
    assert t.saved_to in [p["source"] for p in json.loads(result.stdout)]
    check = cli("check", "Wie viele Mitarbeitende hat Alpenblick?", "--json", "-w", demo_ws)
    assert check.exit_code in (0, 1), check.output
    assert "rehearsal" not in check.stdout
