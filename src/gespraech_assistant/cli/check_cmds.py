"""check: the question checker on the command line (offline verdict, optional LLM second opinion)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from gespraech_assistant.cli.common import (
    BaseUrlOpt,
    EngineOpt,
    JsonOpt,
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
from gespraech_assistant.textnorm import clean_terminal

_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def register(app: typer.Typer) -> None:
    app.command("check")(check)


def _read_bytes(lang: str, path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(
            msg(
                lang,
                de="{p}: nicht lesbar ({e}).",
                en="{p}: cannot read it ({e}).",
                p=path,
                e=exc.strerror or exc,
            )
        ) from None


def _question_text(lang: str, name: str, data: bytes) -> str:
    """Questions are text: a binary file (NUL bytes, or mostly undecodable) is refused
    instead of being checked as garbage lines."""
    text = data.decode("utf-8-sig", errors="replace")
    if "\ufffd" in text:
        text = data.decode("cp1252", errors="replace")
    unreadable = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\t\n\r"))
    if b"\x00" in data or unreadable > max(2, len(text) // 50):
        raise UsageError(
            msg(
                lang,
                de="{f}: keine Textdatei (Binärdaten); nichts geprüft.",
                en="{f}: not a text file (binary data); nothing was checked.",
                f="stdin" if name == "-" else name,
            ),
            msg(
                lang,
                de="Die Fragen als Text speichern, eine pro Zeile (UTF-8).",
                en="Save the questions as plain text, one per line (UTF-8).",
            ),
        )
    return text


def read_questions(lang: str, questions: list[str], file: str | None) -> list[str]:
    """Arguments first, then one question per line from FILE ('-' = stdin); bullets removed."""
    lines = list(questions)
    if file:
        data = sys.stdin.buffer.read() if file == "-" else _read_bytes(lang, Path(file))
        lines += _question_text(lang, file, data).splitlines()
    # escapes, controls and invisible characters hide a question's words from the checker
    # (and would reach the terminal): checked is what a reader sees
    lines = [clean_terminal(line) for line in lines]
    cleaned = [_BULLET.sub("", line).strip() for line in lines]
    found = [line for line in cleaned if line and not line.startswith("#")]
    if not found:
        raise UsageError(
            msg(lang, de="Keine Fragen zum Prüfen.", en="No questions to check."),
            msg(
                lang,
                de='Beispiel: gespraech check "Wie viele Mitarbeitende hat Alpenblick?" '
                "oder --file fragen.txt (eine Frage pro Zeile, - für stdin)",
                en='Example: gespraech check "How many employees does Alpenblick have?" '
                "or --file questions.txt (one question per line, - for stdin)",
            ),
        )
    return found


def check(
    questions: Annotated[
        list[str] | None, typer.Argument(help="Questions you plan to ask (or use --file).")
    ] = None,
    file: Annotated[
        str | None,
        typer.Option("--file", "-f", help="One question per line; '-' reads stdin."),
    ] = None,
    contact: Annotated[
        str | None, typer.Option("--contact", help="The partner; implies their company.")
    ] = None,
    company: Annotated[
        str | None, typer.Option("--company", help="Only this company's notes count.")
    ] = None,
    engine: EngineOpt = "auto",
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    workspace: WorkspaceOpt = None,
    json_out: JsonOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Check planned questions: no naive questions, stay at eye level. Exit 1 if any finding."""
    from gespraech_assistant.checker import QuestionChecker
    from gespraech_assistant.cli.index_cmds import update_index
    from gespraech_assistant.index.search import Retriever

    ws = load_workspace(workspace)
    asked = read_questions(ws.language, questions or [], file)
    if contact:
        from gespraech_assistant.cli.list_cmds import resolve_contact

        partner = resolve_contact(ws, contact)
        company = company or partner.company or None
    chosen = open_engine(ws, engine, model, base_url)
    update_index(ws, show_progress=False)
    retriever = Retriever(ws, refresh=False)
    checker = QuestionChecker(ws, company=company, retriever=retriever)
    results = checker.check_many(asked)
    results = checker.review(chosen, asked, results)
    notices = list(getattr(retriever, "notices", [])) + checker.notices
    for line in notices + list(chosen.warnings):
        warn(line)
    if json_out:
        print_json(results)
    else:
        from gespraech_assistant.cli.check_render import print_results

        print_results(console, results, ws.language, chosen.produced_by, company)
    if verbose:
        report_usage(chosen, ws.language)
    if any(not r.ok for r in results):
        raise typer.Exit(1)
