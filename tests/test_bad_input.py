"""The bad-input corpus (tests/bad_inputs/): every file ends in a clear message or a correct
result, never a traceback, never an escape sequence on the terminal, never lost data."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO))
from eval import faults  # noqa: E402

CASES = faults.bad_cases()


def test_the_corpus_covers_the_issue():
    names = {c.name for c in CASES}
    for needed in (
        "contacts_empty",
        "contacts_header_only",
        "contacts_binary",
        "contacts_formula",
        "contacts_mixed_encoding",
        "contacts_control_chars",
        "contacts_long_line",
        "linkedin_formula",
        "note_binary",
        "note_image",
        "note_front_matter_unterminated",
        "note_front_matter_yaml_tricks",
        "note_escapes",
    ):
        assert needed in names
    assert len(CASES) >= 30


FILE_CASES = [c for c in CASES if c.place != "note"]


@pytest.mark.parametrize("case", FILE_CASES, ids=[c.name for c in FILE_CASES])
def test_bad_input_as_users_see_it(case, demo_ws):
    """Subprocess, GESPRAECH_DEBUG unset: exit 0 or 2, a message, no escape bytes, no loss."""
    assert faults.run_bad_case(case, demo_ws) == []


def test_bad_notes_as_users_see_them(demo_ws):
    """All bad notes at once (one index run): `python -m eval.faults` tries them one by one."""
    assert faults.run_note_cases_together(CASES, demo_ws) == []


def test_bad_notes_in_process(demo_ws, cli):
    for case in CASES:
        if case.place == "note":
            faults.place_bad_input(case, demo_ws)
    for command in (["index"], ["ask", "Lieferant"]):
        result = cli(*command, "-w", demo_ws)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output
        if command == ["index"]:
            # named, not silently dropped; in the workspace language (the demo is German)
            assert "bad-note_binary.md: Binärdatei" in result.output


@pytest.mark.parametrize("case", [c for c in CASES if c.place != "note"], ids=lambda c: c.name)
def test_bad_input_in_process_raises_no_unexpected_exception(case, demo_ws, cli):
    """GESPRAECH_DEBUG=1 (conftest): any exception other than a user error fails here."""
    placed = faults.place_bad_input(case, demo_ws)
    for command in case.commands:
        args = [a.replace("{file}", str(placed)) for a in command]
        result = cli(*args, "-w", demo_ws)
        assert result.exit_code in (0, 2), result.output
        assert "\x1b" not in result.output


def test_formula_cells_from_outside_are_neutralised(demo_ws, cli):
    """LinkedIn import and contacts add never write a value a spreadsheet would execute."""
    connections = faults.BAD_INPUTS / "linkedin_formula.csv"
    assert cli("import", "linkedin", connections, "-w", demo_ws).exit_code == 0
    assert (
        cli(
            "contacts", "add", "=2+3", "--company", "@SUM(A1)", "--notes", "-cmd", "-w", demo_ws
        ).exit_code
        == 0
    )
    rows = list(csv.reader(io.StringIO((demo_ws / "contacts.csv").read_text("utf-8"), newline="")))
    cells = [c for row in rows for c in row]
    assert "'=2+3" in cells and "'@SUM(A1)" in cells and "'-cmd" in cells
    assert '\'=HYPERLINK("x")' in cells
    assert "+41 79 412 36 58" in cells  # a phone number stays as it is
    assert all(not c.startswith(("=", "@")) for c in cells)


def test_escape_sequences_never_reach_the_terminal(demo_ws):
    (demo_ws / "contacts.csv").write_bytes(
        (faults.BAD_INPUTS / "contacts_control_chars.csv").read_bytes()
    )
    for args in (
        ["contacts", "list"],
        ["contacts", "show", "Eve Escape"],
        ["export", "Eve Escape"],
    ):
        done = faults.gespraech(*args, "-w", demo_ws)
        assert done.returncode == 0, done.stderr
        assert b"Eve Escape" in done.stdout
        assert b"\x1b" not in done.stdout + done.stderr and b"\x07" not in done.stdout


def test_a_note_of_several_megabytes_is_cut_with_a_message(tmp_path):
    from gespraech_assistant.index.chunking import MAX_FILE_BYTES, chunk_note, read_note_text

    big = tmp_path / "web-page.md"
    big.write_bytes(
        b"# Kopie einer Webseite\n\n" + (b"Lieferant in Gliwice. " * 40 + b"\n\n") * 6000
    )
    assert big.stat().st_size > 5_000_000
    text, problem = read_note_text(big)
    assert problem and "MB" in problem
    assert len(text.encode()) <= MAX_FILE_BYTES
    _, chunks = chunk_note(text)
    assert chunks and all(len(c.text) <= 900 for c in chunks)


def test_mixed_encodings_keep_every_name_through_a_write(demo_ws, cli):
    """UTF-8 rows pasted into a cp1252 sheet: no mojibake, no lost letters after a write."""
    (demo_ws / "contacts.csv").write_bytes(
        (faults.BAD_INPUTS / "contacts_mixed_encoding.csv").read_bytes()
    )
    assert cli("contacts", "add", "Neu Person", "-w", demo_ws).exit_code == 0
    listed = cli("contacts", "list", "--json", "-w", demo_ws)
    names = [c["name"] for c in json.loads(listed.stdout)]
    assert names == ["Jürg Müller", "Zoë Schön", "Łukasz Nowak", "Neu Person"]
    assert "Gdańsk Port" in (demo_ws / "contacts.csv").read_text("utf-8-sig")
