//! The shared webhook vectors (`tests/conformance/webhooks.json`, format in
//! `tests/conformance/WEBHOOKS.md`) against `orgkit::webhooks::verify_at`.

use orgkit::webhooks::{verify_at, WebhookData};
use orgkit::ErrorKind;
use serde_json::Value;

fn vectors() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/conformance/webhooks.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let file: Value = serde_json::from_str(&text).expect("webhooks.json is JSON");
    assert_eq!(file["version"], 1);
    file["cases"].as_array().expect("cases").clone()
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {v}"))
}

#[test]
fn every_webhook_vector_verifies_as_expected() {
    let cases = vectors();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = text(case, "name");
        let secret = text(case, "secret");
        let body = text(case, "body").as_bytes();
        let now = chrono::DateTime::from_timestamp(case["now"].as_i64().expect("now"), 0)
            .expect("now in range");
        let headers: Vec<(&str, &str)> = case["headers"]
            .as_array()
            .expect("headers")
            .iter()
            .map(|pair| (pair[0].as_str().unwrap(), pair[1].as_str().unwrap()))
            .collect();
        let result = verify_at(secret, headers.iter().copied(), body, now);
        let expected = &case["expected"];
        match (result, expected.get("ok"), expected.get("error")) {
            (Ok(event), Some(ok), None) => {
                let mut wrong = Vec::new();
                if event.event_type.as_str() != text(ok, "event_type") {
                    wrong.push(format!("event_type {}", event.event_type));
                }
                if event.id != text(ok, "id") {
                    wrong.push(format!("id {}", event.id));
                }
                if Some(event.timestamp.timestamp()) != ok["timestamp"].as_i64() {
                    wrong.push(format!("timestamp {}", event.timestamp));
                }
                let kind = match &event.data {
                    WebhookData::Project(p) => {
                        if ok["data"]["id"].as_str() != Some(&p.id.to_string()) {
                            wrong.push(format!("project id {}", p.id));
                        }
                        "project"
                    }
                    WebhookData::Task(t) => {
                        if ok["data"]["id"].as_str() != Some(&t.id.to_string()) {
                            wrong.push(format!("task id {}", t.id));
                        }
                        "task"
                    }
                    WebhookData::Invite(i) => {
                        if ok["data"]["email"].as_str() != i.email.as_deref() {
                            wrong.push(format!("invite email {:?}", i.email));
                        }
                        "invite"
                    }
                    WebhookData::Other(_) => "other",
                };
                if kind != text(ok, "data_kind") {
                    wrong.push(format!("data_kind {kind}"));
                }
                for (field, want) in ok["data"].as_object().expect("data") {
                    if &event.payload["data"][field] != want {
                        wrong.push(format!("data.{field} = {}", event.payload["data"][field]));
                    }
                }
                if !wrong.is_empty() {
                    failures.push(format!("{name}: {}", wrong.join(", ")));
                }
            }
            (Err(e), None, Some(code)) => {
                if e.kind() != ErrorKind::WebhookVerification || e.code() != code.as_str() {
                    failures.push(format!("{name}: expected {code}, got {e} ({:?})", e.code()));
                }
            }
            (Ok(event), _, _) => failures.push(format!(
                "{name}: expected {expected}, verified as {}",
                event.event_type
            )),
            (Err(e), _, _) => failures.push(format!("{name}: expected {expected}, got {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn webhook_vectors_cover_the_brief() {
    let cases = vectors();
    let names: Vec<&str> = cases.iter().map(|c| text(c, "name")).collect();
    for event in [
        "project.created",
        "project.updated",
        "task.created",
        "task.updated",
        "task.completed",
        "user.invited",
    ] {
        assert!(
            cases
                .iter()
                .any(|c| c["expected"]["ok"]["event_type"] == event),
            "no valid {event} case"
        );
    }
    for code in [
        "missing_header",
        "invalid_timestamp",
        "timestamp_too_old",
        "timestamp_too_new",
        "invalid_signature",
        "invalid_payload",
    ] {
        assert!(
            cases.iter().any(|c| c["expected"]["error"] == code),
            "no {code} case"
        );
    }
    for name in [
        "missing_webhook_id",
        "missing_webhook_timestamp",
        "missing_webhook_signature",
        "several_signatures_one_valid",
        "non_v1_signature",
        "timestamp_old_just_inside_tolerance",
        "timestamp_future_just_inside_tolerance",
        "valid_raw_secret",
    ] {
        assert!(names.contains(&name), "no {name} case");
    }
}
