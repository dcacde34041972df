"""The extension's runtime: GIL release, cancellation, fork, interpreter exit."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import orgkit
from conftest import OURGANIZE_ADMIN_KEY, Mock


def test_blocking_call_releases_the_gil(mock: Mock) -> None:
    mock.fault({"delay_ms": 800}, provider="ourganize", method="GET", path="/projects")
    c = mock.client("ourganize")
    ticks = 0
    stop = threading.Event()

    def spin() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.005)

    t = threading.Thread(target=spin)
    t.start()
    started = time.monotonic()
    try:
        assert c.projects.get(1).id == 1
    finally:
        stop.set()
        t.join()
    assert time.monotonic() - started >= 0.7
    assert ticks > 50


def test_ctrl_c_interrupts_a_blocking_call_and_the_client_goes_on(mock: Mock) -> None:
    mock.fault({"delay_ms": 5000}, provider="ourganize", method="GET", path="/projects/1")
    c = mock.client("ourganize")
    main = threading.main_thread().ident
    assert main is not None and threading.get_ident() == main
    timer = threading.Timer(0.3, lambda: signal.pthread_kill(main, signal.SIGINT))
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            c.projects.get(1)
    finally:
        timer.cancel()
    assert 0.25 <= time.monotonic() - started < 2.0
    # The interrupted call is gone; the next one is answered.
    assert c.projects.get(2).id == 2


def test_threads_share_a_client(mock: Mock) -> None:
    c = mock.client("ourganize")
    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(lambda i: c.projects.get(i).id, range(1, 33)))
    assert ids == list(range(1, 33))


def test_the_garbage_collector_stays_as_the_program_set_it(mock: Mock) -> None:
    """Results are built with Python's cyclic collector paused; whatever the
    program had chosen is what it finds after every kind of result."""
    c = mock.client("ourganize")
    was_enabled = gc.isenabled()
    try:
        for enabled in (True, False, True):
            if enabled:
                gc.enable()
            else:
                gc.disable()
            assert [p.id for p in c.projects.list(limit=2)][:3] == [1, 2, 3]  # pages
            assert gc.isenabled() is enabled
            assert c.projects.get(1).id == 1  # one model
            assert gc.isenabled() is enabled
            assert c.with_raw_response.projects.get(1).parse().id == 1
            assert gc.isenabled() is enabled
            with pytest.raises(orgkit.NotFoundError):
                c.projects.get(999_999)
            assert gc.isenabled() is enabled
    finally:
        if was_enabled:
            gc.enable()
        else:
            gc.disable()


@pytest.mark.asyncio
async def test_the_async_client_leaves_the_collector_alone(mock: Mock) -> None:
    c = mock.aclient("ourganize")
    gc.disable()
    try:
        assert [p.id async for p in c.projects.list(limit=2)][:3] == [1, 2, 3]
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert (await c.projects.get(1)).id == 1
    assert gc.isenabled()


@pytest.mark.asyncio
async def test_async_calls_run_concurrently(mock: Mock) -> None:
    mock.fault({"delay_ms": 500}, provider="ourganize", times=5)
    c = mock.aclient("ourganize")
    started = time.monotonic()
    got = await asyncio.gather(*(c.projects.get(i) for i in range(1, 6)))
    assert [p.id for p in got] == [1, 2, 3, 4, 5]
    assert time.monotonic() - started < 2.0


@pytest.mark.asyncio
async def test_cancelling_a_task_cancels_the_request(mock: Mock) -> None:
    mock.fault({"delay_ms": 3000}, provider="ourganize", method="GET", path="/projects")
    c = mock.aclient("ourganize")
    task = asyncio.create_task(c.projects.get(1))
    await asyncio.sleep(0.3)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    # The client still works afterwards.
    assert (await c.projects.get(2)).id == 2
    # wait_for's timeout cancels the same way.
    mock.fault({"delay_ms": 3000}, provider="ourganize", method="GET", path="/projects")
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(c.projects.get(3), 0.3)
    assert (await c.projects.get(4)).id == 4


@pytest.mark.asyncio
async def test_coroutines_start_only_when_awaited(mock: Mock) -> None:
    c = mock.aclient("ourganize")
    pending = c.projects.get(1)
    await asyncio.sleep(0.1)
    assert mock.requests(provider="ourganize") == []
    assert (await pending).id == 1
    with pytest.raises(RuntimeError):
        await pending


def test_async_client_is_usable_without_a_running_loop(mock: Mock) -> None:
    c = mock.aclient("ourganize")
    coro = c.projects.get(1)  # no loop yet: nothing starts

    async def main() -> int:
        project = await coro
        return int(project.id)

    assert asyncio.run(main()) == 1
    assert asyncio.run(c.projects.get(2)).id == 2


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_fork_then_request(mock: Mock) -> None:
    c = mock.client("ourganize")
    assert c.projects.get(1).id == 1  # the parent's runtime and pool are in use
    pid = os.fork()
    if pid == 0:  # child
        code = 1
        try:
            code = 0 if c.projects.get(2).id == 2 else 3
            code = code or (0 if len(list(c.projects.list(limit=20))) == 45 else 4)
            # A page this large is freed by a task on the runtime: the
            # child's own, rebuilt by its first call.
            code = code or (0 if len(c.projects.list(limit=45).first_page().items) == 45 else 6)
        except BaseException:
            code = 5
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    # The parent is unaffected.
    assert c.projects.get(3).id == 3


def run_once(url: str) -> int:
    script = (
        "import orgkit\n"
        f"c = orgkit.Client('ourganize', {url + '/ourganize'!r}, api_key={OURGANIZE_ADMIN_KEY!r})\n"
        "c.projects.get(1)\n"
    )
    return subprocess.run([sys.executable, "-c", script], timeout=60).returncode


def test_interpreter_exits_cleanly(mock: Mock) -> None:
    runs = int(os.environ.get("ORGKIT_EXIT_RUNS", "200"))
    with ThreadPoolExecutor(16) as pool:
        codes = list(pool.map(run_once, [mock.url] * runs))
    failures = [c for c in codes if c != 0]
    assert failures == [], f"{len(failures)} of {runs} runs failed: {sorted(set(failures))}"


def test_interpreter_exits_cleanly_right_after_a_large_page(mock: Mock) -> None:
    # A page of 32 items or more has its Rust copies freed by a task on the
    # runtime, which the atexit hook may be shutting down at that moment.
    script = (
        "import orgkit\n"
        f"c = orgkit.Client('ourganize', {mock.base('ourganize')!r}, api_key={OURGANIZE_ADMIN_KEY!r})\n"
        "assert [p.id for p in c.projects.list(limit=45).first_page().items] == list(range(1, 46))\n"
    )
    for _ in range(10):
        assert subprocess.run([sys.executable, "-c", script], timeout=60).returncode == 0


def test_async_interpreter_exit(mock: Mock) -> None:
    script = (
        "import asyncio, orgkit\n"
        f"c = orgkit.AsyncClient('ourganize', {mock.base('ourganize')!r}, api_key={OURGANIZE_ADMIN_KEY!r})\n"
        "async def main():\n"
        "    t = asyncio.create_task(c.projects.get(1))\n"
        "    await t\n"
        "    asyncio.ensure_future(c.projects.get(2))  # still running at exit\n"
        "asyncio.run(main())\n"
    )
    for _ in range(10):
        assert subprocess.run([sys.executable, "-c", script], timeout=60).returncode == 0
