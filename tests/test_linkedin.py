"""`gespraech import linkedin`: the real export format, merged without duplicates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from gespraech_assistant.errors import DataError
from gespraech_assistant.linkedin import (
    merge_connections,
    normalize_url,
    parse_connected_on,
    read_connections,
)
from gespraech_assistant.lists import load_contacts
from tests.conftest import run_gespraech

# As LinkedIn writes it: a "Notes:" preamble, a blank line, then the header.
EXPORT = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. To learn more, visit https://www.linkedin.com/help/linkedin/answer/261"

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Martin,Keller,https://www.linkedin.com/in/martin-keller-ops,,Alpenblick Medtech,Leiter Operations,12 Mar 2024
Jürg,Müller,https://www.linkedin.com/in/juerg-mueller,,Zürcher Kantonalbank,Leiter Logistik,03 Jan 2023
Julia,Weber,https://www.linkedin.com/in/julia-weber-medivo,julia.weber@example.de,Helvetia Health Systems AG,Head of Procurement,7 Feb 2022
Hans-Peter,Strasser,https://www.linkedin.com/in/hp-strasser,,Rheintal Logistik AG,CFO,1 Sep 2021
José,García,https://www.linkedin.com/in/jose-garcia-42,jose@example.es,"Nordlicht Energie GmbH","Grid Engineer, Offshore",28 Nov 2025
,,https://www.linkedin.com/in/hidden-member,,,,15 May 2020
Lea,Petersen,https://www.linkedin.com/in/lea-petersen,,Nordlicht Energie GmbH,Talent Partner,02 Oct 2026
Lea,Petersen,https://www.linkedin.com/in/lea-petersen/,,Nordlicht Energie GmbH,Talent Partner,02 Oct 2026
Sandra,Huber,https://www.linkedin.com/in/sandra-huber-zh,,Alpenblick Medtech AG,HR Business Partner,19 Jun 2019
"""

CONTACTS = (
    "name;company;role;email;linkedin;relation;introduced_by;Geburtstag\n"
    # same person by URL (other case, www, trailing slash); company written with legal form
    "Martin Keller;Alpenblick Medtech AG;Leiter Operations;;"
    "HTTPS://linkedin.com/in/Martin-Keller-OPS/;primary;;12.5.\n"
    # same person by name: ue/ü
    "Juerg Mueller;Zürcher Kantonalbank;;;;primary;;\n"
    # same person by name; moved to another employer
    "Julia Weber;Medivo GmbH;Leiterin Einkauf;;;secondary;Martin Keller;\n"
    # ß/ss and accents
    "Hans-Peter Straßer;Rheintal Logistik AG;CFO;;;primary;;\n"
    "Jose Garcia;;;;;primary;;\n"
    # same name, but another LinkedIn profile: a different person
    "Sandra Huber;Kantonsspital Aarau;Pflege;;https://www.linkedin.com/in/sandra-huber-ag;"
    "primary;;\n"
)


@pytest.fixture
def export_file(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_text(EXPORT, encoding="utf-8")
    return path


def test_reads_the_export_after_its_preamble(export_file: Path) -> None:
    rows = read_connections(export_file)
    assert len(rows) == 9
    line, first = rows[0]
    assert line == 5  # Notes:, the quoted note, a blank line, the header
    assert first["first name"] == "Martin" and first["connected on"] == "12 Mar 2024"
    assert rows[4][1]["position"] == "Grid Engineer, Offshore"


def test_dates_and_urls() -> None:
    assert parse_connected_on("12 Mar 2024") == date(2024, 3, 12)
    assert parse_connected_on("02 Oct 2026") == date(2026, 10, 2)
    assert parse_connected_on("not a date") is None
    assert normalize_url("HTTPS://www.LinkedIn.com/in/Abc/?trk=x") == "linkedin.com/in/abc"


def test_merge_without_duplicates(empty_ws: Path, export_file: Path) -> None:
    (empty_ws / "contacts.csv").write_text(CONTACTS, encoding="utf-8")
    table = load_contacts(empty_ws / "contacts.csv", empty_ws)
    report = merge_connections(table, read_connections(export_file), "de")
    table.save()

    # Martin (URL, nothing new), Sandra's namesake is new, Lea twice (2nd is the same URL).
    # Updated: Jürg (URL), Julia (new employer), Hans-Peter (URL), José (company, role, …).
    assert (report.added, report.updated, report.skipped) == (2, 4, 3)
    assert report.problems == ["Zeile 10: kein Name, übersprungen"]

    records = load_contacts(empty_ws / "contacts.csv").records
    assert len(records) == 8  # 6 before, 2 added
    contacts = {c.name: c for c in records}
    assert contacts["Martin Keller"].company == "Alpenblick Medtech AG"  # not 'changed'
    assert "früher" not in contacts["Martin Keller"].notes
    assert contacts["Juerg Mueller"].linkedin == "https://www.linkedin.com/in/juerg-mueller"
    julia = contacts["Julia Weber"]
    assert julia.company == "Helvetia Health Systems AG" and julia.role == "Head of Procurement"
    assert julia.notes == "früher bei Medivo GmbH" and julia.relation == "secondary"
    assert contacts["Hans-Peter Straßer"].linkedin.endswith("/hp-strasser")
    jose = contacts["Jose Garcia"]
    assert (jose.company, jose.role, jose.email) == (
        "Nordlicht Energie GmbH",
        "Grid Engineer, Offshore",
        "jose@example.es",
    )
    lea = contacts["Lea Petersen"]
    assert lea.relation == "primary" and lea.tags == "linkedin"
    assert lea.notes == "LinkedIn-Kontakt seit 2026-10-02"
    sandras = [c for c in records if c.name == "Sandra Huber"]
    assert {s.company for s in sandras} == {"Kantonsspital Aarau", "Alpenblick Medtech AG"}
    # The user's own column and delimiter survived.
    header = (empty_ws / "contacts.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(";")[:8] == CONTACTS.splitlines()[0].split(";")
    assert contacts["Martin Keller"].extra["Geburtstag"] == "12.5."


def test_cli_import_reports_counts_and_second_import_changes_nothing(
    empty_ws: Path, export_file: Path, cli
) -> None:
    (empty_ws / "contacts.csv").write_text(CONTACTS, encoding="utf-8")
    result = cli("import", "linkedin", export_file, "-w", empty_ws, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 2
    after_first = (empty_ws / "contacts.csv").read_bytes()

    result = cli("import", "linkedin", export_file, "-w", empty_ws)
    assert result.exit_code == 0, result.output
    assert "LinkedIn-Import: 0 neu, 0 aktualisiert, 9 übersprungen" in result.stdout
    assert (empty_ws / "contacts.csv").read_bytes() == after_first


def test_import_into_cp1252_semicolon_list_keeps_its_format(
    empty_ws: Path, export_file: Path, cli
) -> None:
    path = empty_ws / "contacts.csv"
    path.write_bytes(
        "Name;Firma;Beziehung\r\nJürg Müller;Zürcher Kantonalbank;primär\r\n".encode("cp1252")
    )
    result = cli("import", "linkedin", export_file, "-w", empty_ws)
    assert result.exit_code == 0, result.output
    text = path.read_bytes().decode("cp1252")  # still cp1252
    lines = text.split("\r\n")
    assert lines[0].startswith("Name;Firma;Beziehung;")
    assert lines[1].startswith("Jürg Müller;Zürcher Kantonalbank;primär;Leiter Logistik;")
    assert any(line.startswith("José García;Nordlicht Energie GmbH;") for line in lines)


def test_not_an_export_is_a_clear_error(empty_ws: Path, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("Vorname,Nachname\nAnna,Muster\n", encoding="utf-8")
    with pytest.raises(DataError, match="First Name"):
        read_connections(path)
    result = run_gespraech("import", "linkedin", path, "-w", empty_ws)
    assert result.returncode == 2
    assert "other.csv" in result.stderr and "Connections.csv" in result.stderr
    assert "Traceback" not in result.stderr
    missing = run_gespraech("import", "linkedin", tmp_path / "nope.csv", "-w", empty_ws)
    assert missing.returncode == 2 and "nope.csv" in missing.stderr
