"""What `gespraech demo` shows after setting up the demo workspace: the index, one search, and
the main job – a brief for the demo persona's next conversation."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.markdown import Markdown
from rich.rule import Rule

from gespraech_assistant.cli import render
from gespraech_assistant.cli.common import warn
from gespraech_assistant.cli.index_cmds import update_index
from gespraech_assistant.i18n import msg
from gespraech_assistant.workspace import Workspace

DEMO_QUESTION = ("Welche Probleme hat Alpenblick mit der Lieferkette?", "Alpenblick Medtech AG")
DEMO_CONTACT = "Martin Keller"


def run_showcase(ws: Workspace, console: Console) -> None:
    from gespraech_assistant.brief import build_brief, render_markdown
    from gespraech_assistant.cli.list_cmds import resolve_contact
    from gespraech_assistant.engines import get_engine
    from gespraech_assistant.index.search import Retriever

    stats = update_index(ws, show_progress=console.is_terminal)
    console.print(render.index_summary(stats, ws.language))
    retriever = Retriever(ws, refresh=False)
    question, company = DEMO_QUESTION
    command_rule(console, f'gespraech ask "{question}" --company "{company}"')
    render.passages(console, retriever.search(question, k=2, company=company), ws.language)

    command_rule(console, f'gespraech brief "{DEMO_CONTACT}"')
    engine = get_engine(ws, "auto")
    brief = build_brief(
        ws, resolve_contact(ws, DEMO_CONTACT), None, [], engine, date.today(), retriever
    )
    for warning in brief.warnings:
        warn(warning)
    console.print(Markdown(render_markdown(brief)))
    console.print(
        msg(
            ws.language,
            de='\nWeiter: gespraech brief "{c}" --goal "…" --out brief.md -w {w}',
            en='\nNext: gespraech brief "{c}" --goal "…" --out brief.md -w {w}',
            w=ws.root,
            c=DEMO_CONTACT,
        )
    )


def command_rule(console: Console, command: str) -> None:
    """A rule titled with the command; a command too long for the title goes below the rule
    in full (a rule title would be cut to '--compa…')."""
    if len(command) + 6 <= console.width:
        console.print(Rule(command))
        return
    console.print(Rule())
    console.print(command, style="bold", soft_wrap=True, markup=False, highlight=False)
