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
from gespraech_assistant.errors import UsageError
from gespraech_assistant.i18n import msg
from gespraech_assistant.lists import find_contacts, find_targets, load_contacts, load_targets
from gespraech_assistant.models import Contact, Target
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
    found = find_contacts(contacts, name)
    if not found:
        raise UsageError(
            msg(
                ws.language,
                de="Kein Kontakt «{n}» in contacts.csv.",
                en="No contact {n!r} in contacts.csv.",
                n=name,
            ),
            msg(
                ws.language,
                de='Anlegen mit: gespraech contacts add "{n}" --company FIRMA',
                en='Add them with: gespraech contacts add "{n}" --company COMPANY',
                n=name,
            ),
        )
    if len(found) > 1:
        names = ", ".join(c.name for c in found)
        raise UsageError(
            msg(
                ws.language,
                de="«{n}» ist mehrdeutig: {c}.",
                en="{n!r} is ambiguous: {c}.",
                n=name,
                c=names,
            ),
            msg(ws.language, de="Bitte den vollen Namen angeben.", en="Please give the full name."),
        )
    return found[0]


@contacts_app.command("list")
def contacts_list(workspace: WorkspaceOpt = None, json_out: JsonOpt = False) -> None:
    """Show all contacts."""
    ws = load_workspace(workspace)
    records = load_contacts(ws.contacts_path, ws.root).records
    if json_out:
        print_json(records)
    else:
        console.print(render.contacts_table(records, ws.language))


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
    relation: Annotated[str, typer.Option(help="primary (you know them) or secondary.")] = "",
    introduced_by: Annotated[
        str, typer.Option("--introduced-by", help="Who introduced them.")
    ] = "",
    tags: Annotated[str, typer.Option(help="Tags separated by ';'.")] = "",
    notes: Annotated[str, typer.Option(help="Free notes, e.g. 'früher bei X'.")] = "",
    workspace: WorkspaceOpt = None,
) -> None:
    """Add a contact to contacts.csv."""
    ws = load_workspace(workspace)
    relation = relation or ("secondary" if introduced_by else "primary")
    if relation not in ("primary", "secondary"):
        raise UsageError(f"--relation {relation!r}: use primary or secondary.")
    if not name.strip():
        raise UsageError(msg(ws.language, de="Der Name ist leer.", en="The name is empty."))
    with ws.lock(on_wait=lock_waiting_notice(ws)):
        table = load_contacts(ws.contacts_path, ws.root)
        if find_contacts(table.records, name) and any(
            c.name.casefold() == name.casefold() for c in find_contacts(table.records, name)
        ):
            raise UsageError(
                msg(
                    ws.language,
                    de="«{n}» steht schon in contacts.csv.",
                    en="{n!r} is already in contacts.csv.",
                    n=name,
                )
            )
        table.append(
            Contact(
                name=name.strip(),
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
        console.print(render.targets_table(records, ws.language))


@targets_app.command("add")
def targets_add(
    company: Annotated[str, typer.Argument(help="Company name.")],
    industry: Annotated[str, typer.Option()] = "",
    location: Annotated[str, typer.Option()] = "",
    priority: Annotated[str, typer.Option(help="A, B or C.")] = "",
    status: Annotated[str, typer.Option()] = "",
    contacts: Annotated[str, typer.Option(help="Names separated by ';'.")] = "",
    notes: Annotated[str, typer.Option()] = "",
    workspace: WorkspaceOpt = None,
) -> None:
    """Add a company to targets.csv."""
    ws = load_workspace(workspace)
    priority = priority.strip().upper()
    if priority not in ("", "A", "B", "C"):
        raise UsageError(f"--priority {priority!r}: use A, B or C.")
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
                priority=priority or None,
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
