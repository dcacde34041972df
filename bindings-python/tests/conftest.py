"""Starts the orgkit-mock server once per session; resets it before each test."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import orgkit

from orgkit.testing import orgkit_mock  # noqa: F401 - the fixture users get from the package

REPO = Path(__file__).resolve().parents[2]
DEFAULT_MOCK_BIN = REPO / "target" / "x86_64-unknown-linux-gnu" / "debug" / "orgkit-mock"

# Seeded credentials (tests/mock-server/src/seed.rs).
OURGANIZE_ADMIN_KEY = "ogz_admin_4f9c2b7e1d6a"
OURGANIZE_MEMBER_KEY = "ogz_member_8a3e6f0c52b1"
ORGSTACK_ADMIN = ("admin", "orgstack-admin-pw")
ACHIEVEAPEX_OWNER = ("olivia.owner@achieveapex.test", "apex-owner-pw")
ACHIEVEAPEX_API_KEY = "apx_key_3b1f9e27c4d8"
KAANA_ADMIN_SID = "sess-admin-7f3a9c"
KAANA_VIEWER_SID = "sess-viewer-c05e6d"
PM415_ADMIN = ("admin@pm415.test", "pm415-admin-pw")
PM415_ADMIN_API_KEY = "50ca9ba0f7b1444fa55d5"
PM415_INVITE_TOKEN = "8s80f934kf94"
PM415_INVITE_EMAIL = "invitee@pm415.test"


class Mock:
    def __init__(self, url: str) -> None:
        self.url = url

    def base(self, provider: str) -> str:
        return f"{self.url}/{provider}"

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            f"{self.url}/__mock{path}",
            data=data,
            method=method,
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def reset(self) -> None:
        self._call("POST", "/reset")

    def fault(self, action: dict[str, Any], **filters: Any) -> None:
        self._call("POST", "/faults", {**filters, "action": action})

    def clear_faults(self) -> None:
        self._call("DELETE", "/faults")

    def requests(self, **filters: str) -> list[dict[str, Any]]:
        query = "&".join(f"{k}={v}" for k, v in filters.items())
        result: list[dict[str, Any]] = self._call("GET", f"/requests?{query}")
        return result

    def set_rate_limit(self, n: int) -> None:
        self._call("POST", "/config", {"ourganize_rate_limit": n})

    # Ready-made clients with the seeded credentials.
    def client(self, provider: str, **options: Any) -> orgkit.Client:
        return orgkit.Client(provider, self.base(provider), **{**credentials(provider), **options})

    def aclient(self, provider: str, **options: Any) -> orgkit.AsyncClient:
        return orgkit.AsyncClient(
            provider, self.base(provider), **{**credentials(provider), **options}
        )


def credentials(provider: str) -> dict[str, str]:
    return {
        "ourganize": {"api_key": OURGANIZE_ADMIN_KEY},
        "orgstack": {},
        "achieveapex": {"api_key": ACHIEVEAPEX_API_KEY},
        "kaana": {"session_cookie": KAANA_ADMIN_SID},
        "pm415": {"token": PM415_ADMIN_API_KEY},
    }[provider]


@pytest.fixture(scope="session")
def mock_server() -> Iterator[Mock]:
    binary = os.environ.get("ORGKIT_MOCK_BIN", str(DEFAULT_MOCK_BIN))
    proc = subprocess.Popen(
        [binary, "--port", "0"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    assert url.startswith("http://"), f"orgkit-mock printed {url!r}"
    try:
        yield Mock(url)
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def mock(mock_server: Mock) -> Mock:
    mock_server.reset()
    return mock_server
