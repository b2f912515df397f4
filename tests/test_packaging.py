"""The wheel carries the prompt files: build it, install it into a fresh venv, render them all.

The fresh venv gets the dependencies from the test environment's site-packages through a
.pth line (no download, no editable install: `.pth` files in that folder are not processed,
so the checkout's source cannot shadow the installed wheel).
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

pytestmark = [pytest.mark.packaging, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent

RENDER_ALL = textwrap.dedent("""
    import json, gespraech_assistant
    from gespraech_assistant.prompting import (
        JOBS, LANGUAGES, PARTS, load_prompt, placeholders, prompts_root, render)
    rendered = 0
    for job in JOBS:
        for part in PARTS:
            for lang in LANGUAGES:
                text = load_prompt(job, part, lang)
                out = render(text, {name: "{x} $y" for name in placeholders(text)})
                assert out.strip(), (job, part, lang)
                rendered += 1
    from gespraech_assistant.checker import learned
    print(json.dumps({"package": gespraech_assistant.__file__, "root": str(prompts_root()),
                      "rendered": rendered, "learned": learned.available()}))
""")


def _run(*cmd: str | Path, cwd: Path | None = None) -> str:
    out = subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, cwd=cwd, timeout=300
    )
    assert out.returncode == 0, f"{cmd}: {out.stdout[-800:]}\n{out.stderr[-1500:]}"
    return out.stdout


def test_wheel_ships_prompts_and_renders_them_when_installed(tmp_path):
    dist = tmp_path / "dist"
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-w",
        dist,
        REPO,
    )
    wheel = next(dist.glob("gespraech_assistant-*.whl"))

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    site = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip()
    )
    (site / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--no-deps",
        "--no-index",
        "--quiet",
        wheel,
    )

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = json.loads(_run(python, "-c", RENDER_ALL, cwd=outside))
    assert result["package"].startswith(str(site)), result  # the wheel, not the checkout
    assert result["root"].startswith(str(site)) and result["root"].endswith("prompts")
    assert result["rendered"] == 16
    assert result["learned"] is True  # the checker's learned layer ships in the wheel
    # the console script works from the wheel, without the checkout
    doctor = json.loads(
        _run(venv / "bin" / "gespraech", "doctor", "--json", "--no-check", cwd=outside)
    )
    assert doctor["engine"] == "offline"
