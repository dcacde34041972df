"""What openai-python and stripe-python users expect: per-request options
and ``with_options``, raw responses, logging, the client lifecycle,
credentials from the environment, the builtin exception bases, ``retryable``,
``UnsupportedError`` when a list is created, and ``orgkit.testing``."""

from __future__ import annotations

import asyncio
import builtins
import logging
import os
import subprocess
import sys
import time
from typing import Any

import pytest

import orgkit
from conftest import OURGANIZE_ADMIN_KEY, PM415_ADMIN, Mock
from orgkit.testing import MockServer, seed


def last(mock: Mock, **filters: str) -> dict[str, Any]:
    got = mock.requests(**filters)
    assert got, f"no request matched {filters}"
    return got[-1]


# ------------------------------------------------------- request options


def test_a_per_call_header_is_sent_and_wins_over_the_clients(mock: Mock) -> None:
    c = mock.client("ourganize", headers={"x-trace": "client", "x-team": "blue"})
    c.projects.get(1, headers={"x-trace": "call"})
    h = last(mock, provider="ourganize")["headers"]
    assert h["x-trace"] == "call" and h["x-team"] == "blue"


def test_with_options_is_a_copy_whose_defaults_a_call_still_overrides(mock: Mock) -> None:
    base = mock.client("ourganize")
    tagged = base.with_options(headers={"x-trace": "copy"}, max_retries=0)
    assert tagged._native is base._native, "a cheap copy sharing the connection pool"
    tagged.projects.get(1)
    assert last(mock, provider="ourganize")["headers"]["x-trace"] == "copy"
    tagged.projects.get(1, headers={"x-trace": "call"})
    assert last(mock, provider="ourganize")["headers"]["x-trace"] == "call"
    base.projects.get(1)
    assert "x-trace" not in last(mock, provider="ourganize")["headers"]
    # max_retries=0 from the copy: a 503 is not retried.
    mock.fault({"status": 503}, provider="ourganize", times=5)
    with pytest.raises(orgkit.ServerError) as info:
        tagged.projects.get(1)
    assert info.value.attempts == 1


def test_a_per_call_timeout_wins_over_the_clients(mock: Mock) -> None:
    c = mock.client("ourganize", timeout=30, max_retries=0)
    mock.fault({"delay_ms": 600}, provider="ourganize")
    started = time.monotonic()
    with pytest.raises(orgkit.TimeoutError):
        c.projects.get(1, timeout=0.1)
    assert time.monotonic() - started < 0.55


@pytest.mark.parametrize("retries,expected", [(0, 1), (3, 4)])
def test_per_call_max_retries_is_the_number_of_retries(mock: Mock, retries: int, expected: int) -> None:
    c = mock.client("ourganize", max_retries=1)
    mock.fault({"status": 503}, provider="ourganize", path="/projects", times=10)
    with pytest.raises(orgkit.ServerError) as info:
        c.projects.get(1, max_retries=retries)
    assert info.value.attempts == expected
    assert len(mock.requests(provider="ourganize")) == expected


def test_an_idempotency_key_is_sent_on_a_post(mock: Mock) -> None:
    c = mock.client("ourganize")
    c.projects.create(name="Keyed", idempotency_key="create-keyed-1")
    assert last(mock, provider="ourganize")["headers"]["idempotency-key"] == "create-keyed-1"


def test_bad_request_options_name_the_option(mock: Mock) -> None:
    c = mock.client("ourganize")
    with pytest.raises(orgkit.InvalidArgumentError) as info:
        c.projects.get(1, timeout=0)
    assert [f.field for f in info.value.field_errors] == ["timeout"]
    with pytest.raises(orgkit.InvalidArgumentError) as info:
        c.projects.get(1, max_retries=-1)
    assert [f.field for f in info.value.field_errors] == ["max_retries"]
    assert mock.requests() == []


# ------------------------------------------------------- raw responses


def test_raw_responses_say_what_the_server_did(mock: Mock) -> None:
    c = mock.client("ourganize")
    mock.fault({"status": 503}, provider="ourganize", path="/projects/3")
    raw = c.with_raw_response.projects.get(3)
    project = raw.parse()
    assert isinstance(project, orgkit.Project) and project.id == 3
    assert raw.status_code == 200 and raw.attempts == 2
    assert raw.headers["content-type"].startswith("application/json")
    assert int(raw.headers["x-ratelimit-limit"]) > 0
    assert raw.rate_limit is not None and raw.rate_limit.limit == int(raw.headers["x-ratelimit-limit"])
    assert raw.request_id == raw.headers.get("x-request-id")


def test_raw_list_gives_its_first_page_and_pages_carry_their_response(mock: Mock) -> None:
    c = mock.client("ourganize")
    raw = c.with_raw_response.projects.list(limit=20)
    page = raw.parse()
    assert isinstance(page, orgkit.Page) and len(page.items) == 20 and page.has_next
    assert raw.status_code == 200
    pages = list(c.projects.list(limit=20).pages())
    assert [len(p.items) for p in pages] == [20, 20, 5]
    for p in pages:
        assert p.response is not None and p.response.status_code == 200
        assert p.response.attempts == 1 and "content-type" in p.response.headers


def test_async_raw_responses(mock: Mock) -> None:
    async def main() -> None:
        ac = mock.aclient("ourganize")
        raw = await ac.with_raw_response.users.me()
        assert raw.parse().id == 1 and raw.status_code == 200 and raw.attempts == 1

    asyncio.run(main())


# ------------------------------------------------------------- logging


def test_log_records_tell_calls_and_attempts_without_secrets(
    mock: Mock, caplog: pytest.LogCaptureFixture
) -> None:
    c = mock.client("ourganize", max_retries=1)
    mock.fault({"status": 503}, provider="ourganize", path="/projects")
    with caplog.at_level(logging.DEBUG, logger="orgkit"):
        list(c.projects.list(limit=20, search="needle-in-query"))
    records = [r for r in caplog.records if r.name == "orgkit"]
    messages = [r.getMessage().split(" ")[0] for r in records]
    assert messages[:3] == ["attempt", "retrying", "attempt"], messages
    assert "request" in messages  # "request finished"
    first = records[0]
    assert first.levelno == logging.DEBUG
    assert first.orgkit["status"] == "503" and first.orgkit["path"] == "/ourganize/projects"
    assert records[1].levelno == logging.WARNING and records[1].orgkit["reason"] == "status 503"
    for r in records:
        text = r.getMessage() + repr(getattr(r, "orgkit", {}))
        assert OURGANIZE_ADMIN_KEY not in text and "needle" not in text, text


def test_no_records_when_the_logger_is_off(mock: Mock, caplog: pytest.LogCaptureFixture) -> None:
    c = mock.client("ourganize")
    with caplog.at_level(logging.CRITICAL, logger="orgkit"):
        c.projects.get(1)
    assert [r for r in caplog.records if r.name == "orgkit"] == []


def test_orgkit_log_env_prints_to_stderr(mock: Mock) -> None:
    script = (
        "import orgkit, sys\n"
        "c = orgkit.Client('ourganize', sys.argv[1], api_key=sys.argv[2])\n"
        "c.projects.get(1)\n"
    )
    env = {**os.environ, "ORGKIT_LOG": "debug"}
    out = subprocess.run(
        [sys.executable, "-c", script, mock.base("ourganize"), OURGANIZE_ADMIN_KEY],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "orgkit DEBUG: attempt" in out.stderr and "orgkit INFO: request finished" in out.stderr
    assert OURGANIZE_ADMIN_KEY not in out.stderr


def test_without_orgkit_log_or_logging_config_nothing_is_printed(mock: Mock) -> None:
    # A library's warnings would reach stderr through logging's last-resort
    # handler when the program configured no logging: a 404 it expects, and
    # catches, is not something to print.
    script = (
        "import orgkit, sys\n"
        "c = orgkit.Client('ourganize', sys.argv[1], api_key=sys.argv[2], max_retries=0)\n"
        "try:\n"
        "    c.projects.get(999999)\n"
        "except orgkit.NotFoundError:\n"
        "    print('caught')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "ORGKIT_LOG"}
    out = subprocess.run(
        [sys.executable, "-c", script, mock.base("ourganize"), OURGANIZE_ADMIN_KEY],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (out.returncode, out.stdout, out.stderr) == (0, "caught\n", "")
    # A program that configures logging still gets the warning.
    script = "import logging; logging.basicConfig()\n" + script
    out = subprocess.run(
        [sys.executable, "-c", script, mock.base("ourganize"), OURGANIZE_ADMIN_KEY],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0 and "WARNING:orgkit:request failed" in out.stderr, out.stderr


# ----------------------------------------------------------- lifecycle


def test_close_and_with_make_later_calls_fail_fast(mock: Mock) -> None:
    with mock.client("ourganize") as c:
        c.projects.get(1)
        assert not c.closed
    assert c.closed
    before = len(mock.requests())
    started = time.monotonic()
    with pytest.raises(orgkit.InvalidArgumentError) as info:
        c.projects.get(1)
    assert time.monotonic() - started < 0.1
    assert [f.field for f in info.value.field_errors] == ["client"]
    with pytest.raises(orgkit.InvalidArgumentError):
        list(c.projects.list())
    assert len(mock.requests()) == before


def test_async_with_closes(mock: Mock) -> None:
    async def main() -> orgkit.AsyncClient:
        async with mock.aclient("ourganize") as ac:
            assert (await ac.users.me()).id == 1
        with pytest.raises(orgkit.InvalidArgumentError):
            await ac.users.me()
        return ac

    assert asyncio.run(main()).closed


# ------------------------------------------------ environment credentials


def test_credentials_and_base_url_from_the_environment(
    mock: Mock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORGKIT_OURGANIZE_API_KEY", OURGANIZE_ADMIN_KEY)
    monkeypatch.setenv("ORGKIT_OURGANIZE_BASE_URL", mock.base("ourganize"))
    c = orgkit.Client("ourganize")
    assert c.base_url.startswith(mock.url)
    assert c.users.me().id == 1
    assert last(mock, provider="ourganize")["headers"]["authorization"] == f"Bearer {OURGANIZE_ADMIN_KEY}"
    # An explicit argument wins.
    given = orgkit.Client("ourganize", mock.base("ourganize"), api_key="ogz_given_key")
    with pytest.raises(orgkit.AuthenticationError):
        given.users.me()
    assert last(mock, provider="ourganize")["headers"]["authorization"] == "Bearer ogz_given_key"


# ------------------------------------------------------------- errors


def test_builtin_bases_and_retryable(mock: Mock) -> None:
    assert issubclass(orgkit.TimeoutError, builtins.TimeoutError)
    assert issubclass(orgkit.ConnectionError, builtins.ConnectionError)
    dead = orgkit.Client("ourganize", "http://127.0.0.1:9", api_key="k", max_retries=0)
    with pytest.raises(builtins.ConnectionError) as info:
        dead.users.me()
    assert isinstance(info.value, orgkit.ConnectionError) and info.value.retryable
    c = mock.client("ourganize", max_retries=0)
    mock.fault({"delay_ms": 500}, provider="ourganize")
    with pytest.raises(TimeoutError) as t:
        c.users.me(timeout=0.05)
    assert isinstance(t.value, orgkit.TimeoutError) and t.value.retryable
    with pytest.raises(orgkit.NotFoundError) as nf:
        c.projects.get(424242)
    assert nf.value.retryable is False


def test_an_unsupported_list_raises_when_it_is_created(mock: Mock) -> None:
    c = mock.client("ourganize")
    with pytest.raises(orgkit.UnsupportedError):
        c.organizations.list()
    ac = mock.aclient("ourganize")
    with pytest.raises(orgkit.UnsupportedError):
        ac.organizations.list()
    assert mock.requests() == []


# ------------------------------------------------------- orgkit.testing


def test_the_testing_mock_server(orgkit_mock: MockServer) -> None:
    c = orgkit.Client("pm415", orgkit_mock.base_url("pm415"), token=seed.PM415_ADMIN_API_KEY)
    orgkit_mock.inject(action={"status": 503}, provider="pm415", times=1)
    orgs = list(c.organizations.list())
    assert [o.name for o in orgs] == ["Acme", "Globex", "Initech"]
    assert orgkit_mock.request_count("GET", "/pm415/api/org") == 2
    got = orgkit_mock.requests()
    assert [r["path"] for r in got] == ["/api/org", "/api/org"]
    assert got[0]["headers"]["authorization"] == f"Bearer {seed.PM415_ADMIN_API_KEY}"
    c.auth.login(email=PM415_ADMIN[0], password=seed.PM415_ADMIN_PASSWORD)
    orgkit_mock.reset()
    assert orgkit_mock.requests() == []
    assert ("pm415", "admin", "api_key", seed.PM415_ADMIN_API_KEY) in orgkit.testing.credentials()
