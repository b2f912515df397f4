"""Shared fixtures: an isolated environment, real workspaces in temporary folders, the real CLI."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
DEMO_SRC = REPO / "src" / "gespraech_assistant" / "demo_workspace"
EVAL_WS_SRC = REPO / "eval" / "workspace"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory, monkeypatch):
    """Every test gets its own HOME and no keys, workspace or LLM settings from outside."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var in list(os.environ):
        if var.startswith(("OPENAI_", "GESPRAECH_")):
            monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("GESPRAECH_DEBUG", "1")  # unexpected exceptions surface as failures
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")


_real_connect = socket.socket.connect


def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if (
        isinstance(host, str)
        and host not in ("127.0.0.1", "::1", "localhost")
        and not host.startswith("/")
    ):
        raise OSError(f"network blocked in tests: {address!r}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


def _copy_indexed(src: Path, cache: Path) -> Path:
    """Index a workspace once per session; each test gets a fresh copy with the index."""
    if not (cache / ".index" / "manifest.json").exists():
        shutil.copytree(src, cache, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".index"))
        from gespraech_assistant.index.store import Index
        from gespraech_assistant.workspace import open_workspace

        Index(open_workspace(cache)).update()
    return cache


@pytest.fixture(scope="session")
def _demo_indexed(tmp_path_factory) -> Path:
    return _copy_indexed(DEMO_SRC, tmp_path_factory.mktemp("demo-cache") / "ws")


@pytest.fixture(scope="session")
def _eval_indexed(tmp_path_factory) -> Path:
    return _copy_indexed(EVAL_WS_SRC, tmp_path_factory.mktemp("eval-cache") / "ws")


@pytest.fixture
def demo_ws(_demo_indexed, tmp_path) -> Path:
    """A copy of the bundled German demo workspace, already indexed."""
    target = tmp_path / "demo"
    shutil.copytree(_demo_indexed, target)
    return target


@pytest.fixture
def eval_ws(_eval_indexed, tmp_path) -> Path:
    """A copy of eval/workspace (several companies, German and English notes), indexed."""
    target = tmp_path / "evalws"
    shutil.copytree(_eval_indexed, target)
    return target


@pytest.fixture
def empty_ws(tmp_path) -> Path:
    from gespraech_assistant.setup_workspace import init_workspace

    init_workspace(tmp_path / "ws", "de")
    return tmp_path / "ws"


@pytest.fixture
def cli():
    """Run the real typer app in-process: cli('contacts', 'list', '-w', path)."""
    from gespraech_assistant.cli import app

    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


def run_gespraech(
    *args: str,
    cwd: Path | None = None,
    env: dict | None = None,
    input: str | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess:
    """The real console entry point in a subprocess (for start-up, signals, pipes)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "gespraech_assistant", *map(str, args)],
        cwd=cwd,
        env=full_env,
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
