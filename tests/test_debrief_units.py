"""Unit-level logic of the debrief: due dates, merging engines, tolerant matching."""

from __future__ import annotations

from datetime import date

import pytest

from gespraech_assistant.dates import find_due
from gespraech_assistant.debrief import (
    CompanyHint,
    ContactUpdate,
    DebriefExtraction,
    DebriefRequest,
    KnownPerson,
    NewContact,
    NextStep,
    merge_extractions,
    offline_extract,
)

FRIDAY = date(2026, 11, 13)
WEDNESDAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "meeting", "expected"),
    [
        ("bis Freitag", FRIDAY, "2026-11-20"),  # strictly after a Friday meeting
        ("by Friday", WEDNESDAY, "2026-11-27"),
        ("nächsten Dienstag", WEDNESDAY, "2026-12-01"),
        ("next Tuesday", WEDNESDAY, "2026-12-01"),
        ("morgen", FRIDAY, "2026-11-14"),
        ("übermorgen", FRIDAY, "2026-11-15"),
        ("tomorrow", FRIDAY, "2026-11-14"),
        ("nächste Woche", WEDNESDAY, "2026-11-30"),
        ("next week", WEDNESDAY, "2026-11-30"),
        ("Ende Woche", WEDNESDAY, "2026-11-27"),
        ("this week", WEDNESDAY, "2026-11-27"),
        ("Ende nächster Woche", WEDNESDAY, "2026-12-04"),
        ("Ende Monat", WEDNESDAY, "2026-11-30"),
        ("by end of the month", date(2026, 12, 16), "2026-12-31"),
        ("in zwei Wochen", WEDNESDAY, "2026-12-09"),
        ("in 3 Wochen", WEDNESDAY, "2026-12-16"),
        ("within a week", WEDNESDAY, "2026-12-02"),
        ("bis 30.11.2026", WEDNESDAY, "2026-11-30"),
        ("2026-12-03", WEDNESDAY, "2026-12-03"),
        ("bis 18.12.", WEDNESDAY, "2026-12-18"),
        ("bis 5.1.", WEDNESDAY, "2027-01-05"),  # no year: next occurrence
        ("by 15 December", WEDNESDAY, "2026-12-15"),
        ("nach Neujahr", WEDNESDAY, None),
        ("in the new year", WEDNESDAY, None),
        ("Referenzen aktualisieren", WEDNESDAY, None),
    ],
)
def test_due_dates(text, meeting, expected):
    due = find_due(text, meeting).date
    assert (due.isoformat() if due else None) == expected


def test_same_day_refers_to_the_previous_step():
    request = DebriefRequest(
        note="todo: apply by 2026-12-20, cv copy to thomas same day.\n",
        partner="Thomas Brunner",
        meeting_date=date(2026, 12, 8),
    )
    steps = offline_extract(request).next_steps
    assert steps and steps[-1].due == date(2026, 12, 20)


def _x(**kw) -> DebriefExtraction:
    return DebriefExtraction(**kw)


def test_merge_is_a_deduplicated_union():
    offline = _x(
        summary="offline summary",
        new_contacts=[NewContact(name="Sommer", company="Medivo GmbH")],
        known_contacts=[ContactUpdate(name="Sandra Huber", updates={"role": "Beraterin"})],
        company_hints=[CompanyHint(company="Medivo GmbH", hint="sucht Leute", known_target=True)],
        next_steps=[NextStep(text="Lebenslauf schicken", due=date(2026, 11, 16))],
        thank_you="offline thanks",
    )
    llm = _x(
        summary="llm summary",
        new_contacts=[
            NewContact(name="Dr. Laura Sommer", role="Leiterin Logistik"),
            NewContact(name="Jan Novak", company="Rheintal Logistik AG"),
        ],
        known_contacts=[ContactUpdate(name="sandra huber", updates={"email": "s@h.example"})],
        company_hints=[
            CompanyHint(company="medivo", hint="Werk in Freiburg"),
            CompanyHint(company="Talwind Mobility AG", hint="baut Einkauf aus"),
        ],
        next_steps=[NextStep(text="Lebenslauf schicken"), NextStep(text="Jan anrufen")],
        thank_you="llm thanks",
    )
    merged = merge_extractions(offline, llm)
    assert merged.summary == "llm summary" and merged.thank_you == "llm thanks"
    people = {c.name: c for c in merged.new_contacts}
    assert set(people) == {"Dr. Laura Sommer", "Jan Novak"}
    laura = people["Dr. Laura Sommer"]
    assert (laura.company, laura.role) == ("Medivo GmbH", "Leiterin Logistik")
    assert len(merged.known_contacts) == 1
    assert merged.known_contacts[0].updates == {"email": "s@h.example", "role": "Beraterin"}
    hints = {h.company: h for h in merged.company_hints}
    assert set(hints) == {"Medivo GmbH", "Talwind Mobility AG"}
    assert "Werk in Freiburg" in hints["Medivo GmbH"].hint
    assert [s.text for s in merged.next_steps] == ["Lebenslauf schicken", "Jan anrufen"]


def test_merge_never_drops_offline_findings():
    offline = _x(new_contacts=[NewContact(name="Priya Nair")])
    merged = merge_extractions(offline, _x())
    assert [c.name for c in merged.new_contacts] == ["Priya Nair"]


KNOWN = [
    KnownPerson(name="Martin Keller", company="Alpenblick Medtech AG"),
    KnownPerson(name="Peter Meier", company="Swisscom"),
    KnownPerson(name="Anna Schmid", company="UBS"),
    KnownPerson(name="Sandra Huber", company="Huber Consulting"),
]


def _extract(note: str, partner: str = "Julia Weber") -> DebriefExtraction:
    from gespraech_assistant.debrief_apply import reconcile

    request = DebriefRequest(
        note=note,
        partner=partner,
        meeting_date=WEDNESDAY,
        known_contacts=KNOWN,
        targets=["Alpenblick Medtech AG"],
    )
    return reconcile(offline_extract(request), request)


@pytest.mark.parametrize(
    ("note", "known"),
    [
        ("Danach martin keler fragen wegen Kontakt.", "Martin Keller"),
        ("Hr. Keller kam kurz dazu.", "Martin Keller"),
        ("Telefon mit P. Meier, nichts Neues.", "Peter Meier"),
        ("Anna (UBS) war auch da.", "Anna Schmid"),
        ("Laut Frau Huber ist das so.", "Sandra Huber"),
    ],
)
def test_known_contacts_are_matched_tolerantly(note, known):
    x = _extract(note)
    assert [k.name for k in x.known_contacts] == [known]
    assert x.new_contacts == []


def test_same_surname_other_first_name_is_new():
    x = _extract("Sie kennt Lea Huber und Lukas Meier, den CFO von Talwind.")
    assert {c.name for c in x.new_contacts} == {"Lea Huber", "Lukas Meier"}
    assert x.known_contacts == []


def test_partner_is_never_a_new_contact():
    x = _extract("Julia Weber hat mir Tom Fischer empfohlen. Julia schickt mir seine Mail.")
    assert [c.name for c in x.new_contacts] == ["Tom Fischer"]
    assert x.new_contacts[0].introduced_by == "Julia Weber"


def test_nothing_found_in_an_empty_talk():
    x = _extract("Netter Austausch über die alten Zeiten, aber nichts Konkretes.")
    assert (x.new_contacts, x.known_contacts, x.company_hints, x.next_steps) == ([], [], [], [])
