"""Talking to an OpenAI-compatible server: structured answers, streamed text, usage, failures.

Every structured answer is validated with pydantic. An invalid answer is re-asked once with
the validation error; after that, or on any transport problem, an `LLMFailure` names the
cause (timeout, connection refused, HTTP status, invalid output, cut off) so the engine can
fall back to the offline result with a one-line warning.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, ValidationError

from gespraech_assistant.engines.chat_model import (
    OPENAI_DEFAULT_URL,
    ResolvedKey,
    build_chat_model,
    is_openai_host,
    scrub,
)
from gespraech_assistant.i18n import msg
from gespraech_assistant.textnorm import clean_terminal

if TYPE_CHECKING:
    from gespraech_assistant.config import LLMSettings

Message = tuple[str, str]  # (role, text): "system" | "user" | "assistant"
Method = Literal["json_schema", "function_calling", "json_mode", "prompt_json"]
FailureKind = Literal["timeout", "connection", "http_status", "auth", "invalid_output", "cut_off"]
T = TypeVar("T", bound=BaseModel)

#: transport failures: the next call would most likely fail the same way, so skip it
FATAL_KINDS = ("timeout", "connection", "auth")


class LLMFailure(Exception):
    """Why the model's answer could not be used. `str()` is already scrubbed of keys."""

    def __init__(
        self,
        kind: FailureKind,
        detail: str,
        status: int | None = None,
        refused_method: bool = False,
    ) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.status = status
        #: the server rejected the structured-output method itself (e.g. json_schema)
        self.refused_method = refused_method

    @property
    def fatal(self) -> bool:
        return self.kind in FATAL_KINDS or (
            self.status is not None and self.status >= 500 and not self.refused_method
        )

    def cause(self, language: str) -> str:
        labels = {
            "timeout": msg(language, de="Zeitüberschreitung", en="timeout"),
            "connection": msg(language, de="keine Verbindung", en="connection failed"),
            "http_status": f"HTTP {self.status}",
            "auth": msg(
                language,
                de="Schlüssel abgelehnt (HTTP {s})",
                en="key rejected (HTTP {s})",
                s=self.status,
            ),
            "invalid_output": msg(language, de="ungültige Ausgabe", en="invalid output"),
            "cut_off": msg(language, de="Antwort abgeschnitten", en="answer cut off"),
        }
        return f"{labels[self.kind]}: {self.detail}"


class Usage(BaseModel):
    """Token counts as the server reported them (no tokenizer on our side)."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls_without_usage: int = 0
    seconds: float = 0.0
    #: prompt tokens of each call in order (0 when the server sent no usage)
    prompt_tokens_per_call: list[int] = Field(default_factory=list)

    def add(self, usage_metadata: dict | None, seconds: float) -> None:
        self.calls += 1
        self.seconds += seconds
        if not usage_metadata:
            self.calls_without_usage += 1
            self.prompt_tokens_per_call.append(0)
            return
        prompt = int(usage_metadata.get("input_tokens") or 0)
        self.prompt_tokens += prompt
        self.prompt_tokens_per_call.append(prompt)
        self.completion_tokens += int(usage_metadata.get("output_tokens") or 0)

    def line(self) -> str:
        text = (
            f"LLM: {self.calls} call(s), {self.prompt_tokens} prompt + "
            f"{self.completion_tokens} completion tokens, {self.seconds:.1f} s"
        )
        if self.calls_without_usage:
            text += f" ({self.calls_without_usage} without usage from the server)"
        return text


@dataclass
class RawAnswer:
    text: str
    finish_reason: str | None
    parsed: Any = None  # tool-call arguments, already a dict


@dataclass
class StreamedText:
    text: str
    finish_reason: str | None
    #: why the stream broke off after some text had been shown (None: it ended normally)
    interrupted: LLMFailure | None = None

    @property
    def complete(self) -> bool:
        return self.finish_reason == "stop"


class InvalidOutput(ValueError):
    pass


# --- Parsing ---------------------------------------------------------------------------

_FENCE_RE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.S)


def extract_json(text: str) -> Any:
    """The JSON value in a model answer, tolerant of ```json fences and chatter around it."""
    candidates = [m.group(1) for m in _FENCE_RE.finditer(text)] + [text]
    for candidate in candidates:
        candidate = candidate.strip()
        try:
            return json.loads(candidate)
        except json.JSONDecodeError:
            pass
        start, end = candidate.find("{"), candidate.rfind("}")
        if 0 <= start < end:
            try:
                return json.loads(candidate[start : end + 1])
            except json.JSONDecodeError:
                continue
    snippet = clean_terminal(text.strip())[:80] or "(empty)"
    raise InvalidOutput(f"no JSON object in the answer ({snippet!r})")


def _clean_strings(value: Any) -> Any:
    """Escape sequences and invisible characters never reach our models or the terminal."""
    if isinstance(value, str):
        return clean_terminal(value)
    if isinstance(value, list):
        return [_clean_strings(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean_strings(v) for k, v in value.items()}
    return value


def _single_list_field(output_type: type[BaseModel]) -> str | None:
    fields = output_type.model_fields
    if len(fields) == 1:
        name, info = next(iter(fields.items()))
        if getattr(info.annotation, "__origin__", None) is list:
            return name
    return None


def validate_output(value: Any, output_type: type[T]) -> T:
    value = _clean_strings(value)
    # Small models often answer `[...]` where `{"items": [...]}` was asked for.
    if isinstance(value, list) and (field := _single_list_field(output_type)):
        value = {field: value}
    try:
        return output_type.model_validate(value)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'root'}: {e['msg']}" for e in exc.errors()[:4]
        )
        raise InvalidOutput(problems) from None


def schema_for(output_type: type[BaseModel]) -> dict:
    """The JSON schema without titles: shorter prompts, same constraints."""

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != "title"}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return strip(output_type.model_json_schema())


def schema_instruction(output_type: type[BaseModel], language: str) -> str:
    schema = json.dumps(schema_for(output_type), ensure_ascii=False, separators=(",", ":"))
    return msg(
        language,
        de="Antworte ausschliesslich mit einem JSON-Objekt (kein Text davor oder danach), "
        "das diesem JSON-Schema entspricht:\n{schema}",
        en="Answer with one JSON object only (no text before or after it) that matches this "
        "JSON schema:\n{schema}",
        schema=schema,
    )


def reask_instruction(error: str, language: str) -> str:
    return msg(
        language,
        de="Diese Antwort war ungültig: {error}\nAntworte noch einmal, nur mit dem "
        "korrigierten JSON-Objekt.",
        en="That answer was not valid: {error}\nAnswer again with only the corrected JSON object.",
        error=error,
    )


# --- Failures --------------------------------------------------------------------------


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def classify(exc: BaseException, settings: LLMSettings, secrets: tuple[str, ...]) -> LLMFailure:
    """Turn whatever the SDK raised into one named cause, with keys scrubbed."""
    import httpx
    import openai

    where = urlsplit(settings.base_url or OPENAI_DEFAULT_URL).netloc
    chain = _chain(exc)
    if any(isinstance(e, openai.APITimeoutError | httpx.TimeoutException) for e in chain):
        attempts = settings.max_retries + 1
        return LLMFailure(
            "timeout",
            f"{where} did not answer within {settings.timeout_s:g} s ({attempts} attempt(s))",
        )
    status_error = next((e for e in chain if isinstance(e, openai.APIStatusError)), None)
    if status_error is not None:
        status = status_error.status_code
        body = scrub(clean_terminal(str(status_error.message)), secrets)
        body = re.sub(r"^Error code: \d+ - ", "", " ".join(body.split()))[:200]
        refused = status in (400, 404, 415, 422, 500, 501) and bool(
            re.search(r"json_schema|response_format", body)
        )
        kind: FailureKind = "auth" if status in (401, 403) else "http_status"
        return LLMFailure(kind, f"{where}: {body}", status=status, refused_method=refused)
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or any(
        "connection refused" in str(e).lower() for e in chain
    ):
        return LLMFailure("connection", f"connection refused by {where}")
    if any(isinstance(e, openai.APIConnectionError | httpx.TransportError) for e in chain):
        inner = scrub(clean_terminal(str(chain[-1])), secrets)[:160]
        return LLMFailure("connection", f"{where}: {inner}")
    if any(type(e).__name__ == "LengthFinishReasonError" for e in chain):
        # the SDK's parse() refuses an answer that hit max_tokens
        return LLMFailure("cut_off", f"max_tokens={settings.max_tokens} reached")
    detail = scrub(clean_terminal(f"{type(exc).__name__}: {exc}"), secrets)[:200]
    return LLMFailure("invalid_output", detail)


# --- The client ------------------------------------------------------------------------


class LLMClient:
    """One configured server. Holds the chat model (built lazily) and the usage counter."""

    def __init__(self, settings: LLMSettings, key: ResolvedKey, language: str = "de") -> None:
        self.settings = settings
        self.key = key
        self.language = language
        self.method: Method = settings.structured_output
        self.usage = Usage()
        #: one-line notices about automatic adjustments (e.g. json_schema → json_mode)
        self.notices: list[str] = []
        self._model = None

    @property
    def secrets(self) -> tuple[str, ...]:
        return (self.key.value,) if self.key.value else ()

    @property
    def chat_model(self):
        if self._model is None:
            self._model = build_chat_model(self.settings, self.key.value or "missing")
        return self._model

    # ---- plain and streamed text ----

    def text(self, messages: Sequence[Message], **kwargs: Any) -> RawAnswer:
        return self._invoke(self.chat_model, messages, **kwargs)

    def stream_text(
        self, messages: Sequence[Message], on_token: Callable[[str], None] | None = None
    ) -> StreamedText:
        """Streamed reply; `finish_reason` None means the stream was cut off."""
        parts: list[str] = []
        finish: str | None = None
        usage: dict | None = None
        started = time.monotonic()
        try:
            for chunk in self.chat_model.stream(list(messages)):
                piece = clean_terminal(chunk.content) if isinstance(chunk.content, str) else ""
                if piece:
                    parts.append(piece)
                    if on_token:
                        on_token(piece)
                finish = chunk.response_metadata.get("finish_reason") or finish
                usage = chunk.usage_metadata or usage
        except Exception as exc:
            failure = classify(exc, self.settings, self.secrets)
            if not parts:
                raise failure from None
            # The reader already saw part of the answer: hand it back marked as broken off.
            return StreamedText("".join(parts), None, interrupted=failure)
        finally:
            self.usage.add(usage, time.monotonic() - started)
        return StreamedText("".join(parts), finish)

    # ---- structured ----

    def structured(self, messages: Sequence[Message], output_type: type[T]) -> T:
        """A validated `output_type` from the model, or `LLMFailure` naming the cause."""
        try:
            return self.structured_with(self.method, list(messages), output_type)
        except LLMFailure as exc:
            if not (exc.refused_method and self.method == "json_schema"):
                raise
            # Common with local servers (llama-cpp-python answers 500 to json_schema).
            self.method = "json_mode"
            self.notices.append(
                msg(
                    self.language,
                    de="Server lehnt structured_output=json_schema ab; json_mode verwendet. "
                    'Setzen Sie structured_output = "json_mode" in gespraech.toml.',
                    en="Server refused structured_output=json_schema; used json_mode instead. "
                    'Set structured_output = "json_mode" in gespraech.toml.',
                )
            )
            return self.structured_with("json_mode", list(messages), output_type)

    def structured_with(self, method: Method, messages: list[Message], output_type: type[T]) -> T:
        prepared = self._prepare(method, messages, output_type)
        answer = self._ask(method, prepared, output_type)
        try:
            return self._parse(answer, output_type)
        except InvalidOutput as first:
            if answer.finish_reason == "length":  # asking again would be cut off again
                raise self._cut_off(first) from None
            retry = [
                *prepared,
                ("assistant", answer.text[:2000] or "(empty)"),
                ("user", reask_instruction(str(first), self.language)),
            ]
            second_answer = self._ask(method, retry, output_type)
            try:
                return self._parse(second_answer, output_type)
            except InvalidOutput as second:
                if second_answer.finish_reason == "length":
                    raise self._cut_off(second) from None
                raise LLMFailure("invalid_output", scrub(str(second), self.secrets)[:240]) from None

    def _cut_off(self, error: InvalidOutput) -> LLMFailure:
        detail = f"max_tokens={self.settings.max_tokens} reached; {error}"
        return LLMFailure("cut_off", scrub(detail, self.secrets)[:240])

    def _prepare(
        self, method: Method, messages: list[Message], output_type: type[BaseModel]
    ) -> list[Message]:
        if method not in ("json_mode", "prompt_json"):
            return messages
        instruction = schema_instruction(output_type, self.language)
        if messages and messages[0][0] == "system":
            return [("system", f"{messages[0][1]}\n\n{instruction}"), *messages[1:]]
        return [("system", instruction), *messages]

    def _ask(
        self, method: Method, messages: list[Message], output_type: type[BaseModel]
    ) -> RawAnswer:
        name = output_type.__name__
        schema = schema_for(output_type)
        if method == "json_schema":
            fmt = {
                "type": "json_schema",
                "json_schema": {"name": name, "schema": schema, "strict": False},
            }
            return self._invoke(self.chat_model, messages, response_format=fmt)
        if method == "json_mode":
            fmt: dict[str, Any] = {"type": "json_object"}
            if not is_openai_host(self.settings.base_url):
                # llama.cpp and llama-cpp-python constrain the output to this schema; servers
                # that do not know the field ignore it. OpenAI itself would reject it.
                fmt["schema"] = schema
            return self._invoke(self.chat_model, messages, response_format=fmt)
        if method == "function_calling":
            tool = {
                "type": "function",
                "function": {
                    "name": name,
                    "description": f"Return the {name}.",
                    "parameters": schema,
                },
            }
            bound = self.chat_model.bind_tools([tool], tool_choice=name)
            return self._invoke(bound, messages)
        return self._invoke(self.chat_model, messages)

    def _invoke(self, runnable, messages: Sequence[Message], **kwargs: Any) -> RawAnswer:
        started = time.monotonic()
        try:
            reply = runnable.invoke(list(messages), **kwargs)
        except Exception as exc:
            self.usage.add(None, time.monotonic() - started)
            raise classify(exc, self.settings, self.secrets) from None
        self.usage.add(getattr(reply, "usage_metadata", None), time.monotonic() - started)
        finish = (reply.response_metadata or {}).get("finish_reason")
        content = reply.content if isinstance(reply.content, str) else json.dumps(reply.content)
        tool_calls = getattr(reply, "tool_calls", None) or []
        if tool_calls:
            args = tool_calls[0].get("args")
            return RawAnswer(json.dumps(args, ensure_ascii=False), finish, parsed=args)
        invalid = getattr(reply, "invalid_tool_calls", None) or []
        if invalid:
            return RawAnswer(str(invalid[0].get("args") or ""), finish)
        return RawAnswer(content, finish)

    @staticmethod
    def _parse(answer: RawAnswer, output_type: type[T]) -> T:
        value = answer.parsed if answer.parsed is not None else extract_json(answer.text)
        return validate_output(value, output_type)
