"""Rehearsal sessions driven through the real CLI (stdin) on indexed copies of real workspaces."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gespraech_assistant.lists import load_contacts
from gespraech_assistant.rehearsal import RehearsalTranscript
from gespraech_assistant.textnorm import fold, normalize_name
from tests.conftest import run_gespraech

GOOD_SESSION = [
    "Guten Tag, danke, dass Sie sich Zeit nehmen.",
    "Mein Ziel ist zu verstehen, wie Medtech-Firmen ihre Lieferketten in Osteuropa aufbauen, "
    "und ich möchte ein paar Firmen auf meiner Liste mit Ihnen durchgehen.",
    "Wie gehen Sie beim Hochlauf in Gliwice mit der Lieferantenqualität um?",
    "Was hat Sie bei der S/4HANA-Migration am meisten überrascht?",
    "Wie schätzen Sie meine Chancen in der Medtech-Branche ein, wo sehen Sie Lücken?",
    "Auf meiner Liste stehen Medivo und Helvetia Health – kennen Sie dort jemanden?",
    "Mit wem sollte ich sonst noch sprechen?",
    "Vielen Dank für Ihre Zeit und die Hinweise!",
    "/end",
]
BAD_SESSION = [
    "Hallo.",
    "Wie viele Mitarbeitende hat Alpenblick eigentlich?",
    "Haben Sie eine offene Stelle für mich? Ich würde mich gerne bewerben.",
    "/end",
]


def rehearse_json(
    cli, ws: Path, lines: list[str], *extra: str
) -> tuple[RehearsalTranscript, object]:
    result = cli(
        "rehearse", "Martin Keller", "-w", ws, "--json", *extra, input="\n".join(lines) + "\n"
    )
    assert result.exit_code == 0, result.output
    return RehearsalTranscript.model_validate_json(result.stdout), result


def items(t: RehearsalTranscript) -> dict[str, object]:
    return {i.key: i for i in t.scorecard.items}


def partner_texts(t: RehearsalTranscript) -> list[str]:
    return [turn.text for turn in t.turns if turn.role == "partner"]


def test_good_session_scores_well_and_is_saved_with_front_matter(cli, demo_ws):
    t, _ = rehearse_json(cli, demo_ws, GOOD_SESSION)
    card = items(t)
    assert t.scorecard.score >= 6, [(i.key, i.ok) for i in t.scorecard.items]
    for key in ("goal", "eye_level", "naive", "contacts", "feedback", "target_list", "thanks"):
        assert card[key].ok, key
    assert any("Chancen" in q for q in card["feedback"].quotes)
    assert any("Vielen Dank" in q for q in card["thanks"].quotes)
    # a good question gets substance from the notes, with the source
    answers = [turn for turn in t.turns if turn.role == "partner" and turn.sources]
    assert answers and all(s.source.startswith("notes/") for a in answers for s in a.sources)
    assert "Gliwice" in " ".join(a.text for a in answers)
    # the transcript file: front matter, scorecard, every turn
    assert t.saved_to and re.fullmatch(
        r"history/\d{4}-\d\d-\d\d-rehearsal-martin-keller\.md", t.saved_to
    )
    text = (demo_ws / t.saved_to).read_text(encoding="utf-8")
    front = text.split("---")[1]
    assert "contact: Martin Keller" in front and "kind: rehearsal" in front
    assert re.search(r"^date: \d{4}-\d\d-\d\d$", front, re.M)
    assert "Scorecard" in text and GOOD_SESSION[2] in text and partner_texts(t)[0] in text


def test_job_request_and_naive_question_show_in_coach_and_scorecard(cli, demo_ws):
    result = cli("rehearse", "Martin Keller", "-w", demo_ws, input="\n".join(BAD_SESSION) + "\n")
    assert result.exit_code == 0, result.output
    coach = [line for line in result.stderr.splitlines() if line.startswith("Coach:")]
    assert len(coach) == 3
    assert "naiv" in coach[1] and "✗" in coach[1]
    assert "Stellenanfrage" in coach[2] and "→" in coach[2]
    # the coach is on stderr, apart from the partner's words on stdout
    assert "Coach:" not in result.stdout
    partner = [line for line in result.stdout.splitlines() if line.startswith("Martin Keller:")]
    assert len(partner) == 4
    assert re.search(r"Website|Geschäftsbericht", partner[2])
    assert re.search(r"HR|Karriereseite|Einfluss|Branche", partner[3])
    scorecard = result.stdout.split("Scorecard:")[1]
    assert "✗ Augenhöhe gehalten" in scorecard and "✗ Keine naiven Fragen" in scorecard
    assert "«Haben Sie eine offene Stelle für mich?" in scorecard
    assert "«Wie viele Mitarbeitende hat Alpenblick eigentlich?»" in scorecard
    assert "Nächster Schritt: Augenhöhe" in scorecard


def _note_text(ws: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (ws / "notes").rglob("*.md"))


@pytest.mark.parametrize("fixture", ["demo_ws", "eval_ws"])
def test_offered_contacts_exist_in_the_workspace(cli, request, fixture):
    ws = request.getfixturevalue(fixture)
    t, _ = rehearse_json(
        cli,
        ws,
        [
            "Mein Ziel ist, weitere Kontakte in der Medtech-Branche zu gewinnen.",
            "Kennen Sie jemanden bei Medivo, mit dem ich sprechen sollte?",
            "Auf meiner Liste stehen Helvetia Health Systems und Rheintal Logistik.",
            "Lassen Sie uns meine Liste durchgehen.",
            "Mit wem sollte ich sonst noch sprechen?",
            "/end",
        ],
    )
    contacts = {normalize_name(c.name) for c in load_contacts(ws / "contacts.csv", ws).records}
    notes = fold(_note_text(ws))
    offered = [name for turn in t.turns for name in turn.offered_people]
    assert offered, partner_texts(t)
    assert any(normalize_name(n) in contacts for n in offered)
    for name in offered:
        assert normalize_name(name) in contacts or fold(name) in notes, name
        assert name != "Martin Keller" and name != "Sandra Huber"
        # the name the engine reports is the one the partner actually says
        assert any(name in turn.text for turn in t.turns if name in turn.offered_people)


def test_undo_takes_back_the_turn_and_restores_rapport(cli, demo_ws):
    lines = [
        "Mein Ziel ist, die Medtech-Branche besser zu verstehen.",
        "Haben Sie eine Stelle für mich?",
        "/undo",
        "Wie gehen Sie beim Hochlauf in Gliwice mit der Lieferantenqualität um?",
        "/undo",
        "/undo",
        "/undo",
        "Wie gehen Sie beim Hochlauf in Gliwice mit der Lieferantenqualität um?",
        "/end",
    ]
    result = cli("rehearse", "Martin Keller", "-w", demo_ws, input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    err = result.stderr
    assert "Zurückgenommen: «Haben Sie eine Stelle für mich?» (Rapport wieder 7/10)" in err
    assert "Zurückgenommen: «Mein Ziel ist, die Medtech-Branche besser zu verstehen.» " in err
    assert "Nichts zurückzunehmen." in err
    rapports = [int(r) for r in re.findall(r"\[rapport (\d+)/10\]", err)]
    assert rapports == [7, 5, 8, 7]  # goal +1, job request -2, undone; good question +1; again
    partner = [line for line in result.stdout.splitlines() if line.startswith("Martin Keller:")]
    saved = next((demo_ws / "history").glob("*-rehearsal-martin-keller.md")).read_text("utf-8")
    talk = saved.split("## Verlauf")[1]
    assert "Stelle für mich" not in talk and "Mein Ziel" not in talk
    assert talk.count("**Ich:**") == 1 and partner[-1].split(": ", 1)[1] in talk
    assert "✓ **Augenhöhe gehalten**" in saved


def test_replies_do_not_repeat_in_consecutive_turns(cli, demo_ws):
    naive = "Wie viele Mitarbeitende hat Alpenblick?"
    lines = [
        naive, "Wie hoch ist Ihr Umsatz?", naive, naive, "Wer ist Ihr Hauptmitbewerber?",
        "Wie gehen Sie beim Hochlauf in Gliwice mit der Lieferantenqualität um?",
        "Wie sichern Sie die Versorgung mit Titan ab?",
        "Welche Rolle spielt die ERP-Umstellung für Ihr Team?",
        "/end",
    ]  # fmt: skip
    t, _ = rehearse_json(cli, demo_ws, lines)
    texts = partner_texts(t)
    assert len(texts) == 9
    for previous, current in zip(texts, texts[1:], strict=False):
        assert previous != current
    assert len(set(texts[1:5])) == 4  # four naive questions, all four variants before a repeat
    sentences = [s.text for turn in t.turns for s in turn.sources]
    assert len(sentences) >= 3 and len(sentences) == len(set(sentences))  # no note sentence twice


def test_rapport_falls_on_repeated_job_requests_and_the_talk_ends_politely(cli, demo_ws):
    ask = "Haben Sie eine offene Stelle für mich? Ich würde mich gern bewerben."
    t, _ = rehearse_json(cli, demo_ws, [ask] * 6)
    users = [turn for turn in t.turns if turn.role == "user"]
    rapports = [u.rapport for u in users]
    assert rapports == sorted(rapports, reverse=True) and rapports[-1] == 0
    assert len(users) < 6  # the partner ended the talk before all requests were made
    assert t.ended_reason == "rapport"
    closing = partner_texts(t)[-1]
    assert re.search(r"alles Gute|Viel Erfolg", closing, re.I)
    assert all(u.analysis.primary == "job_request" for u in users)
    assert len(items(t)["eye_level"].quotes) >= 3


def test_talk_ends_when_time_is_up(cli, demo_ws):
    question = "Wie gehen Sie beim Hochlauf in Gliwice mit der Lieferantenqualität um?"
    t, _ = rehearse_json(cli, demo_ws, [question] * 30, "--style", "busy")
    assert t.ended_reason == "time"
    assert len([turn for turn in t.turns if turn.role == "user"]) == 14
    assert re.search(r"Termin|Zeit ist", partner_texts(t)[-1])


def test_hint_and_goal_commands(cli, demo_ws):
    lines = ["/hint", "/goal", "/goal Ich möchte verstehen, was ein Werkshochlauf in Polen braucht.",
             "Mein Ziel ist, die Medtech-Branche zu verstehen.", "/hint", "/end"]  # fmt: skip
    result = cli("rehearse", "Martin Keller", "-w", demo_ws, input="\n".join(lines) + "\n")
    hints = [line for line in result.stderr.splitlines() if line.startswith("Hint:")]
    assert len(hints) == 2
    assert "Ziel" in hints[0]
    assert hints[1] != hints[0] and "?" in hints[1]
    assert "Ziel: (noch keines)" in result.stderr
    assert "Ziel: Ich möchte verstehen, was ein Werkshochlauf in Polen braucht." in result.stderr


def test_unknown_contact_and_bad_style_are_usage_errors(cli, demo_ws):
    result = cli("rehearse", "Niemand Bekannt", "-w", demo_ws, input="/end\n")
    assert result.exit_code == 2 and "contacts.csv" in result.output
    result = cli("rehearse", "Martin Keller", "-w", demo_ws, "--style", "rude", input="/end\n")
    assert result.exit_code == 2 and "friendly" in result.output


def test_piped_stdin_through_the_real_entry_point(demo_ws):
    proc = run_gespraech(
        "rehearse", "Martin Keller", "-w", demo_ws,
        input="Guten Tag Herr Keller.\nWas würden Sie an meiner Stelle tun?\n/end\n",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("Martin Keller: ")
    assert re.search(r"Ziel|erreichen|Pläne", lines[2])  # delegation is handed back
    assert "Augenhöhe" in proc.stderr and "Traceback" not in proc.stderr
    assert list((demo_ws / "history").glob("*-rehearsal-martin-keller.md"))


def test_english_workspace_speaks_english(cli, tmp_path):
    from gespraech_assistant.setup_workspace import init_workspace

    ws = tmp_path / "en"
    init_workspace(ws, "en")
    (ws / "contacts.csv").write_text(
        "name,company,role,relation,introduced_by\n"
        "Anna Lindqvist,Nordlicht Energie GmbH,Head of Storage,primary,\n"
        "James Whitfield,Nordlicht Energie GmbH,Head of Grid,secondary,Anna Lindqvist\n"
        "Tom Baker,Sunfield Ltd,COO,secondary,Anna Lindqvist\n",
        encoding="utf-8",
    )
    (ws / "notes" / "nordlicht.md").write_text(
        "---\ncompany: Nordlicht Energie GmbH\n---\n# Nordlicht\n\n## Challenges\n\n"
        "- Battery cell supply from Asia takes up to nine months, so buffer stock planning "
        "is the main worry.\n",
        encoding="utf-8",
    )
    lines = [
        "Hello Anna, thanks for making time.",
        "My goal is to understand how storage companies plan their supply chain.",
        "How do you deal with the long lead times for battery cells?",
        "Who else should I talk to?",
        "Can you give me a job?",
        "Thank you very much for your help!",
        "/end",
    ]
    result = cli("rehearse", "Anna Lindqvist", "-w", ws, "--json", input="\n".join(lines) + "\n")
    t = RehearsalTranscript.model_validate_json(result.stdout)
    texts = partner_texts(t)
    assert texts[0].startswith(("Hello", "Hi", "Good to meet"))
    assert "nine months" in texts[3]
    assert "James Whitfield" in texts[4] or "Tom Baker" in texts[4]
    assert re.search(r"HR|careers|no say|industry", texts[5])
    card = items(t)
    assert card["eye_level"].label == "Eye level kept" and not card["eye_level"].ok
    assert card["contacts"].ok and card["thanks"].ok
    assert "job request" in t.turns[9].analysis.coach


def test_json_is_the_documented_model_and_the_opening_lets_the_user_lead(cli, demo_ws):
    result = cli("rehearse", "Martin Keller", "-w", demo_ws, "--json", input="Hallo\n/end\n")
    data = json.loads(result.stdout)
    assert set(data) >= {"contact", "date", "turns", "scorecard", "persona", "rapport", "saved_to"}
    assert data["engine"] == "offline" and data["ended_reason"] == "user"
    assert data["turns"][1]["analysis"]["primary"] == "greeting"
    assert result.stderr == ""  # --json keeps the live coach quiet
    t = RehearsalTranscript.model_validate(data)
    opening = partner_texts(t)[0]
    assert "Sandra Huber hat erwähnt" in opening and "Martin Keller" in opening
    assert opening.rstrip().endswith("?")
    assert t.persona.introduced_by == "Sandra Huber" and t.persona.cares_about
    assert any("Gliwice" in c or "S/4HANA" in c for c in t.persona.cares_about)
