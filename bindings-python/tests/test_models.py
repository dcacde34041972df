"""Models: typed attributes, equality, to_dict, repr without secrets; webhooks."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

import orgkit
from conftest import PM415_INVITE_TOKEN, Mock


def test_model_shapes(mock: Mock) -> None:
    c = mock.client("ourganize")
    p = c.projects.get(1)
    assert isinstance(p, orgkit.Project) and isinstance(p.id, int)
    assert p == c.projects.get(1)
    assert p != c.projects.get(2)
    d = p.to_dict()
    assert d["id"] == 1 and type(d["status"]) is str and isinstance(d["settings"], dict)
    assert isinstance(d["created_at"], datetime)
    assert d["created_at"].utcoffset() == timedelta(0)
    assert p.extra.get("ownerId") == 1
    s = mock.client("orgstack", token=None)
    s.auth.login(username="admin", password="orgstack-admin-pw")
    o = s.organizations.get("org_02")
    assert isinstance(o.id, str) and "slug" in o.extra


def test_open_enums() -> None:
    assert orgkit.Role.ADMIN == "admin" and isinstance(orgkit.Role.ADMIN, str)
    assert orgkit.Role("superhero") == "superhero" and not orgkit.Role("superhero").is_known
    assert orgkit.TaskStatus.COMPLETED.is_known
    assert repr(orgkit.Role.ADMIN) == "Role('admin')"


def test_secrets_stay_out_of_repr(mock: Mock) -> None:
    c = mock.client("pm415")
    invite = c.invites.create(email="friend@example.com", organization_id=1)
    assert invite.token and invite.confirm_url
    text = repr(invite) + str(invite)
    assert invite.token not in text and "confirm_url" not in text
    assert invite.to_dict()["token"] == invite.token
    checked = c.invites.validate(PM415_INVITE_TOKEN)
    assert PM415_INVITE_TOKEN not in repr(checked)
    session = orgkit.Client("pm415", mock.base("pm415")).auth.login(
        email="admin@pm415.test", password="pm415-admin-pw"
    )
    assert session.token not in repr(session)
    client = orgkit.Client("pm415", mock.base("pm415"), token="tok-SECRET-1", api_key="key-SECRET-2")
    assert "SECRET" not in repr(client) and "SECRET" not in repr(client.organizations)
    aclient = orgkit.AsyncClient("kaana", mock.base("kaana"), session_cookie="sid-SECRET-3")
    assert "SECRET" not in repr(aclient)


def test_no_password_hashes_in_models(mock: Mock) -> None:
    c = mock.client("pm415")
    org = c.organizations.create(name="Hashless")
    assert "password" not in json.dumps(org.to_dict(), default=str).lower()
    me = c.users.me()
    dumped = json.dumps(me.to_dict(), default=str).lower()
    assert "password" not in dumped and "apikey" not in dumped


def test_client_properties(mock: Mock) -> None:
    c = mock.client("pm415")
    assert c.provider == "pm415" and c.base_url.startswith(mock.url)
    assert "organizations.switch" in c.capabilities() and "projects.get" not in c.capabilities()
    assert c.rate_limit is None
    assert orgkit.PROVIDERS == ("ourganize", "orgstack", "achieveapex", "kaana", "pm415")


# ------------------------------------------------------------------ webhooks

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def test_webhook_round_trip() -> None:
    body = json.dumps({"type": "task.completed", "data": {"id": 7, "title": "Ship", "status": "completed"}})
    headers = orgkit.webhooks.sign(SECRET, "msg_1", body)
    assert set(headers) == {"webhook-id", "webhook-timestamp", "webhook-signature"}
    event = orgkit.webhooks.verify(SECRET, headers, body.encode())
    assert event.id == "msg_1" and event.event_type == orgkit.WebhookEventType.TASK_COMPLETED
    assert isinstance(event.data, orgkit.Task) and event.data.id == 7
    assert event.timestamp.tzinfo is not None
    upper = [(k.upper(), v) for k, v in headers.items()]
    assert orgkit.webhooks.verify(SECRET, upper, body).id == "msg_1"


def test_webhook_failures() -> None:
    body = b'{"type":"project.created","data":{"id":1}}'
    headers = orgkit.webhooks.sign(SECRET, "msg_2", body)
    with pytest.raises(orgkit.WebhookVerificationError) as info:
        orgkit.webhooks.verify(SECRET, headers, body + b" ")
    assert info.value.code == "invalid_signature" and SECRET not in str(info.value)
    old = orgkit.webhooks.sign(
        SECRET, "msg_3", body, timestamp=datetime.now(timezone.utc) - timedelta(hours=1)
    )
    with pytest.raises(orgkit.WebhookVerificationError) as info:
        orgkit.webhooks.verify(SECRET, old, body)
    assert info.value.code == "timestamp_too_old"
    with pytest.raises(orgkit.WebhookVerificationError):
        orgkit.webhooks.verify(SECRET, {}, body)
    with pytest.raises(orgkit.InvalidArgumentError):
        orgkit.webhooks.sign("", "msg_4", body)
    with pytest.raises(TypeError):
        orgkit.webhooks.verify(SECRET, headers, 12)  # type: ignore[arg-type]
    fixed = orgkit.webhooks.sign(SECRET, "msg_5", body, timestamp=1_700_000_000)
    assert fixed["webhook-timestamp"] == "1700000000"
