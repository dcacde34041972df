"""orgkit's exceptions.

Every failure is an :class:`OrgkitError`. Errors a server answered with are
:class:`ApiError` subclasses, one per kind; the rest say what went wrong on
the way (connection, timeout, decoding, an unsupported operation, a bad
argument, a webhook that failed verification). The native extension picks
the class by the Rust core's ``ErrorKind``, never by the message.
"""

from __future__ import annotations

import builtins
from typing import Any, NamedTuple

__all__ = [
    "OrgkitError",
    "ApiError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "ValidationError",
    "RateLimitError",
    "ServerError",
    "ConnectionError",
    "TimeoutError",
    "DecodeError",
    "UnsupportedError",
    "InvalidArgumentError",
    "WebhookVerificationError",
    "FieldError",
]


class FieldError(NamedTuple):
    """One field a server (or orgkit) complained about (immutable; a
    named tuple, so that importing the errors needs no ``dataclasses``)."""

    field: str
    message: str


class OrgkitError(Exception):
    """The base of every orgkit error.

    ``str(e)`` says what happened and where: ``NotFound (404) in
    projects.get on GET api.example.com/projects/42 after 1 attempt: Project
    42 not found [NOT_FOUND]``. Attributes: ``kind`` (the core's error kind,
    e.g. ``"NotFound"``), ``message`` (what the server or orgkit said),
    ``status`` (HTTP status, when a server answered), ``code`` (the
    provider's own error code), ``request_id``, ``retry_after`` (seconds,
    float), ``retryable``, ``field_errors``, ``provider``, ``operation``
    (``"organizations.get"``), ``method``, ``host``, ``path`` (never the
    query string), ``attempts`` and ``body`` (the start of the raw
    response). No secret the client holds appears in any of them.
    """

    kind: str = "Unknown"

    def __init__(
        self,
        message: str = "",
        *,
        kind: str | None = None,
        status: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
        field_errors: list[FieldError] | None = None,
        provider: str | None = None,
        operation: str | None = None,
        method: str | None = None,
        host: str | None = None,
        path: str | None = None,
        attempts: int | None = None,
        retryable: bool = False,
        body: str | None = None,
        text: str | None = None,
    ) -> None:
        self.text: str = text if text is not None else message
        super().__init__(self.text)
        self.message: str = message
        if kind is not None:
            self.kind = kind
        self.status: int | None = status
        self.code: str | None = code
        self.request_id: str | None = request_id
        self.retry_after: float | None = retry_after
        self.field_errors: list[FieldError] = list(field_errors or [])
        self.provider: str | None = provider
        self.operation: str | None = operation
        self.method: str | None = method
        self.host: str | None = host
        self.path: str | None = path
        self.attempts: int | None = attempts
        self.retryable: bool = retryable
        self.body: str | None = body

    def _state(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "status": self.status,
            "code": self.code,
            "request_id": self.request_id,
            "retry_after": self.retry_after,
            "field_errors": self.field_errors,
            "provider": self.provider,
            "operation": self.operation,
            "method": self.method,
            "host": self.host,
            "path": self.path,
            "attempts": self.attempts,
            "retryable": self.retryable,
            "body": self.body,
            "text": self.text,
        }

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (type(self), self.message, self._state()))

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        fields = [repr(self.message)]
        for name in ("status", "code", "request_id"):
            value = getattr(self, name)
            if value is not None:
                fields.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(fields)})"


def _restore(cls: type[OrgkitError], message: str, state: dict[str, Any]) -> OrgkitError:
    return cls(message, **state)


class ApiError(OrgkitError):
    """The server answered with an error."""


class BadRequestError(ApiError):
    kind = "BadRequest"


class AuthenticationError(ApiError):
    """401: missing or wrong credentials."""

    kind = "Unauthorized"


class PermissionDeniedError(ApiError):
    """403: the credentials may not do this."""

    kind = "Forbidden"


class NotFoundError(ApiError):
    kind = "NotFound"


class ConflictError(ApiError):
    kind = "Conflict"


class ValidationError(ApiError):
    kind = "Validation"


class RateLimitError(ApiError):
    """429: over the rate limit; ``retry_after`` says how long to wait."""

    kind = "RateLimited"


class ServerError(ApiError):
    kind = "Server"


class ConnectionError(OrgkitError, builtins.ConnectionError):
    """The server could not be reached, or dropped the connection."""

    kind = "Connection"


class TimeoutError(OrgkitError, builtins.TimeoutError):
    """An attempt's timeout or the call's deadline passed (also 408/504)."""

    kind = "Timeout"


class DecodeError(OrgkitError):
    """The answer was not what the provider documents."""

    kind = "Decode"


class UnsupportedError(OrgkitError):
    """The provider has no such operation; raised before any request."""

    kind = "Unsupported"


class InvalidArgumentError(OrgkitError, ValueError, TypeError):
    """A bad option or argument; ``field_errors`` names it. Also a
    ``ValueError`` and a ``TypeError``, as Python code checking arguments
    expects (a wrong type and a wrong value are one kind for orgkit)."""

    kind = "InvalidArgument"


class WebhookVerificationError(OrgkitError):
    """A webhook delivery failed verification; ``code`` says why."""

    kind = "WebhookVerification"


_BY_KIND: dict[str, type[OrgkitError]] = {
    cls.kind: cls
    for cls in (
        BadRequestError,
        AuthenticationError,
        PermissionDeniedError,
        NotFoundError,
        ConflictError,
        ValidationError,
        RateLimitError,
        ServerError,
        ConnectionError,
        TimeoutError,
        DecodeError,
        UnsupportedError,
        InvalidArgumentError,
        WebhookVerificationError,
    )
}


def _make(kind: str, message: str, field_errors: list[tuple[str, str]], **attrs: Any) -> OrgkitError:
    """Called by the native extension: the class for ``kind``."""
    cls = _BY_KIND.get(kind, OrgkitError)
    errors = [FieldError(f, m) for f, m in field_errors]
    return cls(message, kind=kind, field_errors=errors, **attrs)
