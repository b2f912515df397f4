"""init and demo."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gespraech_assistant.cli.common import console
from gespraech_assistant.i18n import msg
from gespraech_assistant.setup_workspace import copy_demo, init_workspace
from gespraech_assistant.workspace import CONFIG_NAME, open_workspace

DEMO_DIR = Path("gespraech-demo")


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("demo")(demo)


def init(
    folder: Annotated[Path, typer.Argument(help="Folder for the new workspace.")] = Path("."),
    language: Annotated[str, typer.Option("--language", "-l", help="de or en")] = "de",
) -> None:
    """Create a workspace: settings, empty lists, a profile template and a short README."""
    created = init_workspace(folder, language)
    if (folder / CONFIG_NAME).is_file() and CONFIG_NAME not in created:
        language = open_workspace(folder).language  # an existing workspace keeps its language
    if created:
        console.print(
            msg(
                language,
                de="Arbeitsbereich angelegt in {f}: {c}",
                en="Workspace created in {f}: {c}",
                f=folder,
                c=", ".join(created),
            )
        )
        console.print(
            msg(
                language,
                de="Nächster Schritt: profile.md ausfüllen.",
                en="Next step: fill in profile.md.",
            )
        )
    else:
        console.print(
            msg(
                language,
                de="{f} ist bereits ein vollständiger Arbeitsbereich; nichts geändert.",
                en="{f} already is a complete workspace; nothing changed.",
                f=folder,
            )
        )


def demo(
    folder: Annotated[Path, typer.Argument(help="Where to put the demo workspace.")] = DEMO_DIR,
) -> None:
    """Write a German demo workspace and run the main job on it (no key, no network)."""
    from gespraech_assistant.cli.showcase import run_showcase

    fresh = copy_demo(folder)
    ws = open_workspace(folder)
    console.print(
        msg(
            ws.language,
            de="Demo-Arbeitsbereich {state}: {f}",
            en="Demo workspace {state}: {f}",
            state=("angelegt" if fresh else "wiederverwendet")
            if ws.language == "de"
            else ("created" if fresh else "reused"),
            f=folder.resolve(),
        )
    )
    run_showcase(ws, console)
