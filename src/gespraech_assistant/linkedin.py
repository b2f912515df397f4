"""Import LinkedIn's data export (Connections.csv) into contacts.csv without duplicates."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path

from gespraech_assistant.errors import DataError
from gespraech_assistant.i18n import bi, msg
from gespraech_assistant.lists import Table, decode
from gespraech_assistant.models import Contact, ImportReport
from gespraech_assistant.textnorm import name_keys, normalize_name, same_company

HEADER_START = "first name"


def normalize_url(url: str) -> str:
    url = url.strip().lower().split("?", 1)[0].rstrip("/")
    return re.sub(r"^https?://(www\.)?", "", url)


def parse_connected_on(text: str) -> date | None:
    for fmt in ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def read_connections(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Rows with their line numbers; skips the 'Notes:' preamble before the header."""
    try:
        text, _ = decode(path.read_bytes())
    except OSError as exc:
        raise DataError(
            path, None, bi(de="nicht lesbar ({e})", en="cannot be read ({e})", e=exc.strerror)
        ) from None
    lines = text.splitlines()
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if line.lstrip('\ufeff"').lower().startswith(HEADER_START)
        ),
        None,
    )
    if start is None:
        raise DataError(
            path,
            None,
            bi(
                de="keine Kopfzeile 'First Name,Last Name,URL,…' gefunden",
                en="no header 'First Name,Last Name,URL,…' found",
            ),
            bi(
                de="Die Datei Connections.csv aus dem LinkedIn-Datenexport verwenden "
                "(Einstellungen › Datenschutz › Kopie Ihrer Daten anfordern).",
                en="Use the file Connections.csv from LinkedIn's data export "
                "(Settings › Data privacy › Get a copy of your data).",
            ),
        )
    reader = csv.DictReader(io.StringIO("\n".join(lines[start:])))
    rows = []
    for offset, row in enumerate(reader):
        clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        rows.append((start + 2 + offset, clean))
    return rows


def merge_connections(
    table: Table[Contact], rows: list[tuple[int, dict[str, str]]], lang: str
) -> ImportReport:
    report = ImportReport()
    by_url = {normalize_url(c.linkedin): i for i, c in enumerate(table.records) if c.linkedin}
    by_name = {key: i for i, c in enumerate(table.records) for key in name_keys(c.name)}
    for line, row in rows:
        name = " ".join(p for p in (row.get("first name", ""), row.get("last name", "")) if p)
        if not normalize_name(name):
            report.skipped += 1
            report.problems.append(
                msg(
                    lang,
                    de="Zeile {line}: kein Name, übersprungen",
                    en="line {line}: no name, skipped",
                    line=line,
                )
            )
            continue
        url = row.get("url", "")
        index = by_url.get(normalize_url(url)) if url else None
        if index is None:
            index = next((by_name[k] for k in name_keys(name) if k in by_name), None)
            known_url = table.records[index].linkedin if index is not None else ""
            if index is not None and url and known_url:
                index = None  # same name, another profile: a different person
        fields = {
            "company": row.get("company", ""),
            "role": row.get("position", ""),
            "email": row.get("email address", ""),
            "linkedin": url,
        }
        if index is None:
            _add(table, name, fields, row.get("connected on", ""), lang)
            for key in name_keys(name):
                by_name[key] = len(table.records) - 1
            if url:
                by_url[normalize_url(url)] = len(table.records) - 1
            report.added += 1
        elif _update(table, index, fields, lang):
            report.updated += 1
        else:
            report.skipped += 1
    return report


def _add(
    table: Table[Contact], name: str, fields: dict[str, str], connected: str, lang: str
) -> None:
    since = parse_connected_on(connected) if connected else None
    note = (
        msg(
            lang,
            de="LinkedIn-Kontakt seit {d}",
            en="LinkedIn connection since {d}",
            d=since.isoformat(),
        )
        if since
        else ""
    )
    table.append(
        Contact(
            name=name,
            relation="primary",
            tags="linkedin",
            notes=note,
            **{k: v for k, v in fields.items() if v},
        )
    )


def _update(table: Table[Contact], index: int, fields: dict[str, str], lang: str) -> bool:
    """Fill empty fields; a changed employer is updated and the old one kept as 'früher bei'."""
    contact = table.records[index]
    changes: dict[str, str] = {}
    for key, value in fields.items():
        old = getattr(contact, key)
        if value and not old:
            changes[key] = value
    new_company = fields.get("company", "")
    if new_company and contact.company and not same_company(new_company, contact.company):
        changes["company"] = new_company
        if fields.get("role"):
            changes["role"] = fields["role"]
        former = msg(lang, de="früher bei {c}", en="formerly at {c}", c=contact.company)
        if former not in contact.notes:
            changes["notes"] = f"{contact.notes}; {former}" if contact.notes else former
    if changes:
        table.update(index, **changes)
    return bool(changes)
