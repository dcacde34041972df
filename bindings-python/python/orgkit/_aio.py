"""The coroutine every ``AsyncClient`` call returns (used by the native extension)."""

from __future__ import annotations

import asyncio
import collections.abc
import weakref
from typing import Any

from . import _native

# An already finished coroutine (an item of a page already fetched).
collections.abc.Coroutine.register(_native._Ready)

# One completion hub per event loop: the extension's worker threads queue
# finished calls there and wake the loop through a socket it watches, so they
# never wait for the GIL; the loop sets every finished call's result at once.
# `None` for a loop that cannot watch a file descriptor (then each call goes
# through pyo3-async-runtimes instead).
_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _native._Hub | None] = (
    weakref.WeakKeyDictionary()
)
_last: tuple[weakref.ReferenceType[asyncio.AbstractEventLoop], _native._Hub | None] | None = None


def _hub(loop: asyncio.AbstractEventLoop) -> _native._Hub | None:
    global _last
    last = _last
    if last is not None and last[0]() is loop:
        return last[1]
    if loop in _hubs:
        hub = _hubs[loop]
    else:
        hub = _native._Hub()
        try:
            loop.add_reader(hub.fileno(), hub.drain)
        except NotImplementedError:
            hub = None
        _hubs[loop] = hub
    _last = (weakref.ref(loop), hub)
    return hub


async def run(call: _native._Call) -> Any:
    loop = asyncio.get_running_loop()
    hub = _hub(loop)
    if hub is None:
        # Hands the Rust future to the extension's runtime; awaiting the
        # asyncio future it returns is where a cancellation reaches Rust.
        return await call()
    future = loop.create_future()
    call.spawn(hub, future)
    try:
        return await future
    except BaseException:
        call.cancel()  # a cancellation drops the Rust future, which ends the call
        raise
