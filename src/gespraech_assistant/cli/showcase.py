"""What `gespraech demo` shows after setting up the demo workspace."""

from __future__ import annotations

from rich.console import Console
from rich.rule import Rule

from gespraech_assistant.cli import render
from gespraech_assistant.cli.index_cmds import update_index
from gespraech_assistant.i18n import msg
from gespraech_assistant.lists import load_contacts, load_targets
from gespraech_assistant.workspace import Workspace

DEMO_QUESTIONS = [
    ("Welche Probleme hat Alpenblick mit der Lieferkette?", "Alpenblick Medtech AG"),
    ("Who are Medivo's competitors?", None),
]


def run_showcase(ws: Workspace, console: Console) -> None:
    from gespraech_assistant.index.search import Retriever

    stats = update_index(ws, show_progress=console.is_terminal)
    console.print(render.index_summary(stats, ws.language))
    console.print(
        render.contacts_table(load_contacts(ws.contacts_path, ws.root).records, ws.language)
    )
    console.print(render.targets_table(load_targets(ws.targets_path, ws.root).records, ws.language))
    retriever = Retriever(ws, refresh=False)
    for question, company in DEMO_QUESTIONS:
        console.print(
            Rule(f'gespraech ask "{question}"' + (f' --company "{company}"' if company else ""))
        )
        render.passages(console, retriever.search(question, k=3, company=company), ws.language)
    console.print(
        msg(
            ws.language,
            de='\nWeiter: gespraech --workspace {w} ask "…"',
            en='\nNext: gespraech --workspace {w} ask "…"',
            w=ws.root,
        )
    )
