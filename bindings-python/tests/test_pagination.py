"""Lazy lists across pages: items, .pages(), .first_page(), both clients."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

import orgkit
from conftest import Mock


def test_items_are_fetched_lazily(mock: Mock) -> None:
    c = mock.client("ourganize")
    it = c.projects.list(limit=20)
    assert mock.requests(provider="ourganize") == []
    first = [next(it) for _ in range(20)]
    assert len(mock.requests(provider="ourganize")) == 1
    next(it)
    assert len(mock.requests(provider="ourganize")) == 2
    rest = list(it)
    assert len(first) + 1 + len(rest) == 45
    pages = [r["query"].get("page") for r in mock.requests(provider="ourganize")]
    assert pages == [None, "2", "3"] or pages == ["1", "2", "3"]


def test_pages_and_first_page(mock: Mock) -> None:
    c = mock.client("ourganize")
    pages = list(c.projects.list(limit=20).pages())
    assert [len(p.items) for p in pages] == [20, 20, 5]
    assert all(p.total == 45 for p in pages)
    assert [p.has_next for p in pages] == [True, True, False]
    assert isinstance(pages[0], orgkit.Page) and len(pages[0]) == 20
    first = c.projects.list(limit=20).first_page()
    assert [p.id for p in first] == list(range(1, 21)) and first.total == 45


def test_offset_paging(mock: Mock) -> None:
    c = mock.client("achieveapex")
    pages = list(c.organizations.list(limit=10).pages())
    assert [len(p.items) for p in pages] == [10, 10, 5]
    ids = [o.id for p in pages for o in p.items]
    assert ids == sorted(set(ids)) and len(ids) == 25


def test_single_page_providers(mock: Mock) -> None:
    c = mock.client("kaana")
    pages = list(c.organizations.list().pages())
    assert len(pages) == 1 and pages[0].total == 3 and not pages[0].has_next


def test_error_mid_walk_can_be_resumed(mock: Mock) -> None:
    c = mock.client("ourganize", max_retries=0)
    it = c.projects.list(limit=20)
    assert len([next(it) for _ in range(20)]) == 20
    mock.fault({"status": 500}, provider="ourganize", method="GET", path="/projects")
    with pytest.raises(orgkit.ServerError):
        next(it)
    assert len(list(it)) == 25


def test_empty_list(mock: Mock) -> None:
    c = mock.client("kaana")
    assert list(c.documents(3).list()) == []
    assert list(c.documents(3).list().pages()) == []


@pytest.mark.asyncio
async def test_async_iteration(mock: Mock) -> None:
    c = mock.aclient("ourganize")
    ids = [p.id async for p in c.projects.list(limit=20)]
    assert ids == list(range(1, 46))
    pages = [p async for p in c.projects.list(limit=20).pages()]
    assert [len(p.items) for p in pages] == [20, 20, 5]
    first = await c.projects.list(limit=20).first_page()
    assert len(first.items) == 20 and first.has_next


@pytest.mark.asyncio
async def test_async_iteration_stops_early(mock: Mock) -> None:
    c = mock.aclient("ourganize")
    seen = 0
    async for _ in c.projects.list(limit=20):
        seen += 1
        if seen == 3:
            break
    assert len(mock.requests(provider="ourganize")) == 1


@pytest.mark.asyncio
async def test_async_items_of_a_fetched_page_are_coroutines(mock: Mock) -> None:
    # Items already fetched come back without a trip through the runtime, as
    # finished coroutines: awaitable, usable as tasks, and awaited only once.
    c = mock.aclient("ourganize")
    it = c.projects.list(limit=20)
    assert (await it.__anext__()).id == 1
    second = it.__anext__()
    assert asyncio.iscoroutine(second)
    assert (await asyncio.create_task(second)).id == 2
    with pytest.raises(RuntimeError):
        await second
    third = it.__anext__()
    third.close()  # closed unawaited: its item is handed back
    ids = [p.id async for p in it]
    assert ids == list(range(3, 46))
    assert len(mock.requests(provider="ourganize")) == 3


@pytest.mark.asyncio
async def test_models_are_built_like_the_dataclasses(mock: Mock) -> None:
    c = mock.aclient("ourganize")
    page = await c.projects.list(limit=20).first_page()
    for p in page.items:
        assert p == orgkit.Project(**vars(p))
        assert list(vars(p)) == [f.name for f in dataclasses.fields(orgkit.Project)]
