"""gespraech debrief: template and free-text notes in both languages, --apply, --json, stdin."""

from __future__ import annotations

import json
from pathlib import Path

TEMPLATE_DE = """# Nachbearbeitung: Gespräch mit Martin Keller
## Informationen
- Alpenblick baut das Lieferantenmanagement in Gliwice aus
## Neue Kontakte
- Dr. Petra Lang, Alpenblick Medtech AG, Leiterin Einkauf, petra.lang@alpenblick.example
- Hr. Brunner kam kurz dazu
- Jonas Vogel, Bodensee Sensorik AG, CTO
## Firmenhinweise
- Alpenblick Medtech AG: sucht ab Januar eine Leitung Supplier Quality
- Bodensee Sensorik AG: wächst stark, neuer Standort in Konstanz
## Nächste Schritte
- Lebenslauf an Martin schicken, bis Montag
- Petra Lang anrufen, nächste Woche
"""

FREE_DE = """Kaffee mit Sandra Huber, Winterthur.

Sandra meinte, bei Medivo läuft gerade eine Reorganisation im Einkauf, es gebe viele Abgänge.
Sie hat mir Frau Dr. Eva Roth empfohlen, die ist Leiterin Supply Chain bei der Seeblick Pharma AG
(eva.roth@seeblick.example). Herrn Keller soll ich nochmals anschreiben.

Ich schicke Eva Roth bis Freitag meinen Lebenslauf. Sandra stellt mich Ende Woche per Mail vor.
"""

FREE_EN = """Call with Thomas Brunner – quick one.

Rheintal Logistik is hiring two shift leads for the new warehouse in Widnau. He suggested I talk
to Mr Daniel Frey, Head of Operations at Lakeside Freight AG (daniel.frey@lakeside.example).
Also, julia weber might know someone at Medivo.

To do:
- email Daniel Frey by Friday
- update CV in two weeks
"""


def _json(result) -> dict:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_template_prints_both_languages(cli, tmp_path):
    de = cli("debrief", "--template", "--language", "de")
    en = cli("debrief", "--template", "--language", "en")
    assert de.exit_code == 0 and en.exit_code == 0
    for heading in (
        "## Informationen",
        "## Neue Kontakte",
        "## Firmenhinweise",
        "## Nächste Schritte",
    ):
        assert heading in de.stdout
    for heading in ("## Information", "## New contacts", "## Company hints", "## Next steps"):
        assert heading in en.stdout


def test_template_note_de(cli, demo_ws, tmp_path):
    note = _write(tmp_path, "note.md", TEMPLATE_DE)
    data = _json(_debrief(cli, demo_ws, note, "--json"))
    x = data["extraction"]
    assert data["engine"] == "offline" and data["partner"] == "Martin Keller"
    new = {c["name"]: c for c in x["new_contacts"]}
    assert set(new) == {"Petra Lang", "Jonas Vogel"}
    assert new["Petra Lang"]["company"] == "Alpenblick Medtech AG"
    assert new["Petra Lang"]["role"] == "Leiterin Einkauf"
    assert new["Petra Lang"]["email"] == "petra.lang@alpenblick.example"
    assert new["Petra Lang"]["introduced_by"] == "Martin Keller"
    assert new["Jonas Vogel"]["company"] == "Bodensee Sensorik AG"
    # "Hr. Brunner" under new contacts is the known Thomas Brunner, not a new person
    assert [k["name"] for k in x["known_contacts"]] == ["Thomas Brunner"]
    hints = {h["company"]: h for h in x["company_hints"]}
    assert hints["Alpenblick Medtech AG"]["known_target"] is True
    assert hints["Bodensee Sensorik AG"]["known_target"] is False
    steps = {s["text"]: s["due"] for s in x["next_steps"]}
    assert steps["Lebenslauf an Martin schicken, bis Montag"] == "2026-11-16"
    assert steps["Petra Lang anrufen, nächste Woche"] == "2026-11-16"
    assert "Martin Keller" in x["thank_you"] and "Alpenblick" in x["thank_you"]


def test_free_text_de_finds_people_roles_and_known(cli, demo_ws, tmp_path):
    note = _write(tmp_path, "frei.md", FREE_DE)
    x = _json(
        cli(
            "debrief",
            note,
            "--contact",
            "sandra huber",
            "--date",
            "2026-11-25",
            "--json",
            "-w",
            demo_ws,
        )
    )["extraction"]
    assert [c["name"] for c in x["new_contacts"]] == ["Eva Roth"]
    eva = x["new_contacts"][0]
    assert eva["company"] == "Seeblick Pharma AG" and eva["email"] == "eva.roth@seeblick.example"
    assert "Leiterin Supply Chain" in eva["role"]
    assert [k["name"] for k in x["known_contacts"]] == ["Martin Keller"]
    assert {h["company"] for h in x["company_hints"]} == {"Medivo GmbH"}
    dues = {s["due"] for s in x["next_steps"]}
    assert {"2026-11-27"} <= dues  # "bis Freitag" after Wednesday 25.11.


def test_free_text_en_in_german_workspace(cli, demo_ws, tmp_path):
    note = _write(tmp_path, "free.md", FREE_EN)
    x = _json(
        cli(
            "debrief", note, "-c", "Thomas Brunner", "--date", "2026-12-02", "--json", "-w", demo_ws
        )
    )["extraction"]
    new = {c["name"]: c for c in x["new_contacts"]}
    assert list(new) == ["Daniel Frey"]
    assert new["Daniel Frey"]["company"] == "Lakeside Freight AG"
    assert new["Daniel Frey"]["role"] == "Head of Operations"
    assert [k["name"] for k in x["known_contacts"]] == ["Julia Weber"]
    assert "Rheintal Logistik AG" in {h["company"] for h in x["company_hints"]}
    steps = {s["text"]: s["due"] for s in x["next_steps"]}
    assert steps["email Daniel Frey by Friday"] == "2026-12-04"
    assert steps["update CV in two weeks"] == "2026-12-16"
    # workspace language; a primary contact is greeted by first name
    assert x["thank_you"].startswith("Hallo Thomas,\n\nherzlichen Dank")


def test_stdin_and_rich_output(cli, demo_ws):
    result = _debrief(cli, demo_ws, "-", input=TEMPLATE_DE)
    assert result.exit_code == 0, result.output
    assert "Petra Lang" in result.stdout and "2026-11-16" in result.stdout
    assert "engine: offline" in result.stdout


def test_bad_date_and_missing_contact_exit_2(cli, demo_ws, tmp_path):
    note = _write(tmp_path, "n.md", TEMPLATE_DE)
    bad = cli("debrief", note, "--contact", "Martin Keller", "--date", "13.11.2026", "-w", demo_ws)
    assert bad.exit_code == 2 and "13.11.2026" in bad.output and "2026-11-13" in bad.output
    missing = cli("debrief", note, "-w", demo_ws)
    assert missing.exit_code == 2 and "--contact" in missing.output
    nofile = cli("debrief", tmp_path / "nope.md", "--contact", "Martin Keller", "-w", demo_ws)
    assert nofile.exit_code == 2


def _debrief(cli, demo_ws, note, *flags, input=None):
    """`gespraech debrief NOTE` for Martin Keller's meeting on 2026-11-13 in the demo."""
    args = ("debrief", note, "--contact", "Martin Keller", "--date", "2026-11-13")
    return cli(*args, *flags, "-w", demo_ws, input=input)


def _apply(cli, demo_ws, note):
    return _debrief(cli, demo_ws, note, "--apply", "--yes")


def test_apply_writes_lists_backup_history_and_is_idempotent(cli, demo_ws, tmp_path):
    from gespraech_assistant.lists import load_contacts, load_targets

    # an unknown column must survive the rewrite
    contacts_path = demo_ws / "contacts.csv"
    lines = contacts_path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",Lieblingscafe"] + [line + ",Café Zentrum" for line in lines[1:]]
    contacts_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    note = _write(tmp_path, "note.md", TEMPLATE_DE)

    first = _apply(cli, demo_ws, note)
    assert first.exit_code == 0, first.output
    contacts = {c.name: c for c in load_contacts(contacts_path).records}
    assert str(contacts["Martin Keller"].last_contact) == "2026-11-13"
    petra = contacts["Petra Lang"]
    assert (petra.company, petra.relation, petra.introduced_by) == (
        "Alpenblick Medtech AG",
        "secondary",
        "Martin Keller",
    )
    assert petra.extra == {"Lieblingscafe": ""}
    assert contacts["Sandra Huber"].extra == {"Lieblingscafe": "Café Zentrum"}
    assert sum(1 for c in contacts.values() if c.name.endswith("Brunner")) == 1
    targets = {t.company: t for t in load_targets(demo_ws / "targets.csv").records}
    assert "Bodensee Sensorik AG" in targets
    assert "Supplier Quality" in targets["Alpenblick Medtech AG"].notes
    history = demo_ws / "history" / "2026-11-13-martin-keller.md"
    text = history.read_text(encoding="utf-8")
    assert text.startswith(
        "---\ncontact: Martin Keller\ndate: 2026-11-13\nkind: debrief\nthanked: no\n---"
    )
    assert "(fällig 2026-11-16)" in text and "(due " not in text  # workspace language
    assert "history/2026-11-13-martin-keller.md" in first.stdout  # whole, not cut
    assert list((demo_ws / ".backups").glob("contacts.*.csv"))
    assert list((demo_ws / ".backups").glob("targets.*.csv"))

    files = [contacts_path, demo_ws / "targets.csv", history]
    before = [p.read_bytes() for p in files]
    second = _apply(cli, demo_ws, note)
    assert second.exit_code == 0, second.output
    assert [p.read_bytes() for p in files] == before
    assert "Nichts zu ändern" in second.stdout
    assert "Vorgeschlagene Änderungen" not in second.stdout  # no empty table


def test_apply_without_terminal_needs_yes(cli, demo_ws, tmp_path):
    note = _write(tmp_path, "note.md", TEMPLATE_DE)
    before = (demo_ws / "contacts.csv").read_bytes()
    result = _debrief(cli, demo_ws, note, "--apply")
    assert result.exit_code == 2 and "--yes" in result.output
    assert (demo_ws / "contacts.csv").read_bytes() == before
    assert not (demo_ws / "history" / "2026-11-13-martin-keller.md").exists()


def test_apply_asks_on_a_terminal(cli, demo_ws, tmp_path, monkeypatch):
    from gespraech_assistant.cli import debrief_cmds

    monkeypatch.setattr(debrief_cmds, "_interactive", lambda: True)
    note = _write(tmp_path, "note.md", TEMPLATE_DE)
    declined = _debrief(cli, demo_ws, note, "--apply", input="n\n")
    assert declined.exit_code == 0 and "Nichts geschrieben" in declined.stdout
    assert not (demo_ws / "history" / "2026-11-13-martin-keller.md").exists()
    accepted = _debrief(cli, demo_ws, note, "--apply", input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert (demo_ws / "history" / "2026-11-13-martin-keller.md").exists()


def test_apply_json_lists_written_files(cli, demo_ws, tmp_path):
    note = _write(tmp_path, "note.md", TEMPLATE_DE)
    data = _json(_debrief(cli, demo_ws, note, "--apply", "--yes", "--json"))
    assert set(data["applied"]) == {
        "contacts.csv",
        "targets.csv",
        "history/2026-11-13-martin-keller.md",
    }
    assert set(data) >= {"partner", "meeting_date", "engine", "extraction", "warnings"}
    assert set(data["extraction"]) == {
        "summary",
        "information",
        "new_contacts",
        "known_contacts",
        "company_hints",
        "next_steps",
        "thank_you",
    }


def test_unknown_partner_is_added_on_apply(cli, demo_ws, tmp_path):
    from gespraech_assistant.lists import load_contacts

    note = _write(
        tmp_path,
        "apero.md",
        "Apéro mit Nadine Roos.\n\nTalwind Mobility AG baut "
        "den Einkauf aus und sucht zwei Leute.\n",
    )
    result = cli(
        "debrief",
        note,
        "--contact",
        "Nadine Roos",
        "--date",
        "2026-12-10",
        "--apply",
        "--yes",
        "-w",
        demo_ws,
    )
    assert result.exit_code == 0, result.output
    nadine = [c for c in load_contacts(demo_ws / "contacts.csv").records if c.name == "Nadine Roos"]
    assert len(nadine) == 1 and str(nadine[0].last_contact) == "2026-12-10"


def test_rehearsal_transcript_is_practice_not_a_conversation(cli, demo_ws, tmp_path):
    transcript = """---
contact: Martin Keller
date: 2026-11-02
kind: rehearsal
---
# Probegespräch mit Martin Keller

## Scorecard (2/7)

- ✗ **Feedback zu Chancen und Lücken erbeten**
  - → Fragen Sie nach Ihren Chancen.

## Verlauf

**Martin Keller:** Bei Alpenblick suchen wir ab Januar jemanden für das Werk Gliwice.

> Coach: ✗ Feedback erbeten

**Ich:** Ich schicke Ihnen bis Freitag meinen Lebenslauf.

**Martin Keller:** Sprechen Sie mit Frau Katrin Moser, Leiterin HR bei Alpenblick.
"""
    note = _write(tmp_path, "rehearsal.md", transcript)
    data = _json(cli("debrief", note, "--json", "-w", demo_ws))
    assert data["partner"] == "Martin Keller" and data["meeting_date"] == "2026-11-02"
    x = data["extraction"]
    assert x["thank_you"] == "" and "Probegespräch" in x["summary"]
    # the simulated partner's lines and the scorecard are no information
    assert x["new_contacts"] == [] and x["company_hints"] == []
    assert not any("Feedback" in i or "Gliwice" in i for i in x["information"])
    assert x["next_steps"] == []  # promises to a simulated partner are no to-dos
    shown = cli("debrief", note, "-w", demo_ws)
    assert shown.exit_code == 0 and "Dankesnachricht" not in shown.stdout
    applied = cli("debrief", note, "--apply", "--yes", "-w", demo_ws)
    assert applied.exit_code == 2 and "Probegespräch" in applied.output


def test_empty_notes_are_a_usage_error(cli, demo_ws, tmp_path):
    empty = _write(tmp_path, "empty.md", "\n  \n")
    for args, stdin in (((empty,), None), (("-",), "")):
        result = cli("debrief", *args, "--contact", "Martin Keller", "-w", demo_ws, input=stdin)
        assert result.exit_code == 2 and "leer" in result.output
        assert "Dankesnachricht" not in result.output


def test_apply_without_terminal_exits_2_in_a_real_process(demo_ws, tmp_path):
    from tests.conftest import run_gespraech

    note = _write(tmp_path, "note.md", TEMPLATE_DE)
    before = (demo_ws / "contacts.csv").read_bytes()
    result = run_gespraech(
        "debrief", str(note), "-c", "Martin Keller", "--apply", "-w", str(demo_ws), input=""
    )
    assert result.returncode == 2 and "--yes" in result.stderr
    assert (demo_ws / "contacts.csv").read_bytes() == before


def test_apply_never_overwrites_a_hand_written_debrief(cli, demo_ws, tmp_path):
    own = demo_ws / "history" / "2026-09-15-sandra-huber.md"
    before = own.read_bytes()
    note = _write(tmp_path, "n.md", "Kaffee mit Sandra.\n\nIch schicke ihr bis Freitag den CV.\n")
    result = cli(
        "debrief",
        note,
        "--contact",
        "Sandra Huber",
        "--date",
        "2026-09-15",
        "--apply",
        "--yes",
        "-w",
        demo_ws,
    )
    assert result.exit_code == 0, result.output
    assert own.read_bytes() == before
    assert (demo_ws / "history" / "2026-09-15-sandra-huber-2.md").is_file()
