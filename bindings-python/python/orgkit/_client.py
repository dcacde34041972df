"""``orgkit.Client`` (blocking) and ``orgkit.AsyncClient`` (asyncio): a
native client, default request options, and the generated resources."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from . import _logging
from ._core import _options
from ._native import NativeClient, RawResponse
from ._resources import (
    _AsyncResources,
    _AsyncResourcesWithRawResponse,
    _Resources,
    _ResourcesWithRawResponse,
)

if TYPE_CHECKING:
    from .models import RateLimit

__all__ = ["Client", "AsyncClient"]

_Self = TypeVar("_Self", bound="_Base")


class _Base:
    __slots__ = ("_native", "_defaults")

    _native: NativeClient
    _defaults: Mapping[str, Any] | None

    def __init__(
        self,
        provider: str,
        base_url: str | None = None,
        *,
        token: str | None = None,
        api_key: str | None = None,
        session_cookie: str | None = None,
        timeout: float | None = None,
        deadline: float | None = None,
        max_retries: int | None = None,
        user_agent: str | None = None,
        headers: Mapping[str, str] | None = None,
        idempotency_keys: bool = False,
        system_roots: bool = False,
    ) -> None:
        """A client of ``provider`` (``"ourganize"``, ``"orgstack"``, ``"achieveapex"``,
        ``"kaana"`` or ``"pm415"``).

        Credentials not given are read from ``ORGKIT_<PROVIDER>_TOKEN``,
        ``_API_KEY`` or ``_SESSION_COOKIE``, and the base URL from
        ``ORGKIT_<PROVIDER>_BASE_URL``. ``timeout`` is per attempt and
        ``deadline`` for the whole call with its retries, both in seconds;
        ``max_retries`` defaults to 2. A bad option raises
        ``InvalidArgumentError`` naming it.
        """
        self._native = NativeClient(
            provider,
            base_url,
            token=token,
            api_key=api_key,
            session_cookie=session_cookie,
            timeout=timeout,
            deadline=deadline,
            max_retries=max_retries,
            user_agent=user_agent,
            headers=headers,
            idempotency_keys=idempotency_keys,
            system_roots=system_roots,
            logger=_logging.SINK,
        )
        self._defaults = None

    @property
    def provider(self) -> str:
        """The provider id: ``"pm415"``, ``"ourganize"``, …."""
        return self._native.provider

    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
        return self._native.base_url

    @property
    def rate_limit(self) -> RateLimit | None:
        """The rate-limit state the last response reported, or ``None``."""
        return self._native.rate_limit

    @property
    def closed(self) -> bool:
        """Whether ``close()`` was called."""
        return self._native.closed

    def capabilities(self) -> list[str]:
        """The operations this provider supports, like ``"organizations.list"``."""
        return self._native.capabilities()

    def with_options(
        self: _Self,
        *,
        timeout: float | None = None,
        deadline: float | None = None,
        max_retries: int | None = None,
        headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> _Self:
        """A copy of this client whose calls use these request options (a
        call's own still win). Cheap: it shares the connection pool,
        credentials and rate-limit state."""
        copy = object.__new__(type(self))
        copy._native = self._native
        copy._defaults = _options(
            self._defaults, (timeout, deadline, max_retries, headers, idempotency_key)
        )
        return copy

    def close(self) -> None:
        """Drops idle connections; later calls raise ``InvalidArgumentError`` at once."""
        self._native.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(provider={self.provider!r}, base_url={self.base_url!r})"


class Client(_Base, _Resources):
    """A blocking client: every call waits with the GIL released.

    ``with Client(...) as client:`` closes it at the end of the block.
    """

    __slots__ = ()

    @property
    def with_raw_response(self) -> _RawView:
        """The same resources, each call returning a ``RawResponse`` (status
        code, headers, request id, attempts) whose ``parse()`` gives the result."""
        return _RawView(self)

    def request(
        self,
        method: str,
        path: str,
        json: Any = None,
        *,
        timeout: float | None = None,
        deadline: float | None = None,
        max_retries: int | None = None,
        headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> Any:
        """Any request the typed surface lacks, with the same auth, retries
        and errors; returns the JSON answer (``None`` when empty)."""
        opts = _options(self._defaults, (timeout, deadline, max_retries, headers, idempotency_key))
        return self._native.request(method, path, json, opts)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncClient(_Base, _AsyncResources):
    """An asyncio client: every call returns a coroutine; lists are async iterators.

    ``async with AsyncClient(...) as client:`` closes it at the end of the block.
    """

    __slots__ = ()

    @property
    def with_raw_response(self) -> _AsyncRawView:
        """The same resources, each call giving a ``RawResponse`` (status
        code, headers, request id, attempts) whose ``parse()`` gives the result."""
        return _AsyncRawView(self)

    async def request(
        self,
        method: str,
        path: str,
        json: Any = None,
        *,
        timeout: float | None = None,
        deadline: float | None = None,
        max_retries: int | None = None,
        headers: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> Any:
        """Any request the typed surface lacks, with the same auth, retries
        and errors; the JSON answer (``None`` when empty)."""
        opts = _options(self._defaults, (timeout, deadline, max_retries, headers, idempotency_key))
        return await self._native.request_async(method, path, json, opts)

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()


class _RawView(_ResourcesWithRawResponse):
    """``client.with_raw_response``: the resources, returning raw responses."""

    __slots__ = ("_native", "_defaults")

    def __init__(self, client: _Base) -> None:
        self._native = client._native
        self._defaults = client._defaults

    def request(self, method: str, path: str, json: Any = None) -> RawResponse[Any]:
        """A raw request, with its HTTP answer."""
        result: RawResponse[Any] = self._native.request(method, path, json, self._defaults, True)
        return result


class _AsyncRawView(_AsyncResourcesWithRawResponse):
    """``client.with_raw_response`` of an ``AsyncClient``."""

    __slots__ = ("_native", "_defaults")

    def __init__(self, client: _Base) -> None:
        self._native = client._native
        self._defaults = client._defaults

    async def request(self, method: str, path: str, json: Any = None) -> RawResponse[Any]:
        """A raw request, with its HTTP answer."""
        result: RawResponse[Any] = await self._native.request_async(
            method, path, json, self._defaults, True
        )
        return result
