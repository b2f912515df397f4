"""Shared CLI plumbing: options, output, workspace loading. The only place besides the
command modules that imports typer."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from pydantic import BaseModel
from rich.console import Console

from gespraech_assistant.i18n import set_language
from gespraech_assistant.workspace import Workspace, find_workspace


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader closed the pipe (`gespraech demo | head -1`): stop quietly with exit 0
        (rich's default exits 1). stdout goes to /dev/null so no final flush can fail."""
        import contextlib
        import os

        with contextlib.suppress(OSError, ValueError):  # captured stdout has no descriptor
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0)


console = _Console(highlight=False)
err_console = _Console(stderr=True, highlight=False)

WorkspaceOpt = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        help="Workspace folder (default: $GESPRAECH_WORKSPACE or the current folder).",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
EngineOpt = Annotated[
    Literal["auto", "offline", "llm"],
    typer.Option("--engine", help="auto: the LLM when configured, else offline."),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="LLM model; wins over GESPRAECH_MODEL and gespraech.toml.",
        show_default=False,
    ),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help="OpenAI-compatible server URL (e.g. http://localhost:11434/v1); wins over "
        "GESPRAECH_BASE_URL, OPENAI_BASE_URL and gespraech.toml.",
        show_default=False,
    ),
]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", help="Afterwards print the LLM token usage to stderr.")
]


def load_workspace(path: Path | None) -> Workspace:
    """Find the workspace; from here on messages (also errors) are in its language."""
    ws = find_workspace(path)
    set_language(ws.language)  # GespraechGroup resets it after the command
    return ws


def open_engine(ws: Workspace, choice: str, model: str | None = None, base_url: str | None = None):
    """The engine for a command; --model/--base-url win over environment and gespraech.toml."""
    from gespraech_assistant.engines import get_engine

    return get_engine(ws, choice, {"model": model, "base_url": base_url})


def report_usage(engine: Any, lang: str) -> None:
    """The --verbose line on stderr: tokens as the server reported them (no tokenizer)."""
    from gespraech_assistant.i18n import msg

    if getattr(engine, "name", "") == "offline":
        line = msg(lang, de="offline: keine Tokens", en="offline: no tokens")
    else:
        from gespraech_assistant.engines.llm import usage_summary

        line = usage_summary(engine, lang) or msg(
            lang, de="keine Token-Zahlen verfügbar", en="no usage available"
        )
    err_console.print(line, markup=False, soft_wrap=True, highlight=False)


def to_jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value


def print_json(value: Any) -> None:
    text = json.dumps(to_jsonable(value), ensure_ascii=False, indent=2)
    # json escapes C0 controls but not DEL and C1 (U+009B is CSI on some terminals)
    text = re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def warn(text: str) -> None:
    err_console.print(f"[yellow]![/yellow] {text}", markup=True, soft_wrap=True)


def lock_waiting_notice(ws: Workspace):
    from gespraech_assistant.i18n import msg

    def notice() -> None:
        warn(
            msg(
                ws.language,
                de="Ein anderer gespraech-Prozess schreibt gerade, warte …",
                en="Another gespraech is writing, waiting…",
            )
        )

    return notice
