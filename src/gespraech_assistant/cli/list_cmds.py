"""contacts, targets and import: the two lists the method is built on."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gespraech_assistant.cli import render
from gespraech_assistant.cli.common import (
    JsonOpt,
    WorkspaceOpt,
    console,
    load_workspace,
    lock_waiting_notice,
    print_json,
    warn,
)
from gespraech_assistant.errors import UsageError, ambiguous_name
from gespraech_assistant.i18n import msg
from gespraech_assistant.lists import (
    find_contacts,
    find_targets,
    load_contacts,
    load_targets,
    parse_priority,
    parse_relation,
    suggest_contacts,
)
from gespraech_assistant.models import Contact, Target
from gespraech_assistant.textnorm import clean_terminal, loose_name_key, name_keys, same_name
from gespraech_assistant.workspace import Workspace

contacts_app = typer.Typer(help="The contact network list (contacts.csv).", no_args_is_help=True)
targets_app = typer.Typer(help="The target company list (targets.csv).", no_args_is_help=True)
import_app = typer.Typer(help="Import contacts from other tools.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(contacts_app, name="contacts")
    app.add_typer(targets_app, name="targets")
    app.add_typer(import_app, name="import")


def resolve_contact(ws: Workspace, name: str) -> Contact:
    """Tolerant lookup with clear errors for unknown and ambiguous names."""
    contacts = load_contacts(ws.contacts_path, ws.root).records
    if not name.strip():
        raise UsageError(msg(ws.language, de="Der Name ist leer.", en="The name is empty."))
    found = find_contacts(contacts, name)
    if not found:
        close = suggest_contacts(contacts, name)
        hint = (
            msg(ws.language, de="Meinten Sie {c}?", en="Did you mean {c}?", c=_names(close))
            if close
            else msg(
                ws.language,
                de='Anlegen mit: gespraech contacts add "{n}" --company FIRMA',
                en='Add them with: gespraech contacts add "{n}" --company COMPANY',
                n=name,
            )
        )
        raise UsageError(
            msg(
                ws.language,
                de="Kein Kontakt «{n}» in contacts.csv.",
                en="No contact {n!r} in contacts.csv.",
                n=name,
            ),
            hint,
        )
    if len(found) > 1:
        names = [f"{c.name} ({c.company})" if c.company else c.name for c in found]
        raise ambiguous_name(ws.language, name, names)
    return found[0]


def _names(contacts: list[Contact]) -> str:
    return ", ".join(f"«{c.name}»" for c in contacts)


def cli_relation(lang: str, relation: str, introduced_by: str) -> str:
    """--relation as the CSV takes it (primär, sekundär, direkt …); empty: from --introduced-by."""
    if not relation.strip():
        return "secondary" if introduced_by else "primary"
    parsed = parse_relation(relation)
    if parsed is None:
        raise UsageError(
            msg(
                lang,
                de="--relation {r!r}: primär oder sekundär angeben.",
                en="--relation {r!r}: use primary or secondary.",
                r=relation,
            )
        )
    return parsed


def cli_priority(lang: str, priority: str) -> str | None:
    """--priority as the CSV takes it: A/B/C, hoch/mittel/niedrig, high/medium/low."""
    if not priority.strip():
        return None
    parsed = parse_priority(priority)
    if parsed is None:
        raise UsageError(
            msg(
                lang,
                de="--priority {p!r}: A, B oder C angeben (oder hoch, mittel, niedrig).",
                en="--priority {p!r}: use A, B or C (or high, medium, low).",
                p=priority,
            )
        )
    return parsed


@contacts_app.command("list")
def contacts_list(workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Show all contacts."""
    ws = load_workspace(workspace)
    records = load_contacts(ws.contacts_path, ws.root).records
    if json_out:
        print_json(records)
    else:
        console.print(render.contacts_table(records, ws.language, console.width))


@contacts_app.command("show")
def contacts_show(
    name: Annotated[str, typer.Argument(help="Name (tolerant matching).")],
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Show one contact with all fields."""
    ws = load_workspace(workspace)
    contact = resolve_contact(ws, name)
    if json_out:
        print_json(contact)
        return
    for key, value in contact.model_dump(exclude={"line", "extra"}).items():
        if value:
            console.print(f"[bold]{key}[/bold]: {render.safe(str(value))}")
    for key, value in contact.extra.items():
        if value:
            console.print(f"[bold]{render.safe(key)}[/bold]: {render.safe(value)}")


@contacts_app.command("add")
def contacts_add(
    name: Annotated[str, typer.Argument(help="Full name.")],
    company: Annotated[str, typer.Option(help="Employer.")] = "",
    role: Annotated[str, typer.Option(help="Function / role.")] = "",
    email: Annotated[str, typer.Option()] = "",
    phone: Annotated[str, typer.Option()] = "",
    linkedin: Annotated[str, typer.Option(help="LinkedIn profile URL.")] = "",
    relation: Annotated[
        str, typer.Option(help="primary/primär (you know them) or secondary/sekundär.")
    ] = "",
    introduced_by: Annotated[
        str, typer.Option("--introduced-by", help="Who introduced them.")
    ] = "",
    tags: Annotated[str, typer.Option(help="Tags separated by ';'.")] = "",
    notes: Annotated[str, typer.Option(help="Free notes, e.g. 'früher bei X'.")] = "",
    workspace: WorkspaceOpt = None,
) -> None:
    """Add a contact to contacts.csv."""
    ws = load_workspace(workspace)
    relation = cli_relation(ws.language, relation, introduced_by)
    name = " ".join(clean_terminal(name).split())
    if not name_keys(name):  # empty, only spaces, or only a title like "Dr."
        raise UsageError(msg(ws.language, de="Der Name ist leer.", en="The name is empty."))
    with ws.lock(on_wait=lock_waiting_notice(ws)):
        table = load_contacts(ws.contacts_path, ws.root)
        same = [c for c in table.records if same_name(c.name, name)]
        if same:  # also 'Juerg Mueller' next to 'Jürg Müller': one person, two rows
            raise UsageError(
                msg(
                    ws.language,
                    de="«{n}» steht schon in contacts.csv (Zeile {l}: «{h}»).",
                    en="{n!r} is already in contacts.csv (line {l}: {h!r}).",
                    n=name,
                    l=same[0].line,
                    h=same[0].name,
                ),
                msg(
                    ws.language,
                    de="Den bestehenden Eintrag in contacts.csv ergänzen.",
                    en="Complete the existing row in contacts.csv instead.",
                ),
            )
        similar = [c for c in table.records if loose_name_key(c.name) == loose_name_key(name)]
        for other in similar:  # 'Jurg Muller' next to 'Juerg Mueller', or Michal and Michael
            warn(
                msg(
                    ws.language,
                    de="Ähnlicher Name schon in contacts.csv: «{h}» (Zeile {l}).",
                    en="A similar name is already in contacts.csv: {h!r} (line {l}).",
                    h=other.name,
                    l=other.line,
                )
            )
        table.append(
            Contact(
                name=name,
                company=company,
                role=role,
                email=email,
                phone=phone,
                linkedin=linkedin,
                relation=relation,  # type: ignore[arg-type]
                introduced_by=introduced_by,
                tags=tags,
                notes=notes,
            )
        )
        for warning in table.save():
            warn(warning)
    console.print(
        msg(
            ws.language, de="Kontakt hinzugefügt: {n}", en="Contact added: {n}", n=render.safe(name)
        )
    )


@targets_app.command("list")
def targets_list(workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Show the target companies, A before B before C."""
    ws = load_workspace(workspace)
    records = sorted(
        load_targets(ws.targets_path, ws.root).records,
        key=lambda t: (t.priority or "Z", t.company.casefold()),
    )
    if json_out:
        print_json(records)
    else:
        console.print(render.targets_table(records, ws.language, console.width))


@targets_app.command("add")
def targets_add(
    company: Annotated[str, typer.Argument(help="Company name.")],
    industry: Annotated[str, typer.Option()] = "",
    location: Annotated[str, typer.Option()] = "",
    priority: Annotated[
        str, typer.Option(help="A, B or C (hoch/high, mittel/medium, niedrig/low).")
    ] = "",
    status: Annotated[str, typer.Option()] = "",
    contacts: Annotated[str, typer.Option(help="Names separated by ';'.")] = "",
    notes: Annotated[str, typer.Option()] = "",
    workspace: WorkspaceOpt = None,
) -> None:
    """Add a company to targets.csv."""
    ws = load_workspace(workspace)
    parsed_priority = cli_priority(ws.language, priority)
    if not company.strip():
        raise UsageError(
            msg(ws.language, de="Der Firmenname ist leer.", en="The company is empty.")
        )
    with ws.lock(on_wait=lock_waiting_notice(ws)):
        table = load_targets(ws.targets_path, ws.root)
        if find_targets(table.records, company):
            raise UsageError(
                msg(
                    ws.language,
                    de="«{c}» steht schon in targets.csv.",
                    en="{c!r} is already in targets.csv.",
                    c=company,
                )
            )
        table.append(
            Target(
                company=company.strip(),
                industry=industry,
                location=location,
                priority=parsed_priority,
                status=status,  # type: ignore[arg-type]
                contacts=contacts,
                notes=notes,
            )
        )
        for warning in table.save():
            warn(warning)
    console.print(
        msg(
            ws.language,
            de="Zielfirma hinzugefügt: {c}",
            en="Target added: {c}",
            c=render.safe(company),
        )
    )


@import_app.command("linkedin")
def import_linkedin(
    file: Annotated[Path, typer.Argument(help="Connections.csv from LinkedIn's data export.")],
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Merge LinkedIn connections into contacts.csv without duplicates."""
    from gespraech_assistant.linkedin import merge_connections, read_connections

    ws = load_workspace(workspace)
    if not file.is_file():
        raise UsageError(
            msg(ws.language, de="Datei nicht gefunden: {f}", en="File not found: {f}", f=file)
        )
    rows = read_connections(file)
    with ws.lock(on_wait=lock_waiting_notice(ws)):
        table = load_contacts(ws.contacts_path, ws.root)
        report = merge_connections(table, rows, ws.language)
        for warning in table.save():
            warn(warning)
    if json_out:
        print_json(report)
        return
    console.print(
        msg(
            ws.language,
            de="LinkedIn-Import: {a} neu, {u} aktualisiert, {s} übersprungen",
            en="LinkedIn import: {a} added, {u} updated, {s} skipped",
            a=report.added,
            u=report.updated,
            s=report.skipped,
        )
    )
    for problem in report.problems:
        warn(problem)
