"""Runs the language-neutral conformance scenarios (tests/conformance/scenarios)
with the Python bindings, blocking and asyncio clients, against one
orgkit-mock subprocess reset before every scenario.

The scenario format and the rules below (calls, result JSON, matching) are
specified in tests/conformance/README.md; keep this file in step with it.
``ORGKIT_SCENARIO=<text>`` runs only the scenarios whose name contains it.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import math
import os
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

import orgkit
from generic import OPERATIONS, invoke

REPO = Path(__file__).resolve().parents[2]
SCENARIO_DIR = REPO / "tests" / "conformance" / "scenarios"
DEFAULT_MOCK_BIN = REPO / "target" / "x86_64-unknown-linux-gnu" / "debug" / "orgkit-mock"
MAX_ITEMS = 10_000


def load_scenarios() -> list[dict[str, Any]]:
    only = os.environ.get("ORGKIT_SCENARIO", "")
    scenarios: list[dict[str, Any]] = []
    for path in sorted(SCENARIO_DIR.glob("*.json")):
        for scenario in json.loads(path.read_text())["scenarios"]:
            if only in scenario["name"]:
                scenarios.append(scenario)
    return scenarios


SCENARIOS = load_scenarios()


# --------------------------------------------------------------- the mock


class MockServer:
    def __init__(self, url: str) -> None:
        self.url = url

    def control(self, method: str, path: str, body: Any = None) -> Any:
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

    def requests(self, method: str | None, path: str | None) -> list[dict[str, Any]]:
        query = urllib.parse.urlencode({"method": method or "", "path": path or "/"})
        result: list[dict[str, Any]] = self.control("GET", f"/requests?{query}")
        return result


@pytest.fixture(scope="module")
def conformance_mock() -> Iterator[MockServer]:
    binary = os.environ.get("ORGKIT_MOCK_BIN", str(DEFAULT_MOCK_BIN))
    proc = subprocess.Popen(
        [binary, "--port", "0"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    assert url.startswith("http://"), f"orgkit-mock printed {url!r}"
    try:
        yield MockServer(url)
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


# ------------------------------------------------------------ placeholders


def http_date(offset: int) -> str:
    now = datetime.now(timezone.utc)
    whole = math.ceil(now.timestamp())
    at = datetime.fromtimestamp(whole, timezone.utc) + timedelta(seconds=offset)
    return format_datetime(at, usegmt=True)


def expand(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("{{") and value.endswith("}}"):
        inner = value[2:-2]
        if not inner.startswith("http_date:") or not inner.endswith("s"):
            raise ValueError(f"unknown placeholder {value!r}")
        return http_date(int(inner[len("http_date:") : -1]))
    if isinstance(value, list):
        return [expand(v) for v in value]
    if isinstance(value, dict):
        return {k: expand(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------- results as JSON


def plain(value: Any) -> Any:
    """A result as plain JSON: models via to_dict(), datetimes as RFC 3339."""
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


async def call(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


async def collect(items: Any) -> list[Any]:
    out: list[Any] = []
    if hasattr(items, "__aiter__"):
        async for item in items:
            out.append(item)
            if len(out) > MAX_ITEMS:
                break
    else:
        for item in items:
            out.append(item)
            if len(out) > MAX_ITEMS:
                break
    return out


# --------------------------------------------------------------- dispatch


class BrokenScenario(Exception):
    """The scenario asks for something this runner cannot express."""


def kwargs(args: dict[str, Any], *names: str) -> dict[str, Any]:
    return {n: args[n] for n in names if args.get(n) is not None}


async def dispatch(client: Any, name: str, args: dict[str, Any]) -> Any:
    """Makes one call through the public surface, found by reflection: the
    resource accessor (with its scope), the method, its positional values
    and keyword arguments. Returns the result as plain JSON, or raises the
    SDK's error."""
    if name == "client.capabilities":
        return plain(client.capabilities())
    if name == "client.rate_limit":
        return plain(client.rate_limit)
    if name == "client.request":
        return plain(await call(client.request(args["method"], args["path"], json=args.get("body"))))
    if name not in OPERATIONS:
        raise BrokenScenario(f"unknown call {name!r}")
    _, op = OPERATIONS[name]
    result = invoke(client, name, args)
    returns = op["returns"]
    if isinstance(returns, dict) and "page" in returns:
        return [plain(item) for item in await collect(result)]
    return plain(await call(result))


def make_client(mode: str, provider: str, base_url: str, options: dict[str, Any]) -> Any:
    cls = orgkit.Client if mode == "sync" else orgkit.AsyncClient
    names = (
        "token",
        "api_key",
        "session_cookie",
        "timeout",
        "deadline",
        "max_retries",
        "idempotency_keys",
        "user_agent",
        "headers",
    )
    unknown = set(options) - set(names)
    if unknown:
        raise BrokenScenario(f"unknown client options {sorted(unknown)}")
    return cls(provider, base_url, **kwargs(options, *names))


# --------------------------------------------------------------- matching


OPERATORS = {"$present", "$not", "$contains", "$prefix", "$len", "$gte", "$lte"}


def camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def is_matcher(v: Any) -> bool:
    return isinstance(v, dict) and bool(v) and all(k in OPERATORS for k in v)


def absent_ok(v: Any) -> bool:
    return is_matcher(v) and all(
        (k == "$present" and x is False) or k == "$not" for k, x in v.items()
    )


def same_instant(a: str, b: str) -> bool:
    try:
        x = datetime.fromisoformat(a.replace("Z", "+00:00"))
        y = datetime.fromisoformat(b.replace("Z", "+00:00"))
    except ValueError:
        return False
    if x.tzinfo is None or y.tzinfo is None:
        return False
    return x == y


def short(v: Any) -> str:
    text = json.dumps(v, default=str)
    return text if len(text) <= 300 else text[:300] + "…"


def is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check(expected: Any, actual: Any, path: str, errors: list[str]) -> None:
    if is_matcher(expected):
        for op, arg in expected.items():
            check_operator(op, arg, actual, path, errors)
        return
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            errors.append(f"{path}: expected {short(expected)}, got {short(actual)}")
            return
        for key, want in expected.items():
            child = f"{path}.{key}"
            if key in actual:
                check(want, actual[key], child, errors)
            elif camel(key) in actual:
                check(want, actual[camel(key)], child, errors)
            elif want is None or absent_ok(want):
                continue
            else:
                errors.append(f"{child}: missing (expected {short(want)})")
        return
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            errors.append(f"{path}: expected {short(expected)}, got {short(actual)}")
            return
        for i, (w, h) in enumerate(zip(expected, actual)):
            check(w, h, f"{path}[{i}]", errors)
        return
    if is_number(expected) and is_number(actual):
        if float(expected) != float(actual):
            errors.append(f"{path}: expected {expected}, got {actual}")
        return
    if isinstance(expected, str) and isinstance(actual, str):
        if expected != actual and not same_instant(expected, actual):
            errors.append(f"{path}: expected {expected!r}, got {actual!r}")
        return
    if type(expected) is not type(actual) or expected != actual:
        errors.append(f"{path}: expected {short(expected)}, got {short(actual)}")


def matches(expected: Any, actual: Any) -> bool:
    sub: list[str] = []
    check(expected, actual, "", sub)
    return not sub


def check_operator(op: str, arg: Any, actual: Any, path: str, errors: list[str]) -> None:
    def fail(what: str) -> None:
        errors.append(f"{path}: expected {what}, got {short(actual)}")

    if op == "$present":
        if arg != (actual is not None):
            fail(f"present = {arg}")
    elif op == "$not":
        if matches(arg, actual):
            fail(f"anything but {short(arg)}")
    elif op == "$contains":
        if isinstance(actual, str) and isinstance(arg, str):
            ok = arg in actual
        elif isinstance(actual, list):
            ok = any(matches(arg, item) for item in actual)
        else:
            ok = False
        if not ok:
            fail(f"something containing {short(arg)}")
    elif op == "$prefix":
        if not (isinstance(actual, str) and actual.startswith(arg)):
            fail(f"a string starting with {arg!r}")
    elif op == "$len":
        if not (isinstance(actual, (list, str, dict)) and len(actual) == arg):
            fail(f"length {arg}")
    elif op in ("$gte", "$lte"):
        if not is_number(actual) or (actual < arg if op == "$gte" else actual > arg):
            fail(f"a number {op} {arg}")
    else:
        errors.append(f"{path}: unknown matcher {op!r}")


def count_ok(want: Any, n: int) -> bool:
    if isinstance(want, dict):
        return bool(want.get("min", n) <= n <= want.get("max", n))
    return bool(n == want)


# ------------------------------------------------------------- expectations


def check_error(want: dict[str, Any], e: orgkit.OrgkitError, errors: list[str]) -> None:
    what = f"error {type(e).__name__}({e.message!r}, status={e.status}, code={e.code})"
    if e.kind != want["kind"]:
        errors.append(f"{what}: expected kind {want['kind']}, got {e.kind}")
    if "status" in want and e.status != want["status"]:
        errors.append(f"{what}: expected status {want['status']}, got {e.status}")
    if "code" in want and e.code != want["code"]:
        errors.append(f"{what}: expected code {want['code']!r}, got {e.code!r}")
    needle = want.get("message_contains")
    if needle is not None and needle not in e.message:
        errors.append(f"{what}: expected the message to contain {needle!r}")
    if "retry_after" in want:
        bounds, got = want["retry_after"], e.retry_after
        if bounds is None and got is not None:
            errors.append(f"{what}: expected no retry_after, got {got}")
        elif bounds is not None and got is None:
            errors.append(f"{what}: expected retry_after {bounds}, got none")
        elif bounds is not None and not (
            bounds.get("min", -math.inf) <= got <= bounds.get("max", math.inf)
        ):
            errors.append(f"{what}: retry_after {got} is not within {bounds}")
    for f in want.get("field_errors") or []:
        actual = [{"field": x.field, "message": x.message} for x in e.field_errors]
        if not any(matches(f, a) for a in actual):
            errors.append(f"{what}: no field error matches {f}; got {actual}")


def check_items(want: dict[str, Any], actual: Any, errors: list[str]) -> None:
    if not isinstance(actual, list):
        errors.append(f"expected a list, got {short(actual)}")
        return
    if "count" in want and not count_ok(want["count"], len(actual)):
        errors.append(f"expected {want['count']} items, got {len(actual)}")
    for name, index in (("first", 0), ("last", -1)):
        if name in want:
            if actual:
                check(want[name], actual[index], f"items.{name}", errors)
            else:
                errors.append(f"items.{name}: the list is empty")
    if "ids" in want:
        ids = [item.get("id") if isinstance(item, dict) else None for item in actual]
        check(want["ids"], ids, "items.ids", errors)
    if "each" in want:
        for i, item in enumerate(actual):
            check(want["each"], item, f"items[{i}]", errors)


def describe(reqs: list[dict[str, Any]]) -> str:
    parts = [
        f"{r['method']} {r['path']}" + (f"?{r['raw_query']}" if r.get("raw_query") else "")
        for r in reqs
    ]
    return "[" + ", ".join(parts) + "]"


def check_requests(mock: MockServer, want: dict[str, Any], errors: list[str]) -> None:
    method, path = want.get("method"), want.get("path")
    selected = mock.requests(method, path)
    label = f"requests {method or '*'} {path or '/'}"
    if "count" in want and not count_ok(want["count"], len(selected)):
        everything = mock.requests(None, None)
        errors.append(
            f"{label}: expected {want['count']}, the mock received {len(selected)}: "
            f"{describe(everything)}"
        )
    for n, r in enumerate(selected, 1):
        at = f"{label} #{n}"
        for name, matcher in (want.get("headers") or {}).items():
            check(matcher, r["headers"].get(name.lower()), f"{at} header {name}", errors)
        if "query" in want:
            check(want["query"], r["query"], f"{at} query", errors)
        if "body" in want:
            check(want["body"], r["body"], f"{at} body", errors)
    if "queries" in want:
        queries = want["queries"]
        if len(queries) != len(selected):
            errors.append(f"{label}: {len(queries)} queries expected, {len(selected)} selected")
        for n, (q, r) in enumerate(zip(queries, selected), 1):
            check(q, r["query"], f"{label} #{n} query", errors)
    for name in want.get("same_headers") or []:
        values = [r["headers"].get(name.lower()) for r in selected]
        if not values or values[0] is None or any(v != values[0] for v in values):
            errors.append(
                f"{label}: expected one identical {name} header on every request, got {values}"
            )


def check_step(
    mock: MockServer,
    expect: dict[str, Any],
    result: Any,
    error: orgkit.OrgkitError | None,
    elapsed: float,
    errors: list[str],
) -> None:
    want_error = expect.get("error")
    if want_error is not None and error is not None:
        check_error(want_error, error, errors)
    elif want_error is not None:
        errors.append(f"expected a {want_error['kind']} error, got a result: {short(result)}")
    elif error is not None:
        errors.append(
            f"unexpected {error.kind} error: {type(error).__name__}({error.message!r}, "
            f"status={error.status}, code={error.code})"
        )
    else:
        if "result" in expect:
            check(expect["result"], result, "result", errors)
        if "items" in expect:
            check_items(expect["items"], result, errors)
    for want in expect.get("requests") or []:
        check_requests(mock, want, errors)
    if "total_requests" in expect:
        everything = mock.requests(None, None)
        if not count_ok(expect["total_requests"], len(everything)):
            errors.append(
                f"expected {expect['total_requests']} requests in all, the mock received "
                f"{len(everything)}: {describe(everything)}"
            )
    minimum = (expect.get("elapsed") or {}).get("min")
    if minimum is not None and elapsed < minimum:
        errors.append(f"took {elapsed:.3f}s, expected at least {minimum}s")


# ------------------------------------------------------------------ runner


async def run_scenario(mock: MockServer, scenario: dict[str, Any], mode: str) -> list[str]:
    name = scenario["name"]
    provider = scenario["provider"]
    mock.control("POST", "/reset")
    if scenario.get("mock_config"):
        mock.control("POST", "/config", scenario["mock_config"])
    client = make_client(mode, provider, f"{mock.url}/{provider}", scenario.get("client") or {})
    if scenario.get("faults"):
        mock.control("POST", "/faults", expand(scenario["faults"]))
    failures: list[str] = []
    for i, step in enumerate(scenario["steps"], 1):
        label = f"[{name}/{mode}] step {i} ({step['call']})"
        mock.control("DELETE", "/requests")
        if step.get("faults"):
            mock.control("POST", "/faults", expand(step["faults"]))
        result: Any = None
        error: orgkit.OrgkitError | None = None
        started = time.monotonic()
        try:
            result = await dispatch(client, step["call"], step.get("args") or {})
        except orgkit.OrgkitError as e:
            error = e
        except BrokenScenario as e:
            failures.append(f"{label}: broken scenario: {e}")
            continue
        except Exception as e:  # a binding bug: report it as the step's failure
            failures.append(f"{label}: raised {type(e).__name__}: {e}")
            continue
        finally:
            elapsed = time.monotonic() - started
            # What the step's own faults left unused must not hit the next step.
            if step.get("faults"):
                mock.control("DELETE", "/faults")
        errors: list[str] = []
        check_step(mock, step.get("expect") or {}, result, error, elapsed, errors)
        failures.extend(f"{label}: {e}" for e in errors)
    return failures


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario(conformance_mock: MockServer, scenario: dict[str, Any], mode: str) -> None:
    failures = asyncio.run(run_scenario(conformance_mock, scenario, mode))
    assert not failures, "\n".join(failures)
