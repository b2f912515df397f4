"""Follow-up (Nachbearbeitung): post-meeting notes -> what was learned, list updates, thank-you.

The models here are the contract between the CLI, the offline extractor and the LLM engine
(`engine.extract_debrief(request) -> DebriefExtraction`). The offline extractor lives in
`debrief_extract`; applying the result to the lists in `debrief_apply`.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from gespraech_assistant.models import Language
from gespraech_assistant.textnorm import normalize_company, normalize_name


class KnownPerson(BaseModel):
    """A row of contacts.csv as the extractor needs it (empty string = field is empty)."""

    name: str
    company: str = ""
    role: str = ""
    email: str = ""
    linkedin: str = ""


class DebriefRequest(BaseModel):
    language: Language = "de"
    note: str = Field(description="the user's notes (untrusted text), front matter removed")
    partner: str = Field(description="the person the conversation was with")
    partner_company: str = ""
    meeting_date: date = Field(description="relative due dates resolve against this date")
    today: date | None = Field(default=None, description="the clock, passed in (engines have none)")
    known_contacts: list[KnownPerson] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list, description="companies in targets.csv")
    source_kind: str = Field(default="note", description="note | rehearsal (a transcript)")
    partner_familiar: bool = Field(
        default=False, description="primary contact or ex-colleague: greeted by first name"
    )


class NewContact(BaseModel):
    name: str
    company: str | None = None
    role: str | None = None
    email: str | None = None
    linkedin: str | None = None
    introduced_by: str = ""
    evidence: str = Field(default="", description="the line of the note it came from")


class ContactUpdate(BaseModel):
    """A person already in contacts.csv; `updates` only fills fields that are empty there."""

    name: str
    mentioned_as: str = ""
    updates: dict[str, str] = Field(default_factory=dict)


class CompanyHint(BaseModel):
    company: str
    hint: str
    known_target: bool = False


class NextStep(BaseModel):
    text: str
    due: date | None = None
    due_text: str = ""


class DebriefExtraction(BaseModel):
    summary: str = ""
    information: list[str] = Field(default_factory=list)
    new_contacts: list[NewContact] = Field(default_factory=list)
    known_contacts: list[ContactUpdate] = Field(default_factory=list)
    company_hints: list[CompanyHint] = Field(default_factory=list)
    next_steps: list[NextStep] = Field(default_factory=list)
    thank_you: str = ""


class Debrief(BaseModel):
    """The JSON output of `gespraech debrief --json`."""

    partner: str
    meeting_date: date
    engine: str
    extraction: DebriefExtraction
    warnings: list[str] = Field(default_factory=list)
    applied: list[str] = Field(
        default_factory=list, description="files written by --apply (empty: nothing written)"
    )


def offline_extract(request: DebriefRequest) -> DebriefExtraction:
    from gespraech_assistant.debrief_extract import extract

    return extract(request)


# ---------------------------------------------------------------- merging engines


def _name_key(name: str) -> str:
    return normalize_name(name)


def _same_person(a: str, b: str) -> bool:
    """'Sommer' and 'Laura Sommer' are one person; 'Lea Huber' and 'Sandra Huber' are not."""
    ka, kb = _name_key(a).split(), _name_key(b).split()
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    return len(short) == 1 and short[0] == long_[-1]


def _fill(base: BaseModel, other: BaseModel) -> BaseModel:
    """Keep base's values, take other's where base has none."""
    updates = {k: v for k, v in other.model_dump().items() if v and not getattr(base, k, None)}
    return base.model_copy(update=updates)


def _merge_contacts(first: list[NewContact], second: list[NewContact]) -> list[NewContact]:
    merged = list(first)
    for person in second:
        for i, have in enumerate(merged):
            if _same_person(have.name, person.name):
                longer = person.name if len(person.name) > len(have.name) else have.name
                merged[i] = _fill(have, person).model_copy(update={"name": longer})
                break
        else:
            merged.append(person)
    return merged


def _merge_known(first: list[ContactUpdate], second: list[ContactUpdate]) -> list[ContactUpdate]:
    merged = {_name_key(c.name): c for c in first}
    for c in second:
        key = _name_key(c.name)
        if key in merged:
            have = merged[key]
            merged[key] = have.model_copy(update={"updates": {**c.updates, **have.updates}})
        else:
            merged[key] = c
    return list(merged.values())


def _merge_hints(first: list[CompanyHint], second: list[CompanyHint]) -> list[CompanyHint]:
    merged = list(first)
    for hint in second:
        key = normalize_company(hint.company)
        for i, have in enumerate(merged):
            if normalize_company(have.company) == key:
                if hint.hint and fold_in(hint.hint, have.hint) is False:
                    merged[i] = have.model_copy(update={"hint": f"{have.hint}; {hint.hint}"})
                break
        else:
            merged.append(hint)
    return merged


def fold_in(part: str, whole: str) -> bool:
    return normalize_name(part) in normalize_name(whole)


def _merge_steps(first: list[NextStep], second: list[NextStep]) -> list[NextStep]:
    merged = list(first)
    seen = {normalize_name(s.text) for s in first}
    for step in second:
        if normalize_name(step.text) not in seen:
            merged.append(step)
            seen.add(normalize_name(step.text))
    return merged


def _merge_lines(first: list[str], second: list[str]) -> list[str]:
    seen = {normalize_name(x) for x in first}
    return first + [x for x in second if normalize_name(x) not in seen]


def merge_extractions(offline: DebriefExtraction, llm: DebriefExtraction) -> DebriefExtraction:
    """Union of both engines' findings, deduplicated by normalised name/company.

    The LLM's wording wins for prose (summary, thank-you, step texts come first), the offline
    findings are never dropped: a model that misses a contact cannot make it disappear.
    """
    return DebriefExtraction(
        summary=llm.summary or offline.summary,
        information=_merge_lines(llm.information, offline.information),
        new_contacts=_merge_contacts(offline.new_contacts, llm.new_contacts),
        known_contacts=_merge_known(offline.known_contacts, llm.known_contacts),
        company_hints=_merge_hints(offline.company_hints, llm.company_hints),
        next_steps=_merge_steps(offline.next_steps, llm.next_steps),
        thank_you=llm.thank_you or offline.thank_you,
    )
