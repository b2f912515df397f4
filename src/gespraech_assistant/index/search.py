"""Hybrid retrieval: Chroma vector search and BM25 over the same chunks, fused by rank."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

from gespraech_assistant.i18n import msg
from gespraech_assistant.index.chunking import doc_kind
from gespraech_assistant.index.store import (
    Index,
    StoreUnreadable,
    chroma_call,
    open_collection,
    read_chunks,
)
from gespraech_assistant.models import IndexStats, Passage
from gespraech_assistant.textnorm import (
    STOPWORDS,
    fold,
    normalize_company,
    normalize_name,
    same_company,
)
from gespraech_assistant.workspace import Workspace

Mode = Literal["hybrid", "vector", "lexical"]
# Tuned on the dev split of eval/data/retrieval.jsonl (python -m eval.retrieval): the lexical
# side helps little on paraphrased questions, so it gets a small weight and a steep rank curve.
RRF_K = 10
LEXICAL_WEIGHT = 0.3
CANDIDATES = 30


def tokens(text: str) -> list[str]:
    out = []
    for word in re.findall(r"[a-z0-9]+", fold(text)):
        if word in STOPWORDS or len(word) < 2:
            continue
        out.append(stem(word))
    return out


def stem(word: str) -> str:
    """A light suffix stripper for German and English; enough to match plural and case forms."""
    for suffix in ("ungen", "ung", "en", "er", "es", "e", "s", "n"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass
class Bm25:
    docs: list[list[str]]
    k1: float = 1.4
    b: float = 0.75

    def __post_init__(self) -> None:
        self.df: Counter[str] = Counter()
        for doc in self.docs:
            self.df.update(set(doc))
        self.avg = (sum(len(d) for d in self.docs) / len(self.docs)) if self.docs else 1.0
        self.tf = [Counter(d) for d in self.docs]

    def scores(self, query: list[str]) -> list[float]:
        n = len(self.docs)
        out = []
        for doc, tf in zip(self.docs, self.tf, strict=True):
            score = 0.0
            for term in set(query):
                if term not in tf:
                    continue
                idf = math.log(1 + (n - self.df[term] + 0.5) / (self.df[term] + 0.5))
                freq = tf[term]
                score += (
                    idf
                    * freq
                    * (self.k1 + 1)
                    / (freq + self.k1 * (1 - self.b + self.b * len(doc) / self.avg))
                )
            out.append(score)
        return out


def _to_passage(chunk: dict[str, Any], score: float) -> Passage:
    meta = chunk["meta"]
    return Passage(
        source=meta["source"],
        line=meta.get("line"),
        text=chunk["text"],
        score=round(score, 4),
        kind=meta.get("kind", "note"),
        doc_kind=meta.get("doc_kind") or doc_kind(meta["source"], {}),
        company=meta.get("company", ""),
        person=meta.get("person", ""),
        topic=meta.get("topic", ""),
        date=meta.get("date", ""),
        heading=meta.get("heading", ""),
    )


class Retriever:
    """Loads the chunk cache once; answers many queries (the checker asks dozens).

    `notices` collects what the user should hear (e.g. "index rebuilt: …").
    `chunks` are the knowledge chunks (notes and debriefs); rehearsal transcripts are practice,
    kept only in `all_chunks` and searched only with `include_rehearsals=True`.
    """

    def __init__(self, ws: Workspace, mode: Mode | None = None, refresh: bool = True) -> None:
        self.ws = ws
        self.mode: Mode = mode or ws.settings.index.retrieval
        self.notices: list[str] = []
        self._repaired = False
        index = Index(ws)
        if refresh and not index.is_fresh():
            with ws.lock():
                self._note(index.update())
        self._load(index)

    def _load(self, index: Index) -> None:
        self.all_chunks = read_chunks(index.chunks_path)
        self.ids = {c["id"]: i for i, c in enumerate(self.all_chunks)}
        self.chunks = [c for c in self.all_chunks if not is_rehearsal(c)]
        self._knowledge = [i for i, c in enumerate(self.all_chunks) if not is_rehearsal(c)]
        self._bm25: Bm25 | None = None
        self._entity_terms: set[str] | None = None
        self._collection: Any = None
        self._embedder: Any = None

    def _note(self, stats: IndexStats) -> None:
        if stats.rebuilt and stats.rebuild_reason not in ("no index yet",):
            self.notices.append(
                msg(
                    self.ws.language,
                    de="Suchindex neu aufgebaut: {r}",
                    en="Search index rebuilt: {r}",
                    r=stats.rebuild_reason,
                )
            )

    # ---- filters
    def company_keys(self, company: str) -> set[str]:
        wanted = normalize_company(company)
        keys = {c["meta"].get("company_key", "") for c in self.all_chunks}
        return {k for k in keys if k and (k == wanted or same_company(k, company))}

    def _allowed(
        self, company: str | None, person: str | None, include_rehearsals: bool
    ) -> list[int] | None:
        """Indexes into all_chunks that may be returned; None means all of them."""
        pool = range(len(self.all_chunks)) if include_rehearsals else self._knowledge
        if not company and not person:
            return None if len(pool) == len(self.all_chunks) else list(pool)
        company_keys = self.company_keys(company) if company else None
        person_key = normalize_name(person) if person else None
        allowed = []
        for i in pool:
            meta = self.all_chunks[i]["meta"]
            if company_keys is not None and meta.get("company_key") not in company_keys:
                continue
            if person_key and person_key not in (meta.get("person_key") or ""):
                continue
            allowed.append(i)
        return allowed

    # ---- rankers
    def lexical(
        self, query: str, allowed: list[int] | None, n: int, skip_entities: bool = False
    ) -> list[tuple[int, float]]:
        if self._bm25 is None:
            self._bm25 = Bm25(
                [tokens(c["text"] + " " + c["meta"].get("heading", "")) for c in self.all_chunks]
            )
        terms = tokens(query)
        if skip_entities:
            # Company and person names match every chunk about them and drown the words that
            # carry the question; in hybrid mode the vector side already finds the entity.
            terms = [t for t in terms if t not in self.entity_terms()]
        if not terms:
            return []
        scores = self._bm25.scores(terms)
        pool = allowed if allowed is not None else range(len(self.all_chunks))
        ranked = sorted(((i, scores[i]) for i in pool if scores[i] > 0), key=lambda x: -x[1])
        return ranked[:n]

    def entity_terms(self) -> set[str]:
        if self._entity_terms is None:
            found: set[str] = set()
            for chunk in self.all_chunks:
                for key in ("company", "person"):
                    found.update(tokens(str(chunk["meta"].get(key, ""))))
            self._entity_terms = found
        return self._entity_terms

    def _open_collection(self) -> None:
        """Open Chroma under the workspace lock (it is not process-safe) and check that it
        holds what the chunk cache says; a mismatch means a damaged store."""
        from gespraech_assistant.index.embeddings import make_embedder

        with self.ws.lock():
            _, collection = chroma_call(self.ws, open_collection, self.ws)
            count = chroma_call(self.ws, collection.count)
        if count != len(self.all_chunks):
            raise StoreUnreadable(f"{count} vectors for {len(self.all_chunks)} chunks")
        self._collection = collection
        self._embedder = make_embedder(self.ws.settings.index)

    def _source_filter(self, allowed: list[int]) -> dict[str, Any]:
        """A Chroma `where` on source files: the shorter of the allowed or the excluded list
        (excluding a few rehearsal files beats listing every note)."""
        wanted = {self.all_chunks[i]["meta"]["source"] for i in allowed}
        others = {c["meta"]["source"] for c in self.all_chunks} - wanted
        if others and len(others) < len(wanted):
            return {"source": {"$nin": sorted(others)}}
        return {"source": {"$in": sorted(wanted)}}

    def vector(self, query: str, allowed: list[int] | None, n: int) -> list[tuple[int, float]]:
        if self._collection is None:
            self._open_collection()
        vector = self._embedder.embed_queries([query])[0].tolist()
        where = None
        if allowed is not None:
            if not allowed:
                return []
            where = self._source_filter(allowed)
        total = len(self.all_chunks) if allowed is None else len(allowed)
        result = chroma_call(
            self.ws,
            self._collection.query,
            query_embeddings=[vector],
            n_results=max(1, min(n, total)),
            where=where,
            include=["distances"],
        )
        out = []
        allowed_set = set(allowed) if allowed is not None else None
        for chunk_id, distance in zip(result["ids"][0], result["distances"][0], strict=True):
            idx = self.ids.get(chunk_id)
            if idx is None or (allowed_set is not None and idx not in allowed_set):
                continue
            out.append((idx, 1.0 - float(distance)))
        return out

    def search(
        self,
        query: str,
        k: int = 5,
        company: str | None = None,
        person: str | None = None,
        include_rehearsals: bool = False,
    ) -> list[Passage]:
        """Rehearsal transcripts are left out unless asked for: a scorecard or a coach line
        is practice, never evidence about a company or person."""
        try:
            return self._search(query, k, company, person, include_rehearsals)
        except StoreUnreadable as exc:
            if self._repaired:
                raise Index(self.ws).unusable(str(exc)) from None
            self._repair(str(exc))
            return self.search(query, k, company, person, include_rehearsals)

    def _repair(self, detail: str) -> None:
        """The Chroma store failed although the manifest looked fine: rebuild it once."""
        self._repaired = True
        index = Index(self.ws)
        with self.ws.lock():
            stats = index.update(force=True)
        stats.rebuild_reason = msg(
            self.ws.language,
            de="die Chroma-Datenbank war nicht lesbar ({d})",
            en="the Chroma database was unreadable ({d})",
            d=detail,
        )
        self._note(stats)
        self._load(index)

    def _search(
        self,
        query: str,
        k: int,
        company: str | None,
        person: str | None,
        include_rehearsals: bool,
    ) -> list[Passage]:
        if not self.all_chunks or not query.strip():
            return []
        allowed = self._allowed(company, person, include_rehearsals)
        if allowed is not None and not allowed:
            return []
        if self.mode == "lexical":
            return [_to_passage(self.all_chunks[i], s) for i, s in self.lexical(query, allowed, k)]
        vec = self.vector(query, allowed, CANDIDATES)
        if self.mode == "vector":
            return [_to_passage(self.all_chunks[i], s) for i, s in vec[:k]]
        lex = self.lexical(query, allowed, CANDIDATES, skip_entities=True)
        fused: dict[int, float] = {}
        for weight, ranking in ((1.0, vec), (LEXICAL_WEIGHT, lex)):
            for rank, (idx, _) in enumerate(ranking):
                fused[idx] = fused.get(idx, 0.0) + weight / (RRF_K + rank + 1)
        best = sorted(fused.items(), key=lambda x: -x[1])[:k]
        # Report the cosine similarity where there is one: comparable across queries, unlike RRF.
        similarity = dict(vec)
        return [_to_passage(self.all_chunks[i], similarity.get(i, 0.0)) for i, _ in best]


def is_rehearsal(chunk: dict[str, Any]) -> bool:
    meta = chunk["meta"]
    return (meta.get("doc_kind") or doc_kind(meta.get("source", ""), {})) == "rehearsal"
