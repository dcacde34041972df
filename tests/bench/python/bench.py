"""orgkit's Python benchmarks: orgkit (sync and async) against the HTTP
clients Python users reach for, each building typed objects (dataclasses
with datetime timestamps) so the comparison is like for like.

    python bench.py run --url URL [--reps 3] [--out FILE] [--clients a,b]
                        [--workloads seq,conc,paginate,bigpage] [--memory 1000,10000,100000]
                        [--coldstart 15]
    python bench.py mem --client NAME --url URL --total N

The server is `orgkit-bench serve` (tests/bench/src/server.rs); the
workload sizes mirror tests/bench/src/workloads.rs, and the expected
checksums come from the server (`GET /bench/expected`). Every client
reports the checksum of the typed objects it built (`checksum` below).
A client whose library is missing is skipped and reported as an error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

# --- workloads (keep in step with tests/bench/src/workloads.rs) -------------

SEQ_REQUESTS, SEQ_ID = 2000, 42
CONC_REQUESTS, CONC_IN_FLIGHT, CONC_IDS = 5000, 64, 1000
PAGINATE_TOTAL, PAGE_LIMIT = 10_000, 100
BIGPAGE_REQUESTS, BIGPAGE_LIMIT = 200, 1000
MEMORY_TOTALS = [1_000, 10_000, 100_000]
WORKLOADS = ["seq", "conc", "paginate", "bigpage"]
API_KEY = "bench-key"
HEADERS = {"Authorization": f"Bearer {API_KEY}", "Accept": "application/json"}


# workload -> (operations per run, unit)
SPECS = {
    "seq": (SEQ_REQUESTS, "req/s"),
    "conc": (CONC_REQUESTS, "req/s"),
    "paginate": (PAGINATE_TOTAL, "items/s"),
    "bigpage": (BIGPAGE_REQUESTS, "req/s"),
}


def list_url(base: str, total: int) -> str:
    return f"{base.rstrip('/')}/t/{total}"


def expected_checksums(base: str, totals: list[int]) -> dict[str, Any]:
    """What the server says a correct client reports: per workload, and per list length."""
    import urllib.request  # here, not at the top: the memory children never load it
    url = f"{base.rstrip('/')}/bench/expected?list={','.join(map(str, totals))}"
    with urllib.request.urlopen(url) as r:
        data: dict[str, Any] = json.load(r)["data"]
    return data


# --- what a hand-written client decodes into --------------------------------

if sys.version_info >= (3, 11):
    parse_time = datetime.fromisoformat
else:  # 3.10's fromisoformat does not take "Z"

    def parse_time(s: str) -> datetime:
        return datetime.fromisoformat(s.replace("Z", "+00:00"))


@dataclass(slots=True)
class Settings:
    is_public: bool
    allow_comments: bool


@dataclass(slots=True)
class Project:
    id: int
    name: str
    description: str
    status: str
    settings: Settings
    created_at: datetime
    updated_at: datetime
    tags: list[str]


def project(d: dict[str, Any]) -> Project:
    s = d["settings"]
    return Project(
        id=d["id"],
        name=d["name"],
        description=d["description"],
        status=d["status"],
        settings=Settings(is_public=s["isPublic"], allow_comments=s["allowComments"]),
        created_at=parse_time(d["createdAt"]),
        updated_at=parse_time(d["updatedAt"]),
        tags=list(d["tags"]),
    )


# --- the checksum (tests/bench/README.md, "Checksum") ----------------------------
# One function for every client: orgkit's models and the dataclasses above
# have the same attribute names. Line for line the rule of checksum_raw /
# checksum_orgkit in src/rust_clients.rs and checksum in node/bench.mjs.


def stamp(t: datetime) -> int:
    """A timestamp's part: year + month (1-12) + day + hour + minute + second + millisecond, UTC."""
    return t.year + t.month + t.day + t.hour + t.minute + t.second + t.microsecond // 1000


def checksum(p: Any) -> int:
    """The checksum of one project, from the typed object a client built."""
    s = p.settings
    return (
        int(p.id)
        + len(p.name)
        + len(p.description)
        + len(p.status)
        + int(s.is_public)
        + 2 * int(s.allow_comments)
        + stamp(p.created_at)
        + stamp(p.updated_at)
        + len(p.tags)
        + sum(map(len, p.tags))
    )


def check(body: dict[str, Any]) -> None:
    if body.get("success") is not True:
        raise RuntimeError(f"unexpected answer: {str(body)[:200]}")


# --- clients -----------------------------------------------------------------
# Each has get(id) -> checksum, page(limit) -> sum of checksums of page 1,
# walk(limit) -> (count, sum of checksums) over every page. Sync clients'
# methods are plain functions; async ones' are coroutines.


class SyncPeer:
    """requests / httpx.Client: `fetch(url) -> decoded JSON`."""

    def __init__(self, base: str, fetch: Callable[[str], Any]) -> None:
        self.base = base.rstrip("/")
        self.fetch = fetch

    def get(self, id: int) -> int:
        body = self.fetch(f"{self.base}/projects/{id}")
        check(body)
        return checksum(project(body["data"]))

    def page(self, limit: int) -> int:
        body = self.fetch(f"{self.base}/projects?page=1&limit={limit}")
        check(body)
        return sum(map(checksum, map(project, body["data"])))

    def walk(self, limit: int) -> tuple[int, int]:
        n = total = 0
        page = 1
        while True:
            body = self.fetch(f"{self.base}/projects?page={page}&limit={limit}")
            check(body)
            items = [project(d) for d in body["data"]]
            n += len(items)
            total += sum(map(checksum, items))
            meta = body["meta"]
            if not items or page * meta["limit"] >= meta["total"]:
                return n, total
            page += 1


class AsyncPeer:
    def __init__(
        self, base: str, fetch: Callable[[str], Any], close: Callable[[], Any] | None = None
    ) -> None:
        self.base = base.rstrip("/")
        self.fetch = fetch
        self.close = close

    async def aclose(self) -> None:
        if self.close is not None:
            await self.close()

    async def get(self, id: int) -> int:
        body = await self.fetch(f"{self.base}/projects/{id}")
        check(body)
        return checksum(project(body["data"]))

    async def page(self, limit: int) -> int:
        body = await self.fetch(f"{self.base}/projects?page=1&limit={limit}")
        check(body)
        return sum(map(checksum, map(project, body["data"])))

    async def walk(self, limit: int) -> tuple[int, int]:
        n = total = 0
        page = 1
        while True:
            body = await self.fetch(f"{self.base}/projects?page={page}&limit={limit}")
            check(body)
            items = [project(d) for d in body["data"]]
            n += len(items)
            total += sum(map(checksum, items))
            meta = body["meta"]
            if not items or page * meta["limit"] >= meta["total"]:
                return n, total
            page += 1


class OrgkitSync:
    def __init__(self, base: str) -> None:
        import orgkit

        self.client = orgkit.Client("ourganize", base_url=base, api_key=API_KEY)

    def get(self, id: int) -> int:
        return checksum(self.client.projects.get(id))

    def page(self, limit: int) -> int:
        return sum(map(checksum, self.client.projects.list(limit=limit).first_page().items))

    def walk(self, limit: int) -> tuple[int, int]:
        n = total = 0
        for p in self.client.projects.list(limit=limit):
            n += 1
            total += checksum(p)
        return n, total


class OrgkitAsync:
    def __init__(self, base: str) -> None:
        import orgkit

        self.client = orgkit.AsyncClient("ourganize", base_url=base, api_key=API_KEY)

    async def get(self, id: int) -> int:
        return checksum(await self.client.projects.get(id))

    async def page(self, limit: int) -> int:
        first = await self.client.projects.list(limit=limit).first_page()
        return sum(map(checksum, first.items))

    async def walk(self, limit: int) -> tuple[int, int]:
        n = total = 0
        async for p in self.client.projects.list(limit=limit):
            n += 1
            total += checksum(p)
        return n, total


def make_requests(base: str) -> SyncPeer:
    import requests

    # A Session per thread: requests does not promise a shared one is thread-safe.
    local = threading.local()

    def fetch(url: str) -> Any:
        s = getattr(local, "session", None)
        if s is None:
            s = local.session = requests.Session()
            s.headers.update(HEADERS)
        r = s.get(url)
        r.raise_for_status()
        return r.json()

    return SyncPeer(base, fetch)


def make_httpx_sync(base: str) -> SyncPeer:
    import httpx

    client = httpx.Client(headers=HEADERS, limits=httpx.Limits(max_connections=CONC_IN_FLIGHT))

    def fetch(url: str) -> Any:
        r = client.get(url)
        r.raise_for_status()
        return r.json()

    return SyncPeer(base, fetch)


def make_httpx_async(base: str) -> AsyncPeer:
    import httpx

    client = httpx.AsyncClient(
        headers=HEADERS, limits=httpx.Limits(max_connections=CONC_IN_FLIGHT)
    )

    async def fetch(url: str) -> Any:
        r = await client.get(url)
        r.raise_for_status()
        return r.json()

    return AsyncPeer(base, fetch, client.aclose)


def make_aiohttp(base: str) -> AsyncPeer:
    import aiohttp

    session: list[Any] = []

    async def fetch(url: str) -> Any:
        if not session:  # a ClientSession must be made inside the running loop
            session.append(
                aiohttp.ClientSession(
                    headers=HEADERS, connector=aiohttp.TCPConnector(limit=CONC_IN_FLIGHT)
                )
            )
        async with session[0].get(url) as r:
            r.raise_for_status()
            return await r.json()

    async def close() -> None:
        if session:
            await session.pop().close()

    return AsyncPeer(base, fetch, close)


# name -> (factory, is async, is orgkit, description)
CLIENTS: dict[str, tuple[Callable[[str], Any], bool, bool, str]] = {
    "orgkit": (OrgkitSync, False, True, "orgkit.Client (blocking; threads for conc)"),
    "orgkit-async": (OrgkitAsync, True, True, "orgkit.AsyncClient (asyncio)"),
    "requests": (make_requests, False, False, "requests.Session + dataclasses (threads for conc)"),
    "httpx": (make_httpx_sync, False, False, "httpx.Client + dataclasses (threads for conc)"),
    "httpx-async": (make_httpx_async, True, False, "httpx.AsyncClient + dataclasses"),
    "aiohttp": (make_aiohttp, True, False, "aiohttp.ClientSession + dataclasses"),
}


# --- running -------------------------------------------------------------------


def scaled(full: int, scale: float) -> int:
    return max(1, -(-int(full * scale * 1000) // 1000))


class SyncRunner:
    def __init__(self, client: Any) -> None:
        self.c = client
        self.pool = ThreadPoolExecutor(max_workers=CONC_IN_FLIGHT)

    def run(self, workload: str, scale: float) -> int:
        c = self.c
        if workload == "seq":
            return sum(c.get(SEQ_ID) for _ in range(scaled(SEQ_REQUESTS, scale)))
        if workload == "conc":
            n = max(scaled(CONC_REQUESTS, scale), CONC_IN_FLIGHT)
            return sum(self.pool.map(c.get, (1 + i % CONC_IDS for i in range(n))))
        if workload == "paginate":
            n, total = c.walk(PAGE_LIMIT)
            if n != PAGINATE_TOTAL:
                raise RuntimeError(f"walked {n} items, expected {PAGINATE_TOTAL}")
            return total
        if workload == "bigpage":
            return sum(c.page(BIGPAGE_LIMIT) for _ in range(scaled(BIGPAGE_REQUESTS, scale)))
        raise ValueError(workload)

    def close(self) -> None:
        self.pool.shutdown()


class AsyncRunner:
    def __init__(self, client: Any) -> None:
        self.c = client

    async def run(self, workload: str, scale: float) -> int:
        c = self.c
        if workload == "seq":
            total = 0
            for _ in range(scaled(SEQ_REQUESTS, scale)):
                total += await c.get(SEQ_ID)
            return total
        if workload == "conc":
            n = max(scaled(CONC_REQUESTS, scale), CONC_IN_FLIGHT)
            ids = iter([1 + i % CONC_IDS for i in range(n)])
            sums = [0] * CONC_IN_FLIGHT

            async def worker(k: int) -> None:
                for i in ids:
                    sums[k] += await c.get(i)

            await asyncio.gather(*(worker(k) for k in range(CONC_IN_FLIGHT)))
            return sum(sums)
        if workload == "paginate":
            n, total = await c.walk(PAGE_LIMIT)
            if n != PAGINATE_TOTAL:
                raise RuntimeError(f"walked {n} items, expected {PAGINATE_TOTAL}")
            return total
        if workload == "bigpage":
            total = 0
            for _ in range(scaled(BIGPAGE_REQUESTS, scale)):
                total += await c.page(BIGPAGE_LIMIT)
            return total
        raise ValueError(workload)


def base_for(url: str, workload: str) -> str:
    return list_url(url, PAGINATE_TOTAL) if workload == "paginate" else url


class Timed:
    """One client prepared for one workload, with its timings so far."""

    def __init__(self, name: str, url: str, workload: str, loop: asyncio.AbstractEventLoop) -> None:
        factory, self.is_async, _, _ = CLIENTS[name]
        self.name, self.workload, self.loop = name, workload, loop
        client = factory(base_for(url, workload))
        self.runner: Any = AsyncRunner(client) if self.is_async else SyncRunner(client)
        self.seconds: list[float] = []
        self.checksums: list[int] = []

    def once(self, scale: float) -> int:
        if self.is_async:
            return self.loop.run_until_complete(self.runner.run(self.workload, scale))
        return self.runner.run(self.workload, scale)

    def timed(self) -> None:
        t = time.perf_counter()
        total = self.once(1.0)
        self.seconds.append(time.perf_counter() - t)
        self.checksums.append(total)

    def close(self) -> None:
        if self.is_async:
            aclose = getattr(self.runner.c, "aclose", None)
            if aclose is not None:
                self.loop.run_until_complete(aclose())
        else:
            self.runner.close()


# --- cold start ------------------------------------------------------------------
# name -> (is orgkit, code). Each run is a fresh `python -c`, timed from the
# code's first line to the client built (in process; what the library costs)
# and from spawn to exit (whole process, interpreter start included).
COLDSTART: dict[str, tuple[bool, str]] = {
    "orgkit": (True, "import orgkit; orgkit.Client('ourganize', base_url=URL, api_key=KEY)"),
    "orgkit-async": (
        True,
        "import orgkit; orgkit.AsyncClient('ourganize', base_url=URL, api_key=KEY)",
    ),
    "requests": (False, "import requests; requests.Session()"),
    "httpx": (False, "import httpx; httpx.Client()"),
    "aiohttp": (False, "import aiohttp"),  # a ClientSession needs a running event loop
    "python": (False, "pass"),  # the bare interpreter: the floor of "whole process"
}


def coldstart_once(url: str, name: str) -> tuple[float | None, float]:
    """One fresh process: (in-process ms or None for the bare interpreter, whole-process ms)."""
    code = COLDSTART[name][1]
    if name != "python":
        code = (
            f"import time\nURL, KEY = {url!r}, {API_KEY!r}\n_t0 = time.perf_counter()\n{code}\n"
            "print((time.perf_counter() - _t0) * 1000)"
        )
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    process_ms = (time.perf_counter() - t) * 1000
    if p.returncode != 0:
        raise RuntimeError(f"exit {p.returncode}: {p.stderr.strip()[-300:]}")
    return (float(p.stdout.split()[-1]) if name != "python" else None), process_ms


def run_coldstart(url: str, runs: int) -> list[dict[str, Any]]:
    """`runs` fresh processes per entry, interleaved, after one warm-up each (page cache)."""
    rows = {n: {"name": n, "orgkit": o, "code": c, "inproc_ms": [], "process_ms": []}
            for n, (o, c) in COLDSTART.items()}
    for r in range(runs + 1):
        for name, row in rows.items():
            if "error" in row:
                continue
            try:
                inproc, process = coldstart_once(url, name)
            except Exception as e:  # noqa: BLE001 - reported, not fatal
                row["error"] = repr(e)
                continue
            if r > 0:
                if inproc is not None:
                    row["inproc_ms"].append(inproc)
                row["process_ms"].append(process)
    for row in rows.values():
        ms = sorted(row["inproc_ms"] or row["process_ms"]) or [float("nan")]
        print(f"python cold start {row['name']:>12}: {ms[len(ms) // 2]:6.1f} ms "
              f"({'in process' if row['inproc_ms'] else 'whole process'})"
              f"{'  ' + row['error'] if 'error' in row else ''}", file=sys.stderr)
    return list(rows.values())


def vmhwm_kb() -> int | None:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return None


def cmd_mem(args: argparse.Namespace) -> None:
    factory, is_async, _, _ = CLIENTS[args.client]
    client = factory(list_url(args.url, args.total))
    t = time.perf_counter()
    if is_async:
        n, total = asyncio.run(client.walk(PAGE_LIMIT))
    else:
        n, total = client.walk(PAGE_LIMIT)
    out = {
        "total": args.total,
        "items": n,
        "checksum": total,
        "expected": args.expected,
        "seconds": time.perf_counter() - t,
        "vmhwm_kb": vmhwm_kb(),
    }
    print(json.dumps(out), flush=True)
    os._exit(0)  # skip interpreter teardown (unclosed sessions' warnings)


def cmd_run(args: argparse.Namespace) -> None:
    clients = [c for c in args.clients.split(",") if c]
    workloads = [w for w in args.workloads.split(",") if w]
    totals = [int(t) for t in args.memory.split(",") if t]
    results: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    expected_all = expected_checksums(args.url, totals)
    available = []
    for name in clients:
        try:
            CLIENTS[name][0](args.url)  # imports the library, builds a client
            available.append(name)
        except Exception as e:  # noqa: BLE001 - reported, not fatal
            errors.append({"client": name, "workload": "all", "error": f"unavailable: {e!r}"})
            print(f"python {name:>12}: unavailable: {e!r}", file=sys.stderr)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    for workload in workloads:
        ops, unit = SPECS[workload]
        expected = expected_all[workload]
        # Repetitions interleave the clients (a, b, c, a, b, c, …) so that load
        # from elsewhere on the machine drifts over all of them alike.
        live: list[Timed] = []
        for name in available:
            try:
                t = Timed(name, args.url, workload, loop)
                t.once(0.2)  # warm-up
                live.append(t)
            except Exception as e:  # noqa: BLE001
                errors.append({"client": name, "workload": workload, "error": repr(e)})
                print(f"python {name:>12} {workload:>9}: FAILED {e!r}", file=sys.stderr)
        for _ in range(args.reps):
            for t in list(live):
                try:
                    t.timed()
                except Exception as e:  # noqa: BLE001
                    errors.append({"client": t.name, "workload": workload, "error": repr(e)})
                    print(f"python {t.name:>12} {workload:>9}: FAILED {e!r}", file=sys.stderr)
                    live.remove(t)
        for t in live:
            t.close()
            r = {"client": t.name, "workload": workload, "ops": ops, "unit": unit,
                 "expected": expected, "seconds": t.seconds, "checksums": t.checksums}
            results.append(r)
            rates = sorted(ops / s for s in t.seconds)
            ok = all(c == expected for c in t.checksums)
            print(
                f"python {t.name:>12} {workload:>9}: {rates[len(rates) // 2]:10.0f} {unit} "
                f"(min {rates[0]:.0f}, max {rates[-1]:.0f}){'' if ok else '  CHECKSUM MISMATCH'}",
                file=sys.stderr,
            )
    memory = []
    for name in available:
        for total in totals:
            p = subprocess.run(
                [sys.executable, os.path.abspath(__file__), "mem", "--client", name,
                 "--url", args.url, "--total", str(total),
                 "--expected", str(expected_all["list"][str(total)])],
                capture_output=True, text=True,
            )
            try:
                m = json.loads(p.stdout.strip().splitlines()[-1])
            except (IndexError, ValueError):
                errors.append({"client": name, "workload": f"memory {total}",
                               "error": f"child failed ({p.returncode}): {p.stderr[-500:]}"})
                continue
            m["client"] = name
            memory.append(m)
            print(f"python {name:>12} memory {total:>6}: {m}", file=sys.stderr)
    coldstart = run_coldstart(args.url, args.coldstart) if args.coldstart > 0 else []
    import platform

    versions = {}
    for mod in ("orgkit", "requests", "httpx", "aiohttp"):
        try:
            versions[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001
            pass
    doc = {
        "language": "python",
        "runtime": f"CPython {platform.python_version()}; "
        + ", ".join(f"{k} {v}" for k, v in versions.items()),
        "clients": [
            {"name": n, "orgkit": CLIENTS[n][2], "description": CLIENTS[n][3]} for n in clients
        ],
        "results": results,
        "memory": memory,
        "coldstart": coldstart,
        "errors": errors,
    }
    text = json.dumps(doc, indent=2) + "\n"
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("--url", required=True)
    run.add_argument("--reps", type=int, default=3)
    run.add_argument("--out")
    run.add_argument("--clients", default=",".join(CLIENTS))
    run.add_argument("--workloads", default=",".join(WORKLOADS))
    run.add_argument("--memory", default=",".join(map(str, MEMORY_TOTALS)))
    run.add_argument("--coldstart", type=int, default=15,
                     help="fresh processes per cold-start entry (0: none)")
    mem = sub.add_parser("mem")
    mem.add_argument("--client", required=True, choices=list(CLIENTS))
    mem.add_argument("--url", required=True)
    mem.add_argument("--total", type=int, required=True)
    mem.add_argument("--expected", type=int, help="the list's checksum (from the server)")
    args = p.parse_args()
    if args.command == "run":
        cmd_run(args)
    else:
        cmd_mem(args)


if __name__ == "__main__":
    main()
