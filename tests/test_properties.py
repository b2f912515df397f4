"""Property-based tests: the CSV reader/writer round trip and the note parser/chunker."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gespraech_assistant.index.chunking import _HEADING, chunk_note, parse_front_matter
from gespraech_assistant.lists import (
    CONTACT_COLUMNS,
    CsvFile,
    load_contacts,
    read_csv,
    write_csv,
)
from gespraech_assistant.models import Contact

PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CELL = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)
HEADER_NAME = st.from_regex(r"[A-Za-zÄÖÜäöü][A-Za-z0-9äöü_ ]{0,10}[A-Za-z0-9]", fullmatch=True)


@st.composite
def tables(draw):
    header = draw(st.lists(HEADER_NAME, min_size=2, max_size=6, unique_by=str.casefold))
    width = len(header)
    rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=8))
    return header, rows


def _write_and_read(header, rows, encoding: str, delimiter: str, newline: str) -> CsvFile:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "list.csv"
        table = CsvFile(
            path=path,
            header=list(header),
            rows=[list(r) for r in rows],
            row_lines=[0] * len(rows),
            encoding=encoding,
            delimiter=delimiter,
            newline=newline,
        )
        write_csv(table, Path(tmp))
        return read_csv(path, header)


@PROFILE
@given(
    tables(),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["\n", "\r\n"]),
)
def test_csv_round_trip_keeps_every_value(table, encoding, delimiter, newline):
    header, rows = table
    back = _write_and_read(header, rows, encoding, delimiter, newline)
    assert back.header == header
    kept = [r for r in rows if any(c.strip() for c in r)]  # blank rows are not records
    assert back.rows == kept
    assert back.delimiter == delimiter


@PROFILE
@given(
    st.lists(
        st.tuples(
            st.from_regex(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ' -]{0,15}[A-Za-zÀ-ÿ]", fullmatch=True),
            CELL,
            CELL,
        ),
        min_size=1,
        max_size=6,
        unique_by=lambda t: t[0],
    ),
    CELL,
)
def test_adding_a_contact_keeps_all_other_rows_and_unknown_columns(people, extra_value):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contacts.csv"
        header = ["name", "company", "notes", "Lieblingsfarbe"]
        table = CsvFile(
            path=path,
            header=header,
            rows=[[n, c, no, extra_value] for n, c, no in people],
            row_lines=[0] * len(people),
        )
        write_csv(table, Path(tmp))
        before = load_contacts(path, Path(tmp)).records
        contacts = load_contacts(path, Path(tmp))
        contacts.append(Contact(name="Neu Person", company="=Formel()"))
        contacts.save()
        after = load_contacts(path, Path(tmp)).records
    strip = {"line"}
    assert [c.model_dump(exclude=strip) for c in after[:-1]] == [
        c.model_dump(exclude=strip) for c in before
    ]
    assert after[-1].name == "Neu Person" and after[-1].company == "'=Formel()"
    assert all(c.extra["Lieblingsfarbe"] == extra_value for c in after[:-1])
    assert CONTACT_COLUMNS[0] == "name"


NOTE_TEXT = st.text(
    st.characters(exclude_categories=("Cs",)),
    max_size=3000,
) | st.lists(
    st.sampled_from(
        ["---", "company: ACME", "person: Anna", "# Titel", "## Teil", "", "  ", "Text zeile.",
         "x" * 1200, "- Punkt", "...", "kind: note", "\t", "### "]
    ),
    max_size=80,
).map("\n".join)  # fmt: skip


def _non_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


@PROFILE
@given(NOTE_TEXT, st.integers(min_value=50, max_value=1500))
def test_chunker_keeps_all_text_and_respects_the_size(text, chunk_chars):
    meta, chunks = chunk_note(text, chunk_chars)
    parsed = parse_front_matter(text)
    body = [line for _, line in parsed.body_lines if not _HEADING.match(line)]
    assert _non_space("".join(c.text for c in chunks)) == _non_space("".join(body))
    lines = text.split("\n")
    for chunk in chunks:
        assert len(chunk.text) <= chunk_chars
        assert 1 <= chunk.line <= len(lines)
        first = chunk.text.split("\n", 1)[0].strip()
        assert first[:20] in lines[chunk.line - 1] or len(first) > chunk_chars // 2
    assert all(isinstance(v, str) and len(v) <= 300 for v in meta.values())


@PROFILE
@given(st.dictionaries(st.sampled_from(["company", "person", "date", "topic"]), CELL.filter(
    lambda v: "\n" not in v and "\r" not in v), min_size=1))  # fmt: skip
def test_front_matter_values_come_back(values):
    head = "\n".join(f"{k}: {v}" for k, v in values.items())
    meta, _ = chunk_note(f"---\n{head}\n---\n\n# T\n\nText.\n")
    for key, value in values.items():
        assert meta[key] == value.strip().strip("'\"")[:300]
