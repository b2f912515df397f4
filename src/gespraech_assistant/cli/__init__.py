"""The `gespraech` command: parse, call the library, render. Commands live in one module each."""

from __future__ import annotations

import importlib
import os
import sys

import typer
from typer.core import TyperGroup

from gespraech_assistant import __version__
from gespraech_assistant.cli.common import err_console
from gespraech_assistant.cli.help_style import tidy_help
from gespraech_assistant.errors import GespraechError
from gespraech_assistant.i18n import current_language, msg, reset_language, set_language
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
# typer >= 0.29 vendors its own click: its usage errors and exits are TyperException, not
# click.ClickException. They (and typer.Exit/Abort) belong to typer's own handling.
_PASS_THROUGH: tuple[type[BaseException], ...] = (typer.Exit, typer.Abort)
if hasattr(typer, "exceptions") and hasattr(typer.exceptions, "TyperException"):
    _PASS_THROUGH += (typer.exceptions.TyperException,)
if "click" in sys.modules:  # an older typer over the real click
    _click = sys.modules["click"]
    _PASS_THROUGH += (_click.ClickException, _click.exceptions.Exit, _click.exceptions.Abort)


def render_error(exc: GespraechError) -> None:
    """In the workspace language once a workspace is loaded, else in both languages."""
    lang = current_language()
    message, hint = exc.render(lang)
    prefix = msg(lang, de="Fehler:", en="Error:") if lang else "Fehler / Error:"
    err_console.print(
        f"[bold red]{prefix}[/bold red] {clean_terminal(message)}", markup=True, soft_wrap=True
    )
    if hint:
        err_console.print(f"  → {clean_terminal(hint)}", soft_wrap=True)


def _internal_error(exc: Exception) -> None:
    err_console.print(
        f"[bold red]Interner Fehler / internal error:[/bold red] "
        f"{type(exc).__name__}: {clean_terminal(str(exc))[:300]}\n"
        "  → Run again with GESPRAECH_DEBUG=1 to see the details.",
        markup=True,
        soft_wrap=True,
    )


class GespraechGroup(TyperGroup):
    """Turns user errors into a message and an exit code, never a traceback."""

    def invoke(self, ctx):  # type: ignore[no-untyped-def,override]
        token = set_language(None)  # commands set it when they load the workspace
        try:
            return super().invoke(ctx)
        except GespraechError as exc:
            render_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err_console.print("Abgebrochen / cancelled.")
            raise typer.Exit(130) from None
        except BrokenPipeError:  # the reader (`gespraech demo | head -1`) has seen enough
            _silence_stdout()
            raise typer.Exit(0) from None
        except _PASS_THROUGH:
            raise
        except Exception as exc:
            if os.environ.get("GESPRAECH_DEBUG"):
                raise
            _internal_error(exc)
            raise typer.Exit(1) from None
        finally:
            reset_language(token)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gespraech {__version__}")
        raise typer.Exit()


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


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", help="Show the version and exit.", callback=_version, is_eager=True
    ),
) -> None:
    pass


for _name in COMMAND_MODULES:
    importlib.import_module(f"gespraech_assistant.cli.{_name}").register(app)
tidy_help()


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the final flush cannot fail again
    (that would print "Exception ignored … BrokenPipeError")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (tests capture stdout)
        pass


def main() -> None:
    try:
        app()
    except GespraechError as exc:  # raised outside a command (e.g. during parsing)
        render_error(exc)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
