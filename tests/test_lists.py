"""contacts.csv / targets.csv as users keep them: encodings, delimiters, German headers,
unknown columns, broken rows, and writes that a killed process cannot break."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from gespraech_assistant.atomic import TMP_MARK, clean_stale_temp_files
from gespraech_assistant.errors import ConcurrentEditError, DataError
from gespraech_assistant.lists import (
    find_contacts,
    find_targets,
    load_contacts,
    load_targets,
    safe_cell,
)
from gespraech_assistant.models import Contact, Target
from tests.conftest import run_gespraech

CP1252_CONTACTS = (
    "Name;Firma;Funktion;Lieblingsfarbe;Beziehung;vermittelt_durch;letzter_kontakt;Notizen\r\n"
    "Jürg Müller;Zürcher Kantonalbank;Leiter Logistik;grün;primär;;03.02.2025;Trifft man am Äpéro\r\n"
    "Anna Weiß;Medivo GmbH;Einkäuferin;blau;sekundär;Jürg Müller;2025-11-20;Grüße an Jürg\r\n"
)


def write_cp1252(path: Path, text: str) -> bytes:
    data = text.encode("cp1252")
    path.write_bytes(data)
    return data


def test_semicolon_cp1252_with_umlauts_is_read(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    write_cp1252(path, CP1252_CONTACTS)
    table = load_contacts(path, tmp_path)
    first, second = table.records
    assert first.name == "Jürg Müller" and first.company == "Zürcher Kantonalbank"
    assert first.relation == "primary" and first.last_contact == date(2025, 2, 3)
    assert first.notes == "Trifft man am Äpéro"
    assert second.name == "Anna Weiß" and second.relation == "secondary"
    assert second.introduced_by == "Jürg Müller" and second.last_contact == date(2025, 11, 20)
    assert first.extra == {"Lieblingsfarbe": "grün"}
    assert (first.line, second.line) == (2, 3)


def test_rewrite_keeps_encoding_delimiter_newlines_and_unknown_column(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    old = write_cp1252(path, CP1252_CONTACTS)
    table = load_contacts(path, tmp_path)
    table.update(1, role="Leiterin Einkauf")
    table.append(Contact(name="Chloé Dürr", company="Rheintal Logistik AG", tags="neu"))
    assert table.save() == []

    data = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # still cp1252, as Excel wrote it
    text = data.decode("cp1252")
    lines = text.split("\r\n")
    # Header order kept, unknown column in place; a column the program needed is appended.
    assert lines[0] == (
        "Name;Firma;Funktion;Lieblingsfarbe;Beziehung;vermittelt_durch;letzter_kontakt;Notizen;tags"
    )
    assert lines[1].startswith("Jürg Müller;Zürcher Kantonalbank;Leiter Logistik;grün;primär;")
    assert lines[2].startswith("Anna Weiß;Medivo GmbH;Leiterin Einkauf;blau;sekundär;")
    assert lines[3].startswith("Chloé Dürr;Rheintal Logistik AG;;;primär;")
    assert lines[3].endswith(";neu")
    # The untouched row is byte-identical (the date keeps the user's 03.02.2025 format).
    assert old.split(b"\r\n")[1] + b";" == data.split(b"\r\n")[1]
    # The previous version is kept as a backup.
    backups = list((tmp_path / ".backups").glob("contacts.*.csv"))
    assert len(backups) == 1 and backups[0].read_bytes() == old
    # And it reads back.
    again = load_contacts(path, tmp_path)
    assert [c.name for c in again.records] == ["Jürg Müller", "Anna Weiß", "Chloé Dürr"]
    assert again.records[2].extra["Lieblingsfarbe"] == ""


def test_utf8_bom_and_comma_survive_a_rewrite(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(b"\xef\xbb\xbfname,company,Geburtstag\nLuca Rossi,Medivo GmbH,1.4.\n")
    table = load_contacts(path, tmp_path)
    assert table.records[0].name == "Luca Rossi"  # the BOM is not part of the header
    table.append(Contact(name="Ólafur Łukasz", company="Nordlicht Energie GmbH"))
    table.save()
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfname,company,Geburtstag")
    assert "Ólafur Łukasz,Nordlicht Energie GmbH" in data.decode("utf-8-sig")
    assert b"Luca Rossi,Medivo GmbH,1.4.\n" in data


def test_cp1252_file_becomes_utf8_bom_when_a_name_does_not_fit(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    write_cp1252(path, CP1252_CONTACTS)
    table = load_contacts(path, tmp_path)
    table.append(Contact(name="Łukasz Wiśniewski"))
    warnings = table.save()
    assert warnings and "UTF-8" in warnings[0]
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    names = [c.name for c in load_contacts(path, tmp_path).records]
    assert names == ["Jürg Müller", "Anna Weiß", "Łukasz Wiśniewski"]


def test_german_target_headers_any_case(tmp_path: Path) -> None:
    path = tmp_path / "targets.csv"
    path.write_text(
        "FIRMA;Branche;ort;Priorität;Status;Ansprechpartner;Bemerkungen;Quelle\n"
        "Alpenblick Medtech AG;Medizintechnik;Zürich;a;Kontakt geplant;Martin Keller;;Messe\n"
        "Rheintal Logistik AG;Logistik;St. Gallen;B;;;Familienfirma;\n",
        encoding="utf-8",
    )
    records = load_targets(path, tmp_path).records
    assert [t.company for t in records] == ["Alpenblick Medtech AG", "Rheintal Logistik AG"]
    assert records[0].priority == "A" and records[0].location == "Zürich"
    assert records[0].contacts == "Martin Keller" and records[0].extra == {"Quelle": "Messe"}
    assert records[1].notes == "Familienfirma" and records[1].industry == "Logistik"
    assert find_targets(records, "alpenblick medtech")[0].company == "Alpenblick Medtech AG"


def test_german_contact_headers(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Name,Firma,Rolle,E-Mail,Telefon,Beziehung,Vermittelt durch,Letzter Kontakt,Notizen\n"
        "Sandra Huber,Alpenblick Medtech AG,HR,s.huber@example.ch,+41 44 000 00 00,"
        "direkt,,2026-09-01,Ex-Kollegin\n",
        encoding="utf-8",
    )
    (contact,) = load_contacts(path, tmp_path).records
    assert contact.role == "HR" and contact.email == "s.huber@example.ch"
    assert contact.phone == "+41 44 000 00 00" and contact.relation == "primary"
    assert contact.last_contact == date(2026, 9, 1) and contact.notes == "Ex-Kollegin"


BROKEN = (
    "name,company,relation,last_contact\n"
    "Martin Keller,Alpenblick Medtech AG,primary,2026-10-02\n"
    ",Medivo GmbH,primary,\n"
    "Julia Weber,Medivo GmbH,Freundin,\n"
    "Thomas Brunner,Rheintal Logistik AG,secondary,letzte Woche\n"
    "Sandra Huber,Alpenblick Medtech AG,primary,\n"
)


def test_broken_rows_name_file_line_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_contacts(path, tmp_path)
    text = str(info.value)
    assert info.value.line == 3 and str(path) in text
    assert "line 3: the name is empty" in text
    assert "line 4: relation 'Freundin' is unknown; use primary or secondary" in text
    assert "line 5: last_contact 'letzte Woche' is not a date; write it as YYYY-MM-DD" in text
    assert "3 row(s)" in text and "nothing was changed" in text


def test_broken_row_via_cli_exits_2_without_traceback(empty_ws: Path) -> None:
    (empty_ws / "contacts.csv").write_text(BROKEN, encoding="utf-8")
    before = (empty_ws / "contacts.csv").read_bytes()
    result = run_gespraech("contacts", "add", "Neue Person", "-w", empty_ws)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    # the empty workspace is German: the message is too (no "Fehler / Error", no English)
    assert result.stderr.startswith("Fehler: ")
    assert "contacts.csv:3" in result.stderr and "Zeile 4" in result.stderr
    assert "Diese Zeilen im Tabellenprogramm" in result.stderr and "line 4" not in result.stderr
    assert (empty_ws / "contacts.csv").read_bytes() == before  # nothing dropped or written


def test_missing_required_column_and_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Vorname;Nachname\nAnna;Muster\n", encoding="utf-8")
    with pytest.raises(DataError, match="no `name` column"):
        load_contacts(path, tmp_path)
    path.write_bytes(b"PK\x03\x04\x00\x00binary xlsx")
    with pytest.raises(DataError, match="binary file"):
        load_contacts(path, tmp_path)


def test_edit_in_between_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("name,company\nAnna Muster,X AG\n", encoding="utf-8")
    table = load_contacts(path, tmp_path)
    path.write_text("name,company\nAnna Muster,X AG\nBen Edit,Y AG\n", encoding="utf-8")
    table.append(Contact(name="Carla Neu"))
    with pytest.raises(ConcurrentEditError):
        table.save()
    assert "Ben Edit" in path.read_text(encoding="utf-8")


def test_outside_values_cannot_become_formulas(tmp_path: Path) -> None:
    assert safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("+41 44 123 45 67") == "+41 44 123 45 67"
    assert safe_cell("-") == "-"


def test_tolerant_contact_lookup() -> None:
    contacts = [Contact(name="Jürg Müller"), Contact(name="Dr. Martin Keller")]
    assert find_contacts(contacts, "juerg mueller")[0].name == "Jürg Müller"
    assert find_contacts(contacts, "MARTIN KELLER")[0].name == "Dr. Martin Keller"
    assert find_contacts(contacts, "Keller")[0].name == "Dr. Martin Keller"
    assert find_contacts(contacts, "Weber") == []


# ---------------------------------------------------------------- killed writes

WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from gespraech_assistant.lists import load_contacts
    from gespraech_assistant.models import Contact

    root = Path(sys.argv[1])
    slow_fsync = sys.argv[2] == "slow"
    if slow_fsync:
        real = os.fsync
        def fsync(fd):  # a slow disk: the new file is written but not yet in place
            real(fd)
            print("WRITTEN", flush=True)
            time.sleep(30)
        os.fsync = fsync
    table = load_contacts(root / "contacts.csv", root)
    for i in range(len(table.records)):
        table.update(i, role="Neue Rolle")
    table.append(Contact(name="Ganz Neu"))
    print("SAVING", flush=True)
    table.save()
    print("SAVED", flush=True)
    """
)


def big_contacts(root: Path, rows: int) -> bytes:
    lines = ["name;company;role;Lieblingsfarbe"]
    lines += [f"Person {i} Müller;Firma {i % 50} AG;Alt;grün" for i in range(rows)]
    data = ("\r\n".join(lines) + "\r\n").encode("cp1252")
    (root / "contacts.csv").write_bytes(data)
    return data


def assert_old_or_new(path: Path, old: bytes, rows: int) -> str:
    data = path.read_bytes()
    if data == old:
        return "old"
    records = load_contacts(path, path.parent).records  # parses: not broken
    assert len(records) == rows + 1 and records[-1].name == "Ganz Neu"
    assert all(r.role == "Neue Rolle" for r in records[:-1])
    return "new"


def start_writer(root: Path, mode: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_killed_write_leaves_old_file_and_temp_is_cleaned_by_next_locked_command(
    empty_ws: Path,
) -> None:
    rows = 5_000
    old = big_contacts(empty_ws, rows)
    proc = start_writer(empty_ws, "slow")
    assert proc.stdout is not None
    while (line := proc.stdout.readline()) and line.strip() != "WRITTEN":
        pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert assert_old_or_new(empty_ws / "contacts.csv", old, rows) == "old"
    leftovers = list(empty_ws.glob(f".contacts.csv{TMP_MARK}*"))
    assert len(leftovers) == 1 and leftovers[0].stat().st_size > len(old) // 2

    result = run_gespraech("contacts", "add", "Nach dem Absturz", "-w", empty_ws)
    assert result.returncode == 0, result.stderr
    assert not list(empty_ws.glob(f".*{TMP_MARK}*"))
    names = [c.name for c in load_contacts(empty_ws / "contacts.csv").records]
    assert len(names) == rows + 1 and names[-1] == "Nach dem Absturz"


def test_kills_at_random_moments_never_break_the_file(tmp_path: Path) -> None:
    rows = 8_000
    outcomes = []
    for delay in (0.0, 0.005, 0.02, 0.05, 0.2):
        root = tmp_path / f"k{delay}"
        root.mkdir()
        old = big_contacts(root, rows)
        proc = start_writer(root, "fast")
        assert proc.stdout is not None
        while (line := proc.stdout.readline()) and line.strip() != "SAVING":
            pass
        time.sleep(delay)
        proc.kill()
        proc.wait()
        outcomes.append(assert_old_or_new(root / "contacts.csv", old, rows))
        clean_stale_temp_files(root)
        assert not list(root.glob(f".*{TMP_MARK}*"))
    assert set(outcomes) <= {"old", "new"}


def test_temp_file_of_a_live_process_is_left_alone(tmp_path: Path) -> None:
    live = tmp_path / f".contacts.csv{TMP_MARK}{os.getppid()}"
    dead = tmp_path / f".targets.csv{TMP_MARK}999999999"
    live.write_text("x")
    dead.write_text("y")
    assert clean_stale_temp_files(tmp_path) == 1
    assert live.exists() and not dead.exists()


def test_targets_append_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "targets.csv"
    table = load_targets(path, tmp_path)  # a missing file is an empty list
    table.append(Target(company="Nordlicht Energie GmbH", priority="B", industry="Energie"))
    table.save()
    (target,) = load_targets(path, tmp_path).records
    assert target.company == "Nordlicht Energie GmbH" and target.priority == "B"
    assert path.read_text(encoding="utf-8").splitlines()[0].startswith("company,industry")


def test_new_rows_use_the_files_german_relation_words(tmp_path):
    from gespraech_assistant.lists import load_contacts
    from gespraech_assistant.models import Contact

    path = tmp_path / "contacts.csv"
    path.write_text(
        "Name;Firma;Beziehung;vermittelt_durch\nAnna Muster;ABB AG;primär;\n"
        "Ben Beispiel;ABB AG;sekundär;Anna Muster\n",
        encoding="utf-8",
    )
    table = load_contacts(path, tmp_path)
    table.append(Contact(name="Eva Graf", company="ABB AG", relation="primary"))
    table.append(Contact(name="Fritz Frei", relation="secondary", introduced_by="Eva Graf"))
    table.save()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[3] == "Eva Graf;ABB AG;primär;"
    assert lines[4] == "Fritz Frei;;sekundär;Eva Graf"
    assert [c.relation for c in load_contacts(path, tmp_path).records][2:] == [
        "primary",
        "secondary",
    ]


def test_excel_unicode_text_utf16_tabs_is_read_and_written_back_the_same_way(
    tmp_path: Path,
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(
        "Name\tFirma\tFunktion\r\nŁukasz Wójcik\tMedivo GmbH\tLeiter Einkauf\r\n".encode("utf-16")
    )
    table = load_contacts(path, tmp_path)
    assert [(c.name, c.company) for c in table.records] == [("Łukasz Wójcik", "Medivo GmbH")]
    table.append(Contact(name="Zoë Dürr", company="Rheintal Logistik AG"))
    assert table.save() == []
    data = path.read_bytes()
    assert data.startswith((b"\xff\xfe", b"\xfe\xff"))  # still UTF-16 with its BOM
    lines = data.decode("utf-16").split("\r\n")
    assert lines[1] == "Łukasz Wójcik\tMedivo GmbH\tLeiter Einkauf"
    assert lines[2].startswith("Zoë Dürr\tRheintal Logistik AG\t")
    again = load_contacts(path, tmp_path)
    assert [c.name for c in again.records] == ["Łukasz Wójcik", "Zoë Dürr"]
