"""forget erases a person for real (every byte of the workspace is scanned); export shows all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_gespraech

from gespraech_assistant.privacy import PersonMatcher

CANARY = "Xylona Quibbleworth"
NEEDLES = ("xylona", "quibbleworth")
KEPT_NOTE = "notes/firmen/acme-widgets.md"


def scan(root: Path, skip: set[str] = frozenset()) -> list[str]:
    """Every file, every byte: UTF-8, UTF-16 LE/BE and Latin-1, case-insensitive."""
    hits = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if not path.is_file() or rel in skip:
            continue
        data = path.read_bytes().lower()
        for needle in NEEDLES:
            forms = {needle.encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be", "latin-1")}
            if any(form in data for form in forms):
                hits.append(f"{rel} ({needle})")
    return hits


def plant_canary(ws: Path, cli) -> dict[str, bytes]:
    """The canary in every place the program keeps data; returns bytes that must survive."""
    run = lambda *a: cli(*a, "-w", ws)  # noqa: E731
    contacts = ws / "contacts.csv"
    # an unknown column, as users add them in Excel
    lines = contacts.read_text(encoding="utf-8").splitlines()
    lines[0] += ",Geburtstag"
    contacts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (
        run(
            "contacts",
            "add",
            CANARY,
            "--company",
            "Acme Widgets AG",
            "--email",
            "xylona.q@acme-widgets.example",
            "--introduced-by",
            "Sandra Huber",
            "--notes",
            "Kennt den CFO",
        ).exit_code
        == 0
    )
    assert run("contacts", "add", "Bruno Beispiel", "--introduced-by", CANARY).exit_code == 0
    assert (
        run(
            "targets",
            "add",
            "Acme Widgets AG",
            "--contacts",
            f"Thomas Brunner;{CANARY}",
            "--notes",
            f"Tipp von {CANARY.upper()}",
        ).exit_code
        == 0
    )
    (ws / "history" / "2026-10-01-xylona-quibbleworth.md").write_text(
        f"---\ncontact: {CANARY}\ndate: 2026-10-01\nkind: debrief\n---\n\n"
        "# Debrief\n\nSie sucht für Acme einen Einkaufsleiter.\n",
        encoding="utf-8",
    )
    thomas = ws / "history" / "2026-10-20-thomas-brunner.md"
    thomas.write_text(
        thomas.read_text(encoding="utf-8")
        + "\n- Thomas kennt auch Frau Quibbleworth (Quibbleworth, Xylona) von Acme.\n",
        encoding="utf-8",
    )
    (ws / KEPT_NOTE).write_text(
        "---\ncompany: Acme Widgets AG\n---\n\n# Acme Widgets\n\n"
        f"Laut {CANARY} baut Acme ein Werk in Brno.\n",
        encoding="utf-8",
    )
    profile = ws / "profile.md"
    profile.write_text(profile.read_text(encoding="utf-8") + f"\nReferenz: {CANARY}\n", "utf-8")
    drafts = ws / "drafts"
    drafts.mkdir()
    (drafts / "mail.txt").write_bytes(f"Liebe {CANARY}, danke!".encode("utf-16"))
    backups = ws / ".backups"
    (backups / "contacts.20260101T000000.000001.csv").write_bytes(
        f"name,company\n{CANARY},Acme\n".encode("utf-16")
    )
    (backups / "2026-10-01-xylona-quibbleworth.20261001T000000.000001.md").write_bytes(
        (ws / "history" / "2026-10-01-xylona-quibbleworth.md").read_bytes()
    )
    assert run("index").exit_code == 0
    assert scan(ws / ".index"), "the canary must be in the index before forget"
    return {"rows": b"\n".join(contacts.read_bytes().splitlines()[1:4])}


def test_forget_leaves_no_byte_of_the_canary(demo_ws, cli):
    must_survive = plant_canary(demo_ws, cli)
    check_export(demo_ws)
    old_index_files = {p for p in (demo_ws / ".index").rglob("*") if p.is_file()}
    before = scan(demo_ws)
    assert any(h.startswith(".backups/") for h in before)
    assert any(h.startswith("drafts/") for h in before)

    done = run_gespraech(
        "forget",
        "xylona quibbleworth",
        "-w",
        demo_ws,
        input="keep\ny\n",
        env={"GESPRAECH_DEBUG": ""},
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert KEPT_NOTE in done.stdout  # listed for the user to decide

    assert scan(demo_ws, skip={KEPT_NOTE}) == []
    assert scan(demo_ws / "notes" / "firmen")  # the note the user chose to keep is untouched
    assert not (demo_ws / "history" / "2026-10-01-xylona-quibbleworth.md").exists()
    # the old index is really gone (not just entries deleted), a fresh one works
    assert all(
        not p.exists() for p in old_index_files if "chroma" in p.parts and p.suffix == ".bin"
    )
    # other people's data is untouched
    contacts = (demo_ws / "contacts.csv").read_bytes()
    assert must_survive["rows"] in contacts
    assert b"Geburtstag" in contacts.splitlines()[0]
    bruno = [r for r in contacts.decode().splitlines() if r.startswith("Bruno Beispiel")]
    assert len(bruno) == 1
    targets = (demo_ws / "targets.csv").read_text(encoding="utf-8")
    acme = next(line for line in targets.splitlines() if line.startswith("Acme Widgets AG"))
    assert "Thomas Brunner" in acme and "[entfernt]" in acme
    assert "Tössthal" in (demo_ws / "history" / "2026-10-20-thomas-brunner.md").read_text("utf-8")
    asked = run_gespraech("ask", "Werk in Brno", "--json", "-w", demo_ws)
    assert asked.returncode == 0, asked.stderr
    assert any(p["source"] == KEPT_NOTE for p in json.loads(asked.stdout))


def test_forget_with_redacted_notes_and_json(empty_ws):
    ws = empty_ws
    (ws / "contacts.csv").write_text(
        f"name,company,notes\n{CANARY},Acme,\nJulia Weber,Medivo,kennt {CANARY}\n", "utf-8"
    )
    (ws / "notes" / "acme.md").write_text(f"{CANARY} sagt: Quibbleworth, Xylona.\n", "utf-8")
    done = run_gespraech("forget", CANARY, "--yes", "--notes", "redact", "--json", "-w", ws)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["applied"] and report["contacts_rows_removed"] == 1
    assert report["notes_mentioning"] == ["notes/acme.md"] and report["remaining"] == []
    assert scan(ws) == []
    assert "Julia Weber,Medivo,kennt [entfernt]" in (ws / "contacts.csv").read_text("utf-8")


def test_forget_asks_and_cancel_changes_nothing(demo_ws):
    before = (demo_ws / "contacts.csv").read_bytes()
    done = run_gespraech("forget", "Julia Weber", "-w", demo_ws, input="keep\nn\n")
    assert done.returncode == 1
    assert (demo_ws / "contacts.csv").read_bytes() == before


@pytest.mark.parametrize(
    "args, needle",
    [
        (("forget", "Weber", "--yes"), "Weber"),  # not a contact, one word: too vague
        (("forget", "Julia Weber", "--json"), "--yes"),
        (("forget", "Julia Weber", "--yes", "--notes", "burn"), "keep, redact or delete"),
    ],
)
def test_forget_refuses_unclear_requests(empty_ws, args, needle):
    done = run_gespraech(*args, "-w", empty_ws, env={"GESPRAECH_DEBUG": ""})
    assert done.returncode == 2
    assert needle in done.stderr and "Traceback" not in done.stderr


def test_matcher_is_tolerant_but_hits_nobody_else():
    m = PersonMatcher.build("Beat Zürcher", others=["Anna Zürcher"])
    for text in (
        "Beat Zürcher",
        "BEAT ZUERCHER",
        "beat-zuercher",
        "Zürcher, Beat",
        "Beat\nZürcher",
    ):
        assert m.mentions(text), text
    for text in ("Beat Zürchermann", "Anna Zürcher", "Herr Zürcher", "Beate Zürcher", "Beat"):
        assert not m.mentions(text), text
    zoe = PersonMatcher.build("Zoe Schoen")
    assert all(zoe.mentions(t) for t in ("Zoë Schön", "ZOE SCHOEN", "Zoé Schön", "Schön, Zoë"))
    assert not zoe.mentions("Zora Schön")
    alone = PersonMatcher.build("Julia Weber", others=["Martin Keller"])
    assert alone.mentions("Frau Weber sagte") and not alone.mentions("Max Weber")
    assert alone.redact("Mit Julia Weber und Max Weber", "[x]") == ("Mit [x] und Max Weber", 1)
    assert alone.is_person("Dr. Julia Weber") and not alone.is_person("Julia Webers")


def check_export(demo_ws: Path) -> None:
    """Right of access, on the planted workspace before forget."""
    done = run_gespraech("export", "Quibbleworth", "--json", "-w", demo_ws)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["person"] == CANARY
    assert data["contact"]["email"] == "xylona.q@acme-widgets.example"
    assert "Geburtstag" in data["contact"]["extra"]
    assert any("Bruno Beispiel" in m["text"] for m in data["other_contacts"])
    assert {t["field"] for t in data["targets"]} >= {"contacts", "notes"}
    own = [h for h in data["history"] if h["own"]]
    assert own and "Einkaufsleiter" in own[0]["text"]
    assert any("Frau Quibbleworth" in h["text"] for h in data["history"] if not h["own"])
    assert any(n["source"] == KEPT_NOTE and "Brno" in n["text"] for n in data["notes"])
    assert "drafts/mail.txt" in data["other_files"] and "profile.md" in data["other_files"]
    assert any(f.startswith(".index/") for f in data["other_files"])
    text = run_gespraech("export", CANARY, "-w", demo_ws)
    assert text.returncode == 0 and "Acme Widgets AG" in text.stdout


def test_forget_without_an_answer_is_a_usage_error_and_changes_nothing(demo_ws):
    before = (demo_ws / "contacts.csv").read_bytes()
    done = run_gespraech(
        "forget", "Julia Weber", "-w", demo_ws, input="", env={"GESPRAECH_DEBUG": ""}
    )
    assert done.returncode == 2, done.stderr
    assert "--yes" in done.stderr and "Traceback" not in done.stderr
    assert (demo_ws / "contacts.csv").read_bytes() == before


def test_forget_of_someone_unknown_changes_nothing(demo_ws, cli):
    before = (demo_ws / "contacts.csv").read_bytes()
    result = cli("forget", "Xaver Unbekannt", "--yes", "-w", demo_ws)
    assert result.exit_code == 0
    assert "nichts geändert" in result.output
    assert (demo_ws / "contacts.csv").read_bytes() == before
