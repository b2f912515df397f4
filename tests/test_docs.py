"""Every command is documented: it has help text and the README shows it with an example."""

from __future__ import annotations

import re

import click
import typer
from conftest import REPO


def _commands() -> list[tuple[str, click.Command]]:
    from gespraech_assistant.cli import app

    root = typer.main.get_command(app)
    found = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        if isinstance(command, click.Group):
            found += [(f"{name} {sub}", c) for sub, c in command.commands.items()]
        else:
            found.append((name, command))
    return found


def test_every_command_has_help_text():
    missing = [name for name, command in _commands() if not (command.help or "").strip()]
    assert not missing, f"commands without help text: {missing}"


def test_every_command_appears_in_the_readme_with_an_example():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [
        name for name, _ in _commands() if not re.search(rf"gespraech {re.escape(name)}\b", readme)
    ]
    assert not missing, f"commands missing from README.md: {missing}"


def test_there_are_commands_for_every_step_of_the_method():
    names = {name.split()[0] for name, _ in _commands()}
    assert {
        "init",
        "contacts",
        "targets",
        "index",
        "ask",
        "check",
        "brief",
        "rehearse",
        "debrief",
        "followups",
        "paths",
        "match",
        "network",
        "doctor",
        "forget",
        "export",
    } <= names
