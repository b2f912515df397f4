"""`gespraech ask`: the right passage for German and English questions, across languages,
with --company / --person filters, source file, line and score. Real index of eval/workspace."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gespraech_assistant.index.search import Retriever
from gespraech_assistant.workspace import open_workspace


def ask_json(cli, ws: Path, *args: str) -> list[dict]:
    result = cli("ask", *args, "-w", ws, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(
    ("question", "source", "contains"),
    [
        # German question, German note
        ("Wie viele Mitarbeitende hat Alpenblick?", "notes/alpenblick.md", "1'450 Mitarbeitende"),
        # English question, English note
        (
            "What are Nordlicht's biggest problems right now?",
            "notes/nordlicht-energie.md",
            "Long waiting times for grid connections",
        ),
        # English question, German note
        ("Who is the CFO of Alpenblick?", "notes/alpenblick.md", "CFO: Marco Bianchi"),
        # German question, English note
        (
            "Wie hoch war der Umsatz von Nordlicht Energie 2025?",
            "notes/nordlicht-energie.md",
            "Revenue 2025: EUR 310 million",
        ),
        # German question, history file
        (
            "Welches Feedback gab Martin Keller zu meinem Lebenslauf?",
            "history/2026-10-02-martin-keller.md",
            "SAP-Einführung",
        ),
    ],
    ids=["de-de", "en-en", "en-de", "de-en", "history"],
)
def test_finds_the_right_passage(eval_ws: Path, cli, question, source, contains) -> None:
    found = ask_json(cli, eval_ws, question, "-k", "3")
    assert len(found) == 3
    hits = [p for p in found if p["source"] == source and contains in squash(p["text"])]
    assert hits, [(p["source"], p["text"][:80]) for p in found]


def test_passages_carry_source_line_score_and_metadata(eval_ws: Path, cli) -> None:
    found = ask_json(cli, eval_ws, "Wer leitet die Finanzen bei Alpenblick?", "-k", "5")
    for passage in found:
        assert set(passage) >= {"source", "line", "text", "score", "kind", "company", "heading"}
        assert 0.0 < passage["score"] <= 1.0
        lines = (eval_ws / passage["source"]).read_text(encoding="utf-8").splitlines()
        # `line` is where the passage starts in the file (1-based).
        assert lines[passage["line"] - 1].strip() == passage["text"].splitlines()[0].strip()
    assert found == sorted(found, key=lambda p: -p["score"])


def test_company_filter(eval_ws: Path, cli) -> None:
    found = ask_json(cli, eval_ws, "Umsatz und Mitarbeitende", "--company", "Medivo", "-k", "8")
    assert found and {p["company"] for p in found} == {"Medivo GmbH"}
    # Partial names and legal forms are tolerated.
    found = ask_json(cli, eval_ws, "Konkurrenten", "--company", "alpenblick medtech ag")
    assert found and {p["company"] for p in found} == {"Alpenblick Medtech AG"}
    assert any("Helvetia Health Systems" in p["text"] for p in found)


def test_person_filter_covers_notes_and_history(eval_ws: Path, cli) -> None:
    found = ask_json(cli, eval_ws, "Was haben wir besprochen?", "--person", "Martin Keller")
    assert found and all(p["person"] == "Martin Keller" for p in found)
    kinds = {
        p["kind"] for p in ask_json(cli, eval_ws, "Lebenslauf", "--person", "keller", "-k", "20")
    }
    assert kinds == {"note", "history"}


def test_unknown_company_gives_no_passages_and_says_so(eval_ws: Path, cli) -> None:
    assert ask_json(cli, eval_ws, "Umsatz", "--company", "Gibtsnicht AG") == []
    result = cli("ask", "Umsatz", "--company", "Gibtsnicht AG", "-w", eval_ws)
    assert result.exit_code == 0 and "Keine passenden Stellen" in result.stdout


def test_human_output_names_file_and_line(eval_ws: Path, cli) -> None:
    result = cli("ask", "Wo produziert HHS in Asien?", "-k", "2", "-w", eval_ws)
    assert result.exit_code == 0, result.output
    assert re.search(r"^1\. notes/[\w/.-]+\.md:\d+ \(0\.\d\d", result.stdout, re.M)
    assert "2. " in result.stdout


def test_ask_sees_a_new_note_without_a_separate_index_run(eval_ws: Path, cli) -> None:
    note = eval_ws / "notes" / "neu.md"
    note.write_text(
        "---\ncompany: Medivo GmbH\n---\n\n# Gerücht\n\nMedivo plant einen Standort in Graz.\n",
        encoding="utf-8",
    )
    found = ask_json(cli, eval_ws, "Plant Medivo einen Standort in Graz?", "-k", "3")
    assert "notes/neu.md" in [p["source"] for p in found]


def test_modes_agree_on_an_easy_question(eval_ws: Path) -> None:
    ws = open_workspace(eval_ws)
    for mode in ("vector", "hybrid", "lexical"):
        found = Retriever(ws, mode=mode, refresh=False).search("Penang Malaysia", k=3)
        assert any(p.source == "notes/helvetia-health-systems.md" for p in found), mode
    assert Retriever(ws, refresh=False).mode == "vector"  # the measured default
    assert Retriever(ws, refresh=False).search("   ") == []
