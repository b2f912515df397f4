"""paths, match and network: warm paths from the contact list to the target list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from gespraech_assistant.cli.common import (
    JsonOpt,
    WorkspaceOpt,
    console,
    load_workspace,
    print_json,
)
from gespraech_assistant.cli.render import safe
from gespraech_assistant.i18n import msg

MaxHopsOpt = Annotated[
    int,
    typer.Option(
        "--max-hops",
        min=1,
        max=6,
        help="At most this many people between you and the target (Sandra → Martin = 2).",
    ),
]


def register(app: typer.Typer) -> None:
    app.command("paths")(paths)
    app.command("match")(match)
    app.command("network")(network)


def paths(
    target: Annotated[str, typer.Argument(help="A company (tolerant: 'Alpenblick') or a person.")],
    max_hops: MaxHopsOpt = 3,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Warm paths to a company or person, strongest first, each step explained."""
    from gespraech_assistant.network import find_paths, plural

    ws = load_workspace(workspace)
    result = find_paths(ws, target, max_hops=max_hops)
    if json_out:
        print_json(result)
        return
    lang = ws.language
    console.print(f"[bold]{safe(result.message)}[/bold]")
    for number, path in enumerate(result.paths, 1):
        console.print(f"{number}. {safe(path.text)}")
        console.print(
            "   "
            + msg(
                lang,
                de="{h} bis zum Ziel · Stärke {s:.2f}",
                en="{h} to the target · strength {s:.2f}",
                h=plural(lang, path.hops, ("Person", "Personen"), ("person", "people")),
                s=path.strength,
            ),
            style="dim",
        )
    for suggestion in result.suggestions:
        company = f" ({safe(suggestion.company)})" if suggestion.company else ""
        console.print(
            f"  → {safe(suggestion.name)}{company}: {safe('; '.join(suggestion.reasons))}"
        )


def match(
    max_hops: MaxHopsOpt = 3,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Every target company by priority: the best warm path, or cold and what to do."""
    from gespraech_assistant.network import match as run_match

    ws = load_workspace(workspace)
    report = run_match(ws, max_hops=max_hops)
    if json_out:
        print_json(report)
        return
    lang = ws.language
    cold = msg(lang, de="kalt – noch keine Verbindung", en="cold — no connection yet")
    for item in report.items:
        priority = item.priority or "–"
        console.print(f"[bold]{priority}  {safe(item.company)}[/bold]")
        if item.path:
            console.print(f"   {safe(item.path.text)}")
        else:
            console.print(f"   [yellow]{cold}[/yellow]")
        console.print(f"   → {safe(item.advice)}", style="dim")
    console.print(f"\n[bold]{safe(report.summary)}[/bold]")


def network(
    out: Annotated[Path, typer.Option("--out", "-o", help="Picture file: .svg, .png or .dot.")],
    fmt: Annotated[
        Literal["svg", "png", "dot"] | None,
        typer.Option("--format", help="Default: from the file name."),
    ] = None,
    max_hops: MaxHopsOpt = 3,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Draw the network: you, contacts, companies, targets by priority, warm paths in bold."""
    from gespraech_assistant.network_draw import draw

    ws = load_workspace(workspace)
    report = draw(ws, out, fmt, max_hops=max_hops)
    if json_out:
        print_json(report)
    else:
        console.print(safe(report.message))
