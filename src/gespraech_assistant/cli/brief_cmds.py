"""brief: the pre-meeting brief for one contact."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from gespraech_assistant.cli.common import (
    BaseUrlOpt,
    EngineOpt,
    ModelOpt,
    VerboseOpt,
    WorkspaceOpt,
    console,
    load_workspace,
    open_engine,
    print_json,
    report_usage,
    warn,
)
from gespraech_assistant.errors import UsageError
from gespraech_assistant.i18n import msg
from gespraech_assistant.models import Contact
from gespraech_assistant.workspace import Workspace

if TYPE_CHECKING:  # keeps `gespraech --help` light
    from gespraech_assistant.brief import Brief
    from gespraech_assistant.engines import Engine


def register(app: typer.Typer) -> None:
    app.command("brief")(brief)


def brief(
    contact: Annotated[str, typer.Argument(help="The person you will meet (tolerant matching).")],
    goal: Annotated[
        str | None, typer.Option("--goal", help="Your own goal for this talk.", show_default=False)
    ] = None,
    questions: Annotated[
        Path | None,
        typer.Option("--questions", help="Your prepared questions, one per line.", exists=False),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the brief as Markdown to this file.")
    ] = None,
    fmt: Annotated[
        Literal["md", "json"], typer.Option("--format", help="Markdown or JSON.")
    ] = "md",
    engine: EngineOpt = "auto",
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    workspace: WorkspaceOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Prepare a conversation: partner, company, your offer, goal, targets, questions."""
    from gespraech_assistant.cli.list_cmds import resolve_contact

    ws = load_workspace(workspace)
    if fmt not in ("md", "json"):
        raise UsageError(f"--format {fmt!r}: use md or json.")
    partner = resolve_contact(ws, contact)
    prepared = read_questions(ws, questions) if questions else []
    if goal is None and fmt == "md" and interactive():
        goal = ask_goal(ws, partner)
    chosen = open_engine(ws, engine, model, base_url)
    result = make_brief(ws, partner, goal, prepared, chosen)
    show_brief(ws, result, fmt, out)
    if verbose:
        report_usage(chosen, ws.language)


def interactive() -> bool:
    """Ask for a goal only when a person is at the terminal (never in scripts or pipes)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def ask_goal(ws: Workspace, partner: Contact) -> str | None:
    answer = typer.prompt(
        msg(
            ws.language,
            de="Ihr Ziel für das Gespräch mit {n} (leer lassen: ohne Ziel)",
            en="Your goal for the talk with {n} (leave empty: no goal)",
            n=partner.name,
        ),
        default="",
        show_default=False,
    )
    return answer.strip() or None


def read_questions(ws: Workspace, path: Path) -> list[str]:
    if not path.is_file():
        raise UsageError(
            msg(
                ws.language,
                de="Fragendatei nicht gefunden: {f}",
                en="Questions file not found: {f}",
                f=path,
            ),  # fmt: skip
            msg(
                ws.language,
                de="Eine Frage pro Zeile, als Textdatei.",
                en="One question per line, as a text file.",
            ),  # fmt: skip
        )
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if line and not line.startswith(("#", "<!--"))]


def make_brief(
    ws: Workspace, partner: Contact, goal: str | None, prepared: list[str], engine: Engine | str
) -> Brief:
    from gespraech_assistant.brief import build_brief
    from gespraech_assistant.cli.index_cmds import update_index
    from gespraech_assistant.index.search import Retriever

    if isinstance(engine, str):  # an --engine choice
        engine = open_engine(ws, engine)
    update_index(ws, show_progress=False)
    retriever = Retriever(ws, refresh=False)
    return build_brief(ws, partner, goal, prepared, engine, today=date.today(), retriever=retriever)


def show_brief(ws: Workspace, result: Brief, fmt: str, out: Path | None) -> None:
    from gespraech_assistant.atomic import write_text
    from gespraech_assistant.brief import render_markdown

    for warning in result.warnings:
        warn(warning)
    if fmt == "json":
        print_json(result)
        return
    text = render_markdown(result)
    if out is not None:
        write_text(
            out, text, workspace_root=ws.root if out.resolve().is_relative_to(ws.root) else None
        )
        console.print(
            msg(
                ws.language,
                de="Vorbereitung gespeichert: {f} ({n} Zeilen)",
                en="Brief written: {f} ({n} lines)",
                f=out,
                n=text.count("\n"),
            ),  # fmt: skip
            soft_wrap=True,
        )
        return
    from rich.markdown import Markdown

    console.print(Markdown(text))
