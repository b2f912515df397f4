"""gespraech followups and debrief --mark-thanked on the demo workspace."""

from __future__ import annotations

import json

NOTE = """# Nachbearbeitung: Gespräch mit Martin Keller
## Informationen
- Alpenblick sucht ab Januar eine Leitung Supplier Quality
## Nächste Schritte
- Lebenslauf an Martin schicken, bis Montag
- SAP-Kurs buchen, Ende Monat
"""


def _followups(cli, ws, today: str) -> dict:
    result = cli("followups", "--today", today, "--json", "-w", ws)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _apply_note(cli, demo_ws, tmp_path):
    note = tmp_path / "note.md"
    note.write_text(NOTE, encoding="utf-8")
    result = cli(
        "debrief",
        note,
        "--contact",
        "Martin Keller",
        "--date",
        "2026-11-13",
        "--apply",
        "--yes",
        "-w",
        demo_ws,
    )
    assert result.exit_code == 0, result.output


def test_followups_lists_thanks_due_steps_and_stale_contacts(cli, demo_ws, tmp_path):
    _apply_note(cli, demo_ws, tmp_path)
    data = _followups(cli, demo_ws, "2026-11-16")
    owed = {t["contact"]: t for t in data["thank_you"]}
    assert owed["Martin Keller"]["file"] == "history/2026-11-13-martin-keller.md"
    steps = {s["text"]: s for s in data["steps"]}
    assert steps["Lebenslauf an Martin schicken, bis Montag"]["status"] == "today"
    # the demo debrief with Thomas Brunner has an open step "(bis 24.10.)": overdue
    overdue = [s for s in data["steps"] if s["contact"] == "Thomas Brunner"]
    assert overdue and all(s["status"] == "overdue" for s in overdue)
    assert overdue[0]["due"] == "2026-10-24"
    assert "Kurzsteckbrief an Sandra senden" not in steps  # ticked [x] in the demo debrief
    assert "SAP-Kurs buchen, Ende Monat" not in steps  # due 30.11., beyond 7 days
    stale = {c["name"] for c in data["stale"]}
    assert {"Andrea Meier", "Monika Steiner"} <= stale  # primary, last contact before Aug 24
    assert "Sandra Huber" not in stale and "Martin Keller" not in stale  # recent or secondary
    assert data["stale_weeks"] == 12


def test_mark_thanked_removes_the_entry(cli, demo_ws, tmp_path):
    _apply_note(cli, demo_ws, tmp_path)
    result = cli("debrief", "--mark-thanked", "martin keller", "-w", demo_ws)
    assert result.exit_code == 0, result.output
    history = (demo_ws / "history" / "2026-11-13-martin-keller.md").read_text(encoding="utf-8")
    assert "\nthanked: yes\n" in history
    data = _followups(cli, demo_ws, "2026-11-16")
    assert "Martin Keller" not in {t["contact"] for t in data["thank_you"]}
    again = cli("debrief", "--mark-thanked", "Martin Keller", "-w", demo_ws)
    assert again.exit_code == 2
    # re-applying the same debrief keeps the mark
    _apply_note(cli, demo_ws, tmp_path)
    assert "\nthanked: yes\n" in (demo_ws / "history" / "2026-11-13-martin-keller.md").read_text(
        encoding="utf-8"
    )


def test_stale_weeks_from_config_and_rich_output(cli, demo_ws):
    config = demo_ws / "gespraech.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\n[followups]\nstale_weeks = 2\n", encoding="utf-8"
    )
    data = _followups(cli, demo_ws, "2026-11-16")
    assert data["stale_weeks"] == 2
    assert "Sandra Huber" in {c["name"] for c in data["stale"]}
    text = cli("followups", "--today", "2026-11-16", "-w", demo_ws)
    assert text.exit_code == 0 and "Sandra Huber" in text.stdout
    assert "Dank ausstehend" in text.stdout and "--mark-thanked" in text.stdout


def test_followups_bad_today_exit_2(cli, demo_ws):
    result = cli("followups", "--today", "morgen", "-w", demo_ws)
    assert result.exit_code == 2
