"""Lets one test body drive both clients: `await call(x)` and `await collect(it)`."""

from __future__ import annotations

import inspect
from typing import Any

import orgkit


async def call(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


async def collect(items: Any) -> list[Any]:
    if hasattr(items, "__aiter__"):
        return [x async for x in items]
    return list(items)


def make(mock: Any, mode: str, provider: str, **options: Any) -> Any:
    if mode == "sync":
        client: orgkit.Client | orgkit.AsyncClient = mock.client(provider, **options)
    else:
        client = mock.aclient(provider, **options)
    return client
