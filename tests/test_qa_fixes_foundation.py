"""QA trial findings on names, lists, CSV, CLI plumbing and language (tests/…/qa_report)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_gespraech

from gespraech_assistant.errors import DataError, UsageError
from gespraech_assistant.i18n import bi, reset_language, set_language
from gespraech_assistant.lists import find_contacts, load_contacts, load_targets, suggest_contacts
from gespraech_assistant.models import Contact, Passage
from gespraech_assistant.textnorm import name_keys, same_name

# ---------------------------------------------------------------- names


def people(*names: str) -> list[Contact]:
    return [Contact(name=n) for n in names]


def test_spellings_of_one_name_are_equal_but_different_people_stay_apart():
    assert same_name("Jürg Müller", "Juerg Mueller")
    assert same_name("Jürg Müller", "Jurg  Muller")
    assert same_name("René Kälin", "rene kalin") and same_name("René Kälin", "Rene Kaelin")
    assert same_name("Dr. Anna Meier", "anna meier")
    assert not same_name("Michael Novak", "Michal Novak")
    assert not same_name("Anna Meier", "Anna Maier")
    assert name_keys("  ") == frozenset() and name_keys("Dr.") == frozenset()


def test_exact_full_name_beats_partial_and_other_spellings():
    contacts = people("Jürg Müller", "Juerg Mueller-Frei", "Martin Keller", "Martina Kellerhals")
    assert [c.name for c in find_contacts(contacts, "Jürg Müller")] == ["Jürg Müller"]
    assert [c.name for c in find_contacts(contacts, "jurg muller")] == ["Jürg Müller"]
    assert [c.name for c in find_contacts(contacts, "Martin Keller")] == ["Martin Keller"]
    assert [c.name for c in find_contacts(contacts, "keller")] == ["Martin Keller"]
    # an old file holding the same person twice: the name exactly as typed decides
    twice = people("Jürg Müller", "Juerg Mueller")
    assert [c.name for c in find_contacts(twice, "Juerg Mueller")] == ["Juerg Mueller"]


def test_suggestions_for_typos_and_surnames():
    contacts = people("Martin Keller", "Beat Zürcher", "René Kälin", "Sandra Huber")
    assert [c.name for c in suggest_contacts(contacts, "keler")] == ["Martin Keller"]
    assert suggest_contacts(contacts, "Beat Zürchr")[0].name == "Beat Zürcher"
    assert suggest_contacts(contacts, "Xaver Quast") == []


def test_cli_refuses_duplicates_in_any_spelling_and_empty_names(empty_ws: Path, cli):
    assert cli("contacts", "add", "Jürg Müller", "-w", empty_ws).exit_code == 0
    for again in ("Juerg Mueller", "jurg  muller", "Dr. Jürg Müller"):
        result = cli("contacts", "add", again, "-w", empty_ws)
        assert result.exit_code == 2, again
        assert "steht schon in contacts.csv" in result.output and "«Jürg Müller»" in result.output
    for empty in ("", "   ", "Dr."):
        result = cli("contacts", "add", empty, "-w", empty_ws)
        assert result.exit_code == 2 and "Der Name ist leer" in result.output
    rows = load_contacts(empty_ws / "contacts.csv").records
    assert [c.name for c in rows] == ["Jürg Müller"]
    shown = cli("contacts", "show", "Juerg Mueller", "-w", empty_ws)
    assert shown.exit_code == 0 and "Jürg Müller" in shown.output


def test_unknown_name_suggests_the_closest(demo_ws: Path, cli):
    for typed, meant in (("keler", "Martin Keller"), ("Beat Zürchr", "Beat Zürcher")):
        result = cli("contacts", "show", typed, "-w", demo_ws)
        assert result.exit_code == 2
        assert "Kein Kontakt" in result.output and f"Meinten Sie «{meant}»?" in result.output


def test_relation_and_priority_aliases_on_the_command_line(empty_ws: Path, cli):
    assert (
        cli("contacts", "add", "Eva Muster", "--relation", "sekundär", "-w", empty_ws).exit_code
        == 0
    )
    assert (
        cli("contacts", "add", "Otto Muster", "--relation", "primär", "-w", empty_ws).exit_code == 0
    )
    bad = cli("contacts", "add", "Ida Muster", "--relation", "bestfriend", "-w", empty_ws)
    assert bad.exit_code == 2 and "primär oder sekundär" in bad.output
    relations = {c.name: c.relation for c in load_contacts(empty_ws / "contacts.csv").records}
    assert relations == {"Eva Muster": "secondary", "Otto Muster": "primary"}
    assert cli("targets", "add", "Hoch AG", "--priority", "hoch", "-w", empty_ws).exit_code == 0
    assert cli("targets", "add", "Low Ltd", "--priority", "low", "-w", empty_ws).exit_code == 0
    bad = cli("targets", "add", "X AG", "--priority", "sofort", "-w", empty_ws)
    assert bad.exit_code == 2 and "A, B oder C" in bad.output
    prios = {t.company: t.priority for t in load_targets(empty_ws / "targets.csv").records}
    assert prios == {"Hoch AG": "A", "Low Ltd": "C"}
    table = cli("contacts", "list", "-w", empty_ws).output
    assert "sekundär" in table and "primär" in table and "secondary" not in table


# ---------------------------------------------------------------- CSV


def test_unterminated_quote_is_named_not_swallowed(tmp_path: Path):
    path = tmp_path / "contacts.csv"
    path.write_text(
        "name;company;relation\n"
        "Anna Berg;ACME AG;primary\n"
        'Quote;"unterminated;primary\n'
        "Beat Frei;Foo AG;primary\n"
        "Carla Neu;Bar AG;primary\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_contacts(path, tmp_path)
    assert info.value.line == 3
    assert "never closed" in str(info.value) and "nie geschlossen" in str(info.value)
    # closed again later: the rows in between would be lost the same way
    path.write_text(
        "name,company,role,notes\n"
        'Anna Berg,"ACME,CEO,x\n'
        "Beat Frei,Foo AG,CTO,y\n"
        'Carla Neu,Bar AG,CFO,"z"\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_contacts(path, tmp_path)
    assert info.value.line == 2


def test_multiline_notes_in_quotes_are_still_fine(tmp_path: Path):
    path = tmp_path / "contacts.csv"
    path.write_text(
        'name,company,notes\nAnna Berg,ACME AG,"Met at the fair\nlikes hiking, cycling"\n'
        "Beat Frei,Foo AG,\n",
        encoding="utf-8",
    )
    rows = load_contacts(path, tmp_path).records
    assert [c.name for c in rows] == ["Anna Berg", "Beat Frei"]


def test_too_many_fields_is_said_so(tmp_path: Path):
    path = tmp_path / "contacts.csv"
    path.write_text(
        "name,company,role,relation\n"
        "Anna Berg,Müller, Meier & Co,CEO,primary\n"
        "Beat Frei,Foo AG,CTO,primary\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_contacts(path, tmp_path)
    text = str(info.value)
    assert "zu viele Felder (5 statt 4)" in text and "too many fields (5 instead of 4)" in text
    assert "is unknown" not in text and "unbekannt" not in text  # not a misleading relation error


def test_priority_words_in_targets_csv(tmp_path: Path):
    path = tmp_path / "targets.csv"
    path.write_text("Firma;Priorität\nA AG;hoch\nB AG;Mittel\nC AG;niedrig\nD AG;B\n", "utf-8")
    assert [t.priority for t in load_targets(path).records] == ["A", "B", "C", "B"]


# ---------------------------------------------------------------- language of messages


def test_text_renders_in_the_current_language_else_both():
    text = bi(de="Hallo {n}", en="Hello {n}", n="Anna")
    assert str(text) == "Hallo Anna\nHello Anna"
    token = set_language("en")
    try:
        assert str(text) == "Hello Anna"
        assert UsageError(text).message == "Hello Anna"
    finally:
        reset_language(token)


def test_error_prefix_and_text_follow_the_workspace_language(tmp_path: Path, cli):
    from gespraech_assistant.setup_workspace import init_workspace

    for lang, prefix, words in (("de", "Fehler:", "Zeile 3"), ("en", "Error:", "line 3")):
        ws = tmp_path / lang
        init_workspace(ws, lang)
        (ws / "contacts.csv").write_text("name,relation\nA B,primary\nC D,bestfriend\n", "utf-8")
        result = run_gespraech("contacts", "list", "-w", ws)
        assert result.returncode == 2
        assert result.stderr.startswith(prefix) and "Fehler / Error" not in result.stderr
        assert words in result.stderr
    english = run_gespraech("contacts", "list", "-w", tmp_path / "en").stderr
    assert "Zeile" not in english and "primär" not in english


def test_no_workspace_error_is_bilingual(tmp_path: Path):
    result = run_gespraech("contacts", "list", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("Fehler / Error:")
    assert "Kein Arbeitsordner gefunden" in result.stderr and "No workspace found" in result.stderr


# ---------------------------------------------------------------- CLI plumbing


def test_typer_parameter_errors_are_usage_errors(demo_ws: Path):
    result = run_gespraech("ask", "Team", "-k", "0", "-w", demo_ws)
    assert result.returncode == 2
    assert "internal error" not in result.stderr.lower() and "-k" in result.stderr
    result = run_gespraech("check", "Frage?", "--engine", "magic", "-w", demo_ws)
    assert result.returncode == 2 and "internal error" not in result.stderr.lower()


def test_closed_pipe_ends_quietly(empty_ws: Path):
    rows = "".join(f"Person {i:04d},Firma {i} AG,primary\n" for i in range(3000))
    (empty_ws / "contacts.csv").write_text("name,company,relation\n" + rows, "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "GESPRAECH_DEBUG"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gespraech_assistant", "contacts", "list", "-w", str(empty_ws)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=REPO,
    )
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0
    assert err == b""


def test_help_is_clean_and_lists_choices_and_version():
    result = run_gespraech("check", "--help", env={"COLUMNS": "120"})
    assert result.returncode == 0
    assert "<bool>" not in result.stdout and "<str>" not in result.stdout
    assert "auto|offline|llm" in result.stdout
    ask = run_gespraech("ask", "--help", env={"COLUMNS": "120"}).stdout
    assert "QUESTION" in ask and "{question}" not in ask
    version = run_gespraech("--version")
    assert version.returncode == 0 and version.stdout.startswith("gespraech ")


def test_contacts_table_breaks_between_words_at_100_columns(demo_ws: Path):
    with (demo_ws / "contacts.csv").open("a", encoding="utf-8") as fh:
        fh.write("Hans Präzis,Präzisionsmechanik AG,Unternehmensberaterin,,,,primary,,,,\n")
    out = run_gespraech("contacts", "list", "-w", demo_ws, env={"COLUMNS": "100"}).stdout
    assert "Präzisionsmechanik" in out and "Unternehmensberaterin" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_check_refuses_binary_files_and_cleans_escapes(demo_ws: Path, cli, tmp_path: Path):
    binary = tmp_path / "fragen.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    result = cli("check", "--file", binary, "--engine", "offline", "-w", demo_ws)
    assert result.exit_code == 2 and "Binärdaten" in result.output
    plain = "Was würden Sie an meiner Stelle tun?"
    hidden = "\x1b]0;pwned\x07\x1b[31m" + plain
    results = [
        cli("check", q, "--engine", "offline", "--json", "-w", demo_ws) for q in (plain, hidden)
    ]
    assert [r.exit_code for r in results] == [1, 1]
    assert "\x1b" not in results[1].output and "pwned" not in results[1].output


def test_passages_show_a_score_only_when_the_order_follows_it():
    from rich.console import Console

    from gespraech_assistant.cli.render import passages

    def shown(scores: list[float]) -> str:
        console = Console(width=200, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
        found = [Passage(source=f"notes/n{i}.md", text="x", score=s) for i, s in enumerate(scores)]
        passages(console, found, "de")
        return console.export_text()

    assert "0.89" in shown([0.89, 0.87, 0.81])
    assert "0.89" not in shown([0.89, 0.81, 0.84])


# ---------------------------------------------------------------- followups


def test_followups_undated_contacts_summarised_and_list_capped(empty_ws: Path, cli):
    dated = "".join(f"Alt {i:02d},Firma {i},primary,2025-01-{i + 1:02d}\n" for i in range(25))
    undated = "".join(f"Neu {i:02d},Firma {i},primary,\n" for i in range(40))
    (empty_ws / "contacts.csv").write_text(
        "name,company,relation,last_contact\n" + dated + undated, "utf-8"
    )
    data = cli("followups", "--today", "2026-06-01", "--json", "-w", empty_ws)
    import json

    parsed = json.loads(data.output)
    assert len(parsed["stale"]) == 25 and len(parsed["undated"]) == 40
    assert parsed["stale"][0]["name"] == "Alt 00"  # the longest silence first
    out = cli("followups", "--today", "2026-06-01", "-w", empty_ws).output
    assert "Alt 00" in out and "Alt 19" in out and "Alt 20" not in out
    assert "… und 5 weitere" in out
    assert "40 primäre Kontakte ohne Datum des letzten Kontakts" in out and "Neu 00" not in out
    full = cli("followups", "--today", "2026-06-01", "--all", "-w", empty_ws).output
    assert "Alt 24" in full and "Neu 39" in full


def test_followups_bad_today_names_the_option(empty_ws: Path, cli):
    result = cli("followups", "--today", "morgen", "-w", empty_ws)
    assert result.exit_code == 2 and "--today 'morgen'" in result.output
    assert "--date" not in result.output
