"""Finding the workspace, `gespraech init`, settings errors, and the workspace lock."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from gespraech_assistant.config import load_settings
from gespraech_assistant.errors import DataError, UsageError
from gespraech_assistant.setup_workspace import init_workspace
from gespraech_assistant.workspace import find_workspace
from tests.conftest import run_gespraech

SKELETON = {
    "gespraech.toml",
    "contacts.csv",
    "targets.csv",
    "profile.md",
    "README.md",
    "notes",
    "history",
}


def ws_with_contact(root: Path, name: str) -> Path:
    init_workspace(root, "de")
    (root / "contacts.csv").write_text(f"name,company\n{name},X AG\n", encoding="utf-8")
    return root


def listed_names(cli, *args) -> list[str]:
    result = cli("contacts", "list", "--json", *args)
    assert result.exit_code == 0, result.output
    return [c["name"] for c in json.loads(result.stdout)]


def test_discovery_order_flag_then_env_then_cwd(tmp_path: Path, cli, monkeypatch) -> None:
    flag = ws_with_contact(tmp_path / "flag", "Anna Flag")
    env = ws_with_contact(tmp_path / "env", "Ben Env")
    cwd = ws_with_contact(tmp_path / "cwd", "Cara Cwd")
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("GESPRAECH_WORKSPACE", str(env))
    assert listed_names(cli, "-w", flag) == ["Anna Flag"]
    assert listed_names(cli, "--workspace", flag) == ["Anna Flag"]
    assert listed_names(cli) == ["Ben Env"]
    monkeypatch.delenv("GESPRAECH_WORKSPACE")
    assert listed_names(cli) == ["Cara Cwd"]
    assert find_workspace().root == cwd.resolve()


def test_no_workspace_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError) as info:
        find_workspace()
    assert "gespraech init" in str(info.value)
    result = run_gespraech("contacts", "list", cwd=tmp_path)
    assert result.returncode == 2
    assert "gespraech init" in result.stderr and "Traceback" not in result.stderr


def test_flag_or_env_pointing_elsewhere_names_the_origin(tmp_path: Path, monkeypatch) -> None:
    result = run_gespraech("ask", "x", "-w", tmp_path / "nowhere")
    assert result.returncode == 2 and "--workspace" in result.stderr
    assert "gespraech init" in result.stderr
    monkeypatch.chdir(tmp_path)
    result = run_gespraech("targets", "list", env={"GESPRAECH_WORKSPACE": str(tmp_path)})
    assert result.returncode == 2 and "GESPRAECH_WORKSPACE" in result.stderr


def test_init_creates_the_skeleton(tmp_path: Path, cli) -> None:
    result = cli("init", tmp_path / "netz")
    assert result.exit_code == 0, result.output
    root = tmp_path / "netz"
    assert {p.name for p in root.iterdir()} == SKELETON
    assert load_settings(root / "gespraech.toml").language == "de"
    assert "## Was ich anbiete" in (root / "profile.md").read_text(encoding="utf-8")
    assert (root / "contacts.csv").read_text(encoding="utf-8").startswith("name,company,role")
    assert "profile.md ausfüllen" in result.stdout
    # The new workspace works at once.
    assert cli("contacts", "list", "-w", root).exit_code == 0
    assert cli("targets", "list", "-w", root, "--json").stdout.strip() == "[]"

    result = cli("init", tmp_path / "net-en", "--language", "en")
    assert result.exit_code == 0
    assert load_settings(tmp_path / "net-en" / "gespraech.toml").language == "en"
    assert "## What I offer" in (tmp_path / "net-en" / "profile.md").read_text(encoding="utf-8")


def test_init_never_overwrites(tmp_path: Path, cli) -> None:
    root = tmp_path / "ws"
    cli("init", root)
    (root / "profile.md").write_text("# Mein echtes Profil\n", encoding="utf-8")
    (root / "contacts.csv").write_text("name\nAnna\n", encoding="utf-8")
    (root / "README.md").unlink()
    result = cli("init", root, "--language", "en")
    assert result.exit_code == 0
    created = " ".join(result.stdout.split()).split(": ", 1)[1].split(" ", 1)[0]
    assert created == "README.md"  # only what was missing
    assert "angelegt" in result.stdout  # in the workspace's language, not --language
    assert (root / "profile.md").read_text(encoding="utf-8") == "# Mein echtes Profil\n"
    assert (root / "contacts.csv").read_text(encoding="utf-8") == "name\nAnna\n"
    assert load_settings(root / "gespraech.toml").language == "de"  # kept, too
    result = cli("init", root)
    assert "nichts geändert" in result.stdout


def test_init_refuses_a_file_and_unknown_language(tmp_path: Path, cli) -> None:
    (tmp_path / "datei").write_text("x")
    result = run_gespraech("init", tmp_path / "datei")
    assert result.returncode == 2 and "not a folder" in result.stderr
    result = run_gespraech("init", tmp_path / "neu", "--language", "fr")
    assert result.returncode == 2 and "--language de" in result.stderr


def test_broken_settings_name_file_and_line(empty_ws: Path) -> None:
    (empty_ws / "gespraech.toml").write_text('language = "de"\n[index\n', encoding="utf-8")
    with pytest.raises(DataError) as info:
        find_workspace(empty_ws)
    assert "line 2" in str(info.value) and "gespraech.toml" in str(info.value)
    (empty_ws / "gespraech.toml").write_text('language = "fr"\n', encoding="utf-8")
    result = run_gespraech("contacts", "list", "-w", empty_ws)
    assert result.returncode == 2 and "language" in result.stderr
    assert "Traceback" not in result.stderr


def test_index_url_and_language_from_environment(empty_ws: Path, monkeypatch) -> None:
    monkeypatch.setenv("GESPRAECH_LANGUAGE", "en")
    monkeypatch.setenv("GESPRAECH_INDEX_URL", "http://127.0.0.1:9")
    ws = find_workspace(empty_ws)
    assert ws.language == "en" and ws.settings.index.url == "http://127.0.0.1:9"


def test_lock_is_reentrant_and_cleans_stale_temp_files(empty_ws: Path) -> None:
    ws = find_workspace(empty_ws)
    stale = empty_ws / ".contacts.csv.tmp-gespraech-999999999"
    stale.write_text("half a file")
    with ws.lock(), ws.lock():
        assert not stale.exists()
    assert (empty_ws / ".gespraech.lock").exists()
    assert os.access(empty_ws / "contacts.csv", os.R_OK)
