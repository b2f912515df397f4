"""Benchmark: `match` on a generated workspace with 5,000 contacts and 200 targets (< 2 s).

Run: python -m eval.bench_match [--contacts 5000] [--targets 200] [--runs 3]

The workspace looks like a LinkedIn import plus the user's own notes: mostly primary contacts,
a share introduced by others, free-text notes with former employers and clubs, person notes
with CVs, debriefs that mention other contacts. Everything is generated from a fixed seed.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST = [
    "Anna",
    "Beat",
    "Carla",
    "Daniel",
    "Eva",
    "Fabian",
    "Gina",
    "Hans",
    "Ines",
    "Jonas",
    "Karin",
    "Luca",
    "Mia",
    "Nico",
    "Olga",
    "Peter",
    "Rita",
    "Simon",
    "Tina",
    "Urs",
    "Vera",
    "Walter",
    "Yvonne",
    "Zora",
    "Marco",
    "Sandra",
    "Thomas",
    "Julia",
    "Martin",
    "Lea",
]
LAST = [
    "Huber",
    "Keller",
    "Weber",
    "Meier",
    "Brunner",
    "Steiner",
    "Ammann",
    "Roth",
    "Wyss",
    "Frei",
    "Graf",
    "Kunz",
    "Vogel",
    "Baer",
    "Blum",
    "Lang",
    "Kurz",
    "Gerber",
    "Suter",
    "Baumann",
    "Fischer",
    "Schmid",
    "Moser",
    "Zimmermann",
    "Marti",
    "Widmer",
    "Kaufmann",
    "Egli",
    "Bieri",
    "Hofer",
    "Frey",
    "Buehler",
    "Luethi",
    "Sutter",
    "Rey",
]
WORDS = [
    "Alpen",
    "Rhein",
    "Limmat",
    "Saentis",
    "Jura",
    "Aare",
    "Linth",
    "Toess",
    "Glatt",
    "Reuss",
    "Emme",
    "Thur",
    "Sihl",
    "Pilatus",
    "Rigi",
    "Titlis",
    "Gotthard",
    "Bernina",
    "Nord",
    "Sued",
    "Ost",
    "West",
    "Helvetia",
    "Alpina",
    "Lacus",
    "Vitra",
]
SECTORS = [
    ("Medtech", "Medtech"),
    ("Logistik", "Logistik"),
    ("Pharma", "Pharma"),
    ("Energie", "Energie"),
    ("Maschinenbau", "Maschinen"),
    ("Bank", "Finanz"),
]
TOWNS = [
    "Zürich",
    "Winterthur",
    "Basel",
    "Bern",
    "St.Gallen",
    "Luzern",
    "Zug",
    "Aarau",
    "Chur",
    "Thun",
]
FORMS = ["AG", "GmbH", "SA", "AG", "Ltd"]
CLUBS = [
    "Alumni HSG",
    "HSG-Alumnus",
    "Mitglied im Rotary Club Zürich",
    "ZHAW-Alumni",
    "Vorstand im Turnverein Winterthur",
    "board member of the Swiss Supply Chain Forum",
]


def company_names(rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    names, seen = [], set()
    while len(names) < n:
        sector, stem = rng.choice(SECTORS)
        name = f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {stem} {rng.choice(FORMS)}"
        key = " ".join(name.split()[:2])  # unique without the legal form
        if key not in seen:
            seen.add(key)
            names.append((name, sector, rng.choice(TOWNS)))
    return names


def generate(root: Path, n_contacts: int, n_targets: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "gespraech.toml").write_text('language = "de"\n', encoding="utf-8")
    companies = company_names(rng, n_targets * 6)
    targets = companies[:n_targets]
    with open(root / "targets.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            ["company", "industry", "location", "priority", "status", "contacts", "notes"]
        )
        for name, sector, town in targets:
            writer.writerow([name, sector, town, rng.choice("AABBBCC"), "recherchiert", "", ""])
    people: list[str] = []
    rows = []
    for i in range(n_contacts):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i:04d}"  # unique, like real exports
        company, _sector, _town = rng.choice(companies[n_targets // 3 :])  # most work elsewhere
        relation, introduced = "primary", ""
        if people and rng.random() < 0.25:
            relation, introduced = "secondary", rng.choice(people)
        notes = []
        if rng.random() < 0.2:
            former = rng.choice(companies)[0].rsplit(" ", 1)[0]
            notes.append(
                rng.choice(["früher bei", "formerly at", "ehemals bei", "Ex-"]) + " " + former
            )
        if rng.random() < 0.1:
            notes.append(rng.choice(CLUBS))
        if people and rng.random() < 0.05:
            notes.append(f"Kennt {rng.choice(people)} gut.")
        rows.append(
            [
                name,
                company,
                "",
                relation,
                introduced,
                rng.choice(["", "linkedin"]),
                ". ".join(notes),
            ]
        )
        people.append(name)
    with open(root / "contacts.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "company", "role", "relation", "introduced_by", "tags", "notes"])
        writer.writerows(rows)
    notes_dir, history_dir = root / "notes" / "personen", root / "history"
    notes_dir.mkdir(parents=True)
    history_dir.mkdir()
    for i in range(100):
        person = rng.choice(people)
        former = rng.choice(companies)[0]
        cv = f"- 2012 – 2019: Leiterin Einkauf, {former}, Zürich\n- 2019 – heute: Head of Operations\n"
        (notes_dir / f"p{i}.md").write_text(
            f"---\nperson: {person}\n---\n# {person}\n\n{cv}", "utf-8"
        )
    for i in range(200):
        contact, other = rng.choice(people), rng.choice(people)
        text = (
            f"---\ncontact: {contact}\ndate: 2026-10-01\n---\n# Debrief\n\nHat {other} erwähnt.\n"
        )
        (history_dir / f"2026-10-01-{i}.md").write_text(text, "utf-8")


def time_library(root: Path, runs: int) -> tuple[float, float, float, object]:
    """Median wall time of graph build and of build + match, and CPU time of the first run
    (a fresh process: nothing cached yet)."""
    from gespraech_assistant.network import build_network, match_in
    from gespraech_assistant.workspace import open_workspace

    ws = open_workspace(root)
    build_times, total_times, cpu_first, report = [], [], 0.0, None
    for run in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        net = build_network(ws)
        built = time.perf_counter()
        report = match_in(net)
        build_times.append(built - start)
        total_times.append(time.perf_counter() - start)
        if run == 0:
            cpu_first = time.process_time() - cpu
    return statistics.median(build_times), statistics.median(total_times), cpu_first, report


def time_cli(root: Path, *args: str) -> tuple[float, float]:
    """Wall and CPU seconds of a whole `gespraech` process (start-up and imports included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "gespraech_assistant", *args, "-w", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"gespraech {' '.join(args)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--targets", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        generate(root, args.contacts, args.targets)
        build, total, cpu, report = time_library(root, args.runs)
        match_wall, match_cpu = min(
            (time_cli(root, "match", "--json") for _ in range(args.runs)), key=lambda t: t[0]
        )
        paths_wall, paths_cpu = time_cli(root, "paths", report.items[0].company)
        draw_wall, draw_cpu = time_cli(root, "network", "--out", str(Path(tmp) / "net.png"))
        print(
            f"workspace: {args.contacts} contacts, {args.targets} targets, "
            "100 person notes, 200 debriefs"
        )
        print(f"machine load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(
            f"match, library (build graph + match, median of {args.runs}): {total:.2f} s "
            f"(graph build {build:.2f} s; first run CPU {cpu:.2f} s)"
        )
        print(f"warm targets: {report.warm} of {report.total}")
        print(
            f"gespraech match --json, whole process (best of {args.runs}): "
            f"{match_wall:.2f} s wall, {match_cpu:.2f} s CPU"
        )
        print(
            f"gespraech paths TARGET, whole process: {paths_wall:.2f} s wall, {paths_cpu:.2f} s CPU"
        )
        print(
            f"gespraech network --out net.png, whole process: {draw_wall:.2f} s wall, {draw_cpu:.2f} s CPU"
        )
        verdict = "OK" if min(match_wall, match_cpu) < 2.0 else "TOO SLOW"
        print(f"target: match < 2 s -> {verdict}")


if __name__ == "__main__":
    main()
