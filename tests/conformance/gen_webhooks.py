#!/usr/bin/env python3
"""Generates tests/conformance/webhooks.json: webhook verification vectors
shared by the Rust, Python and Node test suites (format: WEBHOOKS.md).

Signatures follow Standard Webhooks as orgkit implements it
(sdk-core/src/webhooks.rs): base64(HMAC-SHA256(key, f"{id}.{timestamp}.{body}")),
sent as "v1,<base64>"; key = base64-decoded part after "whsec_", else the
secret's own UTF-8 bytes. Tolerance: 300 s either way, inclusive.

Run:  python3 tests/conformance/gen_webhooks.py   (rewrites webhooks.json;
the output is deterministic, so a clean `git diff` means it is current).
"""

import base64
import hashlib
import hmac
import json
import os

NOW = 1767225600  # 2026-01-01T00:00:00Z
WHSEC = "whsec_" + base64.b64encode(bytes(range(1, 33))).decode()
RAW_SECRET = "your-webhook-secret"
OTHER_SECRET = "whsec_" + base64.b64encode(b"another key entirely, 32 bytes!").decode()


def key(secret):
    if secret.startswith("whsec_"):
        return base64.b64decode(secret[len("whsec_"):], validate=True)
    return secret.encode()


def signature(secret, msg_id, ts, body, version="v1"):
    mac = hmac.new(key(secret), f"{msg_id}.{ts}.".encode() + body.encode(), hashlib.sha256)
    return f"{version}," + base64.b64encode(mac.digest()).decode()


def payload(event_type, data):
    return json.dumps(
        {"type": event_type, "timestamp": "2026-01-01T00:00:00Z", "data": data},
        separators=(",", ":"),
    )


PROJECT = {
    "id": "proj_123",
    "name": "Website Redesign",
    "description": "Complete overhaul of company website",
    "status": "active",
    "settings": {"isPublic": False, "allowComments": True},
    "createdAt": "2025-12-31T12:00:00Z",
}
TASK = {
    "id": "task_456",
    "title": "Design homepage",
    "status": "in_progress",
    "projectId": "proj_123",
    "assigneeId": "user_789",
}
INVITE = {"id": "inv_1", "email": "new.person@example.com", "role": "member", "status": "pending"}

EVENTS = [
    ("project.created", "project", PROJECT, ["id", "name", "status"]),
    ("project.updated", "project", dict(PROJECT, name="Website Redesign v2"), ["id", "name"]),
    ("task.created", "task", TASK, ["id", "title", "projectId"]),
    ("task.updated", "task", dict(TASK, status="todo"), ["id", "status"]),
    (
        "task.completed",
        "task",
        dict(TASK, status="completed", completedAt="2026-01-01T00:00:00Z"),
        ["id", "status", "completedAt"],
    ),
    ("user.invited", "invite", INVITE, ["email", "role"]),
]


def headers(msg_id, ts, sig):
    return [["webhook-id", msg_id], ["webhook-timestamp", str(ts)], ["webhook-signature", sig]]


def ok(event_type, msg_id, ts, kind, data, fields):
    return {
        "ok": {
            "event_type": event_type,
            "id": msg_id,
            "timestamp": ts,
            "data_kind": kind,
            "data": {f: data[f] for f in fields},
        }
    }


def main():
    cases = []

    def case(name, description, secret, hdrs, body, expected, now=NOW):
        cases.append(
            {
                "name": name,
                "description": description,
                "secret": secret,
                "headers": hdrs,
                "body": body,
                "now": now,
                "expected": expected,
            }
        )

    for i, (event_type, kind, data, fields) in enumerate(EVENTS):
        msg_id = f"msg_valid_{i + 1}"
        body = payload(event_type, data)
        case(
            f"valid_{event_type.replace('.', '_')}",
            f"a correctly signed {event_type} delivery (whsec_ secret)",
            WHSEC,
            headers(msg_id, NOW, signature(WHSEC, msg_id, NOW, body)),
            body,
            ok(event_type, msg_id, NOW, kind, data, fields),
        )

    event_type, kind, data, fields = EVENTS[0]
    body = payload(event_type, data)

    def good(msg_id, ts=NOW, secret=WHSEC, b=body):
        return signature(secret, msg_id, ts, b)

    def expect_ok(msg_id, ts=NOW):
        return ok(event_type, msg_id, ts, kind, data, fields)

    case(
        "valid_raw_secret",
        "a secret without the whsec_ prefix is used as its own UTF-8 bytes",
        RAW_SECRET,
        headers("msg_raw", NOW, signature(RAW_SECRET, "msg_raw", NOW, body)),
        body,
        expect_ok("msg_raw"),
    )
    case(
        "valid_header_names_any_case",
        "header names are matched case-insensitively",
        WHSEC,
        [
            ["Webhook-Id", "msg_case"],
            ["WEBHOOK-TIMESTAMP", str(NOW)],
            ["Webhook-Signature", good("msg_case")],
        ],
        body,
        expect_ok("msg_case"),
    )
    case(
        "valid_extra_headers_ignored",
        "unrelated headers do not matter",
        WHSEC,
        [["content-type", "application/json"]] + headers("msg_extra", NOW, good("msg_extra")),
        body,
        expect_ok("msg_extra"),
    )
    case(
        "tampered_body",
        "the body was changed after signing",
        WHSEC,
        headers("msg_tamper", NOW, good("msg_tamper")),
        body.replace("Website Redesign", "Website Redesigned"),
        {"error": "invalid_signature"},
    )
    case(
        "tampered_id",
        "the webhook-id was changed after signing",
        WHSEC,
        headers("msg_other", NOW, good("msg_tamper")),
        body,
        {"error": "invalid_signature"},
    )
    case(
        "wrong_secret",
        "signed with a different secret",
        WHSEC,
        headers("msg_wrong", NOW, good("msg_wrong", secret=OTHER_SECRET)),
        body,
        {"error": "invalid_signature"},
    )
    case(
        "whsec_secret_used_as_raw_bytes",
        "signed with the whsec_ text itself as key instead of its decoded bytes",
        WHSEC,
        headers(
            "msg_rawkey",
            NOW,
            "v1,"
            + base64.b64encode(
                hmac.new(WHSEC.encode(), f"msg_rawkey.{NOW}.{body}".encode(), hashlib.sha256).digest()
            ).decode(),
        ),
        body,
        {"error": "invalid_signature"},
    )
    for label, delta, expected in [
        ("expired", -301, {"error": "timestamp_too_old"}),
        ("expired_long_ago", -86400, {"error": "timestamp_too_old"}),
        ("old_just_inside_tolerance", -300, None),
        ("old_inside_tolerance", -299, None),
        ("future", 301, {"error": "timestamp_too_new"}),
        ("future_far", 86400, {"error": "timestamp_too_new"}),
        ("future_just_inside_tolerance", 300, None),
        ("future_inside_tolerance", 299, None),
    ]:
        ts = NOW + delta
        msg_id = f"msg_{label}"
        case(
            f"timestamp_{label}",
            f"timestamp {delta:+d} s from now (tolerance: 300 s either way, inclusive)",
            WHSEC,
            headers(msg_id, ts, good(msg_id, ts)),
            body,
            expected or expect_ok(msg_id, ts),
        )
    case(
        "timestamp_in_milliseconds",
        "a millisecond timestamp reads as far in the future",
        WHSEC,
        headers("msg_ms", NOW * 1000, good("msg_ms", NOW * 1000)),
        body,
        {"error": "timestamp_too_new"},
    )
    case(
        "timestamp_not_a_number",
        "webhook-timestamp must be unix seconds",
        WHSEC,
        headers("msg_nan", "yesterday", good("msg_nan", "yesterday")),
        body,
        {"error": "invalid_timestamp"},
    )
    case(
        "timestamp_rfc3339",
        "an RFC 3339 date is not unix seconds",
        WHSEC,
        headers("msg_iso", "2026-01-01T00:00:00Z", good("msg_iso", "2026-01-01T00:00:00Z")),
        body,
        {"error": "invalid_timestamp"},
    )
    case(
        "several_signatures_one_valid",
        "a space-separated list (key rotation): one valid v1 signature is enough",
        WHSEC,
        headers(
            "msg_multi",
            NOW,
            " ".join(
                [
                    good("msg_multi", secret=OTHER_SECRET),
                    "v1,bm90IGEgc2lnbmF0dXJl",
                    good("msg_multi"),
                ]
            ),
        ),
        body,
        expect_ok("msg_multi"),
    )
    case(
        "several_signatures_none_valid",
        "a list of signatures none of which matches",
        WHSEC,
        headers(
            "msg_multi_bad",
            NOW,
            good("msg_multi_bad", secret=OTHER_SECRET) + " v1,bm90IGEgc2lnbmF0dXJl",
        ),
        body,
        {"error": "invalid_signature"},
    )
    case(
        "non_v1_signature",
        "the right HMAC under another version tag is not accepted",
        WHSEC,
        headers("msg_v2", NOW, signature(WHSEC, "msg_v2", NOW, body, version="v2")),
        body,
        {"error": "invalid_signature"},
    )
    case(
        "v1a_signature",
        "v1a (asymmetric) signatures are not verified by orgkit",
        WHSEC,
        headers("msg_v1a", NOW, signature(WHSEC, "msg_v1a", NOW, body, version="v1a")),
        body,
        {"error": "invalid_signature"},
    )
    case(
        "non_v1_then_v1",
        "an unknown version next to a valid v1 signature: the v1 one counts",
        WHSEC,
        headers(
            "msg_v2v1",
            NOW,
            signature(WHSEC, "msg_v2v1", NOW, body, version="v2") + " " + good("msg_v2v1"),
        ),
        body,
        expect_ok("msg_v2v1"),
    )
    case(
        "signature_without_version",
        "a bare base64 signature (no v1, prefix) is not accepted",
        WHSEC,
        headers("msg_bare", NOW, good("msg_bare")[len("v1,"):]),
        body,
        {"error": "invalid_signature"},
    )
    case(
        "signature_not_base64",
        "garbage after v1,",
        WHSEC,
        headers("msg_garbage", NOW, "v1,!!!not-base64!!!"),
        body,
        {"error": "invalid_signature"},
    )
    case(
        "signature_empty",
        "an empty webhook-signature header",
        WHSEC,
        headers("msg_empty_sig", NOW, ""),
        body,
        {"error": "invalid_signature"},
    )
    full = headers("msg_missing", NOW, good("msg_missing"))
    for i, name in enumerate(["webhook-id", "webhook-timestamp", "webhook-signature"]):
        case(
            f"missing_{name.replace('-', '_')}",
            f"no {name} header",
            WHSEC,
            full[:i] + full[i + 1:],
            body,
            {"error": "missing_header"},
        )
    case(
        "missing_all_headers",
        "no webhook headers at all",
        WHSEC,
        [["content-type", "application/json"]],
        body,
        {"error": "missing_header"},
    )
    not_json = "event=project.created&id=proj_123"
    case(
        "payload_not_json",
        "a correctly signed body that is not JSON",
        WHSEC,
        headers("msg_form", NOW, good("msg_form", b=not_json)),
        not_json,
        {"error": "invalid_payload"},
    )
    untyped = json.dumps({"data": PROJECT}, separators=(",", ":"))
    case(
        "payload_without_type",
        "a correctly signed JSON body that names no event type",
        WHSEC,
        headers("msg_untyped", NOW, good("msg_untyped", b=untyped)),
        untyped,
        {"error": "invalid_payload"},
    )
    unknown = payload("project.deleted", {"id": "proj_123"})
    case(
        "unknown_event_type",
        "an event type orgkit does not know is delivered as-is, data untyped",
        WHSEC,
        headers("msg_unknown", NOW, good("msg_unknown", b=unknown)),
        unknown,
        ok("project.deleted", "msg_unknown", NOW, "other", {"id": "proj_123"}, ["id"]),
    )
    unicode = payload("task.created", dict(TASK, title="Überprüfung — 検証 ✓"))
    case(
        "valid_non_ascii_body",
        "the HMAC covers the body's UTF-8 bytes exactly",
        WHSEC,
        headers("msg_utf8", NOW, good("msg_utf8", b=unicode)),
        unicode,
        ok("task.created", "msg_utf8", NOW, "task", dict(TASK, title="Überprüfung — 検証 ✓"), ["id", "title"]),
    )

    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "webhooks.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "cases": cases}, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {out}")


if __name__ == "__main__":
    main()
