"""Webhook signatures (Standard Webhooks: ``webhook-id``,
``webhook-timestamp``, ``webhook-signature: v1,<base64 HMAC-SHA256>``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from . import _native
from .models import WebhookEvent

__all__ = ["sign", "verify"]


def sign(
    secret: str,
    msg_id: str,
    body: bytes | str,
    timestamp: datetime | int | float | None = None,
) -> dict[str, str]:
    """The three headers to send with ``body`` (``timestamp`` defaults to now).

    ``secret`` is a ``whsec_<base64>`` secret or any other non-empty string.
    """
    return _native.sign(secret, msg_id, body, timestamp)


def verify(
    secret: str,
    headers: Mapping[str, str] | Iterable[tuple[str, str]],
    body: bytes | str,
    *,
    now: datetime | int | float | None = None,
) -> WebhookEvent:
    """Checks a delivery's signature and age (5 minutes either way of
    ``now``, default the current time) and returns the typed event; raises
    :class:`orgkit.WebhookVerificationError` otherwise. Header names are
    matched case-insensitively."""
    return _native.verify(secret, headers, body, now)
