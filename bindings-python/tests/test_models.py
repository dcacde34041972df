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
    # NaN seconds were the epoch (a value silently changed); a CR/LF in the id
    # would start another header where it is sent.
    for nan in (float("nan"), float("inf")):
        with pytest.raises(orgkit.InvalidArgumentError, match="timestamp: must be a finite number"):
            orgkit.webhooks.sign(SECRET, "msg_6", body, timestamp=nan)
        with pytest.raises(orgkit.InvalidArgumentError, match="now: must be a finite number"):
            orgkit.webhooks.verify(SECRET, fixed, body, now=nan)
    with pytest.raises(orgkit.InvalidArgumentError, match="msg_id"):
        orgkit.webhooks.sign(SECRET, "msg\r\nx-evil: 1", body)


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("2024-03-09T15:04:05Z", datetime(2024, 3, 9, 15, 4, 5, tzinfo=timezone.utc)),
        ("2024-03-09T15:04:05.123456Z", datetime(2024, 3, 9, 15, 4, 5, 123456, tzinfo=timezone.utc)),
        # Beyond microseconds: truncated, never rounded up.
        ("2024-02-29T23:59:59.9999999Z", datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=timezone.utc)),
        ("2024-03-09T15:04:05.000001+05:30", datetime(2024, 3, 9, 9, 34, 5, 1, tzinfo=timezone.utc)),
        ("0001-01-01T00:00:00Z", datetime(1, 1, 1, tzinfo=timezone.utc)),
        ("9999-12-31T23:59:59.999999Z", datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc)),
        # A leap second ends its minute.
        ("2016-12-31T23:59:60Z", datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc)),
        ("1969-12-31T23:59:59.5Z", datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=timezone.utc)),
        (1_710_000_000, datetime(2024, 3, 9, 16, 0, tzinfo=timezone.utc)),
    ],
)
def test_timestamps_become_exact_utc_datetimes(sent: object, expected: datetime) -> None:
    body = json.dumps({"type": "project.created", "data": {"id": 1, "created_at": sent}})
    event = orgkit.webhooks.verify(SECRET, orgkit.webhooks.sign(SECRET, "msg_t", body), body)
    got = event.data.created_at
    assert isinstance(event.data, orgkit.Project) and type(got) is datetime
    assert got == expected and got.tzinfo is timezone.utc and got.fold == 0
    assert (got.year, got.month, got.day, got.hour, got.minute, got.second, got.microsecond) == (
        expected.year,
        expected.month,
        expected.day,
        expected.hour,
        expected.minute,
        expected.second,
        expected.microsecond,
    )


def test_a_timestamp_python_cannot_hold_is_a_clear_error() -> None:
    # 0001-01-01T00:30+01:00 is in year 0 in UTC, before datetime.min.
    body = json.dumps({"type": "project.created", "data": {"id": 1, "created_at": "0001-01-01T00:30:00+01:00"}})
    with pytest.raises(ValueError, match="year 0 is out of range"):
        orgkit.webhooks.verify(SECRET, orgkit.webhooks.sign(SECRET, "msg_y", body), body)
