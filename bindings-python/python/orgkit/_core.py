"""What every generated resource class is built on: how a method hands its
operation and arguments to the native client in each way of calling, and
how a client's default request options (``with_options``) combine with a
call's own."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Coroutine, TypeVar

if TYPE_CHECKING:
    from ._native import NativeClient, Operation

_T = TypeVar("_T")
_Co = Coroutine[Any, Any, _T]

# (timeout, deadline, max_retries, headers, idempotency_key), as each method takes them.
_Given = tuple[
    "float | None", "float | None", "int | None", "Mapping[str, str] | None", "str | None"
]
_NAMES = ("timeout", "deadline", "max_retries", "headers", "idempotency_key")


def _options(defaults: Mapping[str, Any] | None, given: _Given) -> dict[str, Any] | None:
    """A call's request options: its own where given, else the client's."""
    if defaults is None and all(v is None for v in given):
        return None
    out: dict[str, Any] = dict(defaults or {})
    for name, value in zip(_NAMES, given):
        if value is None:
            continue
        if name == "headers" and "headers" in out and isinstance(value, Mapping):
            out["headers"] = {**out["headers"], **value}
        else:
            out[name] = value
    return out


class _Resource:
    __slots__ = ("_native", "_scope", "_defaults")

    def __init__(
        self, native: NativeClient, scope: dict[str, Any], defaults: Mapping[str, Any] | None
    ) -> None:
        self._native = native
        self._scope = scope
        self._defaults = defaults

    def _args(self, args: dict[str, Any]) -> dict[str, Any]:
        if self._scope:
            return {**args, **self._scope}
        return args

    def __repr__(self) -> str:
        scope = ", ".join(f"{k}={v!r}" for k, v in self._scope.items())
        return f"<{type(self).__name__}({scope}) of {self._native!r}>"


class _Blocking(_Resource):
    __slots__ = ()

    def _run(self, operation: Operation, args: dict[str, Any], given: _Given) -> Any:
        return self._native.call(operation, self._args(args), _options(self._defaults, given))

    def _list(self, operation: Operation, args: dict[str, Any], given: _Given) -> Any:
        return self._native.list(operation, self._args(args), _options(self._defaults, given))


class _Async(_Resource):
    __slots__ = ()

    def _run(self, operation: Operation, args: dict[str, Any], given: _Given) -> Any:
        return self._native.call_async(operation, self._args(args), _options(self._defaults, given))

    def _list(self, operation: Operation, args: dict[str, Any], given: _Given) -> Any:
        return self._native.list_async(operation, self._args(args), _options(self._defaults, given))


class _BlockingRaw(_Resource):
    __slots__ = ()

    def _run(self, operation: Operation, args: dict[str, Any], given: _Given) -> Any:
        return self._native.call(operation, self._args(args), _options(self._defaults, given), True)


class _AsyncRaw(_Resource):
    __slots__ = ()

    def _run(self, operation: Operation, args: dict[str, Any], given: _Given) -> Any:
        return self._native.call_async(operation, self._args(args), _options(self._defaults, given), True)


class _Accessors:
    """Gives a client its resources (generated subclasses add one per resource)."""

    __slots__ = ()
    _native: NativeClient
    _defaults: Mapping[str, Any] | None
