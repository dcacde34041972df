"""The unified models every provider's answers decode into.

Models are plain dataclasses built by the native extension: attributes in
snake_case, timestamps as timezone-aware :class:`datetime.datetime`, ids as
``int`` or ``str`` exactly as the provider sent them, open enumerations as
``str`` subclasses (an unknown value is kept, never an error), and the
provider's fields orgkit has no name for in ``extra``. Secrets (invite
tokens, session tokens) never appear in ``repr``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from collections.abc import Iterator
from typing import Any, ClassVar, Generic, TypeVar, Union

__all__ = [
    "Id",
    "Role",
    "OrganizationType",
    "OrganizationStatus",
    "SubscriptionStatus",
    "ProjectStatus",
    "TaskStatus",
    "InviteStatus",
    "SortOrder",
    "WebhookEventType",
    "Organization",
    "Member",
    "Invite",
    "ProjectSettings",
    "Project",
    "Task",
    "Document",
    "User",
    "Session",
    "RateLimit",
    "Page",
    "WebhookEvent",
]

Id = Union[int, str]
"""An identifier: providers use integers or strings."""

T = TypeVar("T")


class _OpenEnum(str):
    """A ``str`` whose known values are class constants; others are kept as sent."""

    __slots__ = ()
    _known: ClassVar[tuple[str, ...]] = ()

    @property
    def is_known(self) -> bool:
        """Whether this version of orgkit knows the value."""
        return str(self) in type(self)._known

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str.__repr__(self)})"


def _constants(cls: type[_OpenEnum], **values: str) -> None:
    for attr, value in values.items():
        setattr(cls, attr, cls(value))
    cls._known = tuple(values.values())


class Role(_OpenEnum):
    """A person's role in an organization (pm415, achieveapex, kaana)."""

    __slots__ = ()
    OWNER: ClassVar[Role]
    ADMIN: ClassVar[Role]
    MEMBER: ClassVar[Role]
    PENDING: ClassVar[Role]


class OrganizationType(_OpenEnum):
    __slots__ = ()
    CUSTOMER: ClassVar[OrganizationType]
    PARTNER: ClassVar[OrganizationType]
    VENDOR: ClassVar[OrganizationType]
    INTERNAL: ClassVar[OrganizationType]


class OrganizationStatus(_OpenEnum):
    __slots__ = ()
    ACTIVE: ClassVar[OrganizationStatus]
    INACTIVE: ClassVar[OrganizationStatus]
    SUSPENDED: ClassVar[OrganizationStatus]
    ARCHIVED: ClassVar[OrganizationStatus]


class SubscriptionStatus(_OpenEnum):
    __slots__ = ()
    ACTIVE: ClassVar[SubscriptionStatus]
    TRIALING: ClassVar[SubscriptionStatus]
    PAST_DUE: ClassVar[SubscriptionStatus]
    CANCELED: ClassVar[SubscriptionStatus]
    INACTIVE: ClassVar[SubscriptionStatus]


class ProjectStatus(_OpenEnum):
    __slots__ = ()
    ACTIVE: ClassVar[ProjectStatus]
    ARCHIVED: ClassVar[ProjectStatus]
    COMPLETED: ClassVar[ProjectStatus]
    ON_HOLD: ClassVar[ProjectStatus]


class TaskStatus(_OpenEnum):
    __slots__ = ()
    TODO: ClassVar[TaskStatus]
    ACTIVE: ClassVar[TaskStatus]
    IN_PROGRESS: ClassVar[TaskStatus]
    COMPLETED: ClassVar[TaskStatus]
    CANCELLED: ClassVar[TaskStatus]


class InviteStatus(_OpenEnum):
    __slots__ = ()
    PENDING: ClassVar[InviteStatus]
    ACCEPTED: ClassVar[InviteStatus]
    EXPIRED: ClassVar[InviteStatus]
    REVOKED: ClassVar[InviteStatus]


class SortOrder(_OpenEnum):
    __slots__ = ()
    ASC: ClassVar[SortOrder]
    DESC: ClassVar[SortOrder]


class WebhookEventType(_OpenEnum):
    __slots__ = ()
    PROJECT_CREATED: ClassVar[WebhookEventType]
    PROJECT_UPDATED: ClassVar[WebhookEventType]
    TASK_CREATED: ClassVar[WebhookEventType]
    TASK_UPDATED: ClassVar[WebhookEventType]
    TASK_COMPLETED: ClassVar[WebhookEventType]
    USER_INVITED: ClassVar[WebhookEventType]


_constants(Role, OWNER="owner", ADMIN="admin", MEMBER="member", PENDING="pending")
_constants(
    OrganizationType, CUSTOMER="customer", PARTNER="partner", VENDOR="vendor", INTERNAL="internal"
)
_constants(
    OrganizationStatus,
    ACTIVE="active",
    INACTIVE="inactive",
    SUSPENDED="suspended",
    ARCHIVED="archived",
)
_constants(
    SubscriptionStatus,
    ACTIVE="active",
    TRIALING="trialing",
    PAST_DUE="past_due",
    CANCELED="canceled",
    INACTIVE="inactive",
)
_constants(
    ProjectStatus, ACTIVE="active", ARCHIVED="archived", COMPLETED="completed", ON_HOLD="on_hold"
)
_constants(
    TaskStatus,
    TODO="todo",
    ACTIVE="active",
    IN_PROGRESS="in_progress",
    COMPLETED="completed",
    CANCELLED="cancelled",
)
_constants(
    InviteStatus, PENDING="pending", ACCEPTED="accepted", EXPIRED="expired", REVOKED="revoked"
)
_constants(SortOrder, ASC="asc", DESC="desc")
_constants(
    WebhookEventType,
    PROJECT_CREATED="project.created",
    PROJECT_UPDATED="project.updated",
    TASK_CREATED="task.created",
    TASK_UPDATED="task.updated",
    TASK_COMPLETED="task.completed",
    USER_INVITED="user.invited",
)


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
class Organization(_Model):
    id: Id
    name: str | None = None
    type: OrganizationType | None = None
    status: OrganizationStatus | None = None
    subscription_status: SubscriptionStatus | None = None
    industry: str | None = None
    website: str | None = None
    description: str | None = None
    metadata: Any = None
    roles: list[Role] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Member(_Model):
    user_id: Id
    organization_id: Id | None = None
    role: Role | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    is_active: bool | None = None
    membership_id: Id | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Invite(_Model):
    """An invitation; ``token`` and ``confirm_url`` are secrets and stay out of ``repr``."""

    id: Id | None = None
    email: str | None = None
    organization: Organization | None = None
    organization_name: str | None = None
    role: Role | None = None
    token: str | None = field(default=None, repr=False)
    confirm_url: str | None = field(default=None, repr=False)
    expires_at: datetime | None = None
    status: InviteStatus | None = None
    created_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class ProjectSettings(_Model):
    is_public: bool | None = None
    allow_comments: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Project(_Model):
    id: Id
    name: str | None = None
    description: str | None = None
    status: ProjectStatus | None = None
    settings: ProjectSettings | None = None
    organization_id: Id | None = None
    tags: list[str] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Task(_Model):
    id: Id
    project_id: Id | None = None
    organization_id: Id | None = None
    title: str | None = None
    description: str | None = None
    status: TaskStatus | None = None
    assignee_id: Id | None = None
    due_date: datetime | None = None
    completed_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Document(_Model):
    id: Id
    name: str | None = None
    url: str | None = None
    mime_type: str | None = None
    organization_id: Id | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class User(_Model):
    id: Id
    email: str | None = None
    username: str | None = None
    name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    role: Role | None = None
    is_active: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Session(_Model):
    """What a login returns; the client already sends ``token`` from now on."""

    token: str = field(repr=False)
    user: User | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class RateLimit(_Model):
    """The rate-limit state the last response reported."""

    limit: int | None = None
    remaining: int | None = None
    reset: datetime | None = None


@dataclass(kw_only=True)
class Page(_Model, Generic[T]):
    """One page of a list: its ``items`` and, when the provider says, the ``total``."""

    items: list[T] = field(default_factory=list)
    total: int | None = None
    has_next: bool = False

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
