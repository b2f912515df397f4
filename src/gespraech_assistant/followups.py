"""What is owed after conversations: thank-yous, next steps that are due, contacts gone quiet.

Read from the workspace as the user keeps it: debriefs in history/ (front matter
`kind: debrief`, `thanked: yes|no` or `sent: …`), their "Nächste Schritte"/"Next steps"
section, and `last_contact` in contacts.csv.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from pydantic import BaseModel, Field

from gespraech_assistant import atomic
from gespraech_assistant.dates import find_due
from gespraech_assistant.debrief_notes import SECTION_KINDS, split_front_matter
from gespraech_assistant.errors import UsageError
from gespraech_assistant.i18n import msg
from gespraech_assistant.lists import load_contacts
from gespraech_assistant.textnorm import fold, normalize_name
from gespraech_assistant.workspace import Workspace

DONE_MARKS = {"yes", "ja", "true", "sent", "gesendet", "x", "done", "erledigt", "y", "j"}
_HEADING = re.compile(r"^#{1,6}\s+(.*\S)\s*$")
_OPEN_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,2}[.)])\s+(?!\[[xX]\])(?:\[ \]\s*)?(.*\S)")
_DUE_MARK = re.compile(r"\s*\((?:due|bis|fällig)\s+(\d{4}-\d{2}-\d{2})\)\s*$")


class ThankYouOwed(BaseModel):
    contact: str
    meeting_date: date | None
    file: str


class DueStep(BaseModel):
    contact: str
    text: str
    due: date
    status: str = Field(description="overdue | today | upcoming")
    file: str
    line: int


class StaleContact(BaseModel):
    name: str
    company: str = ""
    last_contact: date | None
    weeks_since: int | None


class Followups(BaseModel):
    today: date
    stale_weeks: int
    thank_you: list[ThankYouOwed] = Field(default_factory=list)
    steps: list[DueStep] = Field(default_factory=list)
    stale: list[StaleContact] = Field(
        default_factory=list,
        description="primary contacts last seen before the limit, oldest first",
    )
    undated: list[StaleContact] = Field(
        default_factory=list,
        description="primary contacts with no date of last contact (just added, or never "
        "noted): not 'stale', since nothing says how long it has been",
    )


class HistoryEntry(BaseModel):
    path: Path
    meta: dict[str, str]
    body: str

    @property
    def contact(self) -> str:
        return self.meta.get("contact") or self.meta.get("kontakt") or ""

    @property
    def meeting_date(self) -> date | None:
        raw = self.meta.get("date") or self.meta.get("datum") or ""
        try:
            return date.fromisoformat(raw.strip()[:10])
        except ValueError:
            return None

    @property
    def is_debrief(self) -> bool:
        kind = fold(self.meta.get("kind") or self.meta.get("art") or "")
        return kind in ("debrief", "nachbearbeitung")

    @property
    def thanked(self) -> bool:
        for key in ("thanked", "sent", "bedankt", "gedankt"):
            value = fold(self.meta.get(key, "")).strip()
            if value in DONE_MARKS or re.match(r"\d{4}-\d{2}-\d{2}", value):
                return True
        return False


def history_entries(ws: Workspace) -> list[HistoryEntry]:
    if not ws.history_dir.is_dir():
        return []
    entries = []
    for path in sorted(ws.history_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        meta, body = split_front_matter(text)
        entries.append(HistoryEntry(path=path, meta=meta, body=body))
    return entries


def open_steps(entry: HistoryEntry) -> list[tuple[int, str, date | None]]:
    """Unticked items under a steps heading: (line number, text, due date)."""
    offset = entry.path.read_text(encoding="utf-8-sig", errors="replace").count("\n") - (
        entry.body.count("\n")
    )
    meeting = entry.meeting_date
    in_steps, found = False, []
    for number, line in enumerate(entry.body.split("\n"), start=1):
        heading = _HEADING.match(line)
        if heading:
            in_steps = bool(SECTION_KINDS["steps"].search(fold(heading.group(1))))
            continue
        item = _OPEN_ITEM.match(line) if in_steps else None
        if not item:
            continue
        text = item.group(1)
        mark = _DUE_MARK.search(text)
        if mark:
            due: date | None = date.fromisoformat(mark.group(1))
            text = text[: mark.start()]
        else:
            due = find_due(text, meeting).date if meeting else None
        found.append((number + offset, text.strip(), due))
    return found


def collect_followups(ws: Workspace, today: date, days_ahead: int = 7) -> Followups:
    entries = [e for e in history_entries(ws) if e.is_debrief]
    result = Followups(today=today, stale_weeks=ws.settings.followups.stale_weeks)
    latest: dict[str, date] = {}
    for entry in entries:
        rel = ws.rel(entry.path)
        when = entry.meeting_date
        if when:
            key = normalize_name(entry.contact)
            latest[key] = max(latest.get(key, when), when)
        if not entry.thanked:
            result.thank_you.append(
                ThankYouOwed(contact=entry.contact, meeting_date=when, file=rel)
            )
        for line, text, due in open_steps(entry):
            if due is None or due > today + timedelta(days=days_ahead):
                continue
            status = "overdue" if due < today else "today" if due == today else "upcoming"
            result.steps.append(
                DueStep(
                    contact=entry.contact, text=text, due=due, status=status, file=rel, line=line
                )
            )
    result.steps.sort(key=lambda s: s.due)
    result.stale, result.undated = _stale(ws, today, latest)
    return result


def _stale(
    ws: Workspace, today: date, latest: dict[str, date]
) -> tuple[list[StaleContact], list[StaleContact]]:
    """(dated and older than the limit, oldest first; without any date). A contact without a
    date may have been added today (a LinkedIn import adds thousands): not called stale."""
    limit = today - timedelta(weeks=ws.settings.followups.stale_weeks)
    stale, undated = [], []
    for contact in load_contacts(ws.contacts_path, ws.root).records:
        if contact.relation != "primary":
            continue
        dates = [d for d in (contact.last_contact, latest.get(normalize_name(contact.name))) if d]
        last = max(dates) if dates else None
        entry = StaleContact(
            name=contact.name,
            company=contact.company,
            last_contact=last,
            weeks_since=(today - last).days // 7 if last else None,
        )
        if last is None:
            undated.append(entry)
        elif last < limit:
            stale.append(entry)
    return sorted(stale, key=lambda s: s.last_contact or date.min), undated


def stale_lines(result: Followups, lang: str, show_all: bool, limit: int = 20) -> list[str]:
    """The printed 'not in touch' list: the longest silences first, capped, then one line
    for the contacts without a date (listed too with --all)."""
    shown = result.stale if show_all else result.stale[:limit]
    lines = [
        f"{c.name}{' (' + c.company + ')' if c.company else ''}: {c.last_contact.isoformat()}"
        for c in shown
        if c.last_contact
    ]
    hidden = len(result.stale) - len(shown)
    if hidden:
        lines.append(
            msg(
                lang,
                de="… und {n} weitere (--all oder --json für alle)",
                en="… and {n} more (--all or --json for all)",
                n=hidden,
            )
        )
    if show_all:
        never = msg(lang, de="kein Datum", en="no date")
        lines += [
            f"{c.name}{' (' + c.company + ')' if c.company else ''}: {never}"
            for c in result.undated
        ]
    elif result.undated:
        lines.append(
            msg(
                lang,
                de="{n} primäre Kontakte ohne Datum des letzten Kontakts (--all zeigt sie)",
                en="{n} primary contacts without a date of last contact (--all lists them)",
                n=len(result.undated),
            )
        )
    return lines


def mark_thanked(ws: Workspace, contact: str) -> list[Path]:
    """Set `thanked: yes` in the contact's debriefs that still owe a thank-you."""
    wanted = normalize_name(contact)
    entries = [
        e
        for e in history_entries(ws)
        if e.is_debrief and not e.thanked and _same_contact(e.contact, wanted)
    ]
    if not entries:
        raise UsageError(
            msg(
                ws.language,
                de="Keine offene Dankesnachricht für «{c}» in history/.",
                en="No thank-you owed to {c!r} in history/.",
                c=contact,
            ),
            msg(
                ws.language,
                de="Offene Punkte zeigt: gespraech followups",
                en="See what is open with: gespraech followups",
            ),
        )
    for entry in entries:
        text = entry.path.read_text(encoding="utf-8-sig", errors="replace")
        atomic.write_text(entry.path, _set_thanked(text), workspace_root=ws.root)
    return [e.path for e in entries]


def _same_contact(name: str, wanted: str) -> bool:
    have = normalize_name(name)
    return bool(have) and (have == wanted or set(wanted.split()) <= set(have.split()))


def _set_thanked(text: str) -> str:
    end = text.find("\n---", 3)
    head, rest = text[:end], text[end:]
    if re.search(r"^thanked\s*:.*$", head, flags=re.M):
        head = re.sub(r"^thanked\s*:.*$", "thanked: yes", head, count=1, flags=re.M)
    else:
        head += "\nthanked: yes"
    return head + rest
