"""The coroutine every ``AsyncClient`` call returns (used by the native extension)."""

from __future__ import annotations

from typing import Any, Awaitable, Callable


async def run(start: Callable[[], Awaitable[Any]]) -> Any:
    # `start` hands the Rust future to the extension's runtime; awaiting the
    # asyncio future it returns is where a cancellation reaches Rust.
    return await start()
