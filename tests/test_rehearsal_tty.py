"""The rehearsal in a real pseudo-terminal: prompt loop, streamed replies, Ctrl-C and Ctrl-D."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

TIMEOUT = 120
COACH = r"Coach: (?:\x1b\[[0-9;]*m)*"  # the coach line is dim: style codes may follow the prefix


def spawn(ws: Path, *extra: str):
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "xterm"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "gespraech_assistant", "rehearse", "Martin Keller", "-w", str(ws), *extra],
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(50, 200),
    )
    child.expect("Martin Keller: ")
    child.expect("Sie: ")  # the prompt: the partner has opened and waits for the user
    return child


def saved(ws: Path) -> str:
    files = list((ws / "history").glob("*-rehearsal-martin-keller.md"))
    assert len(files) == 1, files
    return files[0].read_text(encoding="utf-8")


def test_terminal_session_with_coach_hint_and_end(demo_ws):
    child = spawn(demo_ws)
    child.sendline("Wie viele Mitarbeitende hat Alpenblick?")
    child.expect(COACH + "✗ naiv")
    child.expect(r"Martin Keller: [^\r\n]*(Website|Geschäftsbericht|öffentlich|nachlesen)")
    child.expect("Sie: ")
    child.sendline("/hint")
    child.expect("Hint: ")
    child.expect("Sie: ")
    child.sendline("Wie gehen Sie beim Hochlauf in Gliwice mit der Lieferantenqualität um?")
    child.expect(COACH + "✓ gute offene Frage")
    child.expect(r"Martin Keller: [^\r\n]*Gliwice")
    child.expect("Sie: ")
    child.sendline("/end")
    child.expect("Scorecard: ")
    child.expect(r"✗ (?:\x1b\[[0-9;]*m)*Keine naiven Fragen")
    child.expect("Gespeichert: history/")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = saved(demo_ws)
    assert "kind: rehearsal" in text and "Hochlauf in Gliwice" in text


@pytest.mark.parametrize("how", ["ctrl-c", "ctrl-d"])
def test_ctrl_c_and_ctrl_d_end_cleanly_and_save(demo_ws, how):
    child = spawn(demo_ws)
    child.sendline("Mein Ziel ist, die Medtech-Branche besser zu verstehen.")
    child.expect(COACH + "✓ Ziel klar genannt")
    child.expect("Sie: ")
    if how == "ctrl-c":
        child.sendintr()
    else:
        child.sendeof()
    child.expect("Scorecard: ")
    child.expect("Gespeichert: history/")
    child.expect(pexpect.EOF)
    output = child.before or ""
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in output
    text = saved(demo_ws)
    assert "Mein Ziel ist, die Medtech-Branche besser zu verstehen." in text
    assert "✓ **Ziel" in text or "Ziel genannt" in text
