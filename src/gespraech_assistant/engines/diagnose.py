"""`gespraech doctor`: resolved LLM settings, where data would go, and live checks.

The report is a pydantic model (the `--json` output). It never contains the API key, only
its masked form and where it came from.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from gespraech_assistant.config import LLMSettings, Settings, _read_toml
from gespraech_assistant.engines.chat_model import (
    OPENAI_DEFAULT_URL,
    destination,
    llm_available,
    mask_key,
    resolve_key,
    scrub,
)
from gespraech_assistant.engines.structured import LLMClient, LLMFailure, Method
from gespraech_assistant.i18n import msg

METHODS: tuple[Method, ...] = ("json_schema", "function_calling", "json_mode", "prompt_json")
LLM_FIELDS = (
    "model",
    "base_url",
    "timeout_s",
    "connect_timeout_s",
    "max_retries",
    "temperature",
    "structured_output",
    "max_tokens",
)
ENV_OF_FIELD = {
    "model": "GESPRAECH_MODEL",
    "base_url": "GESPRAECH_BASE_URL",
    "timeout_s": "GESPRAECH_TIMEOUT_S",
    "connect_timeout_s": "GESPRAECH_CONNECT_TIMEOUT_S",
    "max_retries": "GESPRAECH_MAX_RETRIES",
    "temperature": "GESPRAECH_TEMPERATURE",
    "structured_output": "GESPRAECH_STRUCTURED_OUTPUT",
    "max_tokens": "GESPRAECH_MAX_TOKENS",
}


class SettingValue(BaseModel):
    name: str
    value: str
    source: str = Field(description="CLI flag, an environment variable, gespraech.toml or default")


class Check(BaseModel):
    name: str
    ok: bool | None = Field(description="None: skipped")
    detail: str = ""
    seconds: float = 0.0


class DoctorReport(BaseModel):
    engine: str = Field(description="what --engine auto would use: offline or llm:<model>")
    llm_configured: bool
    settings: list[SettingValue]
    api_key: str = Field(description="masked, e.g. sk-…abcd, or 'not set'")
    api_key_source: str
    data_goes_to: str
    destination: Literal["this_computer", "local_network", "cloud", "none"]
    checks: list[Check] = Field(default_factory=list)
    working_methods: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    fixes: list[str] = Field(default_factory=list, description="what to change; empty = all ok")

    @property
    def ok(self) -> bool:
        return not self.fixes


class _Ping(BaseModel):
    answer: str


def setting_sources(
    config_path: Path | None, environ: dict[str, str], flags: dict[str, object]
) -> dict[str, str]:
    """Where each [llm] setting came from, following the documented precedence."""
    toml_llm = (_read_toml(config_path) if config_path else {}).get("llm", {})
    sources = {}
    for name in LLM_FIELDS:
        if flags.get(name) is not None:
            sources[name] = "--timeout" if name == "timeout_s" else "--" + name.replace("_", "-")
        elif environ.get(ENV_OF_FIELD[name]):
            sources[name] = ENV_OF_FIELD[name]
        elif name == "base_url" and environ.get("OPENAI_BASE_URL"):
            sources[name] = "OPENAI_BASE_URL"
        elif name in toml_llm:
            sources[name] = "gespraech.toml"
        else:
            sources[name] = "default"
    return sources


def diagnose(
    settings: Settings,
    config_path: Path | None = None,
    *,
    flags: dict[str, object] | None = None,
    environ: dict[str, str] | None = None,
    live: bool = True,
) -> DoctorReport:
    env = dict(os.environ) if environ is None else environ
    lang = settings.language
    llm = settings.llm
    sources = setting_sources(config_path, env, flags or {})
    configured = llm_available(llm.base_url, env)
    key = resolve_key(llm.base_url, env)
    where = destination(llm.base_url)
    report = DoctorReport(
        engine=f"llm:{llm.model}" if configured else "offline",
        llm_configured=configured,
        settings=[
            SettingValue(name=n, value=_show(n, getattr(llm, n)), source=sources[n])
            for n in LLM_FIELDS
        ],
        api_key=mask_key(key.value),
        api_key_source=key.source,
        data_goes_to=where.describe(lang)
        if configured
        else msg(
            lang,
            de="nirgends: kein LLM konfiguriert, Offline-Engine",
            en="nowhere: no LLM configured, offline engine",
        ),
        destination=where.kind if configured else "none",
    )
    if key.withheld_openai_key:
        report.notes.append(
            msg(
                lang,
                de="OPENAI_API_KEY wird nicht an {host} gesendet (Platzhalter-Schlüssel). Braucht "
                "dieser Server einen Schlüssel, setze GESPRAECH_API_KEY.",
                en="OPENAI_API_KEY is not sent to {host} (placeholder key). If this server needs a "
                "key, set GESPRAECH_API_KEY.",
                host=where.host,
            )
        )
    if not configured:
        report.checks.append(
            Check(
                name="server",
                ok=None,
                detail=msg(
                    lang,
                    de="kein LLM konfiguriert: Offline-Engine (voll nutzbar)",
                    en="no LLM configured: offline engine (fully usable)",
                ),
            )
        )
        return report
    if live:
        _live_checks(report, llm, key, lang)
    return report


def _show(name: str, value: object) -> str:
    if name == "base_url" and not value:
        return f"{OPENAI_DEFAULT_URL} (OpenAI)"
    return str(value)


def _live_checks(report: DoctorReport, llm: LLMSettings, key, lang: str) -> None:
    # One attempt per check: the doctor reports, it does not wait through retries.
    quick = llm.model_copy(update={"max_retries": 0, "max_tokens": 64, "temperature": 0.0})
    started = time.monotonic()
    try:
        ping = LLMClient(quick.model_copy(update={"max_tokens": 12}), key, lang)
        reply = ping.text([("user", "Reply with the single word OK.")])
    except LLMFailure as failure:
        report.checks.append(
            Check(
                name="server",
                ok=False,
                detail=failure.cause(lang),
                seconds=round(time.monotonic() - started, 2),
            )
        )
        report.fixes.append(_fix_for(failure, llm, lang))
        return
    usage = ping.usage
    report.checks.append(
        Check(
            name="server",
            ok=True,
            detail=f"reply {scrub(reply.text.strip())[:40]!r}, "
            f"usage {usage.prompt_tokens}+{usage.completion_tokens} tokens"
            + ("" if not usage.calls_without_usage else " (server sent no usage)"),
            seconds=round(time.monotonic() - started, 2),
        )
    )
    order = [llm.structured_output, *[m for m in METHODS if m != llm.structured_output]]
    for method in order:
        report.checks.append(_structured_check(quick, key, lang, method))
    report.working_methods = [
        c.name.split(":", 1)[1] for c in report.checks if c.name.startswith("structured:") and c.ok
    ]
    if llm.structured_output not in report.working_methods:
        if report.working_methods:
            best = next(m for m in METHODS if m in report.working_methods)
            report.fixes.append(
                msg(
                    lang,
                    de='structured_output = "{m}" funktioniert hier nicht; setzen Sie in gespraech.toml '
                    'unter [llm]: structured_output = "{best}"',
                    en='structured_output = "{m}" does not work here; set in gespraech.toml under '
                    '[llm]: structured_output = "{best}"',
                    m=llm.structured_output,
                    best=best,
                )
            )
        else:
            report.fixes.append(
                msg(
                    lang,
                    de="Kein Verfahren für strukturierte Ausgabe funktioniert mit diesem Modell; "
                    "verwenden Sie ein grösseres Modell oder --engine offline.",
                    en="No structured-output method works with this model; use a larger model or "
                    "--engine offline.",
                )
            )


def _structured_check(llm: LLMSettings, key, lang: str, method: Method) -> Check:
    settings = llm.model_copy(update={"structured_output": method})
    client = LLMClient(settings, key, lang)
    started = time.monotonic()
    messages = [
        ("system", "You answer in JSON."),
        ("user", 'Return a JSON object with the key "answer" set to "ok".'),
    ]
    try:
        client.structured_with(method, messages, _Ping)  # no automatic method switch here
        ok, detail = True, "valid"
    except LLMFailure as failure:
        ok, detail = False, failure.cause(lang)
    return Check(
        name=f"structured:{method}",
        ok=ok,
        detail=detail,
        seconds=round(time.monotonic() - started, 2),
    )


def _fix_for(failure: LLMFailure, llm: LLMSettings, lang: str) -> str:
    url = llm.base_url or OPENAI_DEFAULT_URL
    if failure.kind == "connection":
        return msg(
            lang,
            de="Server unter {url} nicht erreichbar: starten Sie ihn (z. B. `ollama serve` oder "
            "`python -m llama_cpp.server --model DATEI.gguf --port 8080`) oder korrigieren Sie "
            "base_url / GESPRAECH_BASE_URL.",
            en="No server reachable at {url}: start it (e.g. `ollama serve` or "
            "`python -m llama_cpp.server --model FILE.gguf --port 8080`) or fix base_url / "
            "GESPRAECH_BASE_URL.",
            url=url,
        )
    if failure.kind == "timeout":
        return msg(
            lang,
            de="Server antwortet nicht innerhalb von {t:g} s: erhöhen Sie timeout_s in gespraech.toml "
            "oder verwenden Sie ein kleineres Modell.",
            en="The server does not answer within {t:g} s: raise timeout_s in gespraech.toml or "
            "use a smaller model.",
            t=llm.timeout_s,
        )
    if failure.kind == "auth":
        return msg(
            lang,
            de="Der Server lehnt den Schlüssel ab: prüfen Sie OPENAI_API_KEY (OpenAI) bzw. "
            "GESPRAECH_API_KEY (andere Server).",
            en="The server rejects the key: check OPENAI_API_KEY (OpenAI) or GESPRAECH_API_KEY "
            "(other servers).",
        )
    if failure.status == 404:
        return msg(
            lang,
            de='HTTP 404: prüfen Sie model = "{model}" und ob base_url auf /v1 endet.',
            en='HTTP 404: check model = "{model}" and that base_url ends in /v1.',
            model=llm.model,
        )
    return msg(
        lang, de="Server-Fehler: {cause}", en="Server error: {cause}", cause=failure.cause(lang)
    )
