# Type stubs for the native extension (src/*.rs). Keep in step with it.

import builtins
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, Coroutine, Generic, TypeVar

from .models import (
    Document,
    Id,
    Invite,
    Member,
    Organization,
    Page,
    Project,
    RateLimit,
    Role,
    Session,
    Task,
    User,
    WebhookEvent,
)

_T = TypeVar("_T")
_Co = Coroutine[Any, Any, _T]

__version__: str

class ItemIterator(Generic[_T]):
    """Items of a list across pages, fetched lazily as you iterate."""

    def __iter__(self) -> ItemIterator[_T]: ...
    def __next__(self) -> _T: ...
    def pages(self) -> PageIterator[_T]: ...
    def first_page(self) -> Page[_T]: ...

class PageIterator(Generic[_T]):
    def __iter__(self) -> PageIterator[_T]: ...
    def __next__(self) -> Page[_T]: ...

class AsyncItemIterator(Generic[_T]):
    """Items of a list across pages: ``async for item in …`` (no ``await`` first)."""

    def __aiter__(self) -> AsyncItemIterator[_T]: ...
    def __anext__(self) -> _Co[_T]: ...
    def pages(self) -> AsyncPageIterator[_T]: ...
    def first_page(self) -> _Co[Page[_T]]: ...

class AsyncPageIterator(Generic[_T]):
    def __aiter__(self) -> AsyncPageIterator[_T]: ...
    def __anext__(self) -> _Co[Page[_T]]: ...

class Organizations:
    def list(
        self,
        *,
        limit: int | None = None,
        search: str | None = None,
        status: str | None = None,
        sort: str | None = None,
        order: str | None = None,
        filters: dict[str, Any] | None = None,
    ) -> ItemIterator[Organization]: ...
    def get(self, id: Id) -> Organization: ...
    def create(
        self,
        *,
        name: str,
        type: str | None = None,
        status: str | None = None,
        industry: str | None = None,
        website: str | None = None,
        description: str | None = None,
        metadata: Any = None,
    ) -> Organization: ...
    def update(
        self,
        id: Id,
        *,
        name: str | None = None,
        type: str | None = None,
        status: str | None = None,
        industry: str | None = None,
        website: str | None = None,
        description: str | None = None,
        metadata: Any = None,
    ) -> Organization: ...
    def delete(self, id: Id) -> None: ...
    def duplicate(self, id: Id) -> Organization: ...
    def switch(self, id: Id) -> Organization: ...
    def current(self) -> Organization: ...

class AsyncOrganizations:
    def list(
        self,
        *,
        limit: int | None = None,
        search: str | None = None,
        status: str | None = None,
        sort: str | None = None,
        order: str | None = None,
        filters: dict[str, Any] | None = None,
    ) -> AsyncItemIterator[Organization]: ...
    def get(self, id: Id) -> _Co[Organization]: ...
    def create(
        self,
        *,
        name: str,
        type: str | None = None,
        status: str | None = None,
        industry: str | None = None,
        website: str | None = None,
        description: str | None = None,
        metadata: Any = None,
    ) -> _Co[Organization]: ...
    def update(
        self,
        id: Id,
        *,
        name: str | None = None,
        type: str | None = None,
        status: str | None = None,
        industry: str | None = None,
        website: str | None = None,
        description: str | None = None,
        metadata: Any = None,
    ) -> _Co[Organization]: ...
    def delete(self, id: Id) -> _Co[None]: ...
    def duplicate(self, id: Id) -> _Co[Organization]: ...
    def switch(self, id: Id) -> _Co[Organization]: ...
    def current(self) -> _Co[Organization]: ...

class Members:
    def list(self, *, limit: int | None = None) -> ItemIterator[Member]: ...
    def add(self, person: Id, role: str | Role = "member") -> None: ...
    def set_role(self, person: Id, role: str | Role) -> None: ...
    def remove(self, people: Id | Sequence[Id]) -> None: ...
    def reset_passwords(self, people: Id | Sequence[Id]) -> None: ...

class AsyncMembers:
    def list(self, *, limit: int | None = None) -> AsyncItemIterator[Member]: ...
    def add(self, person: Id, role: str | Role = "member") -> _Co[None]: ...
    def set_role(self, person: Id, role: str | Role) -> _Co[None]: ...
    def remove(self, people: Id | Sequence[Id]) -> _Co[None]: ...
    def reset_passwords(self, people: Id | Sequence[Id]) -> _Co[None]: ...

class Invites:
    def create(
        self, *, email: str, organization_id: Id | None = None, role: str | Role | None = None
    ) -> Invite: ...
    def validate(self, token: str) -> Invite: ...
    def accept(self, token: str, *, email: str, password: str) -> Session: ...

class AsyncInvites:
    def create(
        self, *, email: str, organization_id: Id | None = None, role: str | Role | None = None
    ) -> _Co[Invite]: ...
    def validate(self, token: str) -> _Co[Invite]: ...
    def accept(self, token: str, *, email: str, password: str) -> _Co[Session]: ...

class Projects:
    def list(
        self,
        *,
        organization_id: Id | None = None,
        status: str | None = None,
        limit: int | None = None,
        search: str | None = None,
    ) -> ItemIterator[Project]: ...
    def get(self, id: Id) -> Project: ...
    def create(
        self,
        *,
        name: str,
        description: str | None = None,
        status: str | None = None,
        is_public: bool | None = None,
        allow_comments: bool | None = None,
        organization_id: Id | None = None,
        tags: Sequence[str] | None = None,
    ) -> Project: ...
    def update(
        self,
        id: Id,
        *,
        name: str | None = None,
        description: str | None = None,
        status: str | None = None,
        is_public: bool | None = None,
        allow_comments: bool | None = None,
        tags: Sequence[str] | None = None,
    ) -> Project: ...
    def delete(self, id: Id) -> None: ...

class AsyncProjects:
    def list(
        self,
        *,
        organization_id: Id | None = None,
        status: str | None = None,
        limit: int | None = None,
        search: str | None = None,
    ) -> AsyncItemIterator[Project]: ...
    def get(self, id: Id) -> _Co[Project]: ...
    def create(
        self,
        *,
        name: str,
        description: str | None = None,
        status: str | None = None,
        is_public: bool | None = None,
        allow_comments: bool | None = None,
        organization_id: Id | None = None,
        tags: Sequence[str] | None = None,
    ) -> _Co[Project]: ...
    def update(
        self,
        id: Id,
        *,
        name: str | None = None,
        description: str | None = None,
        status: str | None = None,
        is_public: bool | None = None,
        allow_comments: bool | None = None,
        tags: Sequence[str] | None = None,
    ) -> _Co[Project]: ...
    def delete(self, id: Id) -> _Co[None]: ...

class Tasks:
    def list(
        self,
        *,
        project_id: Id | None = None,
        organization_id: Id | None = None,
        status: str | None = None,
        limit: int | None = None,
    ) -> ItemIterator[Task]: ...
    def get(self, id: Id) -> Task: ...
    def create(
        self,
        project_id: Id,
        *,
        title: str,
        description: str | None = None,
        status: str | None = None,
        assignee_id: Id | None = None,
        due_date: datetime | float | None = None,
    ) -> Task: ...
    def update(
        self,
        id: Id,
        *,
        title: str | None = None,
        description: str | None = None,
        status: str | None = None,
        assignee_id: Id | None = None,
        due_date: datetime | float | None = None,
        completed_at: datetime | float | None = None,
    ) -> Task: ...
    def complete(self, id: Id, *, at: datetime | float | None = None) -> Task: ...
    def delete(self, id: Id) -> None: ...

class AsyncTasks:
    def list(
        self,
        *,
        project_id: Id | None = None,
        organization_id: Id | None = None,
        status: str | None = None,
        limit: int | None = None,
    ) -> AsyncItemIterator[Task]: ...
    def get(self, id: Id) -> _Co[Task]: ...
    def create(
        self,
        project_id: Id,
        *,
        title: str,
        description: str | None = None,
        status: str | None = None,
        assignee_id: Id | None = None,
        due_date: datetime | float | None = None,
    ) -> _Co[Task]: ...
    def update(
        self,
        id: Id,
        *,
        title: str | None = None,
        description: str | None = None,
        status: str | None = None,
        assignee_id: Id | None = None,
        due_date: datetime | float | None = None,
        completed_at: datetime | float | None = None,
    ) -> _Co[Task]: ...
    def complete(self, id: Id, *, at: datetime | float | None = None) -> _Co[Task]: ...
    def delete(self, id: Id) -> _Co[None]: ...

class Documents:
    def list(self, *, limit: int | None = None) -> ItemIterator[Document]: ...

class AsyncDocuments:
    def list(self, *, limit: int | None = None) -> AsyncItemIterator[Document]: ...

class Users:
    def list(self, *, limit: int | None = None) -> ItemIterator[User]: ...
    def me(self) -> User: ...
    def update_me(
        self,
        *,
        name: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        email: str | None = None,
    ) -> User: ...
    def my_organizations(self) -> builtins.list[Organization]: ...

class AsyncUsers:
    def list(self, *, limit: int | None = None) -> AsyncItemIterator[User]: ...
    def me(self) -> _Co[User]: ...
    def update_me(
        self,
        *,
        name: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        email: str | None = None,
    ) -> _Co[User]: ...
    def my_organizations(self) -> _Co[builtins.list[Organization]]: ...

class Auth:
    def login(
        self, *, password: str, email: str | None = None, username: str | None = None
    ) -> Session: ...

class AsyncAuth:
    def login(
        self, *, password: str, email: str | None = None, username: str | None = None
    ) -> _Co[Session]: ...

class Client:
    """A blocking client: every call waits with the GIL released."""

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
        max_retries: int = 2,
        user_agent: str | None = None,
        headers: Mapping[str, str] | None = None,
        idempotency_keys: bool = False,
        system_roots: bool = False,
    ) -> None: ...
    @property
    def provider(self) -> str: ...
    @property
    def base_url(self) -> str: ...
    @property
    def rate_limit(self) -> RateLimit | None: ...
    def capabilities(self) -> list[str]: ...
    def request(self, method: str, path: str, json: Any = None) -> Any: ...
    @property
    def organizations(self) -> Organizations: ...
    def members(self, organization: Id) -> Members: ...
    @property
    def invites(self) -> Invites: ...
    @property
    def projects(self) -> Projects: ...
    @property
    def tasks(self) -> Tasks: ...
    def documents(self, organization: Id) -> Documents: ...
    @property
    def users(self) -> Users: ...
    @property
    def auth(self) -> Auth: ...

class AsyncClient:
    """An asyncio client: every call returns a coroutine; lists are async iterators."""

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
        max_retries: int = 2,
        user_agent: str | None = None,
        headers: Mapping[str, str] | None = None,
        idempotency_keys: bool = False,
        system_roots: bool = False,
    ) -> None: ...
    @property
    def provider(self) -> str: ...
    @property
    def base_url(self) -> str: ...
    @property
    def rate_limit(self) -> RateLimit | None: ...
    def capabilities(self) -> list[str]: ...
    def request(self, method: str, path: str, json: Any = None) -> _Co[Any]: ...
    @property
    def organizations(self) -> AsyncOrganizations: ...
    def members(self, organization: Id) -> AsyncMembers: ...
    @property
    def invites(self) -> AsyncInvites: ...
    @property
    def projects(self) -> AsyncProjects: ...
    @property
    def tasks(self) -> AsyncTasks: ...
    def documents(self, organization: Id) -> AsyncDocuments: ...
    @property
    def users(self) -> AsyncUsers: ...
    @property
    def auth(self) -> AsyncAuth: ...

def sign(
    secret: str, msg_id: str, body: bytes | str, timestamp: datetime | float | None = None
) -> dict[str, str]: ...
def verify(
    secret: str,
    headers: Mapping[str, str] | Iterable[tuple[str, str]],
    body: bytes | str,
    now: datetime | int | float | None = None,
) -> WebhookEvent: ...
def _shutdown() -> None: ...

# Internal: how asyncio calls are run (see orgkit/_aio.py).
class _Ready(Generic[_T]):
    def __await__(self) -> Iterator[Any]: ...
    def send(self, value: Any) -> Any: ...
    def throw(self, typ: Any, val: Any = ..., tb: Any = ...) -> Any: ...
    def close(self) -> None: ...

class _Call:
    def __call__(self) -> Any: ...
    def spawn(self, hub: _Hub, future: Any) -> None: ...
    def cancel(self) -> None: ...

class _Hub:
    def __init__(self) -> None: ...
    def fileno(self) -> int: ...
    def drain(self) -> None: ...
