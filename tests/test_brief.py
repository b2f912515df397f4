"""The pre-meeting brief on real workspaces (demo and eval), with the real index and CLI."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from gespraech_assistant.brief import Brief, BriefDraft, Fact, build_brief, render_markdown
from gespraech_assistant.engines.offline import OfflineEngine
from gespraech_assistant.index.chunking import parse_front_matter
from gespraech_assistant.lists import find_contacts, load_contacts
from gespraech_assistant.textnorm import fold, normalize_company
from gespraech_assistant.workspace import open_workspace

TODAY = date(2026, 11, 2)


def make(
    root: Path, name: str, goal: str | None = None, questions=(), engine=None, refresh=True
) -> Brief:
    from gespraech_assistant.index.search import Retriever

    ws = open_workspace(root)
    contact = find_contacts(load_contacts(ws.contacts_path, ws.root).records, name)[0]
    engine = engine or OfflineEngine(ws.language)
    retriever = Retriever(ws, refresh=refresh)  # no refresh: edited notes are read from disk
    return build_brief(ws, contact, goal, list(questions), engine, TODAY, retriever)


def all_facts(brief: Brief) -> list[Fact]:
    p, c = brief.partner, brief.company
    facts = [*p.facts, *p.mentions, *c.facts, *c.developments, *c.challenges, *c.industry_facts]
    facts += [f for talk in p.conversations for f in talk.gist + talk.open_items]
    facts += brief.offer.points + [f for f in brief.offer.fits if f]
    facts += [q.basis for q in brief.suggested_details if q.basis]
    return facts


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text.replace("**", "")))


def checker_or_skip():
    checker = pytest.importorskip("gespraech_assistant.checker")
    if not hasattr(checker, "QuestionChecker"):
        pytest.skip("question checker (issue 3) not there yet")
    return checker


@pytest.mark.parametrize(
    ("fixture", "name"),
    [("demo_ws", "Martin Keller"), ("demo_ws", "Thomas Brunner"), ("eval_ws", "Martin Keller"),
     ("eval_ws", "James Whitfield"), ("eval_ws", "Beat Zollinger")],
)  # fmt: skip
def test_every_fact_points_at_the_line_that_says_it(fixture, name, request):
    root = request.getfixturevalue(fixture)
    brief = make(root, name)
    facts = all_facts(brief)
    assert len(facts) >= 8
    for fact in facts:
        lines = (root / fact.source).read_text(encoding="utf-8").splitlines()
        assert fact.line is not None
        assert plain(fact.text) in plain(lines[fact.line - 1]), (fact, lines[fact.line - 1])
        if fact.label:
            assert plain(fact.label) in plain(lines[fact.line - 1]) or fact.topic == "news"


def note_company(root: Path, rel: str) -> str:
    return parse_front_matter((root / rel).read_text(encoding="utf-8")).meta.get("company", "")


@pytest.mark.parametrize(
    ("name", "company"),
    [("Martin Keller", "Alpenblick Medtech AG"), ("Reto Caduff", "Helvetia Health Systems AG"),
     ("Jonas Weber", "Medivo GmbH"), ("James Whitfield", "Nordlicht Energie GmbH")],
)  # fmt: skip
def test_no_fact_from_another_company_leaks_in(eval_ws, name, company):
    brief = make(eval_ws, name)
    c = brief.company
    assert c.facts and c.note_files
    for fact in c.facts + c.developments + c.challenges:
        assert normalize_company(note_company(eval_ws, fact.source)) == normalize_company(company)
    others = {
        rel.relative_to(eval_ws).as_posix()
        for rel in (eval_ws / "notes").rglob("*.md")
        if note_company(eval_ws, rel.relative_to(eval_ws).as_posix())
        and normalize_company(note_company(eval_ws, rel.relative_to(eval_ws).as_posix()))
        != normalize_company(company)
    }
    assert others, "the eval workspace must have notes on other companies"
    foreign = [plain(line) for rel in others
               for line in (eval_ws / rel).read_text(encoding="utf-8").splitlines()
               if len(line) > 30]  # fmt: skip
    for fact in all_facts(brief):
        assert fact.source not in others, fact
        assert not any(plain(fact.text) in line for line in foreign if fact.topic != "person"), fact
    for fact in c.industry_facts:  # industry notes: never a sentence naming another company
        for other in ("alpenblick", "medivo", "rheintal", "nordlicht", "helvetia"):
            if other not in fold(company):
                assert other not in fold(fact.text)


def test_demo_brief_for_martin_keller_has_all_sections(demo_ws):
    brief = make(demo_ws, "Martin Keller")
    md = render_markdown(brief)
    assert brief.engine == "offline"
    for n in range(1, 8):
        assert f"\n## {n}. " in md
    assert "Sandra Huber" in brief.partner.connection
    assert any("Gliwice" in f.text for f in brief.company.developments)
    assert any("Medivo" in f.text for f in brief.partner.facts)  # his former employer
    assert brief.offer.status == "ok" and 2 <= len(brief.offer.sentences) <= 3
    assert all(p.source == "profile.md" for p in brief.offer.points)
    assert any("Polen" in s or "S/4HANA" in s for s in brief.offer.sentences)
    assert 5 <= len(brief.suggested_questions) <= 8
    assert any("Sandra Huber" in r for r in brief.reminders)  # tell the introducer
    assert "gespraech debrief" in md
    assert 40 <= md.count("\n") <= 140  # one to two printed pages


def test_previous_conversations_with_dates_and_gist(eval_ws):
    brief = make(eval_ws, "Martin Keller")
    talk = brief.partner.conversations[0]
    assert talk.date == "2026-10-02"
    assert talk.source == "history/2026-10-02-martin-keller.md"
    assert any("Lead Supply Chain Excellence" in f.text for f in talk.gist)
    assert "2026-10-02" in render_markdown(brief)


def test_unknown_topics_are_listed(demo_ws):
    brief = make(demo_ws, "Reto Schneider")  # Swisscom: no notes at all
    assert brief.company.note_files == []
    assert "Umsatz" in brief.company.unknown and "Wettbewerber" in brief.company.unknown
    md = render_markdown(brief)
    assert "Noch nicht bekannt" in md and "Keine Firmennotizen" in md
    assert 5 <= len(brief.suggested_questions) <= 8


def test_unknown_topic_when_a_note_lacks_it(demo_ws):
    note = demo_ws / "notes" / "firmen" / "rheintal-logistik.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(re.sub(r"(?m)^- Umsatz.*\n", "", text), encoding="utf-8")
    brief = make(demo_ws, "Thomas Brunner", refresh=False)
    assert "Umsatz" in brief.company.unknown
    assert "Wettbewerber" not in brief.company.unknown


# ---- goal


def test_goal_given_is_shown_as_is(demo_ws):
    goal = "Drei Kontakte bei Medtech-Zulieferern in der Ostschweiz"
    brief = make(demo_ws, "Martin Keller", goal=goal)
    assert brief.goal.status == "given" and brief.goal.goal == goal
    assert goal in render_markdown(brief)


def test_goal_missing_offers_the_two_templates(demo_ws):
    brief = make(demo_ws, "Martin Keller")
    assert brief.goal.status == "missing" and brief.goal.goal is None
    assert len(brief.goal.templates) == 2
    assert "Zielfirmenliste" in brief.goal.templates[0]
    assert "Chancen" in brief.goal.templates[1] and "Medtech" in brief.goal.templates[1]
    assert "--goal" in brief.goal.message


@pytest.mark.parametrize(
    "goal", ["mal schauen", "networking", "learn more", "einfach austauschen", "Kaffee trinken"]
)
def test_vague_goal_is_pointed_out(demo_ws, goal):
    brief = make(demo_ws, "Martin Keller", goal=goal)
    assert brief.goal.status == "vague"
    assert len(brief.goal.templates) == 2
    assert goal in brief.goal.message


@pytest.mark.parametrize("goal", ["Kontakte bei Medivo", "Feedback zu meinen Chancen"])
def test_short_but_concrete_goal_is_accepted(demo_ws, goal):
    assert make(demo_ws, "Martin Keller", goal=goal).goal.status == "given"


def test_goal_is_asked_on_a_terminal(demo_ws, cli, monkeypatch):
    from gespraech_assistant.cli import brief_cmds

    monkeypatch.setattr(brief_cmds, "interactive", lambda: True)
    result = cli("brief", "Martin Keller", "-w", demo_ws, input="Kontakte bei Medivo finden\n")
    assert result.exit_code == 0, result.output
    assert "Kontakte bei Medivo finden" in result.output


# ---- target walkthrough


def test_walkthrough_ranks_with_reasons_and_known_contacts(demo_ws):
    brief = make(demo_ws, "Martin Keller")
    items = brief.walkthrough
    assert items and all(i.reasons for i in items)
    assert all("Alpenblick" not in i.company for i in items)
    first = items[0]
    assert first.company == "Medivo GmbH"  # his former employer
    assert any("früher" in r for r in first.reasons)
    assert "Julia Weber" in first.known_contacts
    assert [i.score for i in items] == sorted((i.score for i in items), reverse=True)


def test_fallback_walkthrough_ranks_by_industry_former_employer_and_priority(demo_ws):
    from gespraech_assistant.brief_facts import collect
    from gespraech_assistant.brief_sections import fallback_walkthrough
    from gespraech_assistant.index.search import Retriever

    ws = open_workspace(demo_ws)
    contact = find_contacts(load_contacts(ws.contacts_path, ws.root).records, "Martin Keller")[0]
    facts = collect(ws, contact, Retriever(ws), TODAY)
    items = fallback_walkthrough("de", contact, facts)
    by_name = {i.company: i for i in items}
    assert items[0].company == "Medivo GmbH"
    assert any("früher" in r for r in by_name["Medivo GmbH"].reasons)
    assert any("gleiche Branche" in r for r in by_name["Helvetia Health Systems AG"].reasons)
    assert "Nordlicht Energie GmbH" not in by_name  # priority C, no reason to bring it up
    assert set(by_name["Helvetia Health Systems AG"].known_contacts) == {
        "Monika Steiner", "Stefan Wyss"}  # fmt: skip


# ---- offer


def test_offer_missing_profile_says_what_to_write(eval_ws):
    brief = make(eval_ws, "Martin Keller")  # eval workspace has no profile.md
    assert brief.offer.status == "missing"
    assert "gespraech init" in brief.offer.hint and "profile.md" in brief.offer.hint


def test_offer_empty_template(demo_ws):
    from gespraech_assistant.setup_workspace import PROFILE_TEMPLATE

    (demo_ws / "profile.md").write_text(PROFILE_TEMPLATE["de"], encoding="utf-8")
    brief = make(demo_ws, "Martin Keller")
    assert brief.offer.status == "empty" and "Was ich anbiete" in brief.offer.hint


# ---- questions and the checker


class FakeEngine:
    """An engine whose draft contains a bad question, to see that build_brief filters it."""

    name = "fake"

    def __init__(self, questions):
        self.warnings = ["fake warning"]
        self.questions = questions

    def draft_brief(self, request):
        return BriefDraft(summary="Kurz.", offer_sentences=[], suggested_questions=self.questions)


class FakeChecker:
    """Unit-level stand-in: flags job requests and offers a rewording."""

    def check(self, question):
        from types import SimpleNamespace as NS

        bad = "stelle" in fold(question)
        findings = [
            NS(
                guideline="eye_level",
                kind="job_request",
                message="Stellenanfrage",
                suggestion="Welche Fähigkeiten suchen Sie in Ihrem Team?",
                evidence=[],
            )
        ]
        return NS(question=question, ok=not bad, findings=findings if bad else [])  # fmt: skip

    def check_many(self, questions):
        return [self.check(q) for q in questions]


def test_engine_questions_are_vetted_and_repaired(demo_ws, monkeypatch):
    from gespraech_assistant import brief_questions

    monkeypatch.setattr(brief_questions, "load_checker", lambda *a: FakeChecker())
    bad = "Haben Sie eine Stelle für mich?"
    brief = make(demo_ws, "Martin Keller", engine=FakeEngine([bad, "Was treibt Sie an?"]))
    assert brief.engine == "fake" and "fake warning" in brief.warnings
    assert bad not in brief.suggested_questions
    repaired = [q for q in brief.suggested_details if q.repaired_from == bad]
    assert repaired and repaired[0].text == "Welche Fähigkeiten suchen Sie in Ihrem Team?"
    assert brief.suggested_questions[1] == "Was treibt Sie an?"  # the engine's order is kept
    assert all(q.checked for q in brief.suggested_details)
    assert 5 <= len(brief.suggested_questions) <= 8


def test_without_checker_questions_are_marked_unchecked(demo_ws, monkeypatch):
    from gespraech_assistant import brief_questions

    monkeypatch.setattr(brief_questions, "load_checker", lambda *a: None)
    brief = make(demo_ws, "Martin Keller", questions=["Wie viele Mitarbeitende hat Alpenblick?"])
    assert not brief.checker_available
    assert brief.prepared_questions[0].ok is None
    assert not any(q.checked for q in brief.suggested_details)
    assert "Ungeprüft" in render_markdown(brief)


@pytest.mark.parametrize(("fixture", "name"), [("demo_ws", "Martin Keller"),
                                               ("eval_ws", "Beat Zollinger"),
                                               ("eval_ws", "James Whitfield")])  # fmt: skip
def test_suggested_questions_pass_the_checker(fixture, name, request):
    checker = checker_or_skip()
    root = request.getfixturevalue(fixture)
    brief = make(root, name)
    assert brief.checker_available
    assert 5 <= len(brief.suggested_questions) <= 8
    results = checker.check_questions(open_workspace(root), brief.suggested_questions,
                                      company=brief.company.company)  # fmt: skip
    assert all(r.ok for r in results), [r for r in results if not r.ok]


def test_checker_findings_on_prepared_questions_appear(demo_ws):
    checker_or_skip()
    naive = "Wie viele Mitarbeitende hat Alpenblick?"
    job = "Ich würde sehr gerne bei Alpenblick arbeiten – wie komme ich am schnellsten zu einem Interview?"
    good = "Was hat Sie am Hochlauf in Gliwice am meisten überrascht?"
    brief = make(demo_ws, "Martin Keller", questions=[naive, job, good])
    reviews = {r.question: r for r in brief.prepared_questions}
    assert reviews[naive].ok is False and reviews[naive].findings
    assert reviews[job].ok is False
    assert any(f.kind == "job_request" for f in reviews[job].findings)
    md = render_markdown(brief)
    for review in (reviews[naive], reviews[job]):
        assert any(f.message[:30] in md.replace("\\", "") for f in review.findings)


# ---- CLI


def test_cli_json_shape(demo_ws, cli):
    result = cli("brief", "martin keller", "--format", "json", "-w", demo_ws)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in (
        "language",
        "engine",
        "generated_on",
        "summary",
        "partner",
        "company",
        "offer",
        "goal",
        "walkthrough",
        "prepared_questions",
        "suggested_questions",
        "reminders",
    ):
        assert key in data  # fmt: skip
    assert data["engine"] == "offline"
    assert data["partner"]["name"] == "Martin Keller"
    assert all(isinstance(q, str) for q in data["suggested_questions"])
    assert data["goal"]["status"] == "missing"
    fact = data["company"]["facts"][0]
    assert set(fact) >= {"text", "source", "line"}
    Brief.model_validate(data)


def test_cli_out_writes_markdown(demo_ws, cli, tmp_path):
    questions = tmp_path / "fragen.txt"
    questions.write_text(
        "# meine Fragen\nWas hat Sie am Hochlauf überrascht?\n\n", encoding="utf-8"
    )
    out = tmp_path / "brief.md"
    result = cli("brief", "Keller", "--goal", "Kontakte bei Medivo", "--questions", questions,
                 "--out", out, "-w", demo_ws)  # fmt: skip
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Gesprächsvorbereitung: Martin Keller")
    assert "**Kontakte bei Medivo**" in text
    assert "Was hat Sie am Hochlauf überrascht?" in text
    assert re.search(r"\*\(notes/firmen/alpenblick-medtech\.md:\d+\)\*", text)
    assert "\x1b" not in text


def test_cli_terminal_output(demo_ws, cli):
    result = cli("brief", "Martin Keller", "-w", demo_ws)
    assert result.exit_code == 0, result.output
    assert "Gesprächsvorbereitung: Martin Keller" in result.output
    assert "Zielliste durchgehen" in result.output


def test_unknown_contact_exits_2_with_how_to_add(demo_ws, cli):
    result = cli("brief", "Hans Niemand", "-w", demo_ws)
    assert result.exit_code == 2
    assert "contacts add" in result.output


def test_ambiguous_contact_exits_2_with_candidates(demo_ws, cli):
    assert cli("contacts", "add", "Martin Huber", "--company", "X AG", "-w", demo_ws).exit_code == 0
    result = cli("brief", "Martin", "-w", demo_ws)
    assert result.exit_code == 2
    assert "Martin Keller" in result.output and "Martin Huber" in result.output


def test_missing_questions_file_exits_2(demo_ws, cli, tmp_path):
    result = cli("brief", "Martin Keller", "--questions", tmp_path / "nope.txt", "-w", demo_ws)
    assert result.exit_code == 2


def test_english_workspace(eval_ws):
    config = eval_ws / "gespraech.toml"
    config.write_text(config.read_text().replace('language = "de"', 'language = "en"'))
    brief = make(eval_ws, "James Whitfield", goal="learn more")
    md = render_markdown(brief)
    assert md.startswith("# Meeting brief: James Whitfield")
    assert brief.goal.status == "vague" and "Further contacts" in brief.goal.templates[0]
    assert "## 5. Target list walkthrough" in md
    assert any("Nordlicht" in f.text or "wind" in f.text for f in brief.company.facts)


def test_hostile_note_text_is_inert(demo_ws):
    note = demo_ws / "notes" / "firmen" / "alpenblick-medtech.md"
    text = note.read_text(encoding="utf-8").replace(
        "- **MDR:**", "- **MDR:** \x1b[31mrot\x1b[0m <script>x</script> [klick](http://x) *fett*", 1
    )
    note.write_text(text, encoding="utf-8")
    md = render_markdown(make(demo_ws, "Martin Keller", refresh=False))
    assert "\x1b" not in md and "<script>" not in md


def test_demo_ends_with_a_brief_for_martin_keller(demo_ws):
    from rich.console import Console

    from gespraech_assistant.cli.showcase import run_showcase

    console = Console(record=True, width=100)
    run_showcase(open_workspace(demo_ws), console)
    text = console.export_text()
    assert "Gesprächsvorbereitung: Martin Keller" in text
    assert text.index("Gesprächsvorbereitung") > text.index("Index:")
    assert "Erinnerungen und Nachbereitung" in text
    assert "Kontaktnetzliste" not in text  # the list tables are gone, the demo stays readable


def test_llm_failure_falls_back_to_the_offline_brief_with_a_warning(demo_ws, cli, monkeypatch):
    monkeypatch.setenv("GESPRAECH_BASE_URL", "http://127.0.0.1:9/v1")  # nothing listens there
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("GESPRAECH_MAX_RETRIES", "0")
    result = cli("brief", "Martin Keller", "--format", "json", "-w", demo_ws)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["engine"].startswith("offline (fallback from llm")
    assert data["warnings"] and "Traceback" not in result.output
    assert 5 <= len(data["suggested_questions"]) <= 8


# ---- QA findings: facts vs. "not yet known", labels, headings, rehearsals, Markdown


RHEINTAL_SHORT = """---
company: Rheintal Logistik AG
topic: Firmenprofil
---
# Rheintal Logistik AG

Rheintal Logistik employs about 850 people in four countries.
Umsatz 2025: ca. CHF 236 Mio.
Im Juni 2026 hat Rheintal ein neues Lager in Widnau eröffnet.
Herausforderung: Auslastung des neuen GDP-Lagers in Widnau.
"""


def test_size_fact_found_is_not_unknown_and_singular_label_is_a_challenge(demo_ws):
    note = demo_ws / "notes" / "firmen" / "rheintal-logistik.md"
    note.write_text(RHEINTAL_SHORT, encoding="utf-8")
    brief = make(demo_ws, "Thomas Brunner", refresh=False)
    company = brief.company
    assert any("850 people" in f.text and f.topic == "size" for f in company.facts)
    assert "Grösse (Mitarbeitende)" not in company.unknown
    assert [f.line for f in company.challenges] == [10]
    assert "Strategie und Herausforderungen" not in company.unknown
    assert "Geschäftsleitung" in company.unknown  # what the note really lacks stays listed


def test_no_bare_heading_or_company_name_as_question_topic(demo_ws):
    note = demo_ws / "notes" / "firmen" / "rheintal-logistik.md"
    note.write_text(RHEINTAL_SHORT, encoding="utf-8")
    brief = make(demo_ws, "Thomas Brunner", refresh=False)
    assert brief.company.developments and not brief.company.developments[0].label
    topics = [m.group(1) for q in brief.suggested_questions for m in [re.match("Zu «(.*?)»", q)]
              if m]  # fmt: skip
    assert topics, brief.suggested_questions
    for topic in topics:
        assert fold(topic) not in {"rheintal logistik ag", "rheintal", "herausforderung"}
        assert len(topic.split()) >= 3
    assert any(t.startswith("Auslastung des neuen GDP-Lagers") for t in topics)
    assert "«Rheintal Logistik AG»" not in brief.summary


def test_rehearsals_are_practice_not_previous_conversations(demo_ws):
    (demo_ws / "history" / "2026-10-30-rehearsal-thomas-brunner.md").write_text(
        "---\ncontact: Thomas Brunner\ndate: 2026-10-30\nkind: rehearsal\nscore: 5/7\n---\n"
        "# Probegespräch mit Thomas Brunner\n\n## Scorecard (5/7)\n\n"
        "- ✗ **Augenhöhe gehalten**\n  - «Haben Sie vielleicht eine Stelle für mich?»\n",
        encoding="utf-8",
    )
    brief = make(demo_ws, "Thomas Brunner", refresh=False)
    sources = [c.source for c in brief.partner.conversations]
    assert "history/2026-10-20-thomas-brunner.md" in sources
    assert not any("rehearsal" in s for s in sources)
    assert [r.date for r in brief.partner.rehearsals] == ["2026-10-30"]
    md = render_markdown(brief)
    assert "**Übungen**" in md and "2026-10-30-rehearsal-thomas-brunner.md" in md
    assert "Augenhöhe gehalten" not in md.split("## 2.")[0] and "✗" not in md


def test_markdown_has_one_final_newline_and_no_double_blank_lines(demo_ws, cli, tmp_path):
    from gespraech_assistant.setup_workspace import PROFILE_TEMPLATE

    (demo_ws / "profile.md").write_text(PROFILE_TEMPLATE["de"], encoding="utf-8")
    out = tmp_path / "brief.md"
    result = cli("brief", "Martin Keller", "--out", out, "-w", demo_ws)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "profile.md hat keinen" in text  # the section that had the double blank line
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text


def test_english_findings_show_no_stray_question_source(eval_ws):
    checker_or_skip()
    config = eval_ws / "gespraech.toml"
    config.write_text(config.read_text().replace('language = "de"', 'language = "en"'))
    brief = make(eval_ws, "James Whitfield", questions=["Do you have any openings for me?"])
    md = render_markdown(brief)
    assert brief.prepared_questions[0].ok is False
    assert "*(question)*" not in md


def test_demo_rule_headers_are_not_cut(demo_ws):
    from rich.console import Console

    from gespraech_assistant.cli.showcase import DEMO_QUESTION, run_showcase

    console = Console(record=True, width=80)
    run_showcase(open_workspace(demo_ws), console)
    text = console.export_text()
    assert f'--company "{DEMO_QUESTION[1]}"' in text
    assert "…" not in "".join(line for line in text.splitlines() if line.startswith("─"))
