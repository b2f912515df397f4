"""Pydantic models shared between modules and used as the JSON output contract."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

Relation = Literal["primary", "secondary"]
Priority = Literal["A", "B", "C"]
Language = Literal["de", "en"]


class Contact(BaseModel):
    """One row of contacts.csv (Kontaktnetzliste). `extra` keeps columns we don't know."""

    name: str
    company: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    linkedin: str = ""
    relation: Relation = "primary"
    introduced_by: str = ""
    last_contact: date | None = None
    tags: str = ""
    notes: str = ""
    line: int | None = Field(default=None, description="line in contacts.csv (1 = header)")
    extra: dict[str, str] = Field(default_factory=dict)


class Target(BaseModel):
    """One row of targets.csv (Zielfirmenliste)."""

    company: str
    industry: str = ""
    location: str = ""
    priority: Priority | None = None
    status: str = ""
    contacts: str = ""
    notes: str = ""
    line: int | None = None
    extra: dict[str, str] = Field(default_factory=dict)


class Passage(BaseModel):
    """A retrieved chunk of a note or history file."""

    source: str = Field(description="path relative to the workspace, e.g. notes/alpenblick.md")
    line: int | None = Field(default=None, description="first line of the chunk in the file")
    text: str
    score: float = 0.0
    kind: Literal["note", "history"] = "note"
    doc_kind: Literal["note", "debrief", "rehearsal"] = Field(
        default="note", description="rehearsal transcripts are practice, searched only on request"
    )
    company: str = ""
    person: str = ""
    topic: str = ""
    date: str = ""
    heading: str = ""


class Evidence(BaseModel):
    source: str
    line: int | None = None
    text: str


class FindingNote(BaseModel):
    """A checker finding as the brief and the rehearsal coach carry it: the fields of
    checker.models.Finding, without importing the checker."""

    guideline: str
    kind: str
    message: str
    suggestion: str = ""
    evidence: list[Evidence] = Field(default_factory=list)


class IndexStats(BaseModel):
    files_seen: int = 0
    files_changed: int = 0
    files_removed: int = 0
    chunks_embedded: int = 0
    chunks_total: int = 0
    rebuilt: bool = False
    rebuild_reason: str = ""
    seconds: float = 0.0


class ImportReport(BaseModel):
    added: int = 0
    updated: int = 0
    skipped: int = 0
    problems: list[str] = Field(default_factory=list)
