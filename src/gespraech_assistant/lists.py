"""contacts.csv and targets.csv as users really keep them.

Reads UTF-8 (with or without BOM), cp1252 from German Excel and Excel's UTF-16 "Unicode text";
comma, semicolon or tab; German or English headers in any case. Writes keep the encoding, delimiter, line endings,
unknown columns and their order; values the program did not touch stay byte-identical.
"""

from __future__ import annotations

import csv
import difflib
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
from gespraech_assistant.i18n import Text, bi
from gespraech_assistant.models import Contact, Target
from gespraech_assistant.textnorm import fold, loose_name_key, name_keys, normalize_company

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
GERMAN_RELATION = {"primary": "primär", "secondary": "sekundär"}
PRIORITY_VALUES = {
    "a": "A",
    "b": "B",
    "c": "C",
    "hoch": "A",
    "high": "A",
    "mittel": "B",
    "medium": "B",
    "niedrig": "C",
    "tief": "C",
    "low": "C",
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


def parse_relation(text: str) -> str | None:
    """'primär', 'Sekundär', 'direct' … -> 'primary'/'secondary'; None if unknown."""
    return RELATION_VALUES.get(fold(text).strip())


def parse_priority(text: str) -> str | None:
    """'A', 'hoch', 'high' -> 'A' … ; None if unknown."""
    return PRIORITY_VALUES.get(fold(text).strip())


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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export: UTF-16 with BOM, tab-separated; written back the same way
        return data.decode("utf-16", errors="replace"), "utf-16"
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
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(
            path,
            None,
            bi(
                de="ist eine Binärdatei, keine CSV-Tabelle.",
                en="is a binary file, not a CSV table.",
            ),
            bi(
                de="Die Tabelle im Tabellenprogramm als CSV (UTF-8) exportieren.",
                en="Export the sheet as CSV (UTF-8) from your spreadsheet program.",
            ),
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
            bi(de="defektes CSV ({e})", en="broken CSV ({e})", e=exc),
            bi(
                de="Die Anführungszeichen in dieser Zeile prüfen und die Datei neu speichern.",
                en="Check quotes on that line, then save the file again.",
            ),
        ) from None
    _check_quotes(path, text, delimiter, len(header or default_header), rows, lines)
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


def _runaway_line(row: list[str], start: int, delimiter: str, width: int) -> int | None:
    """The line where a quote opened that swallowed whole rows: a quoted cell whose later
    lines look like full rows of their own (as many delimiters as the header; a multi-line
    note rarely holds that many)."""
    line = start
    for cell in row:
        parts = cell.split("\n")
        if any(p.count(delimiter) >= max(2, width - 1) for p in parts[1:]):
            return line
        line += len(parts) - 1
    return None


def _ends_inside_quotes(text: str, delimiter: str) -> bool:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error as exc:
        return "end of data" in str(exc)
    return False


def _check_quotes(
    path: Path, text: str, delimiter: str, width: int, rows: list[list[str]], lines: list[int]
) -> None:
    """A quote that is opened and never closed makes csv read the following rows as part of
    one field and silently lose them; name the line instead."""
    opened = None
    for row, start in zip(rows, lines, strict=True):
        opened = _runaway_line(row, start, delimiter, width)
        if opened:
            break
    multiline_last = bool(rows) and any("\n" in c for c in rows[-1])
    if opened is None and multiline_last and _ends_inside_quotes(text, delimiter):
        opened = lines[-1]
    if opened is None:
        return
    raise DataError(
        path,
        opened,
        bi(
            de='ein Anführungszeichen (") öffnet hier ein Feld und wird nie geschlossen; '
            "die folgenden Zeilen würden Teil dieses Felds. Nichts wurde geändert.",
            en='a quote (") opens a field here and is never closed, so the following lines '
            "would become part of that field. Nothing was changed.",
        ),
        bi(
            de='In Zeile {n} das fehlende " ergänzen oder das überzählige entfernen und '
            "die Datei speichern.",
            en='On line {n}, add the missing " or remove the stray one, then save the file.',
            n=opened,
        ),
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
            bi(
                de="{f} wurde geändert, seit gespraech sie gelesen hat (im Tabellenprogramm "
                "bearbeitet?). Nichts wurde geschrieben.",
                en="{f} was changed by someone else since gespraech read it "
                "(edited in a spreadsheet?). Nothing was written.",
                f=table.path.name,
            ),
            bi(
                de="Die Datei im anderen Programm speichern und schliessen, dann den Befehl "
                "noch einmal ausführen.",
                en="Save and close it in the other program, then run the command again.",
            ),
        )
    warnings: list[str] = []  # shown in the workspace language (see i18n.Text)
    text = render_csv(table)
    try:
        data = text.encode(table.encoding)  # "utf-8-sig" writes the BOM itself
    except UnicodeEncodeError:
        warnings.append(
            bi(
                de="{f}: ein Name passt nicht in {e}; die Datei ist jetzt als UTF-8 mit BOM "
                "gespeichert (Excel liest das).",
                en="{f}: a name does not fit {e}; "
                "the file is now saved as UTF-8 with BOM (Excel reads it).",
                f=table.path.name,
                e=table.encoding,
            ).render()
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
        if out.get("relation") and self._writes_german_relations():
            out["relation"] = GERMAN_RELATION[out["relation"]]
        return out

    def _writes_german_relations(self) -> bool:
        """A file whose rows say primär/sekundär gets new rows in the same words."""
        column = self.file.column_of(self.aliases).get("relation")
        if column is None:
            return False
        spelled = [fold(row[column]).strip() for row in self.file.rows if column < len(row)]
        german = sum(v in ("primaer", "sekundaer", "direkt", "indirekt") for v in spelled)
        return german > 0 and german * 2 >= sum(bool(v) for v in spelled)

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


class RowProblem(ValueError):
    """One unreadable row, said in both languages."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def _raise_problems(path: Path, problems: list[tuple[int, Text]], kind: Text) -> None:
    if not problems:
        return
    first, count, more = problems[0][0], len(problems), len(problems) - MAX_ERRORS_SHOWN

    def listing(lang: str) -> str:
        word = "Zeile" if lang == "de" else "line"
        shown = [f"  {word} {n}: {t.render(lang)}" for n, t in problems[:MAX_ERRORS_SHOWN]]
        if more > 0:
            shown.append(f"  … und {more} weitere" if lang == "de" else f"  … and {more} more")
        return "\n".join(shown)

    raise DataError(
        path,
        first,
        Text(
            de=f"{count} Zeile(n) der {kind.de} sind nicht lesbar; nichts wurde geändert:\n"
            + listing("de"),
            en=f"{count} row(s) of the {kind.en} cannot be read; nothing was changed:\n"
            + listing("en"),
        ),
        bi(
            de="Diese Zeilen im Tabellenprogramm oder Texteditor korrigieren und den Befehl "
            "noch einmal ausführen.",
            en="Fix these lines in a spreadsheet or text editor and run the command again.",
        ),
    )


def _too_many_fields(row: list[str], width: int) -> None:
    """More cells than the header has names: a delimiter inside an unquoted value moved
    everything after it one column to the right (checked first: the shifted values would
    otherwise be reported as a wrong relation or date)."""
    if len(row) > width and any(cell.strip() for cell in row[width:]):
        raise RowProblem(
            bi(
                de="zu viele Felder ({n} statt {w}) – ein Trennzeichen in einem Feld? "
                'Das Feld in Anführungszeichen setzen, z. B. "Müller, Meier & Co"',
                en="too many fields ({n} instead of {w}) – a delimiter inside a value? "
                'Put that value in quotes, e.g. "Smith, Jones & Co"',
                n=len(row),
                w=width,
            )
        )


def _contact_from(known: dict, extra: dict, line: int) -> Contact:
    if not known.get("name"):
        raise RowProblem(
            bi(
                de="der Name ist leer (die Spalte `name`/`Name` ist nötig)",
                en="the name is empty (the column `name`/`Name` is required)",
            )
        )
    relation_raw = known.get("relation", "")
    if relation_raw:
        relation = parse_relation(relation_raw)
        if relation is None:
            raise RowProblem(
                bi(
                    de="Beziehung {r!r} ist unbekannt; primär oder sekundär verwenden",
                    en="relation {r!r} is unknown; use primary or secondary",
                    r=relation_raw,
                )
            )
    else:
        relation = "secondary" if known.get("introduced_by") else "primary"
    try:
        last = parse_date(known.get("last_contact", ""))
    except ValueError:
        raise RowProblem(
            bi(
                de="letzter Kontakt {d!r} ist kein Datum; als JJJJ-MM-TT schreiben, "
                "z. B. 2026-03-31",
                en="last_contact {d!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31",
                d=known.get("last_contact"),
            )
        ) from None
    fields = {k: v for k, v in known.items() if k in CONTACT_COLUMNS}
    fields.update(relation=relation, last_contact=last)
    return Contact(**fields, line=line, extra=extra)


def _target_from(known: dict, extra: dict, line: int) -> Target:
    if not known.get("company"):
        raise RowProblem(
            bi(
                de="die Firma ist leer (die Spalte `company`/`Firma` ist nötig)",
                en="the company is empty (the column `company`/`Firma` is required)",
            )
        )
    raw = known.get("priority", "").strip()
    priority = parse_priority(raw) if raw else None
    if raw and priority is None:
        raise RowProblem(
            bi(
                de="Priorität {p!r} ist unbekannt; A, B oder C verwenden (oder hoch, mittel, "
                "niedrig)",
                en="priority {p!r} is unknown; use A, B or C (or high, medium, low)",
                p=raw,
            )
        )
    fields = {k: v for k, v in known.items() if k in TARGET_COLUMNS}
    fields["priority"] = priority
    return Target(**fields, line=line, extra=extra)


def _load(
    path: Path,
    columns: list[str],
    aliases: dict[str, str],
    build,
    required: str,
    kind: Text,
    workspace_root: Path | None,
) -> Table:
    csv_file = read_csv(path, columns)
    if required not in csv_file.column_of(aliases):
        raise DataError(
            path,
            1,
            bi(
                de="die Kopfzeile hat keine Spalte `{r}` (gefunden: {f})",
                en="the header has no `{r}` column (found: {f})",
                r=required,
                f=", ".join(csv_file.header),
            ),
            bi(
                de="Die erste Zeile muss die Spalten benennen, z. B. {c}",
                en="The first line must name the columns, e.g. {c}",
                c=",".join(columns),
            ),
        )
    records, problems = [], []
    width = len(csv_file.header)
    for row, line in zip(csv_file.rows, csv_file.row_lines, strict=True):
        known, extra = _row_dict(csv_file, row, aliases)
        try:
            _too_many_fields(row, width)
            records.append(build(known, extra, line))
        except RowProblem as exc:
            problems.append((line, exc.text))
        except ValueError as exc:  # pydantic: a value the model refuses
            problems.append((line, bi(de=str(exc), en=str(exc))))
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
        bi(de="Kontaktliste", en="contact list"),
        workspace_root,
    )


def load_targets(path: Path, workspace_root: Path | None = None) -> Table[Target]:
    return _load(
        path,
        TARGET_COLUMNS,
        TARGET_ALIASES,
        _target_from,
        "company",
        bi(de="Zielfirmenliste", en="target list"),
        workspace_root,
    )


# ---------------------------------------------------------------- lookups


def _literal(name: str) -> str:
    return " ".join(name.split()).casefold()


def _word_sets(name: str) -> list[set[str]]:
    return [set(k.split()) for k in name_keys(name)] + [set(loose_name_key(name).split())]


def find_contacts(contacts: list[Contact], query: str) -> list[Contact]:
    """Tolerant lookup, the closest tier that finds anyone wins: the name as typed, the same
    full name in another spelling (Müller/Mueller/Muller, René/Rene), ae/oe/ue read as
    a/o/u, all query words among the name's words ("keller"), query words inside the name."""
    keys = name_keys(query)
    if not keys:
        return []
    loose = loose_name_key(query)
    query_words = _word_sets(query)
    tiers = (
        lambda c: _literal(c.name) == _literal(query),
        lambda c: bool(name_keys(c.name) & keys),
        lambda c: loose_name_key(c.name) == loose,
        lambda c: any(q <= w for q in query_words for w in _word_sets(c.name)),
        lambda c: any(
            all(part in key for part in q) for q in query_words for key in name_keys(c.name)
        ),
    )
    for matches in tiers:
        found = [c for c in contacts if matches(c)]
        if found:
            return found
    return []


def suggest_contacts(contacts: list[Contact], query: str, limit: int = 3) -> list[Contact]:
    """Names close to an unknown one, for "Did you mean …?": the whole name with a typo or two
    ("Beat Zürchr"), or one word of it ("keler" -> Martin Keller)."""
    wanted = loose_name_key(query)
    if not wanted:
        return []
    scored: list[tuple[float, int, Contact]] = []
    for i, contact in enumerate(contacts):
        have = loose_name_key(contact.name)
        if not have:
            continue
        whole = difflib.SequenceMatcher(None, wanted, have).ratio()
        # every query word close to some word of the name: surname alone, one typo each
        per_word = [
            max(difflib.SequenceMatcher(None, q, w).ratio() for w in have.split())
            for q in wanted.split()
        ]
        score = max(whole, sum(per_word) / len(per_word))
        if score >= 0.75:
            scored.append((score, -i, contact))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [c for _, _, c in scored[:limit]]


def find_targets(targets: list[Target], company: str) -> list[Target]:
    wanted = normalize_company(company)
    return [t for t in targets if normalize_company(t.company) == wanted]
