"""The ``orgkit`` console script the package installs: the core's command
line, run from the native extension."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import OURGANIZE_ADMIN_KEY, Mock

SCRIPT = Path(sys.executable).with_name("orgkit")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ORGKIT_CONFIG": os.devnull}
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=60, env=env)


def test_the_console_script_runs_an_operation(mock: Mock) -> None:
    assert SCRIPT.exists(), f"{SCRIPT} was not installed"
    out = run(
        "--provider", "ourganize", "--base-url", mock.base("ourganize"),
        "--api-key", OURGANIZE_ADMIN_KEY, "--json", "projects", "get", "3",
    )
    assert out.returncode == 0, out.stderr
    project = json.loads(out.stdout)
    assert project["id"] == 3 and project["name"] == "Project 03"
    assert OURGANIZE_ADMIN_KEY not in out.stdout + out.stderr
    assert [r["path"] for r in mock.requests(provider="ourganize")] == ["/projects/3"]


def test_the_console_script_exit_codes(mock: Mock) -> None:
    base = ("--provider", "ourganize", "--base-url", mock.base("ourganize"))
    assert run(*base, "--api-key", OURGANIZE_ADMIN_KEY, "projects", "get", "424242").returncode == 4
    assert run(*base, "--api-key", "wrong", "users", "me").returncode == 3
    assert run(*base, "projects", "get", "1", "--no-such-flag").returncode == 2
    version = run("--version")
    assert version.returncode == 0 and "orgkit" in version.stdout
