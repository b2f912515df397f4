"""The one place that builds the chat model, picks the API key and says where data goes.

Only this module imports langchain_openai, and only inside `build_chat_model`, so that
`gespraech --help` and the offline engine never pay for it.
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from langchain_openai import ChatOpenAI

    from gespraech_assistant.config import LLMSettings

OPENAI_DEFAULT_URL = "https://api.openai.com/v1"
#: Local servers ignore the key, but the SDK refuses to start without one.
PLACEHOLDER_KEY = "not-needed"

KeySource = Literal["GESPRAECH_API_KEY", "OPENAI_API_KEY", "placeholder", "none"]


@dataclass(frozen=True)
class ResolvedKey:
    value: str | None
    source: KeySource
    #: set when OPENAI_API_KEY exists but was withheld from a non-OpenAI base_url
    withheld_openai_key: bool = False


def is_openai_host(base_url: str | None) -> bool:
    if not base_url:
        return True
    host = (urlsplit(base_url).hostname or "").lower()
    return host == "openai.com" or host.endswith(".openai.com")


def resolve_key(base_url: str | None, environ: dict[str, str] | None = None) -> ResolvedKey:
    """GESPRAECH_API_KEY goes anywhere the user points it; OPENAI_API_KEY only to OpenAI.

    Why: a user with OPENAI_API_KEY in their shell profile who tries a local or third-party
    server must not hand their OpenAI key to that server by accident.
    """
    env = dict(os.environ) if environ is None else environ
    if env.get("GESPRAECH_API_KEY"):
        return ResolvedKey(env["GESPRAECH_API_KEY"], "GESPRAECH_API_KEY")
    openai_key = env.get("OPENAI_API_KEY") or None
    if is_openai_host(base_url):
        return (
            ResolvedKey(openai_key, "OPENAI_API_KEY") if openai_key else ResolvedKey(None, "none")
        )
    return ResolvedKey(PLACEHOLDER_KEY, "placeholder", withheld_openai_key=bool(openai_key))


def llm_available(base_url: str | None, environ: dict[str, str] | None = None) -> bool:
    """Something to talk to: a key for OpenAI, or any base_url (local servers need no key)."""
    return bool(base_url) or resolve_key(base_url, environ).value is not None


def mask_key(key: str | None) -> str:
    if not key:
        return "not set"
    if key == PLACEHOLDER_KEY:
        return PLACEHOLDER_KEY
    prefix = "sk-" if key.startswith("sk-") else ""
    return f"{prefix}…{key[-4:]}" if len(key) >= 12 else "…(short key)"


_SECRET_PATTERNS = [
    re.compile(r"sk-[A-Za-z0-9_\-]{8,}"),
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9_\-\.=]{8,}"),
]


def scrub(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Remove keys from any text before it reaches a message, a log or JSON output.

    A 401 body can echo the Authorization header back, so we scrub the exact key values
    we know about and anything that looks like an OpenAI key or a bearer token.
    """
    env_keys = tuple(os.environ.get(v, "") for v in ("GESPRAECH_API_KEY", "OPENAI_API_KEY"))
    for secret in {s for s in (*secrets, *env_keys) if s and len(s) >= 6}:
        text = text.replace(secret, "***")
    text = _SECRET_PATTERNS[0].sub("sk-***", text)
    return _SECRET_PATTERNS[1].sub(r"\1***", text)


@dataclass(frozen=True)
class Destination:
    kind: Literal["this_computer", "local_network", "cloud"]
    host: str

    def describe(self, language: str) -> str:
        from gespraech_assistant.i18n import msg

        if self.kind == "this_computer":
            return msg(
                language,
                de="dieser Computer ({host}) – Kontaktdaten verlassen den Rechner nicht",
                en="this computer ({host}) – contact data stays on this machine",
                host=self.host,
            )
        if self.kind == "local_network":
            return msg(
                language,
                de="lokales Netz ({host}) – Kontaktdaten gehen an diesen Rechner im LAN",
                en="local network ({host}) – contact data goes to that machine on your LAN",
                host=self.host,
            )
        return msg(
            language,
            de="Cloud ({host}) – Notizen und Kontaktdaten werden an diesen Anbieter gesendet",
            en="cloud ({host}) – notes and contact data are sent to this provider",
            host=self.host,
        )


def destination(base_url: str | None) -> Destination:
    host = (urlsplit(base_url or OPENAI_DEFAULT_URL).hostname or "").lower()
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return Destination("this_computer", host)
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        kind = "local_network" if host.endswith((".local", ".lan", ".home.arpa")) else "cloud"
        return Destination(kind, host)
    if ip.is_loopback:
        return Destination("this_computer", host)
    if ip.is_private or ip.is_link_local:
        return Destination("local_network", host)
    return Destination("cloud", host)


def build_chat_model(settings: LLMSettings, key: str) -> ChatOpenAI:
    """ChatOpenAI with explicit timeouts and bounded retries (the SDK default is 600 s).

    `streaming` is deliberately not passed: an explicit `streaming=False` makes
    langchain-core turn `.stream()` into one blocking call.
    """
    import httpx
    from langchain_openai import ChatOpenAI

    timeout = httpx.Timeout(
        settings.timeout_s,
        connect=min(settings.connect_timeout_s, settings.timeout_s),
    )
    openai = is_openai_host(settings.base_url)
    return ChatOpenAI(
        model=settings.model,
        # Explicit, so a stray OPENAI_API_BASE in the shell cannot redirect the key.
        base_url=settings.base_url or OPENAI_DEFAULT_URL,
        api_key=key,
        timeout=timeout,
        max_retries=settings.max_retries,
        temperature=settings.temperature,
        # langchain sends `max_completion_tokens`, which OpenAI knows but llama.cpp, Ollama and
        # older vLLM ignore (the answer would run to the end of the context): send the classic
        # `max_tokens` field to everyone else.
        max_tokens=settings.max_tokens if openai else None,
        extra_body=None if openai else {"max_tokens": settings.max_tokens},
        # Usage comes from the server's `usage` field; local servers may omit it in streams.
        stream_usage=True,
    )
