"""`gespraech rehearse`: the practice talk in the terminal (prompt loop on a TTY, line by line
from stdin otherwise), the coach on stderr, the scorecard at the end, the transcript saved."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from typing import Annotated, Literal

import typer
from rich.text import Text

from gespraech_assistant.cli.common import (
    BaseUrlOpt,
    EngineOpt,
    JsonOpt,
    ModelOpt,
    VerboseOpt,
    WorkspaceOpt,
    console,
    err_console,
    load_workspace,
    lock_waiting_notice,
    open_engine,
    print_json,
    report_usage,
    warn,
)
from gespraech_assistant.errors import UsageError
from gespraech_assistant.i18n import msg
from gespraech_assistant.textnorm import clean_terminal

COMMANDS = ("/hint", "/goal", "/undo", "/end", "/help")


def register(app: typer.Typer) -> None:
    app.command("rehearse")(rehearse)


def rehearse(
    contact: Annotated[
        str, typer.Argument(help="The person to rehearse with (from contacts.csv).")
    ],
    goal: Annotated[str | None, typer.Option("--goal", help="Your goal for the talk.")] = None,
    style: Annotated[
        Literal["friendly", "busy", "sceptical"],
        typer.Option("--style", help="How the partner behaves."),
    ] = "friendly",
    engine: EngineOpt = "auto",
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    json_out: JsonOpt = False,
    seed: Annotated[int, typer.Option("--seed", help="Varies the offline partner's wording.")] = 0,
    workspace: WorkspaceOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Rehearse a networking conversation with a simulated partner and a live coach.

    You lead and ask; the partner warms up to prepared questions and cools down on job requests, naive questions or unloading.

    Type /hint, /goal [TEXT], /undo or /end during the talk; Ctrl-C or Ctrl-D also end it. Without a terminal the turns are read from stdin, one per line. The transcript and scorecard are saved to history/.
    """  # noqa: E501
    from gespraech_assistant.cli.list_cmds import resolve_contact
    from gespraech_assistant.rehearsal import STYLES
    from gespraech_assistant.rehearsal_session import RehearsalSession

    ws = load_workspace(workspace)
    if style not in STYLES:
        raise UsageError(f"--style {style!r}: use friendly, busy or sceptical.")
    partner = resolve_contact(ws, contact)
    chosen = open_engine(ws, engine, model, base_url)
    session = RehearsalSession(ws, partner, chosen, goal=goal or "", style=style, seed=seed)
    for notice in getattr(session.retriever, "notices", []):
        warn(notice)
    talk = Talk(session, interactive=sys.stdin.isatty() and not json_out, quiet=json_out)
    reason = talk.run()
    transcript = session.transcript(reason)
    if session.user_turns:  # a talk without a single turn is nothing to keep
        with _sigint_deferred():
            from gespraech_assistant.rehearsal_score import save_transcript

            save_transcript(ws, transcript, lock_waiting_notice(ws))
    for line in chosen.warnings[talk.warned :]:
        warn(line)
    if json_out:
        print_json(transcript)
    else:
        show_scorecard(transcript)
    if verbose:
        report_usage(chosen, ws.language)


@contextlib.contextmanager
def _sigint_deferred() -> Iterator[None]:
    """A second Ctrl-C must not interrupt saving the transcript."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread (e.g. some test runners)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class Talk:
    """The input loop. Returns why the talk ended."""

    def __init__(self, session, *, interactive: bool, quiet: bool) -> None:
        self.session = session
        self.lang = session.language
        self.interactive = interactive
        self.quiet = quiet
        self.partner = clean_terminal(session.persona.name)
        self.warned = 0  # engine warnings already shown

    def engine_warnings(self) -> None:
        """An LLM fallback is reported when it happens, not only at the end."""
        if self.quiet:
            return  # --json: warnings go to stderr once, after the talk
        fresh = self.session.engine.warnings[self.warned :]
        self.warned += len(fresh)
        for line in fresh:
            warn(line)

    def run(self) -> str:
        try:
            if self.interactive:
                self.note(
                    msg(
                        self.lang,
                        de="Sie führen das Gespräch. Befehle: /hint /goal /undo /end · Strg-C "
                        "oder Strg-D beendet und speichert.",
                        en="You lead the talk. Commands: /hint /goal /undo /end · Ctrl-C or "
                        "Ctrl-D ends and saves.",
                    )
                )
            self.partner_says(lambda sink: self.session.open(on_token=sink))
            while not self.session.ended:
                line = self.read()
                if line is None:
                    return "eof"
                line = line.strip()
                if not line:
                    continue
                if line.startswith("/"):
                    if self.command(line) == "end":
                        return "user"
                    continue
                self.turn(line)
            return self.session.ended_reason or "user"
        except KeyboardInterrupt:
            if not self.quiet:
                err_console.print()
            return "interrupt"

    # ---- input
    def read(self) -> str | None:
        try:
            if self.interactive:
                return input(msg(self.lang, de="Sie: ", en="You: "))
            line = sys.stdin.readline()
            return line if line else None
        except EOFError:
            return None

    # ---- output
    def note(self, text: str) -> None:
        if not self.quiet:
            err_console.print(Text(text, style="dim"), soft_wrap=True)

    def coach(self, text: str) -> None:
        if not self.quiet:
            line = Text("Coach: ", style="dim bold")
            line.append(clean_terminal(text), style="dim")
            err_console.print(line, soft_wrap=True)

    def partner_says(self, produce) -> None:
        """Streams on a terminal; prints whole replies when piped."""
        if self.quiet:
            produce(None)
            return
        if self.interactive:
            console.print(Text(f"{self.partner}: ", style="bold cyan"), end="")

            def sink(token: str) -> None:
                sys.stdout.write(clean_terminal(token))
                sys.stdout.flush()

            produce(sink)
            sys.stdout.write("\n")
            sys.stdout.flush()
            return
        turn = produce(None)
        console.print(f"{self.partner}: {clean_terminal(turn.text)}", markup=False, soft_wrap=True)

    def turn(self, text: str) -> None:
        # The coach speaks between the user's turn and the partner's reply, on stderr.
        user = self.session.hear(text)
        self.coach(f"{user.analysis.coach}  [rapport {user.rapport}/10]")
        self.partner_says(lambda sink: self.session.respond(on_token=sink))
        self.engine_warnings()

    # ---- commands
    def command(self, line: str) -> str:
        name, _, arg = line.partition(" ")
        name = name.lower()
        if name == "/end":
            return "end"
        if name == "/hint":
            self.note("Hint: " + self.session.hint())
        elif name == "/goal":
            if arg.strip():
                self.session.set_goal(arg)
            current = self.session.goal or msg(self.lang, de="(noch keines)", en="(none yet)")
            self.note(msg(self.lang, de="Ziel: {g}", en="Goal: {g}", g=current))
        elif name == "/undo":
            last = next((t.text for t in reversed(self.session.turns) if t.role == "user"), None)
            if self.session.undo():
                self.note(
                    msg(
                        self.lang,
                        de="Zurückgenommen: «{t}» (Rapport wieder {r}/10)",
                        en="Taken back: “{t}” (rapport back to {r}/10)",
                        t=last,
                        r=self.session.rapport,
                    )
                )
            else:
                self.note(msg(self.lang, de="Nichts zurückzunehmen.", en="Nothing to undo."))
        else:
            self.note(
                msg(
                    self.lang,
                    de="Unbekannter Befehl {c}. Möglich: {all}",
                    en="Unknown command {c}. Available: {all}",
                    c=name,
                    all=" ".join(COMMANDS),
                )
            )
        return ""


def show_scorecard(t) -> None:
    lang = t.language
    card = t.scorecard
    console.print()
    if not any(turn.role == "user" for turn in t.turns):
        console.print(card.next_step, markup=False)  # "Keine Gesprächsrunde – nichts gespeichert."
        return
    console.print(
        Text(msg(lang, de="Scorecard: {s}/{n}", en="Scorecard: {s}/{n}", s=card.score, n=card.total),
             style="bold"),
    )  # fmt: skip
    for item in card.items:
        mark = Text("✓ ", style="green") if item.ok else Text("✗ ", style="red")
        mark.append(item.label, style="bold")
        console.print(mark)
        for q in item.quotes:
            console.print(f"    {clean_terminal(q)}", markup=False, soft_wrap=True)
        if item.advice:
            console.print(f"    → {item.advice}", markup=False, soft_wrap=True)
    console.print(
        msg(lang, de="Nächster Schritt: {s}", en="Next step: {s}", s=card.next_step),
        markup=False,
        soft_wrap=True,
    )
    console.print(msg(lang, de="Gespeichert: {p}", en="Saved: {p}", p=t.saved_to), markup=False)
