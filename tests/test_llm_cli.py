"""The LLM flags on the commands (--model, --base-url, --verbose), the engine label, and the
rehearsal partner's name gate — against the scripted loopback servers of test_llm.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_llm import FakeServer, Reply, chunk, completion, free_port

NO_PROBLEMS = json.dumps({"problems": []})
QUESTION = "Welche Erfahrungen haben Sie mit dem Wechsel in die Medizintechnik gemacht?"


@pytest.fixture
def fake_server():
    servers: list[FakeServer] = []

    def make(*script: Reply) -> FakeServer:
        servers.append(FakeServer(list(script)).start())
        return servers[-1]

    yield make
    for server in servers:
        server.stop()


@pytest.fixture(autouse=True)
def _json_mode(monkeypatch):
    # the scripted server answers plain JSON content: json_mode is the simplest method
    monkeypatch.setenv("GESPRAECH_STRUCTURED_OUTPUT", "json_mode")


def _toml(ws: Path, **llm: str) -> None:
    lines = ["", "[llm]", *(f'{k} = "{v}"' for k, v in llm.items())]
    config = ws / "gespraech.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n".join(lines) + "\n", "utf-8")


def _check(cli, ws: Path, *flags: str):
    return cli("check", QUESTION, "-w", ws, *flags)


# --- --verbose -------------------------------------------------------------------------


def test_verbose_offline_says_no_tokens(cli, demo_ws):
    result = _check(cli, demo_ws, "--engine", "offline", "--verbose")
    assert "offline: keine Tokens" in result.stderr
    assert "Engine: offline" in result.stdout
    quiet = _check(cli, demo_ws, "--engine", "offline")
    assert "Tokens" not in quiet.stderr


def test_verbose_prints_the_servers_token_counts(cli, demo_ws, fake_server):
    server = fake_server(Reply(body=completion(NO_PROBLEMS, usage=(321, 45))))
    result = _check(cli, demo_ws, "--base-url", server.url, "--model", "m1", "--verbose")
    assert len(server.requests) == 1
    assert "321 Prompt- + 45 Antwort-Tokens" in result.stderr
    assert "llm:m1: 1 Aufruf(e)" in result.stderr
    assert "Engine: llm:m1" in result.stdout
    assert "321" not in result.stdout  # usage goes to stderr only


def test_verbose_says_when_the_server_reports_no_usage(cli, demo_ws, fake_server):
    body = completion(NO_PROBLEMS)
    del body["usage"]
    server = fake_server(Reply(body=body))
    result = _check(cli, demo_ws, "--base-url", server.url, "--verbose")
    assert "der Server hat keine Token-Zahlen (usage) gemeldet" in result.stderr


# --- --model / --base-url precedence ------------------------------------------------------


def test_flag_beats_env_beats_toml_for_model_and_base_url(cli, demo_ws, fake_server, monkeypatch):
    server = fake_server(Reply(body=completion(NO_PROBLEMS)))
    dead = f"http://127.0.0.1:{free_port()}/v1"
    _toml(demo_ws, model="toml-model", base_url=server.url)
    _check(cli, demo_ws)
    assert server.requests[-1]["model"] == "toml-model"

    monkeypatch.setenv("GESPRAECH_MODEL", "env-model")
    _check(cli, demo_ws)
    assert server.requests[-1]["model"] == "env-model"

    _check(cli, demo_ws, "--model", "flag-model")
    assert server.requests[-1]["model"] == "flag-model"

    # the environment's URL (dead) wins over the toml's; the flag wins over both
    monkeypatch.setenv("OPENAI_BASE_URL", dead)
    monkeypatch.setenv("GESPRAECH_BASE_URL", dead)
    asked = len(server.requests)
    result = _check(cli, demo_ws)
    assert (
        len(server.requests) == asked and "offline (fallback from llm:env-model)" in result.stdout
    )
    result = _check(cli, demo_ws, "--base-url", server.url)
    assert len(server.requests) == asked + 1 and "Engine: llm:env-model" in result.stdout


def test_base_url_flag_makes_auto_use_the_llm_and_offline_still_wins(cli, demo_ws, fake_server):
    server = fake_server(Reply(body=completion(NO_PROBLEMS)))
    result = _check(cli, demo_ws, "--base-url", server.url, "--engine", "offline")
    assert server.requests == [] and "Engine: offline" in result.stdout
    result = _check(cli, demo_ws, "--base-url", server.url)
    assert len(server.requests) == 1 and "Engine: llm:gpt-4o-mini" in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["check", QUESTION],
        ["brief", "Martin Keller"],
        ["rehearse", "Martin Keller"],
        ["debrief", "-"],
    ],
)
def test_every_engine_command_has_the_llm_flags(cli, command):
    result = cli(*command[:1], "--help")
    for flag in ("--engine", "--model", "--base-url", "--verbose"):
        assert flag in result.stdout, (command[0], flag)


# --- each command names the engine that really produced its output -----------------------


def test_brief_says_offline_fallback_when_the_server_is_down(cli, demo_ws):
    dead = f"http://127.0.0.1:{free_port()}/v1"
    result = cli(
        "brief", "Martin Keller", "-w", demo_ws, "--base-url", dead, "--format", "json",
        "--verbose",
    )  # fmt: skip
    brief = json.loads(result.stdout)
    assert brief["engine"] == "offline (fallback from llm:gpt-4o-mini)"
    assert "LLM nicht verwendet für Briefing" in result.stderr
    assert "llm:gpt-4o-mini:" in result.stderr  # the --verbose line


def test_debrief_verbose_and_label(cli, demo_ws, fake_server):
    answer = {"summary": "Gutes Gespräch.", "information": ["Alpenblick baut ein Werk."]}
    server = fake_server(Reply(body=completion(json.dumps(answer), usage=(500, 60))))
    note = "Gespräch mit Martin Keller. Alpenblick baut ein neues Werk in Polen.\n"
    result = cli(
        "debrief", "-", "--contact", "Martin Keller", "-w", demo_ws, "--json", "--verbose",
        "--base-url", server.url, "--model", "dm", input=note,
    )  # fmt: skip
    assert json.loads(result.stdout)["engine"] == "llm:dm"
    assert "500 Prompt- + 60 Antwort-Tokens" in result.stderr


def test_rehearse_verbose_counts_the_partner_calls(cli, demo_ws, fake_server):
    stream = [chunk("Guten Tag, "), chunk("Frau Frei."), chunk(None, "stop"), "[DONE]"]
    server = fake_server(Reply(stream=stream))
    result = cli(
        "rehearse", "Martin Keller", "-w", demo_ws, "--base-url", server.url, "--verbose",
        "--json", input="Guten Tag Herr Keller, danke für Ihre Zeit.\n/end\n",
    )  # fmt: skip
    transcript = json.loads(result.stdout)
    assert transcript["engine"] == "llm:gpt-4o-mini"
    assert "llm:gpt-4o-mini: 2 Aufruf(e)" in result.stderr
    assert "keine Token-Zahlen" in result.stderr  # the scripted stream sends no usage


# --- the partner names only people the workspace records -----------------------------------


def _partner_request(**extra):
    from gespraech_assistant.rehearsal import KnownPerson, PartnerTurnRequest, Persona

    return PartnerTurnRequest(
        persona=Persona(
            name="Martin Keller",
            company="Alpenblick Medtech AG",
            role="Leiter Operations",
            user_name="Claudia Frei",
            introduced_by="Sandra Huber",
        ),
        user_text="Kennen Sie jemanden bei Medivo?",
        offerable_people=[KnownPerson(name="Julia Weber", company="Medivo GmbH")],
        **extra,
    )


def test_unknown_names_are_found_and_known_ones_kept():
    from gespraech_assistant.rehearsal import CompanyMention
    from gespraech_assistant.rehearsal_names import KnownNames, drop_unknown_names

    known = KnownNames.for_request(
        _partner_request(companies=[CompanyMention(company="Hugo Boss")])
    )
    text = (
        "Gern, Frau Frei. Julia Weber bei Medivo wäre die Richtige. "
        "Sprechen Sie auch mit Peter Brandt aus dem Einkauf! Grüssen Sie Sandra Huber. "
        "Herr Dr. Zogg hilft sicher. Alpenblick Medtech wächst. Hugo Boss ist ein Kunde."
    )
    kept, dropped = drop_unknown_names(text, known)
    assert dropped == ["Peter Brandt", "Herr Dr. Zogg"]
    assert kept == (
        "Gern, Frau Frei. Julia Weber bei Medivo wäre die Richtige. Grüssen Sie Sandra Huber. "
        "Alpenblick Medtech wächst. Hugo Boss ist ein Kunde."
    )


def _engine(url: str):
    from gespraech_assistant.config import LLMSettings
    from gespraech_assistant.engines.llm import LLMEngine

    settings = LLMSettings(model="m", base_url=url, timeout_s=10, max_retries=0)
    return LLMEngine.from_settings(settings, "de", environ={})


def test_llm_partner_reply_loses_the_sentence_with_an_invented_name(fake_server):
    pieces = ["Gern, Frau Frei. Reden Sie mit Pe", "ter Brandt, er leitet", " den Einkauf. ",
              "Julia Weber bei Medivo kenne ich gut."]  # fmt: skip
    stream = [*(chunk(p) for p in pieces), chunk(None, "stop"), "[DONE]"]
    engine = _engine(fake_server(Reply(stream=stream)).url)
    shown: list[str] = []
    turn = engine.partner_turn(_partner_request(), shown.append)
    assert "Brandt" not in turn.text and "Brandt" not in "".join(shown)
    assert turn.text == "Gern, Frau Frei. Julia Weber bei Medivo kenne ich gut."
    assert "".join(shown) == turn.text
    assert engine.produced_by == "llm:m"


def test_a_reply_made_only_of_invented_people_becomes_the_offline_reply(fake_server):
    from gespraech_assistant.rehearsal import offline_partner_turn

    stream = [chunk("Fragen Sie Thomas Gerber."), chunk(None, "stop"), "[DONE]"]
    engine = _engine(fake_server(Reply(stream=stream)).url)
    shown: list[str] = []
    request = _partner_request()
    turn = engine.partner_turn(request, shown.append)
    assert turn == offline_partner_turn(request) and shown == [turn.text]


def test_names_from_the_notes_and_the_users_words_may_be_repeated(fake_server):
    from gespraech_assistant.models import Passage

    stream = [chunk("Ja, Lukas Meier aus Ihrer Notiz und Anna Roth kenne ich."),
              chunk(None, "stop"), "[DONE]"]  # fmt: skip
    engine = _engine(fake_server(Reply(stream=stream)).url)
    passage = Passage(source="notes/alpenblick.md", line=3, text="CFO ist Lukas Meier.")
    request = _partner_request(passages=[passage]).model_copy(
        update={"user_text": "Kennen Sie Anna Roth?"}
    )
    turn = engine.partner_turn(request)
    assert turn.text == "Ja, Lukas Meier aus Ihrer Notiz und Anna Roth kenne ich."
