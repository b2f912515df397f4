"""doctor: is the LLM configured, where would data go, does the server answer properly."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gespraech_assistant.cli.common import JsonOpt, WorkspaceOpt, console, print_json
from gespraech_assistant.errors import UsageError
from gespraech_assistant.i18n import msg
from gespraech_assistant.textnorm import clean_terminal


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)


def _settings_and_config(workspace: Path | None):
    """The workspace's settings, or defaults + environment when there is no workspace."""
    from gespraech_assistant.config import load_settings
    from gespraech_assistant.workspace import CONFIG_NAME, find_workspace

    try:
        ws = find_workspace(workspace)
    except UsageError:
        if workspace is not None:
            raise
        missing = Path.cwd() / CONFIG_NAME  # not a file: defaults and environment only
        return load_settings(missing), None
    return ws.settings, ws.config_path


def doctor(
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
    model: Annotated[str | None, typer.Option("--model", help="Try this model.")] = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Try this OpenAI-compatible server URL.")
    ] = None,
    structured_output: Annotated[
        str | None,
        typer.Option(
            "--structured-output", help="json_schema, function_calling, json_mode or prompt_json."
        ),
    ] = None,
    timeout_s: Annotated[
        float | None, typer.Option("--timeout", help="Read timeout in seconds.")
    ] = None,
    check: Annotated[
        bool, typer.Option("--check/--no-check", help="Send tiny test requests to the server.")
    ] = True,
) -> None:
    """Show the LLM settings (key masked), where your data would go, and test the server."""
    from gespraech_assistant.config import with_llm_overrides
    from gespraech_assistant.engines.diagnose import diagnose

    settings, config_path = _settings_and_config(workspace)
    flags = {
        "model": model,
        "base_url": base_url,
        "structured_output": structured_output,
        "timeout_s": timeout_s,
    }
    settings = with_llm_overrides(settings, **flags)
    if not json_out and check and console.is_terminal:
        console.print(msg(settings.language, de="Prüfe den Server …", en="Checking the server…"))
    report = diagnose(settings, config_path, flags=flags, live=check)
    if json_out:
        print_json(report)
    else:
        _print_report(report, settings.language)
    raise typer.Exit(0 if report.ok else 1)


def _print_report(report, lang: str) -> None:
    def line(text: str) -> None:
        console.print(clean_terminal(text), markup=False, soft_wrap=True)

    line(msg(lang, de="Engine (auto): {e}", en="Engine (auto): {e}", e=report.engine))
    line(msg(lang, de="Daten gehen an: {d}", en="Data goes to: {d}", d=report.data_goes_to))
    if report.api_key_source == "none":
        line(msg(lang, de="API-Schlüssel: nicht gesetzt", en="API key: not set"))
    else:
        line(
            msg(
                lang,
                de="API-Schlüssel: {k} ({s})",
                en="API key: {k} ({s})",
                k=report.api_key,
                s=report.api_key_source,
            )
        )
    line(msg(lang, de="Einstellungen [llm]:", en="Settings [llm]:"))
    for item in report.settings:
        line(f"  {item.name:<18} {item.value}  ({item.source})")
    if report.checks:
        line(msg(lang, de="Prüfungen:", en="Checks:"))
    for check in report.checks:
        mark = {True: "ok  ", False: "FAIL", None: "--  "}[check.ok]
        timing = f" [{check.seconds:.1f} s]" if check.seconds else ""
        line(f"  {mark} {check.name}: {check.detail}{timing}")
    if report.working_methods:
        line(
            msg(
                lang,
                de="Funktionierende structured_output-Verfahren: {m}",
                en="Working structured_output methods: {m}",
                m=", ".join(report.working_methods),
            )
        )
    for note in report.notes:
        line(f"  i {note}")
    if report.fixes:
        line(msg(lang, de="Zu tun:", en="To fix:"))
        for fix in report.fixes:
            line(f"  → {fix}")
    elif report.llm_configured:
        line(msg(lang, de="Alles in Ordnung.", en="All good."))
