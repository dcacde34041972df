"""Every exception class, raised from a real (mock) server answer; retries; pickling."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import orgkit
from conftest import OURGANIZE_ADMIN_KEY, OURGANIZE_MEMBER_KEY, PM415_ADMIN, Mock


def roundtrip(e: orgkit.OrgkitError) -> None:
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is type(e)
    for attr in (
        "kind",
        "message",
        "status",
        "code",
        "request_id",
        "retry_after",
        "field_errors",
        "provider",
        "operation",
        "body",
    ):
        assert getattr(back, attr) == getattr(e, attr), attr
    assert str(back) == str(e)


def raised(cls: type[orgkit.OrgkitError], fn: Any) -> Any:
    with pytest.raises(cls) as info:
        fn()
    roundtrip(info.value)
    return info.value


def test_bad_request(mock: Mock) -> None:
    c = mock.client("kaana")
    e = raised(orgkit.BadRequestError, lambda: c.organizations.create(name="No Type"))
    assert isinstance(e, orgkit.ApiError) and e.status == 400 and e.kind == "BadRequest"
    assert "type" in e.message and e.request_id and e.request_id.startswith("req_")
    assert e.operation == "organizations.create" and e.provider == "kaana"


def test_authentication(mock: Mock) -> None:
    c = orgkit.Client("pm415", mock.base("pm415"))
    e = raised(
        orgkit.AuthenticationError,
        lambda: c.auth.login(email=PM415_ADMIN[0], password="wrong-password-xyz"),
    )
    assert e.status == 401 and e.kind == "Unauthorized"
    assert "wrong-password-xyz" not in str(e) and "wrong-password-xyz" not in repr(e)


def test_permission_denied(mock: Mock) -> None:
    c = orgkit.Client("ourganize", mock.base("ourganize"), api_key=OURGANIZE_MEMBER_KEY)
    e = raised(orgkit.PermissionDeniedError, lambda: list(c.users.list()))
    assert e.status == 403 and e.code == "FORBIDDEN"
    assert OURGANIZE_MEMBER_KEY not in str(e) + repr(e) + (e.body or "")


def test_not_found(mock: Mock) -> None:
    c = mock.client("ourganize")
    e = raised(orgkit.NotFoundError, lambda: c.projects.get(999))
    assert e.status == 404 and e.code == "NOT_FOUND" and "999" in e.message


def test_conflict(mock: Mock) -> None:
    c = mock.client("pm415")
    e = raised(orgkit.ConflictError, lambda: c.organizations.create(name="Acme"))
    assert e.status == 409


def test_validation(mock: Mock) -> None:
    c = mock.client("ourganize")
    e = raised(orgkit.ValidationError, lambda: c.request("POST", "/projects", json={}))
    assert e.status == 422 and e.code == "VALIDATION_ERROR"
    assert e.field_errors and e.field_errors[0].field == "name"


def test_rate_limited(mock: Mock) -> None:
    mock.set_rate_limit(1)
    c = mock.client("ourganize", max_retries=0)
    c.projects.get(1)
    e = raised(orgkit.RateLimitError, lambda: c.projects.get(1))
    assert e.status == 429 and e.retry_after is not None and e.retry_after > 0
    assert isinstance(e.retry_after, float)
    assert c.rate_limit is not None and c.rate_limit.remaining == 0


def test_server_error(mock: Mock) -> None:
    mock.fault({"status": 503}, provider="ourganize", method="GET", path="/projects")
    c = mock.client("ourganize", max_retries=0)
    e = raised(orgkit.ServerError, lambda: c.projects.get(1))
    assert e.status == 503


def test_connection_error(mock: Mock) -> None:
    mock.fault({"close": "before_response"}, provider="ourganize", times=5)
    c = mock.client("ourganize", max_retries=0)
    e = raised(orgkit.ConnectionError, lambda: c.projects.get(1))
    assert e.status is None and e.kind == "Connection"
    dead = orgkit.Client("ourganize", "http://127.0.0.1:9/ourganize", max_retries=0)
    raised(orgkit.ConnectionError, lambda: dead.projects.get(1))


def test_timeout(mock: Mock) -> None:
    mock.fault({"delay_ms": 2000}, provider="ourganize")
    c = mock.client("ourganize", timeout=0.2, max_retries=0)
    e = raised(orgkit.TimeoutError, lambda: c.projects.get(1))
    assert e.kind == "Timeout"


def test_deadline(mock: Mock) -> None:
    mock.fault({"delay_ms": 2000}, provider="ourganize", times=3)
    c = mock.client("ourganize", timeout=0.3, deadline=0.5)
    raised(orgkit.TimeoutError, lambda: c.projects.get(1))


def test_a_deadline_longer_than_the_clock_can_name_is_no_limit(mock: Mock) -> None:
    # 1e19 seconds fits a duration but not now + it: that panicked the call.
    c = mock.client("ourganize", deadline=1e19, timeout=1e19)
    assert c.projects.get(1).id == 1
    assert c.with_options(deadline=1.8e19).projects.get(1).id == 1


def test_decode_error(mock: Mock) -> None:
    mock.fault({"non_json": "<html>hello</html>", "status": 200}, provider="ourganize")
    c = mock.client("ourganize")
    e = raised(orgkit.DecodeError, lambda: c.projects.get(1))
    assert e.body is not None and "<html>" in e.body


def test_html_error_page_keeps_its_status(mock: Mock) -> None:
    mock.fault({"non_json": "<html>bad gateway</html>", "status": 502}, provider="pm415", times=3)
    c = mock.client("pm415")
    e = raised(orgkit.ServerError, lambda: c.users.me())
    assert e.status == 502


def test_unsupported(mock: Mock) -> None:
    c = mock.client("pm415")
    e = raised(orgkit.UnsupportedError, lambda: c.projects.get(1))
    assert e.provider == "pm415" and e.operation == "projects.get"
    assert mock.requests() == []


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda url: orgkit.Client("nosuch"), "provider"),
        (lambda url: orgkit.Client("pm415", "ftp://example.com"), "base_url"),
        (lambda url: orgkit.Client("pm415", "not a url"), "base_url"),
        (lambda url: orgkit.Client("orgstack"), "base_url"),
        (lambda url: orgkit.Client("pm415", url + "?tenant=1"), "base_url"),
        (lambda url: orgkit.Client("pm415", url.replace("://", "://me:pw-31337@")), "base_url"),
        (lambda url: orgkit.Client("pm415", url, timeout=-1), "timeout"),
        (lambda url: orgkit.Client("pm415", url, deadline=0), "deadline"),
        (lambda url: orgkit.Client("pm415", url, max_retries=-1), "max_retries"),
        (lambda url: orgkit.Client("pm415", url, headers={"bad header": "x"}), "headers"),
        (lambda url: orgkit.AsyncClient("pm415", url, timeout=float("nan")), "timeout"),
    ],
)
def test_invalid_options(mock: Mock, build: Any, field: str) -> None:
    with pytest.raises(orgkit.InvalidArgumentError) as info:
        build(mock.base("pm415"))
    e = info.value
    assert isinstance(e, ValueError)
    assert field in str(e) and [f.field for f in e.field_errors] == [field]
    assert "pw-31337" not in str(e) and "pw-31337" not in repr(e)
    roundtrip(e)


def test_invalid_arguments(mock: Mock) -> None:
    c = mock.client("ourganize")
    with pytest.raises(orgkit.InvalidArgumentError):
        c.tasks.list()
    with pytest.raises(orgkit.InvalidArgumentError):
        c.tasks.list(project_id=1, organization_id=1)
    with pytest.raises(orgkit.InvalidArgumentError):
        c.projects.list(limit=0)
    with pytest.raises(orgkit.InvalidArgumentError):
        c.projects.list(limit=-5)
    with pytest.raises(orgkit.InvalidArgumentError):
        c.projects.create(name="   ")
    with pytest.raises(orgkit.InvalidArgumentError):
        c.invites.create(email="not-an-email")
    with pytest.raises(orgkit.InvalidArgumentError):
        c.request("NOT A METHOD", "/projects")
    # 10000-01-01T22:59Z in UTC: RFC 3339 cannot write it.
    late = datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-23)))
    with pytest.raises(orgkit.InvalidArgumentError, match="due_date: .*0000 to 9999"):
        c.tasks.create(1, title="t", due_date=late)
    with pytest.raises(TypeError):
        c.projects.get(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        c.projects.get(True)
    with pytest.raises(TypeError):
        c.projects.create(name=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^x: cannot send a value of type object as JSON"):
        c.request("POST", "/projects", json={"x": object()})
    # Named by the argument (or the body's field) it is in.
    with pytest.raises(ValueError, match="^limit: NaN and infinity cannot be sent as JSON"):
        c.projects.list(limit=float("nan"))
    with pytest.raises(ValueError, match="^name: text with a lone surrogate cannot be sent"):
        c.projects.create(name="a\ud800b")
    with pytest.raises(ValueError, match="^tags: text with a lone surrogate"):
        c.projects.create(name="x", tags=["ok", "\udc00"])
    # Bytes are a sequence of ints to Python, but not JSON: json.dumps refuses
    # them too, where sending [97, 98] would be another value.
    for blob in (b"ab", bytearray(b"ab"), memoryview(b"ab")):
        with pytest.raises(TypeError, match="^blob: bytes cannot be sent as JSON; decode them to str"):
            c.request("POST", "/projects", json={"name": "n", "blob": blob})
    with pytest.raises(TypeError, match="^name: bytes cannot be sent as JSON"):
        c.projects.create(name=b"n")  # type: ignore[arg-type]
    assert mock.requests() == []


@pytest.mark.parametrize("bad", ["..", ".", "", " "])
def test_an_id_that_would_change_the_path_is_refused(mock: Mock, bad: str) -> None:
    # `/tasks/..` is `/` to every URL parser and server, however it is encoded.
    c = mock.client("ourganize")
    calls = [
        (lambda: c.tasks.get(bad), "id"),
        (lambda: c.projects.delete(bad), "id"),
        (lambda: c.tasks.create(bad, title="t"), "project_id"),
        (lambda: c.tasks.list(project_id=bad), "project_id"),
    ]
    for call, field in calls:
        with pytest.raises(orgkit.InvalidArgumentError) as info:
            call()
        assert [f.field for f in info.value.field_errors] == [field], info.value
    assert mock.requests() == []


# ------------------------------------------------------------------- retries


def test_get_is_retried(mock: Mock) -> None:
    mock.fault({"status": 503}, provider="ourganize", method="GET", path="/projects", times=2)
    c = mock.client("ourganize")
    assert c.projects.get(1).id == 1
    assert len(mock.requests(provider="ourganize", path="/projects/1")) == 3


def test_retries_run_out(mock: Mock) -> None:
    mock.fault({"status": 503}, provider="ourganize", method="GET", path="/projects", times=5)
    c = mock.client("ourganize", max_retries=1)
    with pytest.raises(orgkit.ServerError):
        c.projects.get(1)
    assert len(mock.requests(provider="ourganize", path="/projects/1")) == 2


def test_post_is_not_retried(mock: Mock) -> None:
    mock.fault({"status": 503}, provider="ourganize", method="POST", path="/projects")
    c = mock.client("ourganize")
    with pytest.raises(orgkit.ServerError):
        c.projects.create(name="Once")
    assert len(mock.requests(provider="ourganize", method="POST", path="/projects")) == 1


def test_post_with_idempotency_key_is_retried(mock: Mock) -> None:
    mock.fault({"status": 503}, provider="ourganize", method="POST", path="/projects")
    c = mock.client("ourganize", idempotency_keys=True)
    assert c.projects.create(name="Twice").name == "Twice"
    sent = mock.requests(provider="ourganize", method="POST", path="/projects")
    assert len(sent) == 2
    assert sent[0]["headers"]["idempotency-key"] == sent[1]["headers"]["idempotency-key"]


def test_retry_after_is_honoured(mock: Mock) -> None:
    mock.fault(
        {"status": 429, "headers": {"Retry-After": "1"}},
        provider="ourganize",
        method="GET",
        path="/projects",
    )
    c = mock.client("ourganize")
    assert c.projects.get(1).id == 1
    sent = mock.requests(provider="ourganize", path="/projects/1")
    assert len(sent) == 2 and sent[1]["at_ms"] - sent[0]["at_ms"] >= 900


def test_headers_and_user_agent(mock: Mock) -> None:
    c = mock.client("ourganize", headers={"x-extra": "yes"}, user_agent="my-app/1.0")
    c.projects.get(1)
    headers = mock.requests(provider="ourganize")[-1]["headers"]
    assert headers["x-extra"] == "yes" and headers["user-agent"] == "my-app/1.0"


def test_system_roots_option_builds_a_working_client(mock: Mock) -> None:
    c = orgkit.Client(
        "ourganize", mock.base("ourganize"), api_key=OURGANIZE_ADMIN_KEY, system_roots=True
    )
    assert c.projects.get(1).id == 1
    with pytest.raises(TypeError):
        orgkit.Client("pm415", mock.base("pm415"), system_roots="yes")  # type: ignore[arg-type]
