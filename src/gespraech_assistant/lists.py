"""contacts.csv and targets.csv as users really keep them.

Reads UTF-8 (with or without BOM) and cp1252 from German Excel, comma or semicolon,
German or English headers in any case. Writes keep the encoding, delimiter, line endings,
unknown columns and their order; values the program did not touch stay byte-identical.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from gespraech_assistant import atomic
from gespraech_assistant.errors import ConcurrentEditError, DataError
from gespraech_assistant.models import Contact, Target
from gespraech_assistant.textnorm import fold, normalize_company, normalize_name

CONTACT_COLUMNS = [
    "name",
    "company",
    "role",
    "email",
    "phone",
    "linkedin",
    "relation",
    "introduced_by",
    "last_contact",
    "tags",
    "notes",
]
TARGET_COLUMNS = ["company", "industry", "location", "priority", "status", "contacts", "notes"]

CONTACT_ALIASES = {
    "name": "name",
    "vollstaendiger_name": "name",
    "full_name": "name",
    "company": "company",
    "firma": "company",
    "unternehmen": "company",
    "arbeitgeber": "company",
    "role": "role",
    "rolle": "role",
    "funktion": "role",
    "position": "role",
    "titel": "role",
    "email": "email",
    "e_mail": "email",
    "mail": "email",
    "email_address": "email",
    "phone": "phone",
    "telefon": "phone",
    "tel": "phone",
    "mobile": "phone",
    "handy": "phone",
    "linkedin": "linkedin",
    "linkedin_url": "linkedin",
    "relation": "relation",
    "beziehung": "relation",
    "introduced_by": "introduced_by",
    "vermittelt_durch": "introduced_by",
    "last_contact": "last_contact",
    "letzter_kontakt": "last_contact",
    "tags": "tags",
    "schlagworte": "tags",
    "stichworte": "tags",
    "notes": "notes",
    "notizen": "notes",
    "bemerkungen": "notes",
    "notiz": "notes",
}
TARGET_ALIASES = {
    "company": "company",
    "firma": "company",
    "unternehmen": "company",
    "industry": "industry",
    "branche": "industry",
    "location": "location",
    "ort": "location",
    "standort": "location",
    "priority": "priority",
    "prioritaet": "priority",
    "prio": "priority",
    "status": "status",
    "contacts": "contacts",
    "kontakte": "contacts",
    "ansprechpartner": "contacts",
    "notes": "notes",
    "notizen": "notes",
    "bemerkungen": "notes",
}
RELATION_VALUES = {
    "primary": "primary",
    "primaer": "primary",
    "direkt": "primary",
    "direct": "primary",
    "secondary": "secondary",
    "sekundaer": "secondary",
    "indirekt": "secondary",
    "indirect": "secondary",
}
MAX_ERRORS_SHOWN = 5
_HARMLESS_SIGNED = re.compile(r"[+-]?[\d\s()./-]+")


@functools.lru_cache(maxsize=1024)  # called for every header of every row
def header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(header)).strip("_")


def safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas in values that come from outside the user's file."""
    if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _HARMLESS_SIGNED.fullmatch(value):
        return "'" + value
    return value


def parse_date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


# ---------------------------------------------------------------- raw CSV file


@dataclass
class CsvFile:
    path: Path
    header: list[str]
    rows: list[list[str]]
    row_lines: list[int]
    encoding: str = "utf-8"
    delimiter: str = ","
    newline: str = "\n"
    digest: str | None = None

    def column_of(self, aliases: dict[str, str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for i, name in enumerate(self.header):
            canonical = aliases.get(header_key(name))
            if canonical and canonical not in found:
                found[canonical] = i
        return found


def decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # Line by line: rows pasted from a UTF-8 source into a cp1252 sheet stay readable
        # (decoded as a whole, 'Łukasz' became 'Å\ufffdukasz' and was lost on the next write).
        lines = data.splitlines(keepends=True)
        return "".join(_decode_line(line) for line in lines), "cp1252"


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path, default_header: list[str]) -> CsvFile:
    if not path.exists():
        return CsvFile(path=path, header=list(default_header), rows=[], row_lines=[])
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise DataError(
            path,
            None,
            "is a binary file, not a CSV table.",
            "Export the sheet as CSV (UTF-8) from your spreadsheet program.",
        )
    text, encoding = decode(data)
    newline = "\r\n" if "\r\n" in text[:65536] else "\n"
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = _sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            if header is None:
                if any(cell.strip() for cell in record):
                    header = [cell.strip() for cell in record]
            elif any(cell.strip() for cell in record):
                rows.append(record)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(
            path,
            reader.line_num,
            f"broken CSV ({exc})",
            "Check quotes on that line, then save the file again.",
        ) from None
    digest = hashlib.sha256(data).hexdigest()
    return CsvFile(
        path=path,
        header=header or list(default_header),
        rows=rows,
        row_lines=lines,
        encoding=encoding,
        delimiter=delimiter,
        newline=newline,
        digest=digest,
    )


def render_csv(table: CsvFile) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=table.delimiter, lineterminator=table.newline)
    # csv quotes only the line terminator's own characters: a bare "\r" in a cell would be
    # written unquoted and split the row when read back; such rows are quoted in full.
    quoted = csv.writer(
        out, delimiter=table.delimiter, lineterminator=table.newline, quoting=csv.QUOTE_ALL
    )
    width = len(table.header)
    for row in [table.header, *table.rows]:
        cells = row + [""] * (width - len(row))
        (quoted if any("\r" in c for c in cells) else writer).writerow(cells)
    return out.getvalue()


def write_csv(table: CsvFile, workspace_root: Path | None) -> list[str]:
    """Atomic write with backup; refuses to overwrite an edit made since the read."""
    current = table.path.read_bytes() if table.path.exists() else None
    current_digest = hashlib.sha256(current).hexdigest() if current is not None else None
    if current_digest != table.digest:
        raise ConcurrentEditError(
            f"{table.path.name} was changed by someone else since gespraech read it "
            "(edited in a spreadsheet?). Nothing was written.",
            "Save and close it in the other program, then run the command again.",
        )
    warnings: list[str] = []
    text = render_csv(table)
    try:
        data = text.encode(table.encoding)  # "utf-8-sig" writes the BOM itself
    except UnicodeEncodeError:
        warnings.append(
            f"{table.path.name}: a name does not fit {table.encoding}; "
            "the file is now saved as UTF-8 with BOM (Excel reads it)."
        )
        table.encoding = "utf-8-sig"
        data = text.encode("utf-8-sig")
    atomic.write_bytes(table.path, data, workspace_root=workspace_root)
    table.digest = hashlib.sha256(data).hexdigest()
    return warnings


# ---------------------------------------------------------------- typed tables

R = TypeVar("R", bound=BaseModel)


@dataclass
class Table(Generic[R]):
    """Typed records over a CsvFile; records[i] belongs to file.rows[i]."""

    file: CsvFile
    records: list[R]
    aliases: dict[str, str]
    columns: list[str]
    workspace_root: Path | None = None
    changed: bool = field(default=False)

    def _column(self, name: str) -> int:
        cols = self.file.column_of(self.aliases)
        if name in cols:
            return cols[name]
        self.file.header.append(name)
        return len(self.file.header) - 1

    def _set(self, row: list[str], name: str, value: str) -> None:
        idx = self._column(name)
        while len(row) <= idx:
            row.append("")
        if row[idx] != value:
            row[idx] = value
            self.changed = True

    def _cells(self, record: R) -> dict[str, str]:
        out = {}
        for name in self.columns:
            value = getattr(record, name)
            if value is None:
                value = ""
            out[name] = value.isoformat() if isinstance(value, date) else str(value)
        return out

    def append(self, record: R) -> None:
        row: list[str] = [""] * len(self.file.header)
        self.file.rows.append(row)
        self.file.row_lines.append(0)
        present = self.file.column_of(self.aliases)
        for name, value in self._cells(record).items():
            default = type(record).model_fields[name].default
            # Don't add a column to the user's file just to hold a default value.
            if value and (name in present or value != default):
                self._set(row, name, safe_cell(value))
        self.records.append(record)
        self.changed = True

    def update(self, index: int, **fields: object) -> None:
        record = self.records[index].model_copy(update=fields)
        row = self.file.rows[index]
        cells = self._cells(record)
        for name in fields:
            self._set(row, name, safe_cell(cells[name]))
        self.records[index] = record

    def remove(self, index: int) -> R:
        self.file.rows.pop(index)
        self.file.row_lines.pop(index)
        self.changed = True
        return self.records.pop(index)

    def save(self) -> list[str]:
        if not self.changed:
            return []
        warnings = write_csv(self.file, self.workspace_root)
        self.changed = False
        return warnings


def _row_dict(table: CsvFile, row: list[str], aliases: dict[str, str]) -> tuple[dict, dict]:
    cols = table.column_of(aliases)
    known = {name: (row[i].strip() if i < len(row) else "") for name, i in cols.items()}
    known_idx = set(cols.values())
    extra = {
        h: (row[i] if i < len(row) else "")
        for i, h in enumerate(table.header)
        if i not in known_idx
    }
    return known, extra


def _raise_problems(path: Path, problems: list[tuple[int, str]], kind: str) -> None:
    if not problems:
        return
    shown = "\n".join(f"  line {line}: {msg}" for line, msg in problems[:MAX_ERRORS_SHOWN])
    more = len(problems) - MAX_ERRORS_SHOWN
    if more > 0:
        shown += f"\n  … and {more} more"
    first = problems[0][0]
    raise DataError(
        path,
        first,
        f"{len(problems)} row(s) of the {kind} cannot be read; nothing was changed:\n{shown}",
        "Fix these lines in a spreadsheet or text editor and run the command again.",
    )


def _contact_from(known: dict, extra: dict, line: int) -> Contact:
    if not known.get("name"):
        raise ValueError("the name is empty (the column `name`/`Name` is required)")
    relation_raw = known.get("relation", "")
    if relation_raw:
        relation = RELATION_VALUES.get(fold(relation_raw).strip())
        if relation is None:
            raise ValueError(f"relation {relation_raw!r} is unknown; use primary or secondary")
    else:
        relation = "secondary" if known.get("introduced_by") else "primary"
    try:
        last = parse_date(known.get("last_contact", ""))
    except ValueError:
        raise ValueError(
            f"last_contact {known.get('last_contact')!r} is not a date; "
            "write it as YYYY-MM-DD, e.g. 2026-03-31"
        ) from None
    fields = {k: v for k, v in known.items() if k in CONTACT_COLUMNS}
    fields.update(relation=relation, last_contact=last)
    return Contact(**fields, line=line, extra=extra)


def _target_from(known: dict, extra: dict, line: int) -> Target:
    if not known.get("company"):
        raise ValueError("the company is empty (the column `company`/`Firma` is required)")
    priority = known.get("priority", "").strip().upper() or None
    if priority not in (None, "A", "B", "C"):
        raise ValueError(f"priority {known['priority']!r} is unknown; use A, B or C")
    fields = {k: v for k, v in known.items() if k in TARGET_COLUMNS}
    fields["priority"] = priority
    return Target(**fields, line=line, extra=extra)


def _load(
    path: Path,
    columns: list[str],
    aliases: dict[str, str],
    build,
    required: str,
    kind: str,
    workspace_root: Path | None,
) -> Table:
    csv_file = read_csv(path, columns)
    if required not in csv_file.column_of(aliases):
        raise DataError(
            path,
            1,
            f"the header has no `{required}` column (found: {', '.join(csv_file.header)})",
            f"The first line must name the columns, e.g. {','.join(columns)}",
        )
    records, problems = [], []
    for row, line in zip(csv_file.rows, csv_file.row_lines, strict=True):
        known, extra = _row_dict(csv_file, row, aliases)
        try:
            records.append(build(known, extra, line))
        except ValueError as exc:
            problems.append((line, str(exc)))
    _raise_problems(path, problems, kind)
    return Table(
        file=csv_file,
        records=records,
        aliases=aliases,
        columns=columns,
        workspace_root=workspace_root,
    )


def load_contacts(path: Path, workspace_root: Path | None = None) -> Table[Contact]:
    return _load(
        path,
        CONTACT_COLUMNS,
        CONTACT_ALIASES,
        _contact_from,
        "name",
        "contact list",
        workspace_root,
    )


def load_targets(path: Path, workspace_root: Path | None = None) -> Table[Target]:
    return _load(
        path, TARGET_COLUMNS, TARGET_ALIASES, _target_from, "company", "target list", workspace_root
    )


# ---------------------------------------------------------------- lookups


def find_contacts(contacts: list[Contact], query: str) -> list[Contact]:
    """Tolerant lookup: exact normalised name, else all names containing every query word."""
    wanted = normalize_name(query)
    if not wanted:
        return []
    exact = [c for c in contacts if normalize_name(c.name) == wanted]
    if exact:
        return exact
    parts = wanted.split()
    return [c for c in contacts if all(p in normalize_name(c.name).split() for p in parts)] or [
        c for c in contacts if all(p in normalize_name(c.name) for p in parts)
    ]


def find_targets(targets: list[Target], company: str) -> list[Target]:
    wanted = normalize_company(company)
    return [t for t in targets if normalize_company(t.company) == wanted]
