"""Test your own code against all five providers, without a network.

``MockServer()`` starts orgkit's in-process emulator of ourganize, orgstack,
achieveapex, kaana and pm415 (the one orgkit's own suites use) on a free
loopback port, with seeded data and credentials, fault injection and a log
of the requests it received::

    from orgkit.testing import MockServer, seed

    def test_my_code() -> None:
        with MockServer() as mock:
            client = orgkit.Client("pm415", mock.base_url("pm415"), token=seed.PM415_ADMIN_API_KEY)
            mock.inject(action={"status": 503}, provider="pm415", times=1)
            ...
            assert mock.request_count("GET", "/pm415/api/org") == 2

With pytest, the ``orgkit_mock`` fixture gives a fresh server per test:
``from orgkit.testing import orgkit_mock`` in a ``conftest.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import SimpleNamespace
from typing import Any

from ._native import MockServer as _NativeMock

__all__ = ["MockServer", "seed", "credentials", "orgkit_mock"]


def credentials() -> list[tuple[str, str, str, str]]:
    """Every seeded credential: ``(provider, who, kind, value)``."""
    return _NativeMock.credentials()


def _seed() -> SimpleNamespace:
    names: dict[str, str] = {}
    for provider, who, kind, value in credentials():
        names[f"{provider}_{who}_{kind}".upper()] = value
    return SimpleNamespace(**names)


seed = _seed()
"""The seeded credentials by name: ``seed.PM415_ADMIN_API_KEY``,
``seed.OURGANIZE_ADMIN_API_KEY``, ``seed.KAANA_ADMIN_SESSION_COOKIE``, …"""


class MockServer:
    """A running mock of the five providers; stops on ``close()`` or at the
    end of a ``with`` block."""

    def __init__(self, *, rate_limit: int | None = None, rate_window: int | None = None) -> None:
        self._server = _NativeMock(rate_limit=rate_limit, rate_window=rate_window)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return self._server.url

    def base_url(self, provider: str) -> str:
        """The base URL to give a client of ``provider``."""
        return self._server.base_url(provider)

    def inject(self, fault: Mapping[str, Any] | None = None, **fields: Any) -> None:
        """Queues a fault, e.g. ``inject(action={"status": 503}, provider="pm415", times=2)``:
        ``action`` is ``{"status": N, "headers": {…}, "body": "…"}``, ``{"delay_ms": N}``,
        ``{"stall_body_ms": N}``, ``{"close": "before_response"}``, ``{"truncate": true}``
        or ``{"non_json": "<html>…", "status": N}``; ``provider``, ``method``, ``path``
        filter it and ``times`` (default 1) says how often it applies."""
        self._server.inject({**(fault or {}), **fields})

    def requests(self) -> list[dict[str, Any]]:
        """The requests received since the last reset: provider, method, path,
        query, headers, body, at_ms."""
        return self._server.requests()

    def request_count(self, method: str, path_prefix: str) -> int:
        """How many requests had this method and a path starting with ``path_prefix``."""
        return self._server.request_count(method, path_prefix)

    def reset(self) -> None:
        """Back to the seeded state: data, tokens, rate limit, faults and the request log."""
        self._server.reset()

    def close(self) -> None:
        """Stops the server."""
        self._server.close()

    def __enter__(self) -> MockServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"MockServer({self.url!r})"


try:
    import pytest
except ImportError:  # pragma: no cover - pytest is optional
    pass
else:

    @pytest.fixture
    def orgkit_mock() -> Iterator[MockServer]:
        """A fresh mock server for one test."""
        with MockServer() as server:
            yield server
