"""Rich renderings shared by commands. Untrusted text is cleaned before it reaches the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gespraech_assistant.i18n import msg
from gespraech_assistant.models import Contact, IndexStats, Passage, Target
from gespraech_assistant.textnorm import clean_terminal


def safe(text: str | None) -> str:
    return escape(clean_terminal(text or ""))


def contacts_table(contacts: list[Contact], lang: str) -> Table:
    table = Table(title=msg(lang, de="Kontaktnetzliste", en="Contact network list"))
    for header in (
        msg(lang, de="Name", en="Name"),
        msg(lang, de="Firma", en="Company"),
        msg(lang, de="Funktion", en="Role"),
        msg(lang, de="Beziehung", en="Relation"),
        msg(lang, de="vermittelt durch", en="introduced by"),
        msg(lang, de="letzter Kontakt", en="last contact"),
    ):
        table.add_column(header, overflow="fold")
    for c in contacts:
        table.add_row(
            safe(c.name),
            safe(c.company),
            safe(c.role),
            c.relation,
            safe(c.introduced_by),
            c.last_contact.isoformat() if c.last_contact else "",
        )
    return table


def targets_table(targets: list[Target], lang: str) -> Table:
    table = Table(title=msg(lang, de="Zielfirmenliste", en="Target company list"))
    for header in (
        msg(lang, de="Firma", en="Company"),
        msg(lang, de="Branche", en="Industry"),
        msg(lang, de="Ort", en="Location"),
        msg(lang, de="Prio", en="Prio"),
        msg(lang, de="Status", en="Status"),
        msg(lang, de="Kontakte", en="Contacts"),
    ):
        table.add_column(header, overflow="fold")
    for t in targets:
        table.add_row(
            safe(t.company),
            safe(t.industry),
            safe(t.location),
            t.priority or "",
            safe(t.status),
            safe(t.contacts),
        )
    return table


def passages(console: Console, found: list[Passage], lang: str) -> None:
    if not found:
        console.print(
            msg(
                lang,
                de="Keine passenden Stellen in Notizen und Verlauf.",
                en="No matching passages in notes and history.",
            )
        )
        return
    for rank, p in enumerate(found, 1):
        where = f"{p.source}:{p.line}" if p.line else p.source
        console.print(
            f"[bold]{rank}.[/bold] [cyan]{safe(where)}[/cyan] "
            f"[dim]({p.score:.2f}{' · ' + safe(p.heading) if p.heading else ''})[/dim]"
        )
        text = clean_terminal(p.text)
        console.print(
            "   " + escape(text[:400] + ("…" if len(text) > 400 else "")).replace("\n", "\n   ")
        )


def index_summary(stats: IndexStats, lang: str) -> str:
    text = msg(
        lang,
        de="Index: {f} Dateien, {c} neu eingebettete Abschnitte, {t} insgesamt ({s:.1f} s)",
        en="Index: {f} files, {c} chunks embedded, {t} in total ({s:.1f} s)",
        f=stats.files_seen,
        c=stats.chunks_embedded,
        t=stats.chunks_total,
        s=stats.seconds,
    )
    if stats.rebuilt and stats.rebuild_reason not in ("no index yet",):
        text += msg(lang, de=" — neu aufgebaut: {r}", en=" — rebuilt: {r}", r=stats.rebuild_reason)
    return text
