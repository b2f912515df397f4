"""Right of access and right to erasure for the third persons a workspace holds data about.

`forget` really erases: rows, list fields, history entries, the program's backups, and the
index (rebuilt into a fresh folder, because Chroma's delete keeps text in SQLite and vectors
in HNSW files). Notes are the user's own writing: they are listed, and changed only when the
user says so. `export` collects everything about one person.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from gespraech_assistant import atomic
from gespraech_assistant.errors import DataError, UsageError, WriteError, ambiguous_name
from gespraech_assistant.i18n import msg
from gespraech_assistant.lists import (
    CONTACT_ALIASES,
    CONTACT_COLUMNS,
    TARGET_ALIASES,
    TARGET_COLUMNS,
    CsvFile,
    find_contacts,
    load_contacts,
    read_csv,
    render_csv,
    write_csv,
)
from gespraech_assistant.models import Contact
from gespraech_assistant.textnorm import normalize_name, slugify
from gespraech_assistant.workspace import LOCK_NAME, Workspace

NotesAction = Literal["keep", "redact", "delete"]
REDACTED = {"de": "[entfernt]", "en": "[removed]"}
SKIPPED_DIRS = {".git"}
PROGRAM_DIRS = (".backups", ".index")
_TITLES = r"(?:Frau|Herrn?|Hr\.?|Fr\.?|Dr\.?|Prof\.?|Mr\.?|Mrs\.?|Ms\.?|Miss)"
_ACCENTS = {
    "a": "aàáâãåā",
    "c": "cçč",
    "e": "eèéêëē",
    "i": "iìíîïī",
    "l": "lł",
    "n": "nñń",
    "o": "oòóôõøō",
    "r": "rř",
    "s": "sšś",
    "u": "uùúûū",
    "y": "yýÿ",
    "z": "zžź",
}
_DIGRAPHS = {"ae": "ä", "oe": "ö", "ue": "ü", "ss": "ß"}
_SEP = r"[\s\-_.]+"


# ---------------------------------------------------------------- matching a person


def _token_pattern(token: str) -> str:
    """A folded name word as a regex that also matches its umlaut and accent spellings."""
    out, i = [], 0
    while i < len(token):
        pair = token[i : i + 2]
        if pair in _DIGRAPHS:  # 'oe' is 'ö' or 'oe' or 'oë' (Zoë folds to zoe)
            out.append(f"(?:{_char_class(pair[0])}{_char_class(pair[1])}|{_DIGRAPHS[pair]})")
            i += 2
            continue
        out.append(_char_class(token[i]))
        i += 1
    return "".join(out)


def _char_class(ch: str) -> str:
    return f"[{_ACCENTS[ch]}]" if ch in _ACCENTS else re.escape(ch)


@dataclass
class PersonMatcher:
    """Finds one person in free text: full name in any case/spelling, 'Last, First',
    'Frau Last', their e-mail and LinkedIn URL. Never the surname alone (would hit others)."""

    name: str
    key: str
    pattern: re.Pattern[str]

    @classmethod
    def build(
        cls, name: str, contact: Contact | None = None, others: list[str] | None = None
    ) -> PersonMatcher:
        """others: the other names in contacts.csv; 'Frau Weber' is only used when no
        other contact is called Weber."""
        key = normalize_name(name)
        tokens = key.split()
        if not tokens:
            raise UsageError(f"{name!r} is not a name.")
        parts = [_token_pattern(t) for t in tokens]
        forms = [_SEP.join(parts)]
        if len(parts) > 1:
            forms.append(parts[-1] + r"\s*,\s*" + r"\s+".join(parts[:-1]))
            surnames = {normalize_name(o).split()[-1] for o in others or [] if normalize_name(o)}
            if tokens[-1] not in surnames:
                forms.append(_TITLES + r"\s+" + parts[-1])
        if contact is not None:
            forms += [re.escape(v.strip()) for v in (contact.email, contact.phone) if _usable(v)]
            url = re.sub(r"^https?://(www\.)?", "", contact.linkedin.strip()).rstrip("/")
            if _usable(url):
                forms.append(r"(?:https?://)?(?:www\.)?" + re.escape(url) + "/?")
        body = "|".join(f"(?:{f})" for f in forms)
        pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
        return cls(name=name, key=key, pattern=pattern)

    def is_person(self, value: str) -> bool:
        """A field that names exactly this person (contacts name, history front matter)."""
        return bool(value.strip()) and normalize_name(value) == self.key

    def mentions(self, text: str) -> bool:
        return bool(self.pattern.search(text))

    def redact(self, text: str, replacement: str) -> tuple[str, int]:
        return self.pattern.subn(replacement, text)


def _usable(value: str) -> bool:
    return len(value.strip()) >= 6


def person_matcher(ws: Workspace, name: str) -> PersonMatcher:
    person, contact = resolve_person(ws, name)
    key = normalize_name(person)
    others = [
        c.name
        for c in load_contacts(ws.contacts_path, ws.root).records
        if normalize_name(c.name) != key
    ]
    return PersonMatcher.build(person, contact, others)


def resolve_person(ws: Workspace, name: str) -> tuple[str, Contact | None]:
    """The contact if the name finds exactly one; else the name itself if it is a full name."""
    contacts = load_contacts(ws.contacts_path, ws.root).records
    found = find_contacts(contacts, name)
    if len(found) > 1 and len({normalize_name(c.name) for c in found}) > 1:
        raise ambiguous_name(ws.language, name, [c.name for c in found])
    if found:
        return found[0].name, found[0]
    if len(normalize_name(name).split()) < 2:
        raise UsageError(
            msg(
                ws.language,
                de="«{n}» steht nicht in contacts.csv; bitte Vor- und Nachnamen angeben.",
                en="{n!r} is not in contacts.csv; please give first and last name.",
                n=name,
            )
        )
    return name.strip(), None


# ---------------------------------------------------------------- reading files


def decode_text(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for text files; None for binary ones."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:8192]:
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def encode_text(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode(encoding, errors="replace")


def bytes_mention(data: bytes, matcher: PersonMatcher) -> bool:
    """Any trace in any encoding a file may hold (UTF-8, UTF-16, cp1252, SQLite pages)."""
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "cp1252"):
        for shift in (0, 1) if encoding.startswith("utf-16") else (0,):
            if matcher.mentions(data[shift:].decode(encoding, errors="replace")):
                return True
    return False


def workspace_files(ws: Workspace) -> list[Path]:
    files = []
    for path in sorted(ws.root.rglob("*")):
        rel_parts = path.relative_to(ws.root).parts
        if rel_parts[0] in SKIPPED_DIRS or path.name == LOCK_NAME or not path.is_file():
            continue
        files.append(path)
    return files


def _front_matter(text: str) -> dict[str, str]:
    from gespraech_assistant.index.chunking import parse_front_matter

    return parse_front_matter(text.replace("\r\n", "\n")).meta


def is_own_entry(path: Path, text: str, matcher: PersonMatcher) -> bool:
    """A history file about this person: front matter contact/person, or their name as file name."""
    meta = _front_matter(text)
    if any(matcher.is_person(meta.get(k, "")) for k in ("contact", "person")):
        return True
    return slugify(matcher.name) in path.stem


def passages(text: str, matcher: PersonMatcher) -> list[tuple[int, str]]:
    """Paragraphs that mention the person, with their first line number."""
    found, start, current = [], 1, []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n") + [""], 1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
            continue
        if current and matcher.mentions("\n".join(current)):
            found.append((start, "\n".join(current)))
        current = []
    return found


# ---------------------------------------------------------------- CSV transformations


def _cell(row: list[str], idx: int | None) -> str:
    return row[idx] if idx is not None and idx < len(row) else ""


def forget_in_contacts(table: CsvFile, matcher: PersonMatcher, replacement: str) -> tuple[int, int]:
    """Remove the person's rows; clear 'introduced_by' and redact mentions in other rows."""
    cols = table.column_of(CONTACT_ALIASES)
    name_col, intro_col = cols.get("name"), cols.get("introduced_by")
    rows, lines, removed, redacted = [], [], 0, 0
    for row, line in zip(table.rows, table.row_lines, strict=True):
        if matcher.is_person(_cell(row, name_col)):
            removed += 1
            continue
        if matcher.is_person(_cell(row, intro_col)):
            row[intro_col] = ""  # type: ignore[index]
            redacted += 1
        redacted += _redact_row(row, matcher, replacement)
        rows.append(row)
        lines.append(line)
    table.rows, table.row_lines = rows, lines
    return removed, redacted


def forget_in_targets(table: CsvFile, matcher: PersonMatcher, replacement: str) -> int:
    """Drop the person from each target's contacts field; redact mentions elsewhere."""
    contacts_col = table.column_of(TARGET_ALIASES).get("contacts")
    changed = 0
    for row in table.rows:
        cell = _cell(row, contacts_col)
        if cell:
            sep = ";" if ";" in cell else ","
            kept = [p for p in cell.split(sep) if not matcher.is_person(p)]
            if len(kept) != len(cell.split(sep)):
                row[contacts_col] = sep.join(kept).strip()  # type: ignore[index]
                changed += 1
        changed += _redact_row(row, matcher, replacement)
    return changed


def _redact_row(row: list[str], matcher: PersonMatcher, replacement: str) -> int:
    count = 0
    for i, cell in enumerate(row):
        new, n = matcher.redact(cell, replacement)
        if n:
            row[i] = new
            count += n
    return count


def _csv_kind(path: Path) -> str | None:
    stem = path.name.split(".", 1)[0]
    return stem if stem in ("contacts", "targets") and path.suffix == ".csv" else None


def _transform_csv(table: CsvFile, kind: str, matcher: PersonMatcher, repl: str) -> int:
    if kind == "contacts":
        removed, redacted = forget_in_contacts(table, matcher, repl)
        return removed + redacted
    return forget_in_targets(table, matcher, repl)


# ---------------------------------------------------------------- forget


class ForgetReport(BaseModel):
    person: str
    contact_found: bool
    applied: bool = False
    contacts_rows_removed: int = 0
    contacts_cells_changed: int = 0
    targets_cells_changed: int = 0
    history_deleted: list[str] = Field(default_factory=list)
    history_redacted: list[str] = Field(default_factory=list)
    notes_mentioning: list[str] = Field(default_factory=list)
    notes_action: NotesAction = "keep"
    other_files_redacted: list[str] = Field(default_factory=list)
    backups_rewritten: list[str] = Field(default_factory=list)
    backups_deleted: list[str] = Field(default_factory=list)
    index_rebuilt: bool = False
    remaining: list[str] = Field(
        default_factory=list, description="files that still mention the person after forget"
    )
    warnings: list[str] = Field(default_factory=list)


@dataclass
class _Forget:
    ws: Workspace
    matcher: PersonMatcher
    report: ForgetReport
    apply: bool

    @property
    def repl(self) -> str:
        return REDACTED.get(self.ws.language, REDACTED["en"])

    def run(self) -> ForgetReport:
        for path in workspace_files(self.ws):
            rel = self.ws.rel(path)
            top = rel.split("/", 1)[0]
            if top in PROGRAM_DIRS:
                continue  # handled after the user's files (their writes make new backups)
            if path in (self.ws.contacts_path, self.ws.targets_path):
                self._list_file(path)
            elif top == "history":
                self._history_file(path, rel)
            elif top == "notes":
                self._note_file(path, rel)
            else:
                self._other_file(path, rel)
        if self.apply:
            self._clean_backups()
            self._rebuild_index()
            self.report.remaining = self._remaining()
            self.report.applied = True
        return self.report

    # ---- the user's files
    def _list_file(self, path: Path) -> None:
        kind = _csv_kind(path)
        assert kind
        table = read_csv(path, CONTACT_COLUMNS if kind == "contacts" else TARGET_COLUMNS)
        if kind == "contacts":
            removed, redacted = forget_in_contacts(table, self.matcher, self.repl)
            self.report.contacts_rows_removed += removed
            self.report.contacts_cells_changed += redacted
            changed = removed + redacted
        else:
            changed = forget_in_targets(table, self.matcher, self.repl)
            self.report.targets_cells_changed += changed
        if changed and self.apply:
            self.report.warnings += write_csv(table, self.ws.root)

    def _read(self, path: Path) -> tuple[str, str] | None:
        try:
            return decode_text(path.read_bytes())
        except OSError as exc:
            raise DataError(path, None, f"cannot be read ({exc.strerror})") from None

    def _history_file(self, path: Path, rel: str) -> None:
        decoded = self._read(path)
        if decoded is None:
            self._other_file(path, rel)
            return
        text, encoding = decoded
        if is_own_entry(path, text, self.matcher):
            self.report.history_deleted.append(rel)
            if self.apply:
                _unlink(path)
        elif self.matcher.mentions(text):
            self.report.history_redacted.append(rel)
            if self.apply:
                self._write_redacted(path, text, encoding)

    def _note_file(self, path: Path, rel: str) -> None:
        decoded = self._read(path)
        if decoded is None or not self.matcher.mentions(decoded[0]):
            return
        self.report.notes_mentioning.append(rel)
        if not self.apply:
            return
        if self.report.notes_action == "delete":
            _unlink(path)
        elif self.report.notes_action == "redact":
            self._write_redacted(path, *decoded)

    def _other_file(self, path: Path, rel: str) -> None:
        """profile.md, drafts, transcripts: whatever other commands wrote about the person."""
        decoded = self._read(path)
        if decoded is None or not self.matcher.mentions(decoded[0]):
            return
        self.report.other_files_redacted.append(rel)
        if self.apply:
            self._write_redacted(path, *decoded)

    def _write_redacted(self, path: Path, text: str, encoding: str) -> None:
        new, _ = self.matcher.redact(text, self.repl)
        # No backup: a backup would be one more copy of what the user asked to erase.
        atomic.write_bytes(path, encode_text(new, encoding), keep_backup=False)

    # ---- the program's own copies
    def _clean_backups(self) -> None:
        folder = self.ws.root / atomic.BACKUP_DIR
        if not folder.is_dir():
            return
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes()
            if (
                not bytes_mention(data, self.matcher)
                and slugify(self.matcher.name) not in path.name
            ):
                continue
            rel = self.ws.rel(path)
            if self._rewrite_backup(path, data):
                self.report.backups_rewritten.append(rel)
            else:
                _unlink(path)
                self.report.backups_deleted.append(rel)

    def _rewrite_backup(self, path: Path, data: bytes) -> bool:
        """Keep the user's safety net where possible: the backup without the person."""
        if slugify(self.matcher.name) in path.name:
            return False
        kind = _csv_kind(path)
        if kind:
            try:
                table = read_csv(path, CONTACT_COLUMNS)
            except DataError:
                return False
            _transform_csv(table, kind, self.matcher, self.repl)
            new = encode_text(render_csv(table), table.encoding)
        else:
            decoded = decode_text(data)
            if decoded is None or is_own_entry(path, decoded[0], self.matcher):
                return False
            new = encode_text(self.matcher.redact(decoded[0], self.repl)[0], decoded[1])
        if bytes_mention(new, self.matcher):
            return False
        atomic.write_bytes(path, new, keep_backup=False)
        return True

    def _rebuild_index(self) -> None:
        """Chroma's delete is no erasure: remove the whole folder, then build a fresh one."""
        old = self.ws.index_dir
        if not old.exists() and not self.ws.settings.index.url:
            return
        reusable = _old_vectors(self.ws)
        _forget_chroma_clients()
        if old.exists():
            shutil.rmtree(old)
        if old.exists():
            raise WriteError(f"{old} could not be removed.", "Delete the folder by hand.")
        with _reusing_embedder(reusable):
            _redacting_index(self.ws, self.matcher, self.repl).update(force=True)
        self.report.index_rebuilt = True
        if self.ws.settings.index.url:
            self.report.warnings.append(
                msg(
                    self.ws.language,
                    de="Der Index liegt auf einem Chroma-Server ({u}): die Sammlung wurde "
                    "gelöscht und neu aufgebaut; ob der Server gelöschte Daten sofort "
                    "überschreibt, hängt von ihm ab.",
                    en="The index lives on a Chroma server ({u}): the collection was deleted "
                    "and rebuilt; whether the server overwrites deleted data at once "
                    "depends on the server.",
                    u=self.ws.settings.index.url,
                )
            )

    def _remaining(self) -> list[str]:
        return [
            self.ws.rel(p)
            for p in workspace_files(self.ws)
            if bytes_mention(p.read_bytes(), self.matcher)
        ]


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WriteError(f"{path}: could not be deleted ({exc.strerror}).") from None


def _old_vectors(ws: Workspace) -> dict[str, list[float]]:
    """Vectors of the old index by the exact text they embed. Only identical texts reuse a
    vector, so nothing computed from a redacted passage survives; the rest is not embedded
    again (a forget takes seconds, not minutes)."""
    from gespraech_assistant.index.chunking import embedding_text
    from gespraech_assistant.index.store import open_collection, read_chunks

    if ws.settings.index.url or not (ws.index_dir / "chroma").is_dir():
        return {}
    chunks = read_chunks(ws.index_dir / "chunks.jsonl")
    try:
        _, collection = open_collection(ws, create=False)
        got = collection.get(ids=[c["id"] for c in chunks], include=["embeddings"])
    except BaseException as exc:  # noqa: BLE001 - a damaged old index: embed everything
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        return {}
    by_id = dict(zip(got["ids"], got["embeddings"], strict=True))
    return {
        embedding_text(c["meta"], c["text"]): list(by_id[c["id"]])
        for c in chunks
        if c["id"] in by_id
    }


@contextmanager
def _reusing_embedder(vectors: dict[str, list[float]]) -> Iterator[None]:
    from gespraech_assistant.index import embeddings

    original = embeddings.make_embedder

    class Reusing:
        def __init__(self, inner) -> None:
            self.inner, self.id = inner, inner.id

        def embed_passages(self, texts: list[str]):
            import numpy as np

            missing = [t for t in texts if t not in vectors]
            fresh = (
                dict(zip(missing, self.inner.embed_passages(missing), strict=True))
                if missing
                else {}
            )
            return np.asarray([vectors.get(t, fresh.get(t)) for t in texts], dtype=np.float32)

        def embed_queries(self, texts: list[str]):
            return self.inner.embed_queries(texts)

    embeddings.make_embedder = lambda settings: Reusing(original(settings))
    try:
        yield
    finally:
        embeddings.make_embedder = original


def _forget_chroma_clients() -> None:
    """Chroma caches one client per folder; after the folder is gone it must start afresh."""
    try:
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
    except Exception:  # noqa: BLE001 - an older or newer chromadb without this cache is fine
        pass


def _redacting_index_class():
    from gespraech_assistant.index.store import Index

    class RedactingIndex(Index):
        """Notes the user keeps are indexed without the forgotten name: the index is the
        program's copy, and it holds no trace of the person."""

        def __init__(self, ws: Workspace, matcher: PersonMatcher, repl: str) -> None:
            super().__init__(ws)
            self.matcher, self.repl = matcher, repl

        def _chunk_file(self, rel: str):  # type: ignore[override]
            records = super()._chunk_file(rel)
            for record in records:
                record["text"] = self.matcher.redact(record["text"], self.repl)[0]
                for key, value in record["meta"].items():
                    if isinstance(value, str) and key != "source":
                        record["meta"][key] = self.matcher.redact(value, self.repl)[0]
            return records

    return RedactingIndex


def _redacting_index(ws: Workspace, matcher: PersonMatcher, repl: str):
    return _redacting_index_class()(ws, matcher, repl)


def forget(
    ws: Workspace, name: str, notes: NotesAction = "keep", apply: bool = False
) -> ForgetReport:
    """With apply=False: what would be erased (nothing is written). The caller holds ws.lock()."""
    _, contact = resolve_person(ws, name)
    matcher = person_matcher(ws, name)
    report = ForgetReport(
        person=matcher.name, contact_found=contact is not None, notes_action=notes
    )
    return _Forget(ws, matcher, report, apply).run()


# ---------------------------------------------------------------- export


class Mention(BaseModel):
    source: str
    line: int | None = None
    text: str


class TargetMention(BaseModel):
    company: str
    field: str
    text: str


class HistoryEntry(BaseModel):
    source: str
    own: bool = Field(description="an entry about this person (front matter contact)")
    date: str = ""
    text: str = Field(description="the whole entry if own, else the passages mentioning them")


class PersonExport(BaseModel):
    person: str
    exported_on: date
    contact: Contact | None = None
    other_contacts: list[Mention] = Field(
        default_factory=list, description="rows of other contacts naming this person"
    )
    targets: list[TargetMention] = Field(default_factory=list)
    history: list[HistoryEntry] = Field(default_factory=list)
    notes: list[Mention] = Field(default_factory=list)
    other_files: list[str] = Field(
        default_factory=list,
        description="further files holding copies: backups, the index, drafts",
    )


def export_person(ws: Workspace, name: str) -> PersonExport:
    person, contact = resolve_person(ws, name)
    matcher = person_matcher(ws, name)
    out = PersonExport(person=person, exported_on=date.today(), contact=contact)
    _export_lists(ws, matcher, out)
    listed = {ws.contacts_path, ws.targets_path}
    for path in workspace_files(ws):
        rel = ws.rel(path)
        top = rel.split("/", 1)[0]
        if path in listed:
            continue
        decoded = decode_text(path.read_bytes()) if top not in PROGRAM_DIRS else None
        if top == "history" and decoded:
            _export_history(path, rel, decoded[0], matcher, out)
        elif top == "notes" and decoded:
            out.notes += [
                Mention(source=rel, line=n, text=t) for n, t in passages(decoded[0], matcher)
            ]
        elif bytes_mention(path.read_bytes(), matcher):
            out.other_files.append(rel)
    return out


def _export_lists(ws: Workspace, matcher: PersonMatcher, out: PersonExport) -> None:
    contacts = read_csv(ws.contacts_path, CONTACT_COLUMNS)
    name_col = contacts.column_of(CONTACT_ALIASES).get("name")
    for row, line in zip(contacts.rows, contacts.row_lines, strict=True):
        if matcher.is_person(_cell(row, name_col)):
            continue
        if any(matcher.mentions(c) or matcher.is_person(c) for c in row):
            out.other_contacts.append(
                Mention(source="contacts.csv", line=line, text=", ".join(row))
            )
    targets = read_csv(ws.targets_path, TARGET_COLUMNS)
    cols = targets.column_of(TARGET_ALIASES)
    for row in targets.rows:
        for i, cell in enumerate(row):
            names = cell.split(";" if ";" in cell else ",")
            if matcher.mentions(cell) or any(matcher.is_person(n) for n in names):
                field = targets.header[i] if i < len(targets.header) else str(i)
                company = _cell(row, cols.get("company"))
                out.targets.append(TargetMention(company=company, field=field, text=cell))


def _export_history(
    path: Path, rel: str, text: str, matcher: PersonMatcher, out: PersonExport
) -> None:
    meta = _front_matter(text)
    if is_own_entry(path, text, matcher):
        out.history.append(HistoryEntry(source=rel, own=True, date=meta.get("date", ""), text=text))
        return
    found = passages(text, matcher)
    if found:
        joined = "\n\n".join(f"[{rel}:{n}]\n{t}" for n, t in found)
        out.history.append(
            HistoryEntry(source=rel, own=False, date=meta.get("date", ""), text=joined)
        )
