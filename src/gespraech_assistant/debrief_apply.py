"""Debriefs and the workspace: build the request from the lists, apply the result to them."""

from __future__ import annotations

from datetime import date

from gespraech_assistant.debrief import (
    ContactUpdate,
    DebriefExtraction,
    DebriefRequest,
    KnownPerson,
    NewContact,
)
from gespraech_assistant.lists import find_contacts, load_contacts, load_targets
from gespraech_assistant.workspace import Workspace


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
    found = find_contacts(contacts, partner)
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
    )


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
