"""The hand-written parts of ``orgkit.models``: the open-enum and model
base classes, and the models that are not the core's (a page of a list,
the HTTP side of an answer, a verified webhook event)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, Union

if TYPE_CHECKING:
    from .models import Invite, Project, RateLimit, Task, WebhookEventType

Id = Union[int, str]
"""An identifier: providers use integers (of any size) or strings."""

T = TypeVar("T")


class _OpenEnum(str):
    """A ``str`` whose known values are class constants; others are kept as sent."""

    __slots__ = ()
    _known: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def _define(cls, **values: str) -> None:
        for attr, value in values.items():
            setattr(cls, attr, cls(value))
        cls._known = tuple(values.values())

    @property
    def is_known(self) -> bool:
        """Whether this version of orgkit knows the value."""
        return str(self) in type(self)._known

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str.__repr__(self)})"


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, _OpenEnum):
        return str(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Model:
    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The model as plain dicts, lists and scalars (timestamps stay ``datetime``)."""
        result: dict[str, Any] = _plain(self)
        return result


@dataclass(kw_only=True)
class ResponseInfo(_Model):
    """The HTTP side of an answer: what ``page.response`` holds."""

    status_code: int
    headers: dict[str, str] = field(default_factory=dict)
    request_id: str | None = None
    attempts: int = 1
    rate_limit: RateLimit | None = None


@dataclass(kw_only=True)
class Page(_Model, Generic[T]):
    """One page of a list: its ``items``, the ``total`` when the provider
    says, whether a page follows, and the HTTP answer it came in."""

    items: list[T] = field(default_factory=list)
    total: int | None = None
    has_next: bool = False
    response: ResponseInfo | None = None

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


@dataclass(kw_only=True)
class WebhookEvent(_Model):
    """A verified webhook delivery. ``data`` is a typed model when the event's
    type is known and its data decodes, else the data as sent."""

    id: str
    event_type: WebhookEventType
    timestamp: datetime
    data: Project | Task | Invite | Any
    payload: Any = field(repr=False)  # raw, may hold an invite token
