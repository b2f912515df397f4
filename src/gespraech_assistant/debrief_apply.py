"""Debriefs and the workspace: build the request from the lists, apply the result to them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from gespraech_assistant import atomic
from gespraech_assistant.debrief import (
    ContactUpdate,
    DebriefExtraction,
    DebriefRequest,
    KnownPerson,
    NewContact,
)
from gespraech_assistant.debrief_notes import split_front_matter
from gespraech_assistant.lists import find_contacts, find_targets, load_contacts, load_targets
from gespraech_assistant.models import Contact, Target
from gespraech_assistant.textnorm import fold, same_company, slugify
from gespraech_assistant.workspace import Workspace

CONTACT_FIELDS = ("company", "role", "email", "linkedin")


def resolve_partner(records: list[Contact], name: str) -> list[Contact]:
    """find_contacts, then one typo or the surname alone ("martin keler", "Keller")."""
    from gespraech_assistant.debrief_people import similar_word, split_name

    found = find_contacts(records, name)
    if found:
        return found
    first, last = split_name(name)
    hits = []
    for c in records:
        cf, cl = split_name(c.name)
        same_first = not first or (cf and similar_word(first.split()[0], cf.split()[0]))
        if similar_word(last, cl) and same_first:
            hits.append(c)
    return hits


def build_request(
    ws: Workspace,
    note: str,
    partner: str,
    meeting_date: date,
    today: date | None = None,
    source_kind: str = "note",
) -> DebriefRequest:
    contacts = load_contacts(ws.contacts_path, ws.root).records
    targets = load_targets(ws.targets_path, ws.root).records
    found = resolve_partner(contacts, partner)
    partner_company = found[0].company if len(found) == 1 else ""
    return DebriefRequest(
        language=ws.language,
        note=note,
        partner=found[0].name if len(found) == 1 else partner,
        partner_company=partner_company,
        meeting_date=meeting_date,
        today=today or meeting_date,
        known_contacts=[
            KnownPerson(
                name=c.name, company=c.company, role=c.role, email=c.email, linkedin=c.linkedin
            )
            for c in contacts
        ],
        targets=[t.company for t in targets],
        source_kind=source_kind,
        partner_familiar=len(found) == 1 and _familiar(found[0]),
    )


def _familiar(contact: Contact) -> bool:
    tags = fold(contact.tags or "")
    return contact.relation == "primary" or bool(re.search(r"kolleg|colleague|freund|friend", tags))


def _known_by_name(request: DebriefRequest, name: str) -> KnownPerson | None:
    from gespraech_assistant.debrief_people import similar_word, split_name

    first, last = split_name(name)
    hits = []
    for k in request.known_contacts:
        kf, kl = split_name(k.name)
        if similar_word(last, kl) and (not first or similar_word(first.split()[0], kf.split()[0])):
            hits.append(k)
    return hits[0] if len(hits) == 1 and first else None


def reconcile(extraction: DebriefExtraction, request: DebriefRequest) -> DebriefExtraction:
    """Make any engine's result consistent with the lists: the partner is nobody's new
    contact, people already in contacts.csv are updates, target flags come from targets.csv."""
    from gespraech_assistant.textnorm import normalize_name, same_company

    partner = normalize_name(request.partner)
    new: list[NewContact] = []
    known = {normalize_name(k.name): k for k in extraction.known_contacts}
    for person in extraction.new_contacts:
        if normalize_name(person.name) == partner or not normalize_name(person.name):
            continue
        hit = _known_by_name(request, person.name)
        if hit is None:
            new.append(person.model_copy(update={"introduced_by": request.partner}))
            continue
        fields = {f: getattr(person, f) for f in ("company", "role", "email", "linkedin")}
        updates = {f: v for f, v in fields.items() if v and not getattr(hit, f)}
        key = normalize_name(hit.name)
        old = known.get(key, ContactUpdate(name=hit.name, mentioned_as=person.name))
        known[key] = old.model_copy(update={"updates": {**updates, **old.updates}})
    valid = {normalize_name(k.name) for k in request.known_contacts}
    known_list = [k for key, k in known.items() if key in valid and key != partner]
    hints = []
    for hint in extraction.company_hints:
        target = next((t for t in request.targets if same_company(t, hint.company)), None)
        hints.append(
            hint.model_copy(
                update={"company": target or hint.company, "known_target": target is not None}
            )
        )
    return extraction.model_copy(
        update={"new_contacts": new, "known_contacts": known_list, "company_hints": hints}
    )


# ---------------------------------------------------------------- the plan


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class RowChange:
    """One row of contacts.csv or targets.csv to add or update."""

    file: str  # contacts.csv | targets.csv
    key: str  # name or company
    action: str  # add | update
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class ApplyPlan:
    rows: list[RowChange]
    history_path: Path
    history_text: str
    history_action: str  # add | update | unchanged

    @property
    def empty(self) -> bool:
        return not self.rows and self.history_action == "unchanged"


_OURS = re.compile(r"^## (?:Originalnotizen|Original notes)\s*$", re.M)


def history_path(ws: Workspace, partner: str, meeting: date) -> Path:
    """history/DATE-partner.md; a file there that gespraech did not write (a debrief the
    user typed by hand) is never overwritten: the next free -2, -3 … name is used."""
    stem = f"{meeting.isoformat()}-{slugify(partner)}"
    path = ws.history_dir / f"{stem}.md"
    number = 2
    while path.exists() and not _OURS.search(path.read_text(encoding="utf-8", errors="replace")):
        path = ws.history_dir / f"{stem}-{number}.md"
        number += 1
    return path


def _thanked_mark(path: Path) -> str:
    """Keep the user's thank-you mark when a debrief is written again."""
    if not path.is_file():
        return "no"
    meta, _ = split_front_matter(path.read_text(encoding="utf-8", errors="replace"))
    return meta.get("thanked") or "no"


def plan_apply(ws: Workspace, request: DebriefRequest, extraction: DebriefExtraction) -> ApplyPlan:
    contacts = load_contacts(ws.contacts_path, ws.root)
    targets = load_targets(ws.targets_path, ws.root)
    rows = _partner_rows(contacts.records, request)
    rows += _contact_rows(contacts.records, request, extraction)
    rows += _target_rows(targets.records, request, extraction)
    path = history_path(ws, request.partner, request.meeting_date)
    text = render_history(request, extraction, thanked=_thanked_mark(path))
    if not path.exists():
        action = "add"
    elif _same_notes(path.read_text(encoding="utf-8", errors="replace"), text):
        # Applied before: once the new contacts are in the list the extraction reads
        # differently, but the debrief of these notes is already saved.
        action = "unchanged"
    else:
        action = "update"
    return ApplyPlan(rows=rows, history_path=path, history_text=text, history_action=action)


def _one(records: list[Contact], name: str) -> Contact | None:
    found = resolve_partner(records, name)
    return found[0] if len(found) == 1 else None


def _partner_rows(records: list[Contact], request: DebriefRequest) -> list[RowChange]:
    meeting = request.meeting_date.isoformat()
    partner = _one(records, request.partner)
    if partner is None:
        return [
            RowChange(
                "contacts.csv",
                request.partner,
                "add",
                [
                    FieldChange("relation", "", "primary"),
                    FieldChange("last_contact", "", meeting),
                ],
            )
        ]
    if partner.last_contact and partner.last_contact >= request.meeting_date:
        return []  # never move last_contact backwards (an old debrief applied late)
    old = partner.last_contact.isoformat() if partner.last_contact else ""
    return [
        RowChange(
            "contacts.csv", partner.name, "update", [FieldChange("last_contact", old, meeting)]
        )
    ]


def _contact_rows(
    records: list[Contact], request: DebriefRequest, extraction: DebriefExtraction
) -> list[RowChange]:
    rows: list[RowChange] = []
    for update in extraction.known_contacts:
        person = _one(records, update.name)
        if person is None:
            continue
        changes = [
            FieldChange(f, "", v.strip())
            for f, v in update.updates.items()
            if f in CONTACT_FIELDS and v.strip() and not getattr(person, f)
        ]
        if changes:
            rows.append(RowChange("contacts.csv", person.name, "update", changes))
    for new in extraction.new_contacts:
        existing = _one(records, new.name)
        values = {
            "company": new.company or "",
            "role": new.role or "",
            "email": new.email or "",
            "linkedin": new.linkedin or "",
        }
        if existing is not None:  # applied before: only fill what is still empty
            changes = [
                FieldChange(f, "", v) for f, v in values.items() if v and not getattr(existing, f)
            ]
            if changes:
                rows.append(RowChange("contacts.csv", existing.name, "update", changes))
            continue
        values.update(relation="secondary", introduced_by=request.partner)
        rows.append(
            RowChange(
                "contacts.csv",
                new.name,
                "add",
                [FieldChange(f, "", v) for f, v in values.items() if v],
            )
        )
    return rows


def _target_rows(
    records: list[Target], request: DebriefRequest, extraction: DebriefExtraction
) -> list[RowChange]:
    rows: list[RowChange] = []
    stamp = request.meeting_date.isoformat()
    for hint in extraction.company_hints:
        note = f"{stamp} ({request.partner}): {hint.hint.strip()}"
        found = find_targets(records, hint.company) or [
            t for t in records if same_company(t.company, hint.company)
        ]
        if not found:
            rows.append(
                RowChange(
                    "targets.csv",
                    hint.company,
                    "add",
                    [
                        FieldChange(
                            "status", "", "Hinweis" if request.language == "de" else "hint"
                        ),
                        FieldChange("notes", "", note),
                    ],
                )
            )
            continue
        target = found[0]
        if fold(hint.hint.strip()) in fold(target.notes):
            continue  # appended by an earlier apply
        new_notes = f"{target.notes} | {note}" if target.notes.strip() else note
        rows.append(
            RowChange(
                "targets.csv",
                target.company,
                "update",
                [FieldChange("notes", target.notes, new_notes)],
            )
        )
    return rows


def _fields(row: RowChange) -> dict[str, object]:
    values: dict[str, object] = {c.field: c.new for c in row.changes}
    if "last_contact" in values:
        values["last_contact"] = date.fromisoformat(str(values["last_contact"]))
    return values


def apply_plan(ws: Workspace, plan: ApplyPlan) -> list[str]:
    """Write the lists (atomic, backup, unknown columns kept) and the history file.
    Call it under ws.lock(); re-reading here means an edit since the plan is not lost."""
    warnings: list[str] = []
    contacts = load_contacts(ws.contacts_path, ws.root)
    targets = load_targets(ws.targets_path, ws.root)
    for row in plan.rows:
        table = contacts if row.file == "contacts.csv" else targets
        if row.action == "add":
            if row.file == "contacts.csv":
                if _one(contacts.records, row.key) is None:
                    table.append(Contact(name=row.key, **_fields(row)))
            elif not find_targets(targets.records, row.key):
                table.append(Target(company=row.key, **_fields(row)))
            continue
        if row.file == "contacts.csv":
            index = next((i for i, c in enumerate(contacts.records) if c.name == row.key), None)
        else:
            index = next((i for i, t in enumerate(targets.records) if t.company == row.key), None)
        if index is not None:
            table.update(index, **_fields(row))
    # The history file first: if the process dies between the writes, a rerun finds it
    # unchanged and completes the lists; written last, a rerun after a kill rendered it
    # from lists that already held the new contacts, and they vanished from the record.
    if plan.history_action != "unchanged":
        ws.history_dir.mkdir(parents=True, exist_ok=True)
        atomic.write_text(plan.history_path, plan.history_text, workspace_root=ws.root)
    warnings += contacts.save()
    warnings += targets.save()
    return warnings


# ---------------------------------------------------------------- history file


def render_history(
    request: DebriefRequest, extraction: DebriefExtraction, thanked: str = "no"
) -> str:
    """The saved debrief: front matter for the index and `followups`, then readable Markdown.
    Deterministic (no clock), so applying the same debrief twice writes the same bytes."""
    de = request.language == "de"
    h = lambda d, e: d if de else e  # noqa: E731
    lines = [
        "---",
        f"contact: {request.partner}",
        f"date: {request.meeting_date.isoformat()}",
        "kind: debrief",
        f"thanked: {thanked}",
        "---",
        "",
        h(
            f"# Debrief: Gespräch mit {request.partner}",
            f"# Debrief: conversation with {request.partner}",
        ),
        "",
        h("## Zusammenfassung", "## Summary"),
        "",
        extraction.summary,
        "",
        h("## Informationen", "## Information"),
        "",
        *[f"- {x}" for x in extraction.information],
        "",
        h("## Neue Kontakte", "## New contacts"),
        "",
        *[f"- {_contact_line(c)}" for c in extraction.new_contacts],
        "",
        h("## Firmenhinweise", "## Company hints"),
        "",
        *[f"- {x.company}: {x.hint}" for x in extraction.company_hints],
        "",
        h("## Nächste Schritte", "## Next steps"),
        "",
        *[
            f"- [ ] {s.text}"
            + (h(f" (fällig {s.due.isoformat()})", f" (due {s.due.isoformat()})") if s.due else "")
            for s in extraction.next_steps
        ],
        "",
        h("## Dankesnachricht (Entwurf)", "## Thank-you note (draft)"),
        "",
        extraction.thank_you,
        "",
        h("## Originalnotizen", "## Original notes"),
        "",
        *[f"> {line}".rstrip() for line in split_front_matter(request.note)[1].strip().split("\n")],
        "",
    ]
    return "\n".join(_collapse_blank(lines))


def _same_notes(old: str, new: str) -> bool:
    marker = re.compile(r"^## (?:Originalnotizen|Original notes)\s*$", re.M)
    old_m, new_m = marker.search(old), marker.search(new)
    if not old_m or not new_m:
        return old == new
    return old[old_m.end() :].strip() == new[new_m.end() :].strip()


def _contact_line(c: NewContact) -> str:
    return ", ".join(x for x in (c.name, c.company, c.role, c.email, c.linkedin) if x)


def _collapse_blank(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return out
