"""index and ask."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

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
from gespraech_assistant.i18n import msg
from gespraech_assistant.models import IndexStats
from gespraech_assistant.workspace import Workspace


def register(app: typer.Typer) -> None:
    app.command("index")(index)
    app.command("ask")(ask)


def update_index(
    ws: Workspace, show_progress: bool, force: bool = False, report_rebuild: bool = True
) -> IndexStats:
    """Bring the index up to date under the workspace lock. A rebuild the user did not ask for
    (other embedder, damaged store) is announced on stderr, whichever command triggered it."""
    from gespraech_assistant.index.store import Index

    idx = Index(ws)
    with ws.lock(on_wait=lock_waiting_notice(ws)):
        if not show_progress:
            stats = idx.update(force=force)
        else:
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=console,
                transient=True,
            ) as bar:
                task = bar.add_task(msg(ws.language, de="Einbetten", en="Embedding"), total=None)
                stats = idx.update(
                    progress=lambda d, t: bar.update(task, completed=d, total=t), force=force
                )
    for problem in idx.problems:
        warn(problem)
    if report_rebuild and stats.rebuilt and stats.rebuild_reason != "no index yet" and not force:
        warn(render.index_summary(stats, ws.language))
    return stats


def index(
    workspace: WorkspaceOpt = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Rebuild from scratch.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Index notes/ and history/ (incremental: only changed files are embedded again)."""
    ws = load_workspace(workspace)
    stats = update_index(
        ws,
        show_progress=not json_out and console.is_terminal,
        force=rebuild,
        report_rebuild=json_out,  # the summary below says it; --json keeps stdout pure JSON
    )
    if json_out:
        print_json(stats)
    else:
        console.print(render.index_summary(stats, ws.language))


def ask(
    question: Annotated[str, typer.Argument(help="What you want to find in notes and history.")],
    company: Annotated[
        str | None, typer.Option("--company", help="Only notes about this company.")
    ] = None,
    person: Annotated[
        str | None, typer.Option("--person", help="Only notes about this person.")
    ] = None,
    k: Annotated[int, typer.Option("-k", min=1, max=50, help="How many passages.")] = 5,
    include_rehearsals: Annotated[
        bool,
        typer.Option(
            "--include-rehearsals", help="Also search rehearsal transcripts (practice, not facts)."
        ),
    ] = False,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Find the best passages in your notes and history, with file, line and score."""
    from gespraech_assistant.index.search import Retriever

    ws = load_workspace(workspace)
    update_index(ws, show_progress=False)
    retriever = Retriever(ws, refresh=False)
    found = retriever.search(
        question, k=k, company=company, person=person, include_rehearsals=include_rehearsals
    )
    for notice in retriever.notices:
        warn(notice)
    if json_out:
        print_json(found)
    else:
        render.passages(console, found, ws.language)
