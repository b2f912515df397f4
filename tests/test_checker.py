"""The question checker on real workspaces (eval and demo), the library API and the CLI."""

from __future__ import annotations

import json

import pytest

from gespraech_assistant.checker import QuestionChecker, check_questions, merge_opinion, rewrite_of
from gespraech_assistant.checker.models import Finding, QuestionResult, ReviewOpinion
from gespraech_assistant.workspace import open_workspace
from tests.conftest import run_gespraech

ALPENBLICK = "Alpenblick Medtech AG"


@pytest.fixture(scope="module")
def checker(_eval_indexed):
    """One checker over the (session-indexed) eval workspace; read-only use."""
    return QuestionChecker(open_workspace(_eval_indexed), company=ALPENBLICK)


@pytest.fixture(scope="module")
def open_checker(_eval_indexed):
    """Without a company: all notes count."""
    return QuestionChecker(open_workspace(_eval_indexed))


def kinds(result: QuestionResult) -> set[str]:
    return {f.kind for f in result.findings}


# ---- each kind, German and English
@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Wie viele Mitarbeitende hat Alpenblick?", "answered_in_notes"),
        ("How many employees does Alpenblick have?", "answered_in_notes"),
        ("Wie hoch war der Umsatz von Alpenblick im Jahr 2023?", "researchable"),
        ("How many employees does Alpenblick have in Germany?", "researchable"),
        ("Wissen Sie vielleicht, ob bei Ihnen etwas frei ist?", "job_request"),
        ("Could you pass my CV to HR?", "job_request"),
        ("Was würden Sie an meiner Stelle tun?", "delegation"),
        ("Which job should I apply for?", "delegation"),
        ("Sie sind wirklich meine letzte Hoffnung.", "burden"),
        ("I'm so sorry for wasting your precious time.", "burden"),
    ],
)
def test_each_kind_in_both_languages(checker, question, kind):
    result = checker.check(question)
    assert not result.ok
    assert kind in kinds(result)
    finding = next(f for f in result.findings if f.kind == kind)
    guideline = (
        "eye_level" if kind in ("job_request", "delegation", "burden") else ("no_naive_questions")
    )
    assert finding.guideline == guideline
    assert finding.evidence and finding.suggestion


@pytest.mark.parametrize(
    "question",
    [
        "Welche Herausforderungen sehen Sie im Wettbewerb mit Medivo?",
        "Könnten Sie mir jemanden aus dem Einkauf bei Alpenblick vorstellen?",
        "Wie schätzen Sie meine Chancen als Quereinsteigerin in der Medtech ein?",
        "Ich habe hier meine Zielfirmenliste – welche Firmen fehlen da aus Ihrer Sicht?",
        "Sie haben im März das Werk in Schaffhausen eröffnet – wo hakt es beim Hochlauf noch?",
        "Wie sind Sie zu Ihrer heutigen Rolle gekommen?",
        "Welche Trends werden die Medtech-Branche in den nächsten Jahren prägen?",
        "Darf ich Ihren Namen erwähnen, wenn ich mich bei Corinne Wyss melde?",
        "What skills will your team need in two years?",
        "Is there anyone else in your network I should speak with?",
    ],
)
def test_what_the_method_recommends_is_not_flagged(checker, question):
    result = checker.check(question)
    assert result.ok, result.findings
    assert result.findings == []


@pytest.mark.parametrize(
    ("company", "question"),
    [
        # synonyms, other language, acronyms, anaphora: own paraphrases over eval/workspace notes
        (ALPENBLICK, "How big is Alpenblick's workforce?"),
        (ALPENBLICK, "Wer ist der Chef von Alpenblick?"),
        (ALPENBLICK, "Where does Alpenblick have plants?"),
        (ALPENBLICK, "Which start-up did Alpenblick acquire?"),
        (ALPENBLICK, "How many people work in the new Schaffhausen plant?"),
        (ALPENBLICK, "Wann hat die FDA AlpFlow X freigegeben?"),
        ("Medivo GmbH", "Is Medivo profitable yet?"),
        ("Medivo GmbH", "Who are Medivo's most important customers?"),
        ("Rheintal Logistik AG", "Who is the chairman of Rheintal Logistik?"),
        ("Helvetia Health Systems AG", "Wo hat HHS seinen Hauptsitz?"),
        ("Nordlicht Energie GmbH", "Wem gehört Nordlicht Energie?"),
    ],
)
def test_answered_in_notes_generalises(_eval_indexed, company, question):
    result = QuestionChecker(open_workspace(_eval_indexed), company=company).check(question)
    assert kinds(result) == {"answered_in_notes"}, result.findings
    assert result.findings[0].evidence[0].line


@pytest.mark.parametrize(
    "question",
    [
        "Wie hoch ist Ihr Jahresumsatz?",
        "Was genau macht Ihr Unternehmen?",
        "Who's in charge of your company?",
        "Wo ist euer Hauptsitz?",
    ],
)
def test_basic_facts_without_company_are_researchable(open_checker, question):
    assert kinds(open_checker.check(question)) == {"researchable"}


def test_answered_in_notes_cites_file_line_and_text(checker, _eval_indexed):
    result = checker.check("Wie viele Mitarbeitende hat Alpenblick?")
    finding = result.findings[0]
    evidence = finding.evidence[0]
    assert (evidence.source, evidence.line) == ("notes/alpenblick.md", 49)
    lines = (_eval_indexed / evidence.source).read_text(encoding="utf-8").splitlines()
    assert lines[evidence.line - 1].strip() == evidence.text
    assert "1'450 Mitarbeitende" in evidence.text
    assert "notes/alpenblick.md:49" in finding.message
    assert "1'450" in finding.suggestion  # the rewrite names the fact from the notes


def test_answered_in_notes_finds_a_list_item_line_in_an_english_note(_eval_indexed):
    ws = open_workspace(_eval_indexed)
    result = QuestionChecker(ws, company="Nordlicht Energie GmbH").check(
        "Wo hat Nordlicht Energie seinen Hauptsitz?"
    )
    evidence = result.findings[0].evidence[0]
    assert result.findings[0].kind == "answered_in_notes"
    assert evidence.source == "notes/nordlicht-energie.md"
    assert evidence.line == 32 and "HafenCity in Hamburg" in evidence.text


def test_a_question_that_uses_a_fact_to_go_deeper_is_ok(checker):
    assert checker.check("Welche Herausforderungen sehen Sie im Wettbewerb mit Medivo?").ok
    assert checker.check(
        "Ende 2025 waren Sie 1'450 Mitarbeitende – wie verändert das die Zusammenarbeit?"
    ).ok


def test_researchable_without_company_and_message_in_workspace_language(open_checker):
    result = open_checker.check("What does your company do?")
    assert kinds(result) == {"researchable"}
    assert open_checker.lang == "de"
    assert "Keine naiven Fragen" in result.findings[0].message  # workspace language: German
    assert result.findings[0].evidence[0].source == "question"


def test_suggestions_pass_the_checker_themselves(checker, open_checker):
    questions = [
        "Wie viele Mitarbeitende hat Alpenblick?",
        "Wer ist Ihr CEO?",
        "When was Alpenblick founded?",
        "Wie hoch war der Umsatz 2023?",
        "Who are your main competitors?",
        "Kann ich mich direkt bei Ihnen bewerben?",
        "If anything opens up, would you keep me in mind?",
        "Soll ich mich eher bei Alpenblick oder bei Medivo bewerben? Entscheiden Sie.",
        "What would you do in my position?",
        "Ich bin völlig verzweifelt.",
        "Sorry, sorry for wasting your time.",
    ]
    for check in (checker, open_checker):
        for result in check.check_many(questions):
            assert result.findings, result.question
            for finding in result.findings:
                rewrite = rewrite_of(finding.suggestion)
                assert rewrite and rewrite != result.question
                assert check.check(rewrite).ok, (result.question, rewrite)


def test_suggestions_are_in_the_language_of_the_question(checker):
    german = checker.check("Was würden Sie an meiner Stelle tun?").findings[0].suggestion
    english = checker.check("What would you do in my position?").findings[0].suggestion
    assert "Ich überlege" in german
    assert "I'm thinking of focusing" in english


def test_check_questions_and_llm_opinion_only_adds(_eval_indexed):
    ws = open_workspace(_eval_indexed)
    offline = check_questions(
        ws, ["Wie viele Mitarbeitende hat Alpenblick?", "Wie geht's?"], company=ALPENBLICK
    )
    assert [r.ok for r in offline] == [False, True]
    extra = Finding(guideline="eye_level", kind="burden", message="too pushy", suggestion="x")
    opinion = ReviewOpinion(
        results=[
            QuestionResult(question="", ok=True, findings=[]),
            QuestionResult(question="", ok=False, findings=[extra]),
        ]
    )
    merged = merge_opinion(offline, opinion, "de")
    assert merged[0].findings == offline[0].findings  # never removed
    assert not merged[1].ok and merged[1].findings[0].message.startswith("Zweitmeinung (LLM)")


def test_fast_once_built(checker):
    import time

    questions = ["Wie viele Mitarbeitende hat Alpenblick?", "Was würden Sie tun?"] * 25
    started = time.perf_counter()
    checker.check_many(questions)
    assert time.perf_counter() - started < 5  # generous for a loaded CI box; bench in eval/


# ---- CLI
CONTRACT_KEYS = {"question", "ok", "findings"}
FINDING_KEYS = {"guideline", "kind", "message", "evidence", "suggestion"}


def test_cli_json_contract_and_exit_code_1(cli, eval_ws):
    result = cli(
        "check",
        "Wie viele Mitarbeitende hat Alpenblick?",
        "Wie sieht ein typischer Arbeitstag bei Ihnen aus?",
        "--company",
        "Alpenblick",
        "--json",
        "-w",
        eval_ws,
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 2
    assert [d["question"] for d in data][1].startswith("Wie sieht")  # input order
    for item in data:
        assert set(item) == CONTRACT_KEYS
        for finding in item["findings"]:
            assert set(finding) == FINDING_KEYS
            for ev in finding["evidence"]:
                assert set(ev) == {"source", "line", "text"}
    assert data[0]["ok"] is False and data[1]["ok"] is True
    assert data[0]["findings"][0]["evidence"][0]["line"] == 49


def test_cli_exit_0_when_all_ok_and_rich_output(cli, eval_ws):
    result = cli(
        "check",
        "Welche Herausforderungen sehen Sie im Wettbewerb mit Medivo?",
        "--company",
        "Alpenblick Medtech AG",
        "-w",
        eval_ws,
    )
    assert result.exit_code == 0
    assert "✓" in result.stdout and "offline" in result.stdout


def test_cli_rich_output_shows_finding_evidence_and_suggestion(cli, eval_ws):
    result = cli("check", "Wie viele Mitarbeitende hat Alpenblick?", "-w", eval_ws)
    assert result.exit_code == 1
    assert "✗" in result.stdout and "notes/alpenblick.md:49" in result.stdout
    assert "Vorschlag" in result.stdout and "Engine: offline" in result.stdout


def test_cli_usage_errors_exit_2(cli, eval_ws, empty_ws, tmp_path):
    assert cli("check", "-w", eval_ws).exit_code == 2  # no questions
    assert cli("check", "Frage?", "--contact", "Niemand Unbekannt", "-w", eval_ws).exit_code == 2
    blank = tmp_path / "blank.txt"
    blank.write_text("\n# nur ein Kommentar\n", encoding="utf-8")
    assert cli("check", "--file", blank, "-w", eval_ws).exit_code == 2
    nowhere = tmp_path / "no-workspace"
    nowhere.mkdir()
    assert cli("check", "Frage?", "-w", nowhere).exit_code == 2


def test_cli_reads_stdin_and_contact_implies_company(cli, demo_ws):
    questions = "- Wie viele Mitarbeitende hat Ihre Firma?\n\n2. Wie sieht Ihr Alltag aus?\n"
    result = cli(
        "check",
        "--file",
        "-",
        "--contact",
        "Martin Keller",
        "--json",
        "-w",
        demo_ws,
        input=questions,
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["question"] for d in data] == [
        "Wie viele Mitarbeitende hat Ihre Firma?",
        "Wie sieht Ihr Alltag aus?",
    ]
    finding = data[0]["findings"][0]
    # without --contact "Ihre Firma" is unknown (researchable); with it, Alpenblick's notes answer
    assert finding["kind"] == "answered_in_notes"
    assert finding["evidence"][0]["source"].endswith("alpenblick-medtech.md")
    assert data[1]["ok"] is True


def test_console_entry_point_with_file(demo_ws, tmp_path):
    questions = tmp_path / "fragen.txt"
    questions.write_text("Was würden Sie an meiner Stelle tun?\n", encoding="utf-8")
    done = run_gespraech("check", "--file", questions, "--json", "-w", demo_ws)
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)[0]["findings"][0]["kind"] == "delegation"


# ---- round 3: notes of people who work at the company, unknown names, phrasing words
@pytest.mark.parametrize(
    ("company", "question", "kind"),
    [
        # the answer is only in the history of a talk with Martin Keller (works at Alpenblick)
        (
            ALPENBLICK,
            "How many weeks does a hospital wait for an AlpFlow pump today?",
            "answered_in_notes",
        ),
        # German verbs are phrasing; the concept and the company carry the question
        (
            "Medivo GmbH",
            "Verdient Medivo inzwischen Geld oder schreibt die Firma Verluste?",
            "answered_in_notes",
        ),
        # a company no note knows: the notes cannot answer it, a basic fact is researchable
        (ALPENBLICK, "Wie viel Umsatz macht Sonova im Jahr?", "researchable"),
        (None, "Where is Vestas headquartered?", "researchable"),
    ],
)
def test_round3_answerability(_eval_indexed, company, question, kind):
    result = QuestionChecker(open_workspace(_eval_indexed), company=company).check(question)
    assert kinds(result) == {kind}, result.findings


# ---- QA round: own notes on a foundry (a company note without a headcount, a person note with a
# team size and a past stint, a rehearsal transcript with made-up figures) over the demo workspace
ROTACH = "Rotach Giesstechnik AG"


@pytest.fixture(scope="module")
def foundry_ws(_demo_indexed, tmp_path_factory):
    import shutil

    from gespraech_assistant.index.store import Index

    root = tmp_path_factory.mktemp("foundry") / "ws"
    shutil.copytree(_demo_indexed, root)
    (root / "notes" / "firmen" / "rotach.md").write_text(
        "---\ncompany: Rotach Giesstechnik AG\n---\n# Rotach Giesstechnik AG\n\n"
        "- Seit 1872 in Rorschach, als Familienfirma gegründet von Jakob Rotach.\n"
        "- Kunden in 60 Ländern, Werke in Rorschach und Brno (CZ).\n"
        "- Umsatz 2024: CHF 1,4 Mia.\n",
        encoding="utf-8",
    )
    (root / "notes" / "personen" / "urs-braendli.md").write_text(
        "---\nperson: Urs Brändli\ncompany: Rotach Giesstechnik AG\n---\n# Urs Brändli\n\n"
        "- Leiter Instandhaltung bei Rotach Giesstechnik AG.\n"
        "- 2009–2016 bei Rotach in der Arbeitsvorbereitung, dann fünf Jahre bei Sulzer.\n"
        "- Sein Team umfasst 9 Personen.\n",
        encoding="utf-8",
    )
    (root / "history" / "2026-11-02-probe-urs-braendli.md").write_text(
        "---\nkind: rehearsal\nperson: Urs Brändli\ncompany: Rotach Giesstechnik AG\n---\n"
        "# Probegespräch\n\n- Partner: Rotach hat 4'000 Mitarbeitende und macht CHF 9 Mia. Umsatz.\n",
        encoding="utf-8",
    )
    with (root / "contacts.csv").open("a", encoding="utf-8") as handle:
        handle.write("Urs Brändli,Rotach Giesstechnik AG,Leiter Instandhaltung,,,,secondary,,,,\n")
    Index(open_workspace(root)).update()
    return root


@pytest.fixture(scope="module")
def foundry(foundry_ws):
    return QuestionChecker(open_workspace(foundry_ws), company=ROTACH)


@pytest.mark.parametrize(
    ("question", "source"),
    [
        ("In wie vielen Ländern hat Rotach Kunden?", "notes/firmen/rotach.md"),
        ("Wie lange haben Sie bei Rotach gearbeitet?", "notes/personen/urs-braendli.md"),
        # the notes answer it: answered_in_notes wins over researchable
        ("Wann ist Rotach gegründet worden?", "notes/firmen/rotach.md"),
    ],
)
def test_qa_misses_are_answered_in_notes(foundry, question, source):
    result = foundry.check(question)
    assert kinds(result) == {"answered_in_notes"}, result.findings
    assert result.findings[0].evidence[0].source == source


def test_team_size_is_not_the_company_size(foundry_ws):
    checker = QuestionChecker(open_workspace(foundry_ws), company=ROTACH)
    result = checker.check("Wie gross ist die Belegschaft Ihrer Firma?")
    assert kinds(result) == {"researchable"}, result.findings
    assert "9 Personen" not in result.findings[0].suggestion


def test_rehearsal_transcripts_are_never_evidence(foundry, foundry_ws):
    from gespraech_assistant.checker.notes import NoteBase
    from gespraech_assistant.index.search import Retriever

    result = foundry.check("Wie viele Mitarbeitende hat Rotach?")
    assert kinds(result) == {"researchable"}  # only the rehearsal says 4'000
    revenue = foundry.check("Wie viel Umsatz macht Rotach?").findings[0]
    assert revenue.evidence[0].source == "notes/firmen/rotach.md"
    assert "CHF 1,4 Mia." in revenue.suggestion  # the unit stays with the number
    # the checker's own note loading skips rehearsals even when handed every chunk
    retriever = Retriever(open_workspace(foundry_ws), refresh=False)
    notes = NoteBase(foundry_ws, retriever.all_chunks, {})
    assert not [u for u in notes.units if "probe" in u.source]


def test_a_place_needs_its_own_count(demo_ws):
    checker = QuestionChecker(open_workspace(demo_ws), company="Alpenblick Medtech AG")
    result = checker.check("Wie viele Beschäftigte hat Alpenblick in Gliwice?")
    finding = result.findings[0]
    assert finding.kind == "answered_in_notes"
    assert all("Grenchen und Gliwice" not in ev.text for ev in finding.evidence)
    assert "280 in Polen" in finding.evidence[0].text
    assert "280" in rewrite_of(finding.suggestion) and "1'100" not in finding.suggestion


def test_delegation_rewrite_uses_the_profiles_target_role(demo_ws, empty_ws):
    demo = QuestionChecker(open_workspace(demo_ws)).check("Was würden Sie an meiner Stelle tun?")
    assert "auf eine Rolle als Leiterin Operations" in demo.findings[0].suggestion
    blank = QuestionChecker(open_workspace(empty_ws)).check("Was soll ich jetzt tun?")
    suggestion = blank.findings[0].suggestion
    assert "[Ihr Ziel, z. B." in suggestion and "<!--" not in suggestion


def test_researchable_trigger_is_the_users_spelling(open_checker):
    finding = open_checker.check("Wann wurde Ihre Firma gegründet?").findings[0]
    assert finding.kind == "researchable"
    assert [ev.text for ev in finding.evidence] == ["gegründet"]


def test_cli_one_clean_line_per_finding_and_notice_for_unknown_company(cli, foundry_ws):
    result = cli("check", "Seit wann gibt es Rotach?", "--company", ROTACH, "-w", foundry_ws)
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if "Keine naiven Fragen" in x)
    assert line.strip().startswith("✗ Keine naiven Fragen – schon in Ihren Notizen")
    assert "answered_in_notes" not in result.stdout and line.count("Keine naiven Fragen") == 1
    unknown = cli(
        "check",
        "Wie viele Mitarbeitende hat Nirgendwo?",
        "--company",
        "Nirgendwo AG",
        "-w",
        foundry_ws,
    )
    assert unknown.exit_code == 1
    assert "Keine Notizen zu «Nirgendwo AG»" in unknown.stderr
    known = cli("check", "Wie geht es Ihnen?", "--company", ROTACH, "-w", foundry_ws)
    assert known.exit_code == 0 and "Keine Notizen" not in known.stderr


# ---- the learned layer (nearest labelled examples over the bundled embedding)
def test_learned_layer_catches_a_wording_no_rule_knows(_eval_indexed):
    ws = open_workspace(_eval_indexed)
    question = "Hätten Sie vielleicht eine Aufgabe, die zu mir passen könnte?"
    rules_only = QuestionChecker(ws, use_learned=False).check(question)
    assert rules_only.ok  # the rules alone miss this polite job request
    result = QuestionChecker(ws).check(question)
    assert kinds(result) == {"job_request"}
    finding = result.findings[0]
    assert "ähnlich wie «" in finding.message  # it names the closest labelled example
    assert finding.evidence[0].source == "question" and finding.evidence[0].text == question
    rewrite = rewrite_of(finding.suggestion)
    assert QuestionChecker(ws).check(rewrite).ok


@pytest.mark.parametrize(
    "question",
    [
        "Wie geht's?",
        "Was machen Sie genau?",
        "Can I get you a coffee?",
        "Seit wann sind Sie in Zürich?",
        "Kennen Sie die Firma Sensira?",
        "Darf ich mich in ein paar Wochen nochmals bei Ihnen melden?",
    ],
)
def test_learned_layer_leaves_everyday_questions_alone(open_checker, question):
    assert open_checker.check(question).ok


def test_learned_layer_is_batched_and_agrees_with_single_checks(open_checker):
    questions = [
        "Hätten Sie vielleicht eine Aufgabe, die zu mir passen könnte?",
        "Wie sind Sie zu Ihrer jetzigen Rolle gekommen?",
        "Ich weiss echt nicht mehr weiter, bitte helfen Sie mir.",
    ]
    batch = open_checker.check_many(questions)
    assert [kinds(r) for r in batch] == [kinds(open_checker.check(q)) for q in questions]
    assert [r.ok for r in batch] == [False, True, False]


def test_learned_layer_failure_leaves_the_rules_verdict(open_checker, monkeypatch):
    from gespraech_assistant.checker import learned

    def broken(questions):
        raise OSError("weights unreadable")

    monkeypatch.setattr(learned, "judge", broken)
    checker = QuestionChecker(open_checker.ws)
    results = checker.check_many(["Was würden Sie an meiner Stelle tun?", "Wie geht's?"])
    assert [r.ok for r in results] == [False, True]  # the rules still decide
    assert any("OSError" in n for n in checker.notices)
