//! Standard Webhooks signing and verification of ourganize's six events.

use chrono::{DateTime, Duration, TimeZone, Utc};
use orgkit::webhooks::{self, WebhookData, WebhookEventType, WebhookHeaders, TOLERANCE_SECS};
use orgkit::{ErrorKind, Id, InviteStatus, ProjectStatus, Role, TaskStatus};
use serde_json::json;

const SECRET: &str = "your-webhook-secret";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap()
}

fn pairs(h: &WebhookHeaders) -> Vec<(&'static str, String)> {
    h.to_vec()
}

fn refs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[track_caller]
fn assert_fails(result: orgkit::Result<webhooks::WebhookEvent>, code: &str) {
    let err = result.expect_err("verification must fail");
    assert_eq!(err.kind(), ErrorKind::WebhookVerification, "{err}");
    assert_eq!(err.code(), Some(code), "{err}");
    assert!(!err.is_retryable());
}

#[test]
fn the_standard_webhooks_test_vector() {
    // Published by the Standard Webhooks specification (and svix); also
    // checked independently with python3's hmac module.
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    let body = br#"{"test": 2432232314}"#;
    let signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    let at = Utc.timestamp_opt(1614265330, 0).unwrap();
    let signed = webhooks::sign(secret, id, body, Some(at)).unwrap();
    assert_eq!(signed.id, id);
    assert_eq!(signed.timestamp, "1614265330");
    assert_eq!(signed.signature, signature);

    // verify_at reads the headers; the body names no event type, so it is
    // a payload error — but only after the signature checked out.
    let headers = [
        ("webhook-id", id),
        ("webhook-timestamp", "1614265330"),
        ("webhook-signature", signature),
    ];
    assert_fails(
        webhooks::verify_at(secret, headers, body, at),
        "invalid_payload",
    );
    let bad = [
        ("webhook-id", id),
        ("webhook-timestamp", "1614265330"),
        (
            "webhook-signature",
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OF=",
        ),
    ];
    assert_fails(
        webhooks::verify_at(secret, bad, body, at),
        "invalid_signature",
    );
}

#[test]
fn round_trip_for_each_of_the_six_events() {
    let project = json!({
        "id": 123, "name": "My New Project", "description": "A sample project", "status": "active",
        "settings": { "isPublic": false, "allowComments": true },
        "createdAt": "2024-01-15T10:30:00Z"
    });
    let task = json!({
        "id": 456, "projectId": 123, "title": "Write docs", "status": "completed",
        "completedAt": "2024-01-15T10:30:00Z"
    });
    let invite = json!({
        "id": 9, "email": "new@example.com", "role": "member", "status": "pending",
        "token": "invite-token", "expiresAt": "2024-02-01T00:00:00Z"
    });
    let cases = [
        (
            "project.created",
            WebhookEventType::ProjectCreated,
            &project,
        ),
        (
            "project.updated",
            WebhookEventType::ProjectUpdated,
            &project,
        ),
        ("task.created", WebhookEventType::TaskCreated, &task),
        ("task.updated", WebhookEventType::TaskUpdated, &task),
        ("task.completed", WebhookEventType::TaskCompleted, &task),
        ("user.invited", WebhookEventType::UserInvited, &invite),
    ];
    for (i, (name, kind, data)) in cases.into_iter().enumerate() {
        let payload = json!({ "type": name, "data": data });
        let body = serde_json::to_vec(&payload).unwrap();
        let msg_id = format!("msg_{i}");
        let h = webhooks::sign(SECRET, &msg_id, &body, Some(now())).unwrap();
        assert!(h.signature.starts_with("v1,"));
        let v = pairs(&h);
        let event = webhooks::verify_at(SECRET, refs(&v), &body, now()).unwrap();
        assert_eq!(event.id, msg_id);
        assert_eq!(event.event_type, kind);
        assert_eq!(event.event_type.as_str(), name);
        assert_eq!(event.timestamp, now());
        assert_eq!(event.payload, payload);
        match (&kind, &event.data) {
            (
                WebhookEventType::ProjectCreated | WebhookEventType::ProjectUpdated,
                WebhookData::Project(p),
            ) => {
                assert_eq!(p.id, Id::Int(123));
                assert_eq!(p.name.as_deref(), Some("My New Project"));
                assert_eq!(p.status, Some(ProjectStatus::Active));
                let s = p.settings.as_ref().unwrap();
                assert_eq!((s.is_public, s.allow_comments), (Some(false), Some(true)));
            }
            (
                WebhookEventType::TaskCreated
                | WebhookEventType::TaskUpdated
                | WebhookEventType::TaskCompleted,
                WebhookData::Task(t),
            ) => {
                assert_eq!(t.id, Id::Int(456));
                assert_eq!(t.project_id, Some(Id::Int(123)));
                assert_eq!(t.status, Some(TaskStatus::Completed));
                assert!(t.completed_at.is_some());
            }
            (WebhookEventType::UserInvited, WebhookData::Invite(inv)) => {
                assert_eq!(inv.email.as_deref(), Some("new@example.com"));
                assert_eq!(inv.role, Some(Role::Member));
                assert_eq!(inv.status, Some(InviteStatus::Pending));
                assert_eq!(inv.token.as_deref(), Some("invite-token"));
            }
            other => panic!("{name}: unexpected data {other:?}"),
        }
    }
}

#[test]
fn sign_defaults_to_now_and_verify_uses_now() {
    let body = br#"{"type":"task.created","data":{"id":1}}"#;
    let h = webhooks::sign(SECRET, "msg_now", body, None).unwrap();
    let ts: i64 = h.timestamp.parse().unwrap();
    assert!((Utc::now().timestamp() - ts).abs() <= 5);
    let v = pairs(&h);
    let event = webhooks::verify(SECRET, refs(&v), body).unwrap();
    assert_eq!(event.event_type, WebhookEventType::TaskCreated);
}

fn signed(body: &[u8], at: DateTime<Utc>) -> Vec<(&'static str, String)> {
    pairs(&webhooks::sign(SECRET, "msg_1", body, Some(at)).unwrap())
}

const BODY: &[u8] = br#"{"type":"project.created","data":{"id":1,"name":"P"}}"#;

#[test]
fn a_tampered_body_fails() {
    let v = signed(BODY, now());
    let tampered = br#"{"type":"project.created","data":{"id":2,"name":"P"}}"#;
    assert_fails(
        webhooks::verify_at(SECRET, refs(&v), tampered, now()),
        "invalid_signature",
    );
    // Even one trailing byte.
    let mut longer = BODY.to_vec();
    longer.push(b' ');
    assert_fails(
        webhooks::verify_at(SECRET, refs(&v), &longer, now()),
        "invalid_signature",
    );
}

#[test]
fn tampered_id_or_timestamp_fails() {
    let v = signed(BODY, now());
    let mut other_id = v.clone();
    other_id[0].1 = "msg_2".into();
    assert_fails(
        webhooks::verify_at(SECRET, refs(&other_id), BODY, now()),
        "invalid_signature",
    );
    let mut other_ts = v.clone();
    other_ts[1].1 = (now().timestamp() + 1).to_string();
    assert_fails(
        webhooks::verify_at(SECRET, refs(&other_ts), BODY, now()),
        "invalid_signature",
    );
}

#[test]
fn a_wrong_secret_fails() {
    let v = signed(BODY, now());
    assert_fails(
        webhooks::verify_at("not-the-secret", refs(&v), BODY, now()),
        "invalid_signature",
    );
}

#[test]
fn timestamps_outside_five_minutes_fail() {
    assert_eq!(TOLERANCE_SECS, 300);
    let old = signed(BODY, now() - Duration::minutes(6));
    assert_fails(
        webhooks::verify_at(SECRET, refs(&old), BODY, now()),
        "timestamp_too_old",
    );
    let future = signed(BODY, now() + Duration::minutes(6));
    assert_fails(
        webhooks::verify_at(SECRET, refs(&future), BODY, now()),
        "timestamp_too_new",
    );
    // Inside the window either way is fine.
    for offset in [-299, -60, 0, 60, 299] {
        let v = signed(BODY, now() + Duration::seconds(offset));
        webhooks::verify_at(SECRET, refs(&v), BODY, now()).unwrap();
    }
}

#[test]
fn a_malformed_timestamp_fails() {
    for ts in ["", "abc", "1.5", "99999999999999999999"] {
        let v = [
            ("webhook-id", "msg_1"),
            ("webhook-timestamp", ts),
            ("webhook-signature", "v1,AAAA"),
        ];
        let err = webhooks::verify_at(SECRET, v, BODY, now()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WebhookVerification, "{ts:?}");
        assert_eq!(err.code(), Some("invalid_timestamp"), "{ts:?}");
    }
}

#[test]
fn one_valid_signature_among_several_is_enough() {
    let v = signed(BODY, now());
    let good = v[2].1.clone();
    let other = webhooks::sign("old-secret", "msg_1", BODY, Some(now()))
        .unwrap()
        .signature;
    for list in [
        format!("{other} {good}"),
        format!("{good} {other}"),
        format!("v1,bm90LWEtc2ln {good} v2,xyz"),
        format!("v1a,{} {good}", &good[3..]),
        format!("garbage   {good}"),
    ] {
        let h = [
            ("webhook-id", v[0].1.as_str()),
            ("webhook-timestamp", v[1].1.as_str()),
            ("webhook-signature", list.as_str()),
        ];
        webhooks::verify_at(SECRET, h, BODY, now()).unwrap();
    }
    // Only wrong ones, or a right one under another version tag: no.
    for list in [
        other.clone(),
        format!("v2,{}", &good[3..]),
        format!("{other} v1,!!notbase64!!"),
        String::new(),
    ] {
        let h = [
            ("webhook-id", v[0].1.as_str()),
            ("webhook-timestamp", v[1].1.as_str()),
            ("webhook-signature", list.as_str()),
        ];
        assert_fails(
            webhooks::verify_at(SECRET, h, BODY, now()),
            "invalid_signature",
        );
    }
}

#[test]
fn missing_headers_fail() {
    let v = signed(BODY, now());
    for drop in 0..3 {
        let mut h = refs(&v);
        h.remove(drop);
        assert_fails(
            webhooks::verify_at(SECRET, h, BODY, now()),
            "missing_header",
        );
    }
    assert_fails(
        webhooks::verify_at(SECRET, Vec::<(&str, &str)>::new(), BODY, now()),
        "missing_header",
    );
}

#[test]
fn header_names_are_case_insensitive() {
    let v = signed(BODY, now());
    let h = [
        ("Webhook-Id", v[0].1.as_str()),
        ("WEBHOOK-TIMESTAMP", v[1].1.as_str()),
        ("Webhook-Signature", v[2].1.as_str()),
        ("Content-Type", "application/json"),
    ];
    webhooks::verify_at(SECRET, h, BODY, now()).unwrap();
}

#[test]
fn whsec_secrets_are_base64_keys() {
    // whsec_ + base64("secret-key-bytes") signs with the decoded bytes,
    // i.e. the same as the raw secret "secret-key-bytes".
    let whsec = "whsec_c2VjcmV0LWtleS1ieXRlcw==";
    let a = webhooks::sign(whsec, "msg_1", BODY, Some(now())).unwrap();
    let b = webhooks::sign("secret-key-bytes", "msg_1", BODY, Some(now())).unwrap();
    assert_eq!(a, b);
    let v = pairs(&a);
    webhooks::verify_at(whsec, refs(&v), BODY, now()).unwrap();
    // The prefix is not part of the key.
    assert_fails(
        webhooks::verify_at("c2VjcmV0LWtleS1ieXRlcw==", refs(&v), BODY, now()),
        "invalid_signature",
    );
    // A whsec_ secret that is not base64 is the caller's mistake.
    let err = webhooks::sign("whsec_not base64!", "msg_1", BODY, Some(now())).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    let err = webhooks::verify_at("whsec_%%%", refs(&v), BODY, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[test]
fn bad_arguments_to_sign() {
    // A CR or LF would start another header where the id is sent.
    for id in ["", "a.b", "a b", "a\r\nx-evil: 1", "a\nb", "\u{0}"] {
        let err = webhooks::sign(SECRET, id, BODY, Some(now())).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{id:?}");
    }
    let err = webhooks::sign("", "msg", BODY, Some(now())).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[test]
fn payload_problems_after_a_good_signature() {
    for (body, code) in [
        (&b"not json"[..], "invalid_payload"),
        (&br#"{"data":{}}"#[..], "invalid_payload"),
    ] {
        let v = signed(body, now());
        assert_fails(webhooks::verify_at(SECRET, refs(&v), body, now()), code);
    }
    // An unknown event or data that is not its type is kept as sent.
    let body = br#"{"type":"deal.won","data":{"amount":5}}"#;
    let v = signed(body, now());
    let e = webhooks::verify_at(SECRET, refs(&v), body, now()).unwrap();
    assert_eq!(e.event_type, WebhookEventType::Other("deal.won".into()));
    assert_eq!(e.data, WebhookData::Other(json!({ "amount": 5 })));
    let body = br#"{"type":"task.created","data":"nope"}"#;
    let v = signed(body, now());
    let e = webhooks::verify_at(SECRET, refs(&v), body, now()).unwrap();
    assert_eq!(e.event_type, WebhookEventType::TaskCreated);
    assert_eq!(e.data, WebhookData::Other(json!("nope")));
}

/// The payload is read as answers are: an integer beyond 64 bits keeps its
/// digits (as text) instead of being rounded through a float.
#[test]
fn big_numbers_in_a_payload_keep_their_digits() {
    let big = "18446744073709551617"; // 2^64 + 1
    for kind in ["project.created", "deal.won"] {
        let body = format!(
            r#"{{"type":"{kind}","data":{{"id":{big},"budget":{big},"n":9007199254740993}}}}"#
        );
        let v = signed(body.as_bytes(), now());
        let e = webhooks::verify_at(SECRET, refs(&v), body.as_bytes(), now()).unwrap();
        assert_eq!(e.payload["data"]["budget"], json!(big), "{kind}");
        assert_eq!(e.payload["data"]["n"], json!(9007199254740993u64), "{kind}");
        match &e.data {
            WebhookData::Project(p) => {
                assert_eq!(p.id.to_string(), big);
                assert_eq!(p.extra["budget"], json!(big));
            }
            WebhookData::Other(data) => assert_eq!(data["budget"], json!(big)),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn debug_of_an_event_hides_the_invite_token_in_data_and_payload() {
    let token = "inv-tok-9f8e7d6c5b4a";
    for (kind, data) in [
        ("user.invited", json!({"email": "a@b.test", "token": token})),
        // An unknown event keeps its data raw: still no token in Debug.
        (
            "user.vanished",
            json!({"nested": {"inviteToken": token, "token": token}}),
        ),
    ] {
        let body = json!({"type": kind, "data": data}).to_string();
        let headers = webhooks::sign(SECRET, "msg_1", body.as_bytes(), Some(now())).unwrap();
        let owned = pairs(&headers);
        let event = webhooks::verify_at(SECRET, refs(&owned), body.as_bytes(), now()).unwrap();
        // The token is still there for the program that asked for it…
        assert!(event.payload.to_string().contains(token));
        // …but not in what gets logged.
        let debug = format!("{event:?}");
        assert!(!debug.contains(token), "{debug}");
        assert!(debug.contains("[redacted]"), "{debug}");
    }
}
