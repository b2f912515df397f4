"""debrief and followups: the third step of the method (Nachbearbeitung)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from gespraech_assistant.cli.common import (
    BaseUrlOpt,
    EngineOpt,
    JsonOpt,
    ModelOpt,
    VerboseOpt,
    WorkspaceOpt,
    console,
    load_workspace,
    lock_waiting_notice,
    open_engine,
    print_json,
    report_usage,
    warn,
)
from gespraech_assistant.cli.render import safe
from gespraech_assistant.errors import DataError, UsageError, ambiguous_name
from gespraech_assistant.i18n import msg
from gespraech_assistant.workspace import Workspace

TEMPLATES = {
    "de": """# Nachbearbeitung: Gespräch mit VORNAME NACHNAME
## Informationen
- Was ich erfahren habe (Firmen, Stellen, Pläne, Einschätzungen)
## Neue Kontakte
- Vorname Nachname, Firma, Funktion, E-Mail oder LinkedIn
## Firmenhinweise
- Firma: was sie vorhat (sucht, wächst, baut ab, neues Werk, Projekte, Kultur)
## Nächste Schritte
- Was ich tue oder wer mir was schickt, bis wann (bis Freitag, nächste Woche, 30.11.)
""",
    "en": """# Debrief: conversation with FIRST LAST
## Information
- What I learned (companies, roles, plans, assessments)
## New contacts
- First Last, Company, Role, e-mail or LinkedIn
## Company hints
- Company: what is going on (hiring, growing, cutting jobs, new site, projects, culture)
## Next steps
- What I do or who sends me what, by when (by Friday, next week, 2026-11-30)
""",
}


def register(app: typer.Typer) -> None:
    app.command("debrief")(debrief)
    app.command("followups")(followups)


def _interactive() -> bool:
    return sys.stdin.isatty()


def _read_note(ws: Workspace, source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    path = Path(source).expanduser()
    if not path.is_file() and (ws.root / source).is_file():
        path = ws.root / source
    if not path.is_file():
        raise UsageError(
            msg(ws.language, de="Datei {p} nicht gefunden.", en="File {p} not found.", p=source),
            msg(
                ws.language,
                de="Pfad prüfen, oder Notizen per `-` über stdin geben.",
                en="Check the path, or pass the notes on stdin with `-`.",
            ),
        )
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise DataError(
            path,
            None,
            "is a binary file, not text notes.",
            "Save the notes as plain text or Markdown.",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _meeting_date(
    ws: Workspace, given: str | None, meta: dict[str, str], option: str = "--date"
) -> date:
    from gespraech_assistant.dates import parse_iso

    raw = given or (meta.get("date") or meta.get("datum") or "")[:10]
    if not raw:
        return date.today()
    try:
        return parse_iso(raw)
    except ValueError:
        raise UsageError(
            msg(
                ws.language,
                de="{o} {d!r} ist kein Datum.",
                en="{o} {d!r} is not a date.",
                o=option,
                d=raw,
            ),
            msg(
                ws.language,
                de="Format JJJJ-MM-TT, z. B. 2026-11-13.",
                en="Use YYYY-MM-DD, e.g. 2026-11-13.",
            ),
        ) from None


def _partner(ws: Workspace, name: str | None, meta: dict[str, str]) -> str:
    from gespraech_assistant.debrief_apply import resolve_partner
    from gespraech_assistant.lists import load_contacts

    name = name or meta.get("contact") or meta.get("kontakt")
    if not name:
        raise UsageError(
            msg(
                ws.language,
                de="Mit wem war das Gespräch? --contact fehlt.",
                en="Who was the conversation with? --contact is missing.",
            ),
            'gespraech debrief NOTES.md --contact "Martin Keller"',
        )
    found = resolve_partner(load_contacts(ws.contacts_path, ws.root).records, name)
    if len(found) > 1:
        raise ambiguous_name(ws.language, name, [c.name for c in found])
    if not found:
        warn(
            msg(
                ws.language,
                de="{n} steht noch nicht in contacts.csv; --apply nimmt sie/ihn auf.",
                en="{n} is not in contacts.csv yet; --apply adds them.",
                n=name,
            )
        )
        return name
    return found[0].name


def debrief(
    file: Annotated[
        str | None, typer.Argument(help="Notes file (Markdown/text), or - to read stdin.")
    ] = None,
    contact: Annotated[
        str | None, typer.Option("--contact", "-c", help="Who the conversation was with.")
    ] = None,
    date_text: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Meeting date YYYY-MM-DD (default: today); due dates "
            "like 'bis Freitag' count from it.",
        ),
    ] = None,
    apply: Annotated[
        bool, typer.Option("--apply", help="Update contacts.csv/targets.csv, save to history/.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Apply without asking.")] = False,
    template: Annotated[
        bool, typer.Option("--template", help="Print a note template and exit.")
    ] = False,
    language: Annotated[
        str | None, typer.Option("--language", help="Template language: de or en.")
    ] = None,
    mark_thanked: Annotated[
        str | None,
        typer.Option(
            "--mark-thanked",
            metavar="CONTACT",
            help="Record that the thank-you to CONTACT was sent.",
        ),
    ] = None,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
    engine: EngineOpt = "auto",
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Turn post-meeting notes into a summary, list updates, next steps and a thank-you."""
    if template:
        _print_template(workspace, language)
        return
    ws = load_workspace(workspace)
    if mark_thanked:
        _mark_thanked(ws, mark_thanked, json_out)
        return
    if file is None:
        raise UsageError(
            msg(
                ws.language,
                de="Welche Notizen? Datei oder - (stdin) angeben.",
                en="Which notes? Give a file, or - for stdin.",
            ),
            msg(
                ws.language,
                de="Vorlage: gespraech debrief --template",
                en="Template: gespraech debrief --template",
            ),
        )
    from gespraech_assistant.debrief import Debrief
    from gespraech_assistant.debrief_notes import split_front_matter

    note = _read_note(ws, file)
    meta, body = split_front_matter(note)
    if not body.strip():
        raise UsageError(
            msg(
                ws.language,
                de="Die Notizen sind leer ({f}): nichts nachzubearbeiten.",
                en="The notes are empty ({f}): nothing to debrief.",
                f="stdin" if file == "-" else file,
            ),
            msg(
                ws.language,
                de="Notizen schreiben (Vorlage: gespraech debrief --template) und erneut aufrufen.",
                en="Write the notes (template: gespraech debrief --template) and run it again.",
            ),
        )
    rehearsal = _is_rehearsal(meta)
    if rehearsal and apply:
        raise UsageError(
            msg(
                ws.language,
                de="Nichts geschrieben: {f} ist ein Probegespräch, kein echtes Gespräch.",
                en="Nothing written: {f} is a rehearsal, not a real conversation.",
                f=file,
            ),
            msg(
                ws.language,
                de="Nach dem echten Gespräch Ihre eigenen Notizen mit --apply übernehmen.",
                en="After the real conversation, apply your own notes with --apply.",
            ),
        )
    partner = _partner(ws, contact, meta)
    meeting = _meeting_date(ws, date_text, meta)
    chosen = open_engine(ws, engine, model, base_url)
    extraction = _extract(ws, note, partner, meeting, meta, chosen)
    warnings = list(chosen.warnings)
    for line in warnings:
        warn(line)
    result = Debrief(
        partner=partner,
        meeting_date=meeting,
        engine=chosen.produced_by,
        extraction=extraction,
        warnings=warnings,
    )
    if not apply:
        print_json(result) if json_out else _show(result, ws.language)
    else:
        if not json_out:
            _show(result, ws.language)
        result.applied = _apply(ws, note, partner, meeting, extraction, yes, json_out)
        if json_out:
            print_json(result)
    if verbose:
        report_usage(chosen, ws.language)


def _extract(ws: Workspace, note: str, partner: str, meeting: date, meta: dict[str, str], chosen):
    from gespraech_assistant.debrief import merge_extractions, offline_extract
    from gespraech_assistant.debrief_apply import build_request, reconcile

    kind = "rehearsal" if _is_rehearsal(meta) else "note"
    request = build_request(ws, note, partner, meeting, today=date.today(), source_kind=kind)
    result = offline_extract(request)
    if chosen.name != "offline":
        result = merge_extractions(result, chosen.extract_debrief(request))
    return reconcile(result, request)


def _is_rehearsal(meta: dict[str, str]) -> bool:
    from gespraech_assistant.textnorm import fold

    return fold(meta.get("kind") or "") in ("rehearsal", "probe", "uebung")


def _apply(
    ws: Workspace, note: str, partner: str, meeting: date, extraction, yes: bool, quiet: bool
) -> list[str]:
    from gespraech_assistant.debrief_apply import apply_plan, build_request, plan_apply

    request = build_request(ws, note, partner, meeting, today=date.today())
    plan = plan_apply(ws, request, extraction)
    out = console if not quiet else None
    if out and not plan.empty:
        _show_plan(plan, ws)
    if plan.empty:
        if out:
            out.print(
                msg(
                    ws.language,
                    de="Nichts zu ändern: schon übernommen.",
                    en="Nothing to change: already applied.",
                )
            )
        return []
    if not yes:
        if not _interactive():
            raise UsageError(
                msg(
                    ws.language,
                    de="Nichts geschrieben: Bestätigung nötig, aber kein Terminal.",
                    en="Nothing written: confirmation needed, but there is no terminal.",
                ),
                msg(ws.language, de="Mit --yes übernehmen.", en="Add --yes to apply."),
            )
        if not _confirm(ws):
            console.print(msg(ws.language, de="Nichts geschrieben.", en="Nothing written."))
            return []
    with ws.lock(on_wait=lock_waiting_notice(ws)):
        plan = plan_apply(ws, request, extraction)  # the lists may have changed meanwhile
        for line in apply_plan(ws, plan):
            warn(line)
    written = sorted({row.file for row in plan.rows})
    if plan.history_action != "unchanged":
        written.append(ws.rel(plan.history_path))
    if out:
        out.print(
            msg(
                ws.language,
                de="Geschrieben: {f} (Sicherung in .backups/).",
                en="Written: {f} (backup in .backups/).",
                f=", ".join(written),
            ),
            soft_wrap=True,  # a long history file name stays whole (copy-paste)
        )
    return written


def _confirm(ws: Workspace) -> bool:
    """Ask on the terminal; no answer (end of input, Ctrl-C) is a usage error, exit 2."""
    import click

    try:
        return typer.confirm(
            msg(ws.language, de="Änderungen übernehmen?", en="Apply these changes?"), default=False
        )
    except click.exceptions.Abort:
        raise UsageError(
            msg(
                ws.language,
                de="Nichts geschrieben: keine Antwort.",
                en="Nothing written: no answer.",
            ),
            msg(ws.language, de="Mit --yes übernehmen.", en="Add --yes to apply."),
        ) from None


def _print_template(workspace: Path | None, language: str | None) -> None:
    lang = language
    if lang is None:
        try:
            lang = load_workspace(workspace).language
        except UsageError:
            lang = "de"
    if lang not in TEMPLATES:
        raise UsageError(f"--language {lang!r}: use de or en.")
    sys.stdout.write(TEMPLATES[lang])


def _mark_thanked(ws: Workspace, contact: str, json_out: bool) -> None:
    from gespraech_assistant.followups import mark_thanked

    with ws.lock(on_wait=lock_waiting_notice(ws)):
        paths = mark_thanked(ws, contact)
    files = [ws.rel(p) for p in paths]
    if json_out:
        print_json({"marked": files})
    else:
        console.print(
            msg(
                ws.language,
                de="Als verdankt markiert: {f}",
                en="Marked as thanked: {f}",
                f=", ".join(files),
            )
        )


# ---------------------------------------------------------------- rendering


def _show(result, lang: str) -> None:
    x = result.extraction
    h = lambda de, en: msg(lang, de=de, en=en)  # noqa: E731
    console.print(
        f"[bold]{safe(h('Nachbearbeitung', 'Debrief'))}: {safe(result.partner)}, "
        f"{result.meeting_date.isoformat()}[/bold] [dim](engine: {result.engine})[/dim]"
    )
    console.print(safe(x.summary))
    _bullets(h("Informationen", "Information"), x.information)
    if x.new_contacts:
        table = Table(title=h("Neue Kontakte", "New contacts"), title_justify="left")
        for col in (
            h("Name", "Name"),
            h("Firma", "Company"),
            h("Funktion", "Role"),
            "E-Mail / LinkedIn",
        ):
            table.add_column(col, overflow="fold")
        for c in x.new_contacts:
            table.add_row(safe(c.name), safe(c.company), safe(c.role), safe(c.email or c.linkedin))
        console.print(table)
    _bullets(
        h("Bekannte Kontakte", "Known contacts"),
        [
            k.name
            + (f" ({', '.join(f'{f}: {v}' for f, v in k.updates.items())})" if k.updates else "")
            for k in x.known_contacts
        ],
    )
    _bullets(
        h("Firmenhinweise", "Company hints"),
        [
            f"{c.company}{' ✓' if c.known_target else ' (' + h('neu', 'new') + ')'}: {c.hint}"
            for c in x.company_hints
        ],
    )
    _bullets(
        h("Nächste Schritte", "Next steps"),
        [s.text + (f" → {s.due.isoformat()}" if s.due else "") for s in x.next_steps],
    )
    if not x.thank_you:
        return
    console.print(f"\n[bold]{h('Dankesnachricht (Entwurf)', 'Thank-you note (draft)')}[/bold]")
    console.print(safe(x.thank_you))


def _bullets(title: str, items: list[str]) -> None:
    if not items:
        return
    console.print(f"\n[bold]{escape(title)}[/bold]")
    for item in items:
        console.print(f"  • {safe(item)}")


def _short_change(old: str, new: str, width: int = 60) -> tuple[str, str]:
    """A long note that only grows is shown as '…end of old' and '+ appended part'."""
    if old and new.startswith(old):
        return "…" + old[-20:] if len(old) > 20 else old, "+ " + new[len(old) :].lstrip(" |")
    cut = lambda t: t if len(t) <= width else t[: width - 1] + "…"  # noqa: E731
    return cut(old), new


def _show_plan(plan, ws: Workspace) -> None:
    lang = ws.language
    table = Table(
        title=msg(lang, de="Vorgeschlagene Änderungen", en="Proposed changes"), title_justify="left"
    )
    for col in (
        msg(lang, de="Datei", en="File"),
        "",
        msg(lang, de="Zeile", en="Row"),
        msg(lang, de="Feld", en="Field"),
        msg(lang, de="alt", en="old"),
        msg(lang, de="neu", en="new"),
    ):
        table.add_column(col, overflow="fold")
    for row in plan.rows:
        sign = "[green]+[/green]" if row.action == "add" else "[yellow]~[/yellow]"
        for i, change in enumerate(row.changes):
            old, new = _short_change(change.old, change.new)
            table.add_row(
                row.file if i == 0 else "",
                sign if i == 0 else "",
                safe(row.key) if i == 0 else "",
                change.field,
                f"[red]{safe(old)}[/red]",
                f"[green]{safe(new)}[/green]",
            )
    if plan.history_action != "unchanged":
        sign = "[green]+[/green]" if plan.history_action == "add" else "[yellow]~[/yellow]"
        table.add_row(ws.rel(plan.history_path), sign, "", "kind: debrief", "", "thanked: no")
    console.print(table)


# ---------------------------------------------------------------- followups


def followups(
    today_text: Annotated[
        str | None, typer.Option("--today", help="Pretend today is YYYY-MM-DD (for tests).")
    ] = None,
    days: Annotated[
        int, typer.Option("--days", help="Also show steps due within this many days.")
    ] = 7,
    show_all: Annotated[
        bool, typer.Option("--all", help="List every quiet contact, also those without a date.")
    ] = False,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Who is owed a thank-you, which next steps are due, which contacts went quiet."""
    from gespraech_assistant.followups import collect_followups, stale_lines

    ws = load_workspace(workspace)
    today = _meeting_date(ws, today_text, {}, "--today") if today_text else date.today()
    result = collect_followups(ws, today, days_ahead=days)
    if json_out:
        print_json(result)
        return
    lang = ws.language
    h = lambda de, en: msg(lang, de=de, en=en)  # noqa: E731
    _bullets(
        h("Dank ausstehend", "Thank-you owed"),
        [f"{t.contact} ({t.meeting_date or '?'}) – {t.file}" for t in result.thank_you],
    )
    status_de = {"overdue": "überfällig", "today": "heute", "upcoming": "bald"}
    _bullets(
        h("Nächste Schritte fällig", "Next steps due"),
        [
            f"{s.due.isoformat()} [{h(status_de[s.status], s.status)}] {s.contact}: "
            f"{s.text} – {s.file}:{s.line}"
            for s in result.steps
        ],
    )
    _bullets(
        h(
            "Lange nicht gesprochen (primär, > {w} Wochen)",
            "Not in touch for a while (primary, > {w} weeks)",
        ).format(w=result.stale_weeks),
        stale_lines(result, lang, show_all),
    )
    if not (result.thank_you or result.steps or result.stale or result.undated):
        console.print(h("Nichts offen.", "Nothing open."))
    elif result.thank_you:
        console.print(
            h(
                "\nNach dem Versand: gespraech debrief --mark-thanked NAME",
                "\nAfter sending: gespraech debrief --mark-thanked NAME",
            )
        )
