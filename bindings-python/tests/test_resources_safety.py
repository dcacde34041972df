"""Resource safety: no leaks over thousands of clients and requests, one
client shared by many threads and many coroutines, and secrets that never
show in a repr, an exception (however it is rendered or pickled) or a log
record."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import orgkit
from generic import invoke, lists
from conftest import (
    ACHIEVEAPEX_API_KEY,
    ACHIEVEAPEX_OWNER,
    KAANA_ADMIN_SID,
    KAANA_VIEWER_SID,
    ORGSTACK_ADMIN,
    OURGANIZE_ADMIN_KEY,
    OURGANIZE_MEMBER_KEY,
    PM415_ADMIN,
    PM415_ADMIN_API_KEY,
    PM415_INVITE_EMAIL,
    PM415_INVITE_TOKEN,
    Mock,
)

# ------------------------------------------------------------------ leaks

# Runs in a fresh interpreter so the RSS it reads is its own and nothing
# else of the test session's allocations.
LEAK_SCRIPT = r'''
import asyncio, gc, json, sys
import orgkit

url = sys.argv[1]
OURGANIZE_KEY = sys.argv[2]
KAANA_SID = sys.argv[3]
APEX_KEY = sys.argv[4]
requests = 0


def rss_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def churn(n: int) -> None:
    """n clients created and dropped; every 4th makes a request first."""
    global requests
    for i in range(n):
        c = orgkit.Client("kaana", f"{url}/kaana", session_cookie=KAANA_SID)
        if i % 4 == 0:
            o = c.organizations.get(1 + i % 3)
            assert o.id == 1 + i % 3, o
            requests += 1
        del c


def rounds(c: orgkit.Client, apex: orgkit.Client, n: int) -> None:
    """9 requests a round: 2 gets, a 404, and two lists of 3 pages each."""
    global requests
    for r in range(n):
        pid = 1 + r % 45
        p = c.projects.get(pid)
        assert p.id == pid
        o = apex.organizations.get(1 + r % 25)
        assert o.id == 1 + r % 25
        try:
            c.projects.get(9999)
        except orgkit.NotFoundError as e:
            assert e.status == 404
        else:
            raise AssertionError("no 404")
        projects = list(c.projects.list(limit=20))          # 3 pages
        assert len(projects) == 45
        orgs = [o.id for o in apex.organizations.list(limit=10)]  # 3 pages
        assert len(orgs) == 25
        requests += 9


async def batches(n: int, size: int) -> None:
    global requests
    ac = orgkit.AsyncClient("ourganize", f"{url}/ourganize", api_key=OURGANIZE_KEY)
    for _ in range(n):
        got = await asyncio.gather(*(ac.projects.get(1 + i % 45) for i in range(size)))
        assert [p.id for p in got] == [1 + i % 45 for i in range(size)]
        requests += size
        try:
            await ac.tasks.get(99999)
        except orgkit.NotFoundError:
            pass
        requests += 1
    del ac


def run(clients: int, n_rounds: int, n_batches: int) -> None:
    c = orgkit.Client("ourganize", f"{url}/ourganize", api_key=OURGANIZE_KEY)
    apex = orgkit.Client("achieveapex", f"{url}/achieveapex", api_key=APEX_KEY)
    # Interleaved in slices so that client churn, sync work and async work mix.
    for s in range(10):
        churn(clients // 10)
        rounds(c, apex, n_rounds // 10)
        asyncio.run(batches(n_batches // 10, 49))


def settle() -> int:
    for _ in range(3):
        gc.collect()
    return rss_kb()


start = rss_kb()
run(200, 30, 10)                 # warm-up: runtime, pools, caches, arenas
warm = settle()
warm_requests = requests
requests = 0
run(1000, 120, 10)
mid = settle()
run(1000, 130, 10)
end = settle()
print(json.dumps({
    "start_kb": start, "warm_kb": warm, "mid_kb": mid, "end_kb": end,
    "warmup_requests": warm_requests, "requests": requests, "clients": 2000,
}))
'''


def test_no_leak_over_2000_clients_and_3000_requests(mock: Mock, tmp_path: Path) -> None:
    mock.set_rate_limit(1_000_000)
    # Every client build loads the trust store named by these variables
    # (rustls-platform-verifier); the system's ~150 certificates take ~40 ms
    # to parse in a debug build, which would make 2,000 clients take 80 s.
    # One certificate keeps the same code path at a fraction of the cost.
    env = dict(os.environ)
    bundles = sorted(Path("/etc/ssl/certs").glob("*.pem"))
    if bundles:
        env["SSL_CERT_FILE"] = str(bundles[0])
        env["SSL_CERT_DIR"] = str(tmp_path)
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            LEAK_SCRIPT,
            mock.url,
            OURGANIZE_ADMIN_KEY,
            KAANA_ADMIN_SID,
            ACHIEVEAPEX_API_KEY,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    stats: dict[str, int] = json.loads(proc.stdout.strip().splitlines()[-1])
    print("RSS", stats)
    assert stats["requests"] >= 3000
    assert len(mock.requests()) == stats["warmup_requests"] + stats["requests"]
    growth_kb = stats["end_kb"] - stats["warm_kb"]
    assert growth_kb < 25 * 1024, f"RSS grew {growth_kb} kB after warm-up: {stats}"
    # The second half grows no more than a little: flat, not a slow climb.
    assert stats["end_kb"] - stats["mid_kb"] < 10 * 1024, stats


# ------------------------------------------------------------ concurrency


def test_one_blocking_client_from_16_threads(mock: Mock) -> None:
    c = mock.client("ourganize")
    threads, per_thread = 16, 8
    barrier = threading.Barrier(threads)

    def work(t: int) -> list[tuple[orgkit.Id, str | None]]:
        barrier.wait()
        out = []
        for k in range(per_thread - 1):
            pid = 1 + (t * per_thread + k) % 45
            p = c.projects.get(pid)
            out.append((p.id, p.name))
            assert isinstance(p.id, int)
        page = c.projects.list(limit=5).first_page()
        assert [p.id for p in page.items] == [1, 2, 3, 4, 5]
        return out

    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(work, range(threads)))
    for t, got in enumerate(results):
        want = [1 + (t * per_thread + k) % 45 for k in range(per_thread - 1)]
        assert [i for i, _ in got] == want
        assert [name for _, name in got] == [f"Project {i:02d}" for i in want]
    assert len(mock.requests(provider="ourganize")) == threads * per_thread


def test_one_async_client_200_concurrent_calls(mock: Mock) -> None:
    async def main() -> list[Any]:
        ac = mock.aclient("ourganize")
        return await asyncio.gather(*(ac.projects.get(1 + i % 45) for i in range(200)))

    got = asyncio.run(main())
    assert [p.id for p in got] == [1 + i % 45 for i in range(200)]
    assert all(p.name == f"Project {p.id:02d}" for p in got)
    assert len(mock.requests(provider="ourganize")) == 200


# ---------------------------------------------------------------- secrets

# Credentials the mock does not know (every call answers 401), of known text.
FAKE_TOKEN = "tok-SECRET-7f3a9c11"
FAKE_API_KEY = "key-SECRET-51be2d22"
FAKE_SESSION = "sid-SECRET-c0ffee33"
FAKE_PASSWORD = "pw-SECRET-hunter2-44"
FAKE_INVITE_TOKEN = "inv-SECRET-9d8e7f55"
ACCEPT_PASSWORD = "pw-SECRET-accept-55"
WEBHOOK_SECRET = "wh-SECRET-raw-88"
WEBHOOK_WHSEC = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="

# Every secret the mock's seed holds (tests/mock-server/src/seed.rs):
# those passed in and those a server might echo back (other users' keys,
# pre-issued tokens, password hashes).
SEED_SECRETS = [
    OURGANIZE_ADMIN_KEY,
    OURGANIZE_MEMBER_KEY,
    ORGSTACK_ADMIN[1],
    "orgstack-viewer-pw",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfMDEiLCJyb2xlIjoiYWRtaW4ifQ.c2VlZC1hZG1pbg",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfMDIiLCJyb2xlIjoidmlld2VyIn0.c2VlZC12aWV3ZXI",
    ACHIEVEAPEX_OWNER[1],
    ACHIEVEAPEX_API_KEY,
    "apex-member-pw",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMDEifQ.c2VlZC1vd25lcg",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMDIifQ.c2VlZC1tZW1iZXI",
    KAANA_ADMIN_SID,
    KAANA_VIEWER_SID,
    "sess-consultant-2b8d41",
    "kaana_api_9d2e7b4f10",
    PM415_ADMIN[1],
    PM415_ADMIN_API_KEY,
    "pm415-member-pw",
    "7e1b0c94d2a3f86e5c1d0",
    "pm415-lead-pw",
    "a4f2e8c61b9d07e3f5a2c",
    PM415_INVITE_TOKEN,
]
STATIC_SECRETS = SEED_SECRETS + [
    FAKE_TOKEN,
    FAKE_API_KEY,
    FAKE_SESSION,
    FAKE_PASSWORD,
    FAKE_INVITE_TOKEN,
    ACCEPT_PASSWORD,
    WEBHOOK_SECRET,
    WEBHOOK_WHSEC,
    WEBHOOK_WHSEC[len("whsec_") :].rstrip("="),
    "SECRET",
]

# Login passwords per provider (seeded) and the identity field they go with.
LOGINS: dict[str, dict[str, str]] = {
    "orgstack": {"username": ORGSTACK_ADMIN[0], "password": ORGSTACK_ADMIN[1]},
    "achieveapex": {"email": ACHIEVEAPEX_OWNER[0], "password": ACHIEVEAPEX_OWNER[1]},
    "pm415": {"email": PM415_ADMIN[0], "password": PM415_ADMIN[1]},
}
ORG_ID: dict[str, orgkit.Id] = {"orgstack": "org_01", "achieveapex": 1, "kaana": 2, "pm415": 1}


class Recorder:
    """Everything a test saw, rendered as text, checked against every secret at the end."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, str]] = []
        self.dynamic: set[str] = set()

    def add(self, what: str, text: str | bytes) -> None:
        if isinstance(text, bytes):
            text = text.decode("latin-1")
        self.texts.append((what, text))

    def value(self, what: str, value: Any) -> None:
        """A returned model (or list of them, or page): its repr and str."""
        if isinstance(value, orgkit.Session):
            self.dynamic.add(value.token)
        if isinstance(value, orgkit.Invite):
            self.learn_invite(value)
        if isinstance(value, (list, orgkit.Page)):
            for item in value:
                self.value(what, item)
        self.add(f"repr({what})", repr(value))
        self.add(f"str({what})", str(value))

    def learn_invite(self, invite: orgkit.Invite) -> None:
        if invite.token:
            self.dynamic.add(invite.token)
        if invite.confirm_url:
            for token in parse_qs(urlsplit(invite.confirm_url).query).get("token", []):
                self.dynamic.add(token)

    def error(self, what: str, e: BaseException) -> None:
        self.add(f"str({what})", str(e))
        self.add(f"repr({what})", repr(e))
        self.add(f"{what}.args", repr(e.args))
        self.add(f"vars({what})", repr(vars(e)))
        self.add(f"pickle({what})", pickle.dumps(e))
        self.add(f"pickle.loads({what})", repr(vars(pickle.loads(pickle.dumps(e)))))
        for link in (e.__cause__, e.__context__):
            if link is not None:
                self.add(f"{what} chained", repr(link) + str(link))

    def check(self) -> None:
        secrets = set(STATIC_SECRETS) | {s for s in self.dynamic if len(s) >= 6}
        assert len(self.texts) > 100
        for what, text in self.texts:
            for secret in secrets:
                assert secret not in text, f"{what} shows secret {secret!r}: {text[:2000]}"


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def log_capture() -> Iterator[Capture]:
    handler = Capture()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


Args = Callable[[dict[str, Any]], dict[str, Any]]


class Op:
    """One operation of the sweep: its JSON arguments (which may use what an
    earlier step remembered), run through the generic dispatcher."""

    def __init__(self, name: str, args: dict[str, Any] | Args, remember: str | None = None) -> None:
        self.name = name
        self.args: Args = args if callable(args) else (lambda ctx, a=args: a)
        self.remember = remember

    def __call__(self, c: Any, ctx: dict[str, Any]) -> Any:
        result = invoke(c, self.name, self.args(ctx))
        if lists(self.name):
            # Every page of it, and its first page on its own.
            return list(result) + [invoke(c, self.name, self.args(ctx)).first_page()]
        if self.remember:
            ctx[self.remember] = result.id
        return result


def operations(p: str) -> list[tuple[str, Op]]:
    """Every operation of provider `p`, in an order that works against the
    seeded mock (create before update before delete; the invite used up last)."""
    org = ORG_ID.get(p, 1)
    new_org: dict[str, Any] = {"name": "Safety Org"}
    if p == "kaana":
        new_org["type"] = "internal"
    if p == "orgstack":
        new_org["description"] = "made by the safety test"
    kaana = p == "kaana"
    ops = [
        Op("auth.login", lambda ctx: ctx.get("login", LOGINS.get(p, {}))),
        Op("organizations.list", {}),
        Op("organizations.get", {"id": org}),
        Op("organizations.current", {}),
        Op("organizations.create", new_org, remember="org"),
        Op(
            "organizations.update",
            lambda ctx: {"id": ctx.get("org", org), **({"name": "Safety Org 2"} if p == "pm415" else {"description": "d2"})},
        ),
        Op("organizations.duplicate", lambda ctx: {"id": ctx.get("org", org)}, remember="dup"),
        Op("organizations.switch", {"id": 2}),
        Op("members.list", {"organization_id": 1}),
        Op("members.add", {"organization_id": 2, "person": 105, "role": "member"}),
        Op("members.set_role", {"organization_id": 2 if kaana else 1, "person": 105 if kaana else 2, "role": "admin"}),
        Op("members.reset_passwords", {"organization_id": 1, "people": [2, 3]}),
        Op("members.remove", {"organization_id": 2 if kaana else 1, "people": [105 if kaana else 3]}),
        Op(
            "invites.create",
            {"email": "safety.invitee@example.com", "role": "member", **({} if p == "ourganize" else {"organization_id": 1})},
        ),
        Op("projects.list", {"limit": 20} if p == "ourganize" else {"organization_id": 1}),
        Op("projects.get", {"id": 1}),
        Op("projects.create", {"name": "Safety", "description": "d", "settings": {"is_public": True}}, remember="project"),
        Op("projects.update", lambda ctx: {"id": ctx.get("project", 1), "name": "Safety 2"}),
        Op("tasks.list", {"project_id": 1, "limit": 7} if p == "ourganize" else {"organization_id": 1}),
        Op("tasks.get", {"id": 1}),
        Op("tasks.create", {"project_id": 1, "title": "Safety task"}, remember="task"),
        Op("tasks.update", lambda ctx: {"id": ctx.get("task", 1), "title": "Safety task 2", "due_date": "2030-01-01T00:00:00Z"}),
        Op("tasks.complete", lambda ctx: {"id": ctx.get("task", 1)}),
        Op("tasks.delete", lambda ctx: {"id": ctx.get("task", 1)}),
        Op("projects.delete", lambda ctx: {"id": ctx.get("project", 1)}),
        Op("documents.list", {"organization_id": 1}),
        Op("users.list", {"limit": 2}),
        Op("users.me", {}),
        Op("users.update_me", {"first_name": "Safe"}),
        Op("users.my_organizations", {}),
        Op("invites.validate", lambda ctx: {"token": ctx.get("invite_token", PM415_INVITE_TOKEN)}),
        Op(
            "invites.accept",
            lambda ctx: {
                "token": ctx.get("invite_token", PM415_INVITE_TOKEN),
                "email": PM415_INVITE_EMAIL,
                "password": ctx.get("accept_password", ACCEPT_PASSWORD),
            },
        ),
    ]
    out = [(op.name, op) for op in ops]
    # Organizations made above go last (pm415 deletes its own; the rest the seeded one).
    out.insert(-2, ("organizations.delete", _delete_orgs(org)))
    return out


def _delete_orgs(org: int) -> Any:
    def run(c: Any, ctx: dict[str, Any]) -> Any:
        made = [k for k in ("dup", "org") if k in ctx]
        if not made:
            return invoke(c, "organizations.delete", {"id": org})
        return [invoke(c, "organizations.delete", {"id": ctx[k]}) for k in made]

    return run


def supported(c: orgkit.Client, p: str) -> list[tuple[str, Any]]:
    caps = set(c.capabilities())
    ops = [(name, op) for name, op in operations(p) if name in caps]
    covered = {name for name, _ in ops}
    assert caps <= covered, f"{p}: no safety-test call for {sorted(caps - covered)}"
    return ops


def seeded_client(mock: Mock, p: str, **options: Any) -> orgkit.Client:
    return mock.client(p, **options)


def fake_client(mock: Mock, p: str) -> orgkit.Client:
    return orgkit.Client(
        p,
        mock.base(p),
        token=FAKE_TOKEN,
        api_key=FAKE_API_KEY,
        session_cookie=FAKE_SESSION,
        max_retries=0,
    )


def look_at_client(rec: Recorder, c: Any, p: str) -> None:
    rec.add(f"repr(client {p})", repr(c))
    rec.add(f"str(client {p})", str(c))
    for handle in (c.organizations, c.members(1), c.invites, c.projects, c.tasks, c.documents(1), c.users, c.auth):
        rec.add(f"repr({type(handle).__name__})", repr(handle))
    rec.value("rate_limit", c.rate_limit)


FAULTS: list[tuple[str, dict[str, Any]]] = [
    ("401", {"status": 401}),
    ("403", {"status": 403}),
    ("404", {"status": 404}),
    ("500", {"status": 500}),
    ("html 502", {"status": 502, "non_json": "<html><body><h1>502 Bad Gateway</h1></body></html>"}),
]


@pytest.mark.parametrize("provider", orgkit.PROVIDERS)
def test_secrets_never_show(mock: Mock, provider: str, log_capture: Capture) -> None:
    rec = Recorder()
    p = provider

    # 1. Seeded credentials: normal answers for every operation.
    c = seeded_client(mock, p)
    ctx: dict[str, Any] = {}
    look_at_client(rec, c, p)
    failures = []
    for name, op in supported(c, p):
        try:
            rec.value(name, op(c, ctx))
        except orgkit.OrgkitError as e:
            failures.append((name, e))
            rec.error(name, e)
    assert not failures, f"{p}: seeded calls failed: {failures}"
    look_at_client(rec, c, p)

    # 2. Unknown credentials of known text: error answers (401s mostly).
    c = fake_client(mock, p)
    ctx = {
        "login": {**LOGINS.get(p, {"email": "x@example.com"}), "password": FAKE_PASSWORD},
        "invite_token": FAKE_INVITE_TOKEN,
        "accept_password": FAKE_PASSWORD,
    }
    look_at_client(rec, c, p)
    errors = 0
    for name, op in supported(c, p):
        try:
            rec.value(name, op(c, ctx))
        except orgkit.OrgkitError as e:
            errors += 1
            rec.error(f"{p} {name} (fake credentials)", e)
    assert errors >= len(supported(c, p)) - 1
    look_at_client(rec, c, p)

    # 3. Seeded credentials, each operation answered by an injected fault.
    mock.reset()
    c = seeded_client(mock, p, max_retries=0)
    if p in LOGINS:
        rec.value("login", c.auth.login(**LOGINS[p]))
    for label, action in FAULTS:
        for name, op in supported(c, p):
            mock.fault(action, provider=p)
            try:
                result = op(c, {})
            except orgkit.OrgkitError as e:
                rec.error(f"{p} {name} ({label})", e)
                assert e.status == action["status"] or isinstance(e, orgkit.DecodeError), (name, label, e)
            else:
                pytest.fail(f"{p} {name} under a {label} fault returned {result!r}")
            finally:
                mock.clear_faults()
    look_at_client(rec, c, p)

    # 4. Whatever the SDK (or anything under it) logged.
    assert log_capture.records is not None
    for r in log_capture.records:
        rec.add(f"log {r.name}", r.getMessage() + repr(r.args) + (r.exc_text or ""))
    rec.check()


def test_async_client_secrets(mock: Mock, log_capture: Capture) -> None:
    """The asyncio client on the pm415 flows that carry the most secrets."""
    rec = Recorder()

    async def main() -> None:
        ac = mock.aclient("pm415", max_retries=0)
        look_at_client(rec, ac, "pm415")
        rec.value("login", await ac.auth.login(email=PM415_ADMIN[0], password=PM415_ADMIN[1]))
        rec.value("orgs", [o async for o in ac.organizations.list()])
        rec.value("invite", await ac.invites.create(email="a.safety@example.com", organization_id=1))
        rec.value("validate", await ac.invites.validate(PM415_INVITE_TOKEN))
        for label, action in FAULTS:
            mock.fault(action, provider="pm415", times=3)
            for coro in (
                ac.users.me(),
                ac.invites.validate(PM415_INVITE_TOKEN),
                ac.invites.accept(PM415_INVITE_TOKEN, email=PM415_INVITE_EMAIL, password=ACCEPT_PASSWORD),
            ):
                try:
                    await coro
                except orgkit.OrgkitError as e:
                    rec.error(f"async {label}", e)
                else:
                    pytest.fail(f"no error under a {label} fault")
            mock.clear_faults()
        bad = orgkit.AsyncClient("pm415", mock.base("pm415"), token=FAKE_TOKEN, max_retries=0)
        try:
            await bad.auth.login(email=PM415_ADMIN[0], password=FAKE_PASSWORD)
        except orgkit.AuthenticationError as e:
            rec.error("async login", e)
        rec.value("accept", await ac.invites.accept(PM415_INVITE_TOKEN, email=PM415_INVITE_EMAIL, password=ACCEPT_PASSWORD))
        look_at_client(rec, ac, "pm415")

    asyncio.run(main())
    for r in log_capture.records:
        rec.add(f"log {r.name}", r.getMessage() + repr(r.args) + (r.exc_text or ""))
    rec.check()


def test_invite_token_not_in_repr(mock: Mock) -> None:
    c = mock.client("pm415")
    check = c.invites.validate(PM415_INVITE_TOKEN)
    assert PM415_INVITE_TOKEN not in repr(check) and PM415_INVITE_TOKEN not in str(check)
    made = c.invites.create(email="repr.check@example.com", organization_id=1)
    assert made.token and made.confirm_url
    for text in (repr(made), str(made)):
        assert made.token not in text and made.confirm_url not in text
    apex = mock.client("achieveapex").invites.create(email="repr2@example.com", organization_id=1)
    assert apex.token and apex.token not in repr(apex)


def test_webhook_secret_never_shows(log_capture: Capture) -> None:
    rec = Recorder()
    body = json.dumps(
        {"type": "project.created", "timestamp": "2024-01-01T00:00:00Z", "data": {"id": 1, "name": "P"}}
    )
    now = datetime.now(timezone.utc)
    for secret in (WEBHOOK_SECRET, WEBHOOK_WHSEC):
        headers = orgkit.webhooks.sign(secret, "msg_1", body, now)
        rec.add("signed headers", repr(headers))
        event = orgkit.webhooks.verify(secret, headers, body, now=now)
        rec.value("webhook event", event)
        attempts: list[Callable[[], Any]] = [
            lambda: orgkit.webhooks.verify(secret + "x", headers, body, now=now),
            lambda: orgkit.webhooks.verify(secret, headers, body + " ", now=now),
            lambda: orgkit.webhooks.verify(secret, headers, body, now=now + timedelta(hours=1)),
            lambda: orgkit.webhooks.verify(secret, {}, body, now=now),
            lambda: orgkit.webhooks.verify(secret, headers, "not json", now=now),
            lambda: orgkit.webhooks.verify("whsec_!!!" + secret, headers, body, now=now),
            lambda: orgkit.webhooks.sign("", "msg_1", body),
        ]
        for attempt in attempts:
            try:
                attempt()
            except orgkit.OrgkitError as e:
                rec.error("webhook error", e)
            else:
                pytest.fail("verified")
    for r in log_capture.records:
        rec.add(f"log {r.name}", r.getMessage() + repr(r.args))
    assert len(rec.texts) > 20
    for what, text in rec.texts:
        for secret in (WEBHOOK_SECRET, WEBHOOK_WHSEC, WEBHOOK_WHSEC[6:].rstrip("="), "SECRET"):
            assert secret not in text, f"{what} shows {secret!r}: {text}"
