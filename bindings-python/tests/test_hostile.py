"""A hostile or buggy server (a small local one, below): credentials it
echoes back never show in any rendering of an error, ids keep every digit,
and error messages say where they came from."""

from __future__ import annotations

import asyncio
import datetime
import json
import pickle
import threading
import traceback
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

import orgkit

API_KEY = "sk_live_51HfQx/9+echo="
PASSWORD = "hunter2-correct-horse"
ISSUED = "eyJhbGciOiJIUzI1NiJ9.issued.by-login"
INVITE = "inv_7f3a9c2b1d"


class Server:
    """Answers each path with a queued (status, body) — the last one repeats —
    and records the requests."""

    def __init__(self) -> None:
        self.routes: dict[str, list[tuple[int, str]]] = {}
        self.requests: list[tuple[str, str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                path = urllib.parse.urlsplit(self.path).path
                server.requests.append((self.command, self.path, body))
                queue = server.routes.get(path) or [(404, '{"message": "no route"}')]
                status, text = queue.pop(0) if len(queue) > 1 else queue[0]
                data = text.encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def route(self, path: str, *answers: tuple[int, Any]) -> None:
        self.routes[path] = [(s, b if isinstance(b, str) else json.dumps(b)) for s, b in answers]


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.httpd.shutdown()


def renderings(e: BaseException) -> str:
    """Every way an exception shows text."""
    assert isinstance(e, orgkit.OrgkitError)
    parts = [
        str(e),
        repr(e),
        e.message,
        repr(e.args),
        "".join(traceback.format_exception(e)),
        repr(e.field_errors),
        repr(e.body),
        repr(e.code),
        repr(pickle.loads(pickle.dumps(e)).__dict__),
    ]
    return "\n".join(parts)


def assert_hidden(e: BaseException, *secrets: str) -> None:
    text = renderings(e)
    for s in secrets:
        assert s not in text, f"{s!r} shows in:\n{text}"
        assert urllib.parse.quote_plus(s) not in text, f"encoded {s!r} shows in:\n{text}"
    assert "[redacted]" in text


def echo(code: str, message: str) -> dict[str, Any]:
    return {
        "success": False,
        "error": {
            "code": code,
            "message": message,
            "details": [{"field": "key", "message": f"{API_KEY} is revoked"}],
        },
        "echo": {"key": API_KEY, "encoded": urllib.parse.quote_plus(API_KEY)},
    }


def ourganize(server: Server, **options: Any) -> orgkit.Client:
    return orgkit.Client("ourganize", server.url, api_key=API_KEY, **options)


@pytest.mark.parametrize(
    "status,code,message",
    [
        (401, "UNAUTHORIZED", f"Invalid API key '{API_KEY}' provided"),
        (422, "VALIDATION_ERROR", f"key {urllib.parse.quote_plus(API_KEY)} rejected"),
        (500, "INTERNAL", f"upstream rejected token {API_KEY} (password={API_KEY})"),
        (200, "FORBIDDEN", f"key {API_KEY} may not"),
    ],
)
def test_an_echoed_api_key_shows_nowhere(server: Server, status: int, code: str, message: str) -> None:
    server.route("/projects/1", (status, echo(code, message)))
    with pytest.raises(orgkit.OrgkitError) as info:
        ourganize(server, max_retries=2).projects.get(1)
    assert_hidden(info.value, API_KEY)
    if status == 500:
        assert info.value.attempts == 3
    if status == 422:
        assert info.value.field_errors[0].message == "[redacted] is revoked"


def test_a_deadline_wrapped_error_hides_it_too(server: Server) -> None:
    server.route("/projects/1", (503, echo("UNAVAILABLE", f"key {API_KEY} throttled")))
    c = ourganize(server, max_retries=5, deadline=0.3)
    with pytest.raises(orgkit.TimeoutError) as info:
        c.projects.get(1)
    assert "last error" in str(info.value) or "deadline" in str(info.value)
    assert_hidden(info.value, API_KEY)


def test_the_async_client_hides_it_too(server: Server) -> None:
    server.route("/projects/1", (401, echo("UNAUTHORIZED", f"Invalid API key '{API_KEY}'")))

    async def main() -> BaseException:
        ac = orgkit.AsyncClient("ourganize", server.url, api_key=API_KEY)
        try:
            await ac.projects.get(1)
        except orgkit.OrgkitError as e:
            return e
        raise AssertionError("no error")

    assert_hidden(asyncio.run(main()), API_KEY)


def test_a_login_password_the_issued_token_and_an_invite_token(server: Server) -> None:
    server.route(
        "/api/account/login",
        (401, {"statusCode": 401, "error": "Unauthorized", "message": f"wrong password {PASSWORD}"}),
        (200, {"success": True, "token": ISSUED}),
    )
    server.route(
        "/api/org/invite/",
        (404, {"statusCode": 404, "error": "Not Found", "message": f"no invite {INVITE} (auth {ISSUED})"}),
    )
    c = orgkit.Client("pm415", server.url)
    with pytest.raises(orgkit.AuthenticationError) as info:
        c.auth.login(email="me@example.com", password=PASSWORD)
    assert_hidden(info.value, PASSWORD)
    session = c.auth.login(email="me@example.com", password=PASSWORD)
    assert session.token == ISSUED and ISSUED not in repr(session)
    with pytest.raises(orgkit.NotFoundError) as info:
        c.invites.validate(INVITE)
    assert_hidden(info.value, ISSUED, INVITE, PASSWORD)


@pytest.mark.parametrize(
    "digits", ["9007199254740993", "18446744073709551617", "-9223372036854775809"]
)
def test_big_ids_keep_every_digit_and_go_back_the_same(server: Server, digits: str) -> None:
    body = f'{{"success": true, "data": {{"id": {digits}, "name": "P", "budget": {digits}}}}}'
    server.route(f"/projects/{digits}", (200, body))
    c = ourganize(server)
    p = c.projects.get(int(digits))
    assert isinstance(p.id, int) and p.id == int(digits)
    # In `extra` (plain JSON values), an integer beyond 64 bits keeps its digits as text.
    assert p.extra["budget"] == (int(digits) if -(2**63) <= int(digits) < 2**64 else digits)
    again = c.projects.get(p.id)
    assert again.id == p.id
    assert server.requests[-1][1] == f"/projects/{digits}"


def test_a_big_id_in_a_body_goes_out_as_the_same_number(server: Server) -> None:
    server.route("/organizations/1/members", (204, ""))
    c = orgkit.Client("kaana", server.url, session_cookie="sid")
    c.members(1).add(18446744073709551617, role="admin")
    assert server.requests[-1][2] == '{"contactId":18446744073709551617,"role":"admin"}'


def test_an_integer_beyond_64_bits_is_sent_as_that_number(server: Server) -> None:
    # Not as a string of its digits: anywhere in a JSON body it stays a number.
    server.route("/projects", (201, '{"success": true, "data": {"id": 1, "name": "x"}}'))
    c = ourganize(server)
    c.request("POST", "/projects", json={"name": "x", "v": 2**100, "w": [-(2**70), 7]})
    assert server.requests[-1][2] == (
        '{"name":"x","v":1267650600228229401496703205376,"w":[-1180591620717411303424,7]}'
    )
    # Where a string is expected it is refused like any other number, and a
    # whole number that large is too large.
    for name in (3, 2**100):
        with pytest.raises(TypeError):
            c.projects.create(name=name)  # type: ignore[arg-type]
    with pytest.raises(orgkit.InvalidArgumentError, match="limit: 1180591620717411303424 is too large"):
        c.projects.list(limit=2**70).first_page()
    assert len(server.requests) == 1


def test_the_message_names_the_operation_request_and_attempts(server: Server) -> None:
    server.route(
        "/projects/42",
        (404, {"success": False, "error": {"code": "NOT_FOUND", "message": "Project 42 not found"}}),
    )
    with pytest.raises(orgkit.NotFoundError) as info:
        ourganize(server).projects.get(42)
    e = info.value
    host = server.url.removeprefix("http://")
    assert str(e) == (
        f"NotFound (404) in projects.get on GET {host}/projects/42 after 1 attempt: "
        "Project 42 not found [NOT_FOUND]"
    )
    assert (e.operation, e.method, e.host, e.path, e.attempts) == (
        "projects.get",
        "GET",
        host,
        "/projects/42",
        1,
    )
    assert e.message == "Project 42 not found"


def test_timestamps_keep_the_microsecond_before_1970_and_on_a_leap_second(server: Server) -> None:
    body = {
        "success": True,
        "data": {
            "id": 77,
            "createdAt": "1969-12-31T23:59:59.9999995Z",
            "updatedAt": "2016-12-31T23:59:60.5+01:00",
        },
    }
    server.route("/projects/77", (200, body))
    p = ourganize(server).projects.get(77)
    utc = datetime.timezone.utc
    # Digits past the microsecond are dropped (floored), as before 1970 too.
    assert p.created_at == datetime.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=utc)
    # A leap second (Python has none) is the last microsecond of its minute, in UTC.
    assert p.updated_at == datetime.datetime(2016, 12, 31, 22, 59, 59, 999999, tzinfo=utc)
