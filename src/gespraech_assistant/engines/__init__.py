"""The engine seam: one interface, an offline (deterministic) and an LLM implementation.

Job modules (checker, brief, rehearsal, debrief) assemble their typed request, call the
engine, and get a typed result back. The engine never reads files or prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from gespraech_assistant.engines.base import Engine
from gespraech_assistant.errors import UsageError

if TYPE_CHECKING:
    from gespraech_assistant.workspace import Workspace

EngineChoice = Literal["auto", "offline", "llm"]


def llm_configured() -> bool:
    from gespraech_assistant.config import api_key

    return api_key() is not None


def get_engine(
    ws: Workspace, choice: str = "auto", overrides: dict[str, object] | None = None
) -> Engine:
    """`overrides` are CLI flags (--model, --base-url; None = not given): they win over the
    environment and gespraech.toml, and a --base-url alone makes `auto` choose the LLM."""
    from gespraech_assistant.config import with_llm_overrides
    from gespraech_assistant.engines.offline import OfflineEngine

    if choice not in ("auto", "offline", "llm"):
        raise UsageError(f"--engine {choice!r}: use auto, offline or llm.")
    settings = with_llm_overrides(ws.settings, **(overrides or {}))
    wants_llm = choice == "llm" or (
        choice == "auto" and (llm_configured() or bool(settings.llm.base_url))
    )
    if not wants_llm:
        return OfflineEngine(ws.language)
    from gespraech_assistant.engines.llm import LLMEngine

    return LLMEngine.from_settings(settings.llm, ws.language, ws)


__all__ = ["Engine", "EngineChoice", "get_engine"]
