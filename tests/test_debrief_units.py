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
        ("luca sends it tmrw", WEDNESDAY, "2026-11-26"),
        ("bis do", WEDNESDAY, "2026-11-26"),
        ("am Fr. anrufen", WEDNESDAY, "2026-11-27"),
        ("I do it", WEDNESDAY, None),  # 'do' alone is a verb, not Donnerstag
        ("early next wk", WEDNESDAY, "2026-11-30"),
        ("vor Weihnachten", WEDNESDAY, "2026-12-24"),
        ("apply before xmas break (by 18.12.)", WEDNESDAY, "2026-12-18"),  # the date wins
        ("nach Weihnachten", WEDNESDAY, None),
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


# ---------------------------------------------------------------- QA findings (not eval data)

QA_DE = """Kaffee mit Jürg Müller.

Er meint, Schindler sucht Leute für die Digitalisierung
des Servicegeschäfts. Er kennt Frau Monika Keller von Otis, die baut dort ein neues Team auf.
Peter Baumgartner, der leitet bei Kone die Beschaffung, Kone wächst in der Schweiz.

Ich schicke Jürg bis Freitag meinen Lebenslauf.
"""
QA_EN = """Call with Sarah O'Connor.

She said Northwind is hiring two supply chain planners for the new
site in Brno. She recommended Mr Daniel Frei, who heads procurement at Swisslog
(daniel.frei@swisslog.example).

I will send Sarah my CV by next Tuesday and follow up with Daniel in two weeks.
"""


def _qa(note: str, partner: str, company: str, lang: str, familiar: bool) -> DebriefExtraction:
    from gespraech_assistant.debrief_apply import reconcile

    request = DebriefRequest(
        language=lang,
        note=note,
        partner=partner,
        partner_company=company,
        partner_familiar=familiar,
        meeting_date=WEDNESDAY,
        known_contacts=[KnownPerson(name=partner, company=company)],
        targets=[company],
    )
    return reconcile(offline_extract(request), request)


def test_explicit_company_beats_the_partners_and_is_trimmed():
    x = _qa(QA_DE, "Jürg Müller", "Schindler Aufzüge AG", "de", True)
    people = {c.name: (c.company, c.role) for c in x.new_contacts}
    assert people == {
        "Monika Keller": ("Otis", None),
        "Peter Baumgartner": ("Kone", "Leiter Beschaffung"),
    }
    hints = {h.company: h.known_target for h in x.company_hints}
    assert hints == {"Schindler Aufzüge AG": True, "Otis": False, "Kone": False}
    # the wrapped line is one sentence
    assert any("Digitalisierung des Servicegeschäfts" in i for i in x.information)


def test_english_role_at_company_and_mail_domain():
    x = _qa(QA_EN, "Sarah O'Connor", "Northwind Robotics Ltd", "en", False)
    assert [(c.name, c.company, c.role) for c in x.new_contacts] == [
        ("Daniel Frei", "Swisslog", "Head of procurement")
    ]
    solo = _qa(
        "Call with Sarah.\n\nNorthwind is hiring. Sarah gave me Daniel Frei (daniel.frei@swisslog.example).\n",
        "Sarah O'Connor",
        "Northwind Robotics Ltd",
        "en",
        False,
    )
    assert solo.new_contacts[0].company is None  # not the partner's company by proximity


def test_merged_steps_are_split_with_their_own_dates():
    x = _qa(QA_EN, "Sarah O'Connor", "Northwind Robotics Ltd", "en", False)
    assert [(s.text, s.due.isoformat()) for s in x.next_steps] == [
        ("I will send Sarah my CV by next Tuesday.", "2026-12-01"),
        ("Follow up with Daniel in two weeks.", "2026-12-09"),
    ]


def test_thank_you_speaks_to_the_partner():
    de = _qa(QA_DE, "Jürg Müller", "Schindler Aufzüge AG", "de", True).thank_you
    assert de.startswith("Hallo Jürg,\n\nherzlichen Dank")
    assert "Ihr Hinweis: Schindler sucht Leute für die Digitalisierung des Servicegeschäfts." in de
    assert "Er meint" not in de and "Ich schicke Ihnen bis Freitag" in de
    en = _qa(QA_EN, "Sarah O'Connor", "Northwind Robotics Ltd", "en", False).thank_you
    assert en.startswith("Dear Sarah,\n\nThank you")
    assert (
        "She said" not in en
        and "Northwind is hiring two supply chain planners for the new site in Brno." in en
    )
    assert "putting me in touch with Daniel Frei" in en and "Sarah O'Connor." not in en
    assert "As agreed: I will send you my CV by next Tuesday." in en


def test_hints_on_one_company_stay_separate_sentences():
    note = "## Firmenhinweise\n- Bühler AG: sucht Leute mit Qualitätshintergrund\n- Bühler AG: neues Servicecenter in Uzwil\n"
    x = _qa(note, "Jürg Müller", "Schindler Aufzüge AG", "de", False)
    hint = next(h for h in x.company_hints if h.company == "Bühler AG")
    assert "Qualitätshintergrund; neues Servicecenter" in hint.hint


@pytest.mark.parametrize(
    ("line", "name", "company", "role"),
    [
        ("Dr. Mei Lin Tan, Lonza, Head of Talent Acquisition", "Mei Lin Tan", "Lonza", "Head"),
        (
            "Frau Dr. Miriam von Gunten, Seeland AG, Leiterin Einkauf",
            "Miriam von Gunten",
            "Seeland AG",
            "Einkauf",
        ),  # noqa: E501
        ("Pixelfarm GmbH – Jan Hofmann – CTO", "Jan Hofmann", "Pixelfarm GmbH", "CTO"),
        (
            "Leiterin HR: Carla de la Fuente, Birs Cargo AG",
            "Carla de la Fuente",
            "Birs Cargo AG",
            "HR",
        ),  # noqa: E501
        ("Head of Sales, Ana Duarte, Kestrel AG", "Ana Duarte", "Kestrel AG", "Sales"),
        ("marc-andré favre, kestrel ag", "Marc-André Favre", "kestrel ag", None),
    ],
)
def test_contact_lines_in_any_order(line, name, company, role):
    x = _extract(f"## Neue Kontakte\n- {line}\n")
    assert [c.name for c in x.new_contacts] == [name]
    contact = x.new_contacts[0]
    assert (contact.company or "").lower() == company.lower()
    assert (role is None and contact.role is None) or role in (contact.role or "")


def test_contact_line_remarks_and_initials():
    x = _extract("## Neue Kontakte\n- Hr. Keller kam kurz dazu (kenne ich schon)\n- s. huber\n")
    assert x.new_contacts == []
    assert {k.name for k in x.known_contacts} == {"Martin Keller", "Sandra Huber"}


def test_particle_names_in_free_text_and_von_as_from():
    x = _extract(
        "Ich soll mich bei Frau Dr. Miriam von Gunten melden. Carla de la Fuente von Birs Cargo "
        "sucht Leute. Martin von Alpenblick war auch da."
    )
    assert {c.name for c in x.new_contacts} == {"Miriam von Gunten", "Carla de la Fuente"}


def test_lower_case_first_name_with_a_to_do_verb_is_no_person():
    x = _extract("## Nächste Schritte\n- thomas danken (mail)\n- anna mailen\n", "Thomas Brunner")
    assert x.new_contacts == []


def test_lower_case_titles_and_bare_first_names_of_known_contacts():
    x = _extract(
        "go via the hiring manager: ms gwendolyn frey, head of sourcing. need to check with "
        "sandra. frau kälin bis freitag anrufen."
    )
    assert {c.name for c in x.new_contacts} == {"Gwendolyn Frey", "Kälin"}
    assert [k.name for k in x.known_contacts] == ["Sandra Huber"]


def test_a_bare_first_name_is_the_new_person_who_has_it():
    x = _extract("Sie hat mir Sandra Roth empfohlen. Sandra kennt den Markt gut.")
    assert [c.name for c in x.new_contacts] == ["Sandra Roth"]
    assert x.known_contacts == []


def test_steps_as_commands_infinitives_and_a_bare_actions_line():
    x = _extract(
        "Kaffee mit Julia Weber.\n\nMartin fragen, ob er ein gutes Wort einlegt. Bis Montag Profil im Portal anlegen.\n"
        "Peter stellt den Kontakt per Mail her. Sie arbeitet seit 2019 dort.\n\n"
        "Actions\n- send Raphael Gut my profile this week\n\n"
        "Contact: Ms Maria Kessler, Managing Partner.\n"
    )
    texts = [s.text for s in x.next_steps]
    assert texts == [
        "Martin fragen, ob er ein gutes Wort einlegt.",
        "Bis Montag Profil im Portal anlegen.",
        "Peter stellt den Kontakt per Mail her.",
        "send Raphael Gut my profile this week",
    ]
    assert [str(s.due) for s in x.next_steps] == ["None", "2026-11-30", "None", "2026-11-27"]


def test_heading_typos_accents_lone_surnames_and_role_vouched_names():
    x = _extract(
        "## neue kontake\n- Hofmann, Pixelfarm\n- Lucía de la Fuente – NordKap Logistics, VP Ops\n"
        "- recruiter (HR) at brightwave - didn't catch the name\n"
        "## informaton\n- daniel interviewed there last yr\n- Ihr Teamkollege Malte Jensen ist "
        "zurück in Hamburg.\n"
    )
    people = {c.name: c for c in x.new_contacts}
    assert set(people) == {"Hofmann", "Lucía de la Fuente", "Malte Jensen"}
    assert people["Hofmann"].company == "Pixelfarm"
    assert people["Lucía de la Fuente"].company == "NordKap Logistics"


def test_first_name_with_a_company_in_parentheses_is_the_known_contact():
    x = _extract("## Next steps\n- call Peter (Swisscom) about the tender\n")
    assert [k.name for k in x.known_contacts] == ["Peter Meier"]
    assert x.new_contacts == []


def test_surname_first_lines_and_first_names_alone_later():
    x = _extract(
        "## Neue Kontakte\n- van Dijk, Joost – Medivo GmbH – Head of Product\n"
        "- Weber, Simone – Ärztin, freiberuflich\n"
        "- Ana Lúcia Ferreira dos Santos — Director — Lémanis Biotech SA\n"
        "## Nächste Schritte\n- Yasmin leitet meinen CV an Ana Lúcia weiter, morgen\n"
    )
    assert [c.name for c in x.new_contacts] == [
        "Joost van Dijk",
        "Simone Weber",
        "Ana Lúcia Ferreira dos Santos",
    ]
    assert x.known_contacts == []  # Simone Weber is not the partner Julia Weber's namesake


def test_real_first_names_differ_and_words_after_names_are_no_surnames():
    x = _extract(
        "Ihre Teamleiterin heisst Martina Keller – nicht verwandt mit Martin Keller. "
        "Peter von der Swisscom kennt er auch. laut luca hiring freeze bis april. "
        "sam pings tobias mon."
    )
    assert [c.name for c in x.new_contacts] == ["Martina Keller"]
    assert {k.name for k in x.known_contacts} == {"Martin Keller", "Peter Meier"}


def test_companies_named_after_people_are_no_contacts():
    x = _extract(
        "Er schlägt Emil Frey vor: die Gruppe baut ein Digital-Team auf. Dort kennt er Frau Dr. "
        "Ayşe Weiss, Leiterin Digital Sales bei der Emil Frey AG. Roland Berger sucht Berater, "
        "Hugo Boss auch. Kontakt bei F. Hoffmann-La Roche AG: Marguerite Cook."
    )
    assert {c.name for c in x.new_contacts} == {"Ayşe Weiss", "Marguerite Cook"}


def test_nicknames_and_names_completed_by_an_address():
    x = _extract(
        "## Neue Kontakte\n- Josef „Sepp“ Inauen, Rheintal Logistik AG, Standortleiter\n"
        "- sämi (samuel) zimmermann, CEO seeklinik\n"
        "## Informationen\n- Seine Cousine Rahel arbeitet dort, rahel.gisler@hhs.example.\n"
        "- Pete Meier says hi\n",
        partner="Sandra Huber",
    )
    assert {c.name for c in x.new_contacts} == {
        "Josef Inauen",
        "Samuel Zimmermann",
        "Rahel Gisler",
    }
    assert [k.name for k in x.known_contacts] == ["Peter Meier"]


def test_nouns_after_names_and_placeholder_lines_are_nobody():
    x = _extract(
        "## Neue Kontakte\n- none yet – he'll think about who I could talk to\n"
        "## Informationen\n- Nordlicht sucht laut Reto Projektingenieure für Hamburg.\n"
        "## Nächste Schritte\n- mit Hr. Tanner Kaffee abmachen, in 2 Wochen\n"
    )
    assert [c.name for c in x.new_contacts] == ["Tanner"]


def test_two_first_names_and_a_surname_in_free_text():
    x = _extract(
        "He suggested I talk to Dr. Mei Lin Zhao, she heads regulatory at Lumea. "
        "Thi Lan Nguyen, Head of Credit Risk at Bank Walensee, also came. "
        "Sie hat mir noch Ramona Caflisch empfohlen. Mit Frau Anna Roth Bescheid geben."
    )
    assert {c.name for c in x.new_contacts} == {
        "Mei Lin Zhao",
        "Thi Lan Nguyen",
        "Ramona Caflisch",
        "Anna Roth",
    }


def test_nouns_that_look_like_commands_or_infinitives_are_no_steps():
    x = _extract(
        "Kaffee mit Julia Weber.\n\n- Call with Anna was great, she explained the setup\n"
        "- Check-in process is chaotic\n- Mail von Peter kam gestern an\n"
        "- Aktuell 3 offene Stellen.\n- Danke fürs Treffen!\n"
        "- Vor Weihnachten wird nichts mehr entschieden.\n- Martin von Pixelfarm erzählt viel.\n"
        "## Die Aufgabe\n- Budgetverantwortung für drei Länder\n"
    )
    assert x.next_steps == []
    assert x.new_contacts == []


def test_company_as_subject_of_a_change_is_a_hint_and_openers_are_no_company():
    x = _extract(
        "Gespräch.\n\nShe mentioned Leila Hosseini, head of data at Limmat Re. Limmat Re is "
        "setting up a new data platform. Bank Walensee is replacing their rating models. "
        "Apparently Alpenblick is hiring again."
    )
    hints = {h.company for h in x.company_hints}
    assert hints == {"Limmat Re", "Bank Walensee", "Alpenblick Medtech AG"}


def test_accented_and_arabic_particle_names():
    x = _extract("Gespräch.\n\nJoël Favre kennt Fatima El Amrani von früher.")
    assert {c.name for c in x.new_contacts} == {"Joël Favre", "Fatima El Amrani"}


def test_roles_and_companies_of_new_contacts_in_free_text():
    x = _extract(
        "Gespräch.\n\n- Peter kennt Nadia Ferreira, CISO, nadia.ferreira@hhs.example\n"
        "- Teamlead QA = Stefan Oberholzer, sehr strukturiert\n"
        "- sie hat mir ihren kollegen stefan moser genannt, der das e-bus-projekt leitet "
        "(stefan.moser@aareverkehr.example). corinne ist hr-leiterin bei der aareverkehr ag.\n"
        "- She mentioned Priyanka Sharma, who moved to Alpenblick last year as Head of Strategy.\n"
        "## Neue Kontakte\n- Hanna Sjöberg, Kubik Analytics GmbH, Data Engineering Lead\n"
    )
    people = {c.name: c for c in x.new_contacts}
    assert people["Nadia Ferreira"].role == "CISO"
    assert people["Stefan Oberholzer"].role == "Teamlead QA"
    assert people["Stefan Moser"].company == "Aareverkehr AG"
    assert people["Priyanka Sharma"].role == "Head of Strategy"
    assert (people["Hanna Sjöberg"].company, people["Hanna Sjöberg"].role) == (
        "Kubik Analytics GmbH",
        "Data Engineering Lead",
    )


def test_german_nouns_after_names_are_no_surnames():
    x = _extract(
        "Gespräch.\n\nLaut Beatrice Einstellungsstopp bei Nordlicht bis März. "
        "Frau Egli Zeit hat sie keine."
    )
    assert [c.name for c in x.new_contacts] == ["Egli"]
