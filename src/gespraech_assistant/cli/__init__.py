"""The `gespraech` command: parse, call the library, render. Commands live in one module each."""

from __future__ import annotations

import importlib
import os
import sys

import click
import typer
from typer.core import TyperGroup

from gespraech_assistant.cli.common import err_console
from gespraech_assistant.errors import GespraechError
from gespraech_assistant.textnorm import clean_terminal

# One line per command module; each has register(app). Keep the list sorted by workflow.
COMMAND_MODULES = [
    "workspace_cmds",
    "list_cmds",
    "index_cmds",
    "check_cmds",
    "network_cmds",
    "brief_cmds",
    "rehearse_cmds",
    "debrief_cmds",
    "doctor_cmds",
    "privacy_cmds",
]


def render_error(exc: GespraechError) -> None:
    err_console.print(
        f"[bold red]Fehler / Error:[/bold red] {clean_terminal(exc.message)}",
        markup=True,
        soft_wrap=True,
    )
    if exc.hint:
        err_console.print(f"  → {clean_terminal(exc.hint)}", soft_wrap=True)


class GespraechGroup(TyperGroup):
    """Turns user errors into a message and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except GespraechError as exc:
            render_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err_console.print("Abgebrochen / cancelled.")
            raise typer.Exit(130) from None
        except (click.exceptions.Exit, typer.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as exc:
            if os.environ.get("GESPRAECH_DEBUG"):
                raise
            err_console.print(
                f"[bold red]Interner Fehler / internal error:[/bold red] "
                f"{type(exc).__name__}: {clean_terminal(str(exc))[:300]}\n"
                "  → Run again with GESPRAECH_DEBUG=1 to see the details.",
                markup=True,
                soft_wrap=True,
            )
            raise typer.Exit(1) from None


app = typer.Typer(
    name="gespraech",
    cls=GespraechGroup,
    help="Gesprächs-Assistent: prepare, rehearse and follow up networking conversations "
    "(Netzwerkgespräche). Works offline; an LLM is optional.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"gespraech_assistant.cli.{_name}").register(app)


def main() -> None:
    try:
        app()
    except GespraechError as exc:  # raised outside a command (e.g. during parsing)
        render_error(exc)
        sys.exit(exc.exit_code)
