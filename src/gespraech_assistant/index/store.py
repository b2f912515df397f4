"""The index is a cache of the files: incremental, rebuilt when its basis changes.

Layout of <workspace>/.index/:
  manifest.json   schema, chromadb version, embedder id, and per file: size, mtime, sha, chunk ids
  chunks.jsonl    every chunk's text and metadata (the lexical side of hybrid search)
  chroma/         the Chroma persistent store (unless [index] url points to a server)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

from gespraech_assistant import atomic
from gespraech_assistant.errors import DataError, GespraechError, UsageError
from gespraech_assistant.i18n import bi, msg
from gespraech_assistant.index.chunking import (
    chunk_metadata,
    chunk_note,
    embedding_text,
    read_note_text,
)
from gespraech_assistant.index.embeddings import embedder_id
from gespraech_assistant.models import IndexStats
from gespraech_assistant.workspace import Workspace

MAX_CHUNKS_PER_FILE = 150
SCHEMA_VERSION = 2  # 2: chunk metadata doc_kind (note | debrief | rehearsal)
INDEXED_DIRS = ("notes", "history")
MAX_BATCH = 64  # also bounded by the client's get_max_batch_size()
SQLITE_MAGIC = b"SQLite format 3\x00"
ProgressFn = Callable[[int, int], None]


class StoreUnreadable(Exception):
    """The local Chroma store failed; the index is a cache, so it is rebuilt once."""


def chroma_call(ws: Workspace, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one Chroma operation; turn its failures into something we can act on.

    Local store: StoreUnreadable (the caller rebuilds). Server: a clear error, because
    rebuilding cannot fix an unreachable server. Rust panics from chromadb derive from
    BaseException, hence the broad catch.
    """
    try:
        return fn(*args, **kwargs)
    except (KeyboardInterrupt, SystemExit, GeneratorExit, GespraechError):
        raise
    except BaseException as exc:  # noqa: BLE001
        detail = f"{type(exc).__name__}: {str(exc)[:200]}"
        url = ws.settings.index.url
        if url:
            raise UsageError(
                msg(
                    ws.language,
                    de="Der Chroma-Server {u} antwortet nicht richtig ({d}).",
                    en="The Chroma server {u} does not answer properly ({d}).",
                    u=url,
                    d=detail,
                ),
                msg(
                    ws.language,
                    de="Server starten (chroma run --path DIR --port PORT) oder [index] url "
                    "in gespraech.toml korrigieren bzw. entfernen.",
                    en="Start the server (chroma run --path DIR --port PORT) or fix or remove "
                    "[index] url in gespraech.toml.",
                ),
            ) from None
        raise StoreUnreadable(detail) from None


def sqlite_damaged(path: Path) -> bool:
    """A cheap check that needs no chromadb import: header magic and size vs. page count."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError:
        return True
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return True
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    header_count_valid = head[24:28] == head[92:96]
    return header_count_valid and pages > 0 and size < page_size * pages


def chroma_version() -> str:
    try:
        return importlib_metadata.version("chromadb")
    except importlib_metadata.PackageNotFoundError:
        return "unknown"


@dataclass
class Manifest:
    schema: int = SCHEMA_VERSION
    chromadb: str = ""
    embedder: str = ""
    collection: str = ""
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Manifest | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            manifest = cls(**data)
        except (OSError, ValueError, TypeError):
            return None
        if not isinstance(manifest.files, dict) or not all(
            isinstance(e, dict) for e in manifest.files.values()
        ):
            return None
        return manifest

    def dump(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=1)


def collection_name(ws: Workspace) -> str:
    """A local index belongs to its folder (so a copied workspace keeps its index);
    on a shared server each workspace needs a name of its own."""
    if not ws.settings.index.url:
        return "passages"
    digest = hashlib.sha1(str(ws.root).encode()).hexdigest()[:10]
    return f"gespraech-{digest}"


def source_files(ws: Workspace) -> Iterator[Path]:
    for folder in INDEXED_DIRS:
        base = ws.root / folder
        if base.is_dir():
            for path in sorted(base.rglob("*.md")):
                if path.is_file() and not path.name.startswith("."):
                    yield path


def _file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def forget_local_client(ws: Workspace) -> None:
    """chromadb caches one client per folder in the process; after we delete the folder that
    cached client points at deleted files, so drop it (private API, hence defensive)."""
    if "chromadb" not in sys.modules:
        return
    from chromadb.api.shared_system_client import SharedSystemClient

    ident = str(ws.index_dir / "chroma")
    systems = getattr(SharedSystemClient, "_identifier_to_system", {})
    system = systems.pop(ident, None)
    getattr(SharedSystemClient, "_identifier_to_refcount", {}).pop(ident, None)
    if system is not None:
        with contextlib.suppress(Exception):
            system.stop()


def open_collection(ws: Workspace, create: bool = True) -> Any:
    """The one place that imports chromadb."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from gespraech_assistant.index.embeddings import chroma_embedding_function

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    url = ws.settings.index.url
    if url:
        from urllib.parse import urlparse

        parsed = urlparse(url)
        client = chromadb.HttpClient(
            host=parsed.hostname or "localhost",
            port=parsed.port or 8000,
            ssl=parsed.scheme == "https",
            settings=chroma_settings,
        )
    else:
        client = chromadb.PersistentClient(
            path=str(ws.index_dir / "chroma"), settings=chroma_settings
        )
    function = chroma_embedding_function(ws.settings.index)
    name = collection_name(ws)
    if create:
        collection = client.get_or_create_collection(
            name, embedding_function=function, metadata={"hnsw:space": "cosine"}
        )
    else:
        collection = client.get_collection(name, embedding_function=function)
    return client, collection


class Index:
    """Incremental indexer and the reader of chunks.jsonl."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.dir = ws.index_dir
        self.manifest_path = self.dir / "manifest.json"
        self.chunks_path = self.dir / "chunks.jsonl"
        self.chroma_sqlite = self.dir / "chroma" / "chroma.sqlite3"
        self.problems: list[str] = []

    # ---- basis checks
    def _expected_basis(self, with_chroma_version: bool) -> dict[str, Any]:
        basis = {
            "schema": SCHEMA_VERSION,
            "embedder": embedder_id(self.ws.settings.index),
            "collection": collection_name(self.ws),
        }
        if with_chroma_version:
            basis["chromadb"] = chroma_version()
        return basis

    def _stale_reason(self, manifest: Manifest | None) -> str:
        lang = self.ws.language
        if manifest is None:
            if not self.manifest_path.exists():
                return "no index yet"
            return msg(
                lang,
                de="das Index-Manifest ist unlesbar",
                en="the index manifest is unreadable",
            )
        basis = self._expected_basis(with_chroma_version=True)
        for key, value in basis.items():
            if getattr(manifest, key) != value:
                return msg(
                    lang,
                    de="der Index wurde mit anderem {k} gebaut ({o!r}, jetzt {n!r})",
                    en="the index was built with another {k} ({o!r}, now {n!r})",
                    k=key,
                    o=getattr(manifest, key),
                    n=value,
                )
        if not self.chunks_path.is_file():
            return msg(lang, de="der Abschnitt-Cache fehlt", en="the chunk cache is missing")
        if not self.ws.settings.index.url and sqlite_damaged(self.chroma_sqlite):
            return msg(
                lang,
                de="die Chroma-Datenbank ist beschädigt oder fehlt",
                en="the Chroma database is damaged or missing",
            )
        return ""

    # ---- change detection without opening Chroma
    def _scan(self, manifest: Manifest) -> tuple[dict[str, dict], list[str], list[str]]:
        current: dict[str, dict] = {}
        changed: list[str] = []
        for path in source_files(self.ws):
            rel = self.ws.rel(path)
            stat = path.stat()
            old = manifest.files.get(rel)
            entry = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
            if (
                old
                and old.get("size") == entry["size"]
                and old.get("mtime_ns") == entry["mtime_ns"]
            ):
                current[rel] = old
                continue
            entry["sha"] = _file_sha(path)
            if old and old.get("sha") == entry["sha"]:
                current[rel] = {**old, **entry}
                continue
            current[rel] = entry
            changed.append(rel)
        removed = [rel for rel in manifest.files if rel not in current]
        return current, changed, removed

    def is_fresh(self) -> bool:
        manifest = Manifest.load(self.manifest_path)
        if manifest is None or self._stale_reason(manifest):
            return False
        _, changed, removed = self._scan(manifest)
        return not changed and not removed

    # ---- update
    def update(self, progress: ProgressFn | None = None, force: bool = False) -> IndexStats:
        """Bring the index up to date; call it under ws.lock()."""
        started = time.perf_counter()
        stats = IndexStats()
        manifest = Manifest.load(self.manifest_path)
        reason = "rebuild requested" if force else self._stale_reason(manifest)
        if reason:
            manifest = self._reset(reason, stats)
        assert manifest is not None
        try:
            self._refresh(manifest, stats, progress)
        except StoreUnreadable as exc:
            # The index is only a cache: start over once; a second failure is reported.
            reason = msg(
                self.ws.language,
                de="die Chroma-Datenbank liess sich nicht öffnen ({e})",
                en="the Chroma database could not be opened ({e})",
                e=exc,
            )
            manifest = self._reset(reason, stats)
            try:
                self._refresh(manifest, stats, progress)
            except StoreUnreadable as again:
                raise self.unusable(str(again)) from None
        stats.chunks_total = sum(len(e.get("ids", [])) for e in manifest.files.values())
        stats.seconds = round(time.perf_counter() - started, 3)
        return stats

    def _refresh(self, manifest: Manifest, stats: IndexStats, progress: ProgressFn | None) -> None:
        current, changed, removed = self._scan(manifest)
        stats.files_seen = len(current)
        if changed or removed or stats.rebuilt:
            self._apply(manifest, current, changed, removed, stats, progress)

    def unusable(self, detail: str) -> DataError:
        return DataError(
            self.dir,
            None,
            msg(
                self.ws.language,
                de="der Suchindex ist auch nach dem Neuaufbau nicht benutzbar ({d})",
                en="the search index is unusable even after a rebuild ({d})",
                d=detail,
            ),
            msg(
                self.ws.language,
                de="Den Ordner .index löschen (er wird neu erzeugt) und den Befehl wiederholen.",
                en="Delete the .index folder (it is recreated) and run the command again.",
            ),
        )

    def _reset(self, reason: str, stats: IndexStats) -> Manifest:
        stats.rebuilt, stats.rebuild_reason = True, reason
        if self.ws.settings.index.url:
            try:
                client, _ = open_collection(self.ws)
                client.delete_collection(collection_name(self.ws))
            except Exception:  # noqa: BLE001 - a missing remote collection is fine here
                pass
        else:
            forget_local_client(self.ws)
        if self.dir.exists():
            shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True, exist_ok=True)
        basis = self._expected_basis(with_chroma_version=True)
        return Manifest(**basis)

    def _chunk_file(self, rel: str) -> list[dict[str, Any]]:
        text, problem = read_note_text(self.ws.root / rel)
        if problem:
            self.problems.append(f"{rel}: {problem}")
        if not text:
            return []
        meta, chunks = chunk_note(text, self.ws.settings.index.chunk_chars)
        if len(chunks) > MAX_CHUNKS_PER_FILE:
            # Embedding costs ~0.1 s a chunk here: a pasted 1 MB web page would block for many
            # minutes. The start of a page holds what matters; the rest stays in the file.
            self.problems.append(
                f"{rel}: "
                + str(
                    bi(
                        de=f"sehr lang ({len(chunks)} Abschnitte); nur die ersten {MAX_CHUNKS_PER_FILE} "
                        "werden durchsucht – kürzen Sie die Notiz oder teilen Sie sie auf, wenn mehr zählt",
                        en=f"very long ({len(chunks)} chunks); only the first {MAX_CHUNKS_PER_FILE} are "
                        "searchable – shorten or split the note if more matters",
                    )
                )
            )
            chunks = chunks[:MAX_CHUNKS_PER_FILE]
        file_key = hashlib.sha1(rel.encode()).hexdigest()[:12]
        records = []
        for number, chunk in enumerate(chunks):
            metadata = chunk_metadata(rel, meta, chunk)
            records.append({"id": f"{file_key}:{number}", "text": chunk.text, "meta": metadata})
        return records

    def _apply(
        self,
        manifest: Manifest,
        current: dict[str, dict],
        changed: list[str],
        removed: list[str],
        stats: IndexStats,
        progress: ProgressFn | None,
    ) -> None:
        from gespraech_assistant.index.embeddings import make_embedder

        client, collection = chroma_call(self.ws, open_collection, self.ws)
        cached = {c["id"]: c for c in read_chunks(self.chunks_path)}
        stale_ids = [
            i for rel in changed + removed for i in manifest.files.get(rel, {}).get("ids", [])
        ]
        new_records = [r for rel in changed for r in self._chunk_file(rel)]
        if stale_ids:
            chroma_call(self.ws, collection.delete, ids=stale_ids)
            for chunk_id in stale_ids:
                cached.pop(chunk_id, None)
        embedder = make_embedder(self.ws.settings.index)
        batch = max(1, min(MAX_BATCH, chroma_call(self.ws, client.get_max_batch_size)))
        done = 0
        for start in range(0, len(new_records), batch):
            part = new_records[start : start + batch]
            vectors = embedder.embed_passages([embedding_text(r["meta"], r["text"]) for r in part])
            chroma_call(
                self.ws,
                collection.upsert,
                ids=[r["id"] for r in part],
                documents=[r["text"] for r in part],
                metadatas=[r["meta"] for r in part],
                embeddings=[v.tolist() for v in vectors],
            )
            done += len(part)
            if progress:
                progress(done, len(new_records))
        for record in new_records:
            cached[record["id"]] = record
        by_file: dict[str, list[str]] = {}
        for record in new_records:
            by_file.setdefault(record["meta"]["source"], []).append(record["id"])
        for rel in changed:
            current[rel]["ids"] = by_file.get(rel, [])
        manifest.files = current
        stats.files_changed, stats.files_removed = len(changed), len(removed)
        stats.chunks_embedded = len(new_records)
        lines = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cached.values())
        atomic.write_text(self.chunks_path, lines, keep_backup=False)
        atomic.write_text(self.manifest_path, manifest.dump(), keep_backup=False)


def read_chunks(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    chunks = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            chunks.append(json.loads(line))
        except ValueError:
            continue
    return chunks
