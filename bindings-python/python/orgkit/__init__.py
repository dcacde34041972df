"""orgkit: one typed client for five organization-management REST APIs.

``orgkit.testing`` (imported on its own) has the mock server of all five
providers for testing code that uses orgkit.

``orgkit.Client`` is blocking (it releases the GIL while it waits);
``orgkit.AsyncClient`` has the same resources and methods as coroutines.
Both are thin skins over the Rust ``orgkit`` crate, which does the HTTP,
auth, retries, rate limits, pagination, decoding and errors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._client import AsyncClient, Client
from ._native import (
    AsyncItemIterator,
    AsyncPageIterator,
    ItemIterator,
    PageIterator,
    RawResponse,
    __version__,
)
from ._resources import *  # noqa: F403 - every resource class, by name
from ._resources import MODEL_NAMES as _model_names
from ._resources import __all__ as _resource_names
from .errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ConnectionError,
    DecodeError,
    FieldError,
    InvalidArgumentError,
    NotFoundError,
    OrgkitError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    TimeoutError,
    UnsupportedError,
    ValidationError,
    WebhookVerificationError,
)

if TYPE_CHECKING:
    from . import models, webhooks
    from .models import *  # noqa: F403 - every model and enum, by name


def __getattr__(name: str) -> Any:
    # The models (dataclasses) and webhooks load on first use, so that
    # `import orgkit` and building a client stay fast (PEP 562).
    if name in ("models", "webhooks"):
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    if name in _model_names:
        from . import models

        value = getattr(models, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


PROVIDERS: tuple[str, ...] = ("ourganize", "orgstack", "achieveapex", "kaana", "pm415")
"""The provider ids ``Client`` accepts."""

__all__ = [
    "PROVIDERS",
    "__version__",
    "models",
    "webhooks",
    "Client",
    "AsyncClient",
    "ItemIterator",
    "PageIterator",
    "AsyncItemIterator",
    "AsyncPageIterator",
    "RawResponse",
    *_resource_names,
    *_model_names,
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
