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


RELATION_DE = {"primary": "primär", "secondary": "sekundär"}
LONGEST_UNBROKEN_WORD = 22  # longer words (URLs) may still be folded


def _column_widths(cells: list[list[str]], available: int) -> list[int] | None:
    """Widths that keep every word whole: each column gets its longest word, the rest of the
    room goes to the columns in proportion to how much more they could use. None if even the
    longest words do not fit (then rich folds)."""
    least = [
        min(LONGEST_UNBROKEN_WORD, max((len(w) for c in col for w in c.split()), default=1))
        for col in cells
    ]
    most = [
        max(max((len(c) for c in col), default=1), lo) for col, lo in zip(cells, least, strict=True)
    ]
    if sum(most) <= available:
        return most
    spare = available - sum(least)
    if spare < 0:
        return None
    wants = [hi - lo for lo, hi in zip(least, most, strict=True)]
    total = sum(wants) or 1
    widths = [lo + spare * want // total for lo, want in zip(least, wants, strict=True)]
    return widths


def _word_safe_table(
    title: str, headers: list[str], rows: list[list[str]], width: int | None
) -> Table:
    """Rows wrap between words ("Präzisionsmechanik AG"), never inside one ("Präzisionsmecha /
    nik AG"): rich's own shrinking cuts the widest column regardless of its words."""
    table = Table(title=title)
    columns = [[header, *(row[i] for row in rows)] for i, header in enumerate(headers)]
    widths = _column_widths(columns, width - 3 * len(headers) - 1) if width else None
    for i, header in enumerate(headers):
        table.add_column(header, overflow="fold", width=widths[i] if widths else None)
    for row in rows:
        table.add_row(*(escape(cell) for cell in row))
    return table


def _plain(text: str | None) -> str:
    return clean_terminal(text or "")


def relation_label(relation: str, lang: str) -> str:
    return RELATION_DE.get(relation, relation) if lang == "de" else relation


def contacts_table(contacts: list[Contact], lang: str, width: int | None = None) -> Table:
    headers = [
        msg(lang, de="Name", en="Name"),
        msg(lang, de="Firma", en="Company"),
        msg(lang, de="Funktion", en="Role"),
        msg(lang, de="Beziehung", en="Relation"),
        msg(lang, de="vermittelt durch", en="introduced by"),
        msg(lang, de="letzter Kontakt", en="last contact"),
    ]
    rows = [
        [
            _plain(c.name),
            _plain(c.company),
            _plain(c.role),
            relation_label(c.relation, lang),
            _plain(c.introduced_by),
            c.last_contact.isoformat() if c.last_contact else "",
        ]
        for c in contacts
    ]
    title = msg(lang, de="Kontaktnetzliste", en="Contact network list")
    return _word_safe_table(title, headers, rows, width)


def targets_table(targets: list[Target], lang: str, width: int | None = None) -> Table:
    headers = [
        msg(lang, de="Firma", en="Company"),
        msg(lang, de="Branche", en="Industry"),
        msg(lang, de="Ort", en="Location"),
        msg(lang, de="Prio", en="Prio"),
        msg(lang, de="Status", en="Status"),
        msg(lang, de="Kontakte", en="Contacts"),
    ]
    rows = [
        [
            _plain(t.company),
            _plain(t.industry),
            _plain(t.location),
            t.priority or "",
            _plain(t.status),
            _plain(t.contacts),
        ]
        for t in targets
    ]
    title = msg(lang, de="Zielfirmenliste", en="Target company list")
    return _word_safe_table(title, headers, rows, width)


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
    # Hybrid retrieval ranks by fused rank, while `score` is the cosine similarity (comparable
    # across queries, kept in --json). A number that contradicts the order shown misleads, so
    # it is printed only when the order follows it.
    show_score = all(a.score >= b.score for a, b in zip(found, found[1:], strict=False))
    for rank, p in enumerate(found, 1):
        where = f"{p.source}:{p.line}" if p.line else p.source
        details = [f"{p.score:.2f}"] if show_score else []
        details += [safe(p.heading)] if p.heading else []
        suffix = f" [dim]({' · '.join(details)})[/dim]" if details else ""
        console.print(f"[bold]{rank}.[/bold] [cyan]{safe(where)}[/cyan]{suffix}")
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
