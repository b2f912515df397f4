"""forget and export: erasure and right of access for one person."""

from __future__ import annotations

from typing import Annotated

import typer

from gespraech_assistant.cli import render
from gespraech_assistant.cli.common import (
    JsonOpt,
    WorkspaceOpt,
    console,
    err_console,
    load_workspace,
    lock_waiting_notice,
    print_json,
    warn,
)
from gespraech_assistant.errors import UsageError
from gespraech_assistant.i18n import msg

NOTES_CHOICES = ("keep", "redact", "delete")


def register(app: typer.Typer) -> None:
    app.command("forget")(forget)
    app.command("export")(export)


def forget(
    person: Annotated[str, typer.Argument(help="Full name (tolerant matching).")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask; erase now.")] = False,
    notes: Annotated[
        str | None,
        typer.Option(
            "--notes",
            help="Notes that mention the person: keep (default), redact the name, or delete.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only show what would be erased.")
    ] = False,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Erase a person: contacts, targets, history, backups and the index (rebuilt)."""
    from gespraech_assistant.privacy import forget as run_forget

    ws = load_workspace(workspace)
    if notes is not None and notes not in NOTES_CHOICES:
        raise UsageError(f"--notes {notes!r}: use keep, redact or delete.")
    if json_out and not (yes or dry_run):
        raise UsageError(
            msg(
                ws.language,
                de="--json braucht --yes (ohne Rückfrage löschen) oder --dry-run.",
                en="--json needs --yes (erase without asking) or --dry-run.",
            )
        )
    plan = run_forget(ws, person, notes=notes or "keep", apply=False)
    if dry_run:
        _show(plan, ws.language, json_out)
        return
    if _nothing_to_erase(plan):
        if json_out:
            print_json(plan)
        else:
            console.print(
                msg(
                    ws.language,
                    de="Über {p} ist nichts (mehr) gespeichert; nichts geändert.",
                    en="Nothing (left) about {p}; nothing changed.",
                    p=render.safe(plan.person),
                )
            )
        return
    if not yes:
        _show(plan, ws.language, json_out=False)
        notes = _confirm_erasure(plan, notes, ws.language)
    with ws.lock(on_wait=lock_waiting_notice(ws)):
        report = run_forget(ws, person, notes=notes or "keep", apply=True)  # type: ignore[arg-type]
    _show(report, ws.language, json_out)


def _confirm_erasure(plan, notes: str | None, lang: str) -> str:
    """Asks on the terminal (or reads answers piped in); no answer at all is a usage error."""
    try:
        notes = notes or _ask_notes(plan.notes_mentioning, lang)
        question = msg(
            lang,
            de="{p} jetzt endgültig löschen?",
            en="Erase {p} now, for good?",
            p=render.safe(plan.person),
        )
        confirmed = typer.confirm(question, default=False, err=True)
    except (typer.Abort, EOFError):
        raise UsageError(
            msg(
                lang,
                de="Löschen braucht eine Bestätigung; es kam keine Antwort.",
                en="Erasing needs a confirmation; no answer came.",
            ),
            msg(
                lang,
                de="Mit --yes ohne Rückfrage löschen (vorher --dry-run ansehen).",
                en="Use --yes to erase without asking (check --dry-run first).",
            ),
        ) from None
    if not confirmed:
        err_console.print(msg(lang, de="Nichts geändert.", en="Nothing changed."))
        raise typer.Exit(1)
    return notes


def _nothing_to_erase(plan) -> bool:
    return not (
        plan.contacts_rows_removed
        or plan.contacts_cells_changed
        or plan.targets_cells_changed
        or plan.history_deleted
        or plan.history_redacted
        or plan.notes_mentioning
        or plan.other_files_redacted
        or plan.backups_rewritten
        or plan.backups_deleted
    )


def _ask_notes(notes: list[str], lang: str) -> str:
    if not notes:
        return "keep"
    question = msg(
        lang,
        de="Was soll mit diesen Notizen geschehen? keep = unverändert lassen, "
        "redact = Namen schwärzen, delete = Dateien löschen",
        en="What should happen to these notes? keep = leave unchanged, "
        "redact = black out the name, delete = delete the files",
    )
    for _ in range(3):
        answer = str(typer.prompt(question, default="keep", err=True)).strip().lower()
        if answer in NOTES_CHOICES:
            return answer
    raise UsageError(f"{answer!r}: use keep, redact or delete.")


def _show(report, lang: str, json_out: bool) -> None:
    if json_out:
        print_json(report)
        return
    head = (
        msg(lang, de="Gelöscht: {p}", en="Erased: {p}", p=render.safe(report.person))
        if report.applied
        else msg(
            lang, de="Wird gelöscht: {p}", en="To be erased: {p}", p=render.safe(report.person)
        )
    )
    console.print(f"[bold]{head}[/bold]")
    lines = [
        (
            msg(lang, de="Zeilen in contacts.csv", en="rows in contacts.csv"),
            report.contacts_rows_removed,
        ),
        (
            msg(lang, de="weitere Felder in contacts.csv", en="other fields in contacts.csv"),
            report.contacts_cells_changed,
        ),
        (
            msg(lang, de="Felder in targets.csv", en="fields in targets.csv"),
            report.targets_cells_changed,
        ),
    ]
    for label, count in lines:
        if count:
            console.print(f"  {label}: {count}")
    _files(
        msg(lang, de="eigene Verlaufseinträge (gelöscht)", en="own history entries (deleted)"),
        report.history_deleted,
    )
    _files(
        msg(lang, de="Erwähnungen im Verlauf (geschwärzt)", en="mentions in history (redacted)"),
        report.history_redacted,
    )
    _files(
        msg(lang, de="weitere Dateien (geschwärzt)", en="other files (redacted)"),
        report.other_files_redacted,
    )
    _files(msg(lang, de="Sicherungen bereinigt", en="backups cleaned"), report.backups_rewritten)
    _files(msg(lang, de="Sicherungen gelöscht", en="backups deleted"), report.backups_deleted)
    if report.notes_mentioning:
        action = {
            "keep": msg(lang, de="bleiben unverändert", en="left unchanged"),
            "redact": msg(lang, de="Name geschwärzt", en="name redacted"),
            "delete": msg(lang, de="gelöscht", en="deleted"),
        }[report.notes_action]
        label = msg(lang, de="Notizen, die die Person erwähnen", en="notes mentioning the person")
        _files(f"{label} ({action if report.applied else '?'})", report.notes_mentioning)
    if report.applied and report.index_rebuilt:
        console.print(
            msg(
                lang,
                de="  Index in einem frischen Ordner neu aufgebaut; der alte ist gelöscht.",
                en="  Index rebuilt in a fresh folder; the old one is deleted.",
            )
        )
    if report.applied and report.remaining:
        _files(
            msg(lang, de="Die Person steht noch in", en="The person still appears in"),
            report.remaining,
        )
    for warning in report.warnings:
        warn(render.safe(warning))


def _files(label: str, files: list[str]) -> None:
    if not files:
        return
    console.print(f"  {label}:")
    for name in files:
        console.print(f"    - {render.safe(name)}")


def export(
    person: Annotated[str, typer.Argument(help="Full name (tolerant matching).")],
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Everything the workspace holds about a person (right of access)."""
    from gespraech_assistant.privacy import export_person

    ws = load_workspace(workspace)
    data = export_person(ws, person)
    if json_out:
        print_json(data)
        return
    lang = ws.language
    console.print(f"[bold]{render.safe(data.person)}[/bold]")
    if data.contact:
        for key, value in data.contact.model_dump(exclude={"line", "extra"}).items():
            if value:
                console.print(f"  {key}: {render.safe(str(value))}")
        for key, value in data.contact.extra.items():
            if value:
                console.print(f"  {render.safe(key)}: {render.safe(value)}")
    for m in data.other_contacts:
        console.print(f"  contacts.csv:{m.line}: {render.safe(m.text)}")
    for t in data.targets:
        console.print(
            f"  targets.csv ({render.safe(t.company)}, {render.safe(t.field)}): {render.safe(t.text)}"
        )
    for h in data.history:
        kind = (
            msg(lang, de="eigener Eintrag", en="own entry")
            if h.own
            else msg(lang, de="Erwähnung", en="mention")
        )
        console.print(f"  {render.safe(h.source)} ({kind})")
    for n in data.notes:
        console.print(f"  {render.safe(n.source)}:{n.line}: {render.safe(n.text[:200])}")
    if data.other_files:
        _files(msg(lang, de="Kopien in", en="copies in"), data.other_files)
