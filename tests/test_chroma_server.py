"""The index in a Chroma server (`[index] url`), against a real `chroma run` on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from eval.llama_server import free_port
from tests.conftest import run_gespraech
from tests.test_index import make_ws

pytestmark = pytest.mark.slow


def wait_for_heartbeat(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chroma run exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("chroma server did not answer")


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory) -> Iterator[str]:
    chroma = Path(sys.executable).parent / "chroma"
    assert chroma.exists(), "the chromadb package ships the `chroma` command"
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(data), "--port", str(port), "--host", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_heartbeat(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def use_server(root: Path, url: str) -> None:
    config = root / "gespraech.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + f'\n[index]\nurl = "{url}"\n', encoding="utf-8"
    )


def server_count(url: str, root: Path) -> int:
    import chromadb

    from gespraech_assistant.index.store import collection_name
    from gespraech_assistant.workspace import open_workspace

    host, port = url.removeprefix("http://").split(":")
    client = chromadb.HttpClient(host=host, port=int(port))
    from gespraech_assistant.config import IndexSettings
    from gespraech_assistant.index.embeddings import chroma_embedding_function

    chroma_embedding_function(IndexSettings())  # registered, so the collection can be opened
    return client.get_collection(collection_name(open_workspace(root))).count()


def test_index_and_ask_through_a_chroma_server(chroma_server: str, tmp_path: Path, cli) -> None:
    root = make_ws(tmp_path / "ws")
    use_server(root, chroma_server)

    result = cli("index", "-w", root, "--json")
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["chunks_embedded"] == stats["chunks_total"] == 4
    assert not (root / ".index" / "chroma").exists()  # the vectors live in the server
    assert server_count(chroma_server, root) == 4

    again = json.loads(cli("index", "-w", root, "--json").stdout)
    assert again["chunks_embedded"] == 0 and again["rebuilt"] is False

    found = json.loads(cli("ask", "Wo fehlen Fachkräfte?", "-w", root, "--json", "-k", "2").stdout)
    assert found[0]["source"] == "notes/firmen/glarus.md"
    assert "Polymechanikern" in found[0]["text"]

    (root / "notes" / "zwicky.md").unlink()
    stats = json.loads(cli("index", "-w", root, "--json").stdout)
    assert stats["files_removed"] == 1 and stats["chunks_total"] == 3
    assert server_count(chroma_server, root) == 3

    # A second workspace on the same server gets a collection of its own.
    other = make_ws(tmp_path / "other")
    use_server(other, chroma_server)
    (other / "notes" / "zwicky.md").unlink()
    assert cli("index", "-w", other).exit_code == 0
    assert server_count(chroma_server, other) == 3 and server_count(chroma_server, root) == 3


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    root = make_ws(tmp_path / "ws")
    use_server(root, f"http://127.0.0.1:{free_port()}")
    result = run_gespraech("ask", "Fachkräfte", "-w", root)
    assert result.returncode == 2, result.stderr
    assert "Chroma-Server" in result.stderr and "chroma run" in result.stderr
    assert "Traceback" not in result.stderr
    assert (root / "notes" / "zwicky.md").exists()  # nothing of the user's was touched
