"""The Python quickstart runs to the end against the mock."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import DEFAULT_MOCK_BIN, REPO


def test_quickstart() -> None:
    env = {**os.environ}
    env.setdefault("ORGKIT_MOCK_BIN", str(DEFAULT_MOCK_BIN))
    out = subprocess.run(
        [sys.executable, str(REPO / "examples" / "python" / "quickstart.py")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "All done." in out.stdout
    assert "409 as expected" in out.stdout and "404 as expected" in out.stdout
    assert "does not support organizations.list" in out.stdout
