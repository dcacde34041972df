//! The streamed model decoders (models read from their text as it goes
//! past, `models/stream.rs`) against the reference decoders they replaced
//! (the whole body parsed, then each model read from the parsed value):
//! every answer of the mock server, every fixture and hand-made edge
//! cases, through every read operation of its provider, give the same
//! models or the same error both ways. `fuzz_regressions.rs` runs the same
//! check over the saved fuzz inputs and thousands of mutations.

use std::path::PathBuf;

use orgkit::__fuzz::{check_same, decode_by, operations, Decoding};
use orgkit::{ListParams, Provider};

mod common;

fn fixtures(provider: Provider) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(provider.as_str());
    let mut out: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    out.sort();
    out
}

/// Answers where the two ways of reading could part: repeated keys (of
/// fields, aliases, nested models), an unparseable timestamp kept in
/// `extra`, ids of every shape, a wrong type behind a null alias, a broken
/// nested model that is not the one chosen, the list off its documented
/// place, `success` among a model's own fields.
const EDGES: &[&str] = &[
    r#"{"success":true,"data":[{"id":1,"name":"a","name":"b","title":"c","createdAt":"soon","created_at":null,"x":1,"x":2,"secret":"s","password":"p"}],"meta":{"page":1,"limit":1,"total":3}}"#,
    r#"{"success":true,"data":[{"_id":"p1","id":null,"settings":{"isPublic":"yes"},"settings":{"isPublic":1,"allowComments":0,"theme":"dark"},"tags":[{"name":"t"},3,"u",null,{"x":1}]}]}"#,
    r#"{"success":true,"data":[{"id":{"id":7},"organization":{"id":"o9"},"status":5,"updated_at":1700000000,"due_date":1700000000123}]}"#,
    r#"{"success":true,"data":[{"id":{"name":"no id"}}]}"#,
    r#"{"success":true,"data":[{"id":1.5}]}"#,
    r#"{"success":true,"data":[{"id":18446744073709551617,"projectId":"12","title":null,"name":["x"]}]}"#,
    r#"{"success":true,"data":[{"id":1,"createdAt":"2024-03-09T15:04:05.123456789+05:30","updatedAt":"2024-03-09 10:00:00","completedAt":"2024-03-09"}]}"#,
    r#"{"success":true,"data":[{"id":1,"settings":[1]}]}"#,
    r#"{"success":true,"data":[{"id":1,"tags":"a,b"}]}"#,
    r#"{"success":true,"data":[{"id":1,"is_active":"true","isActive":false,"role":"owner","email":7}]}"#,
    r#"{"success":true,"data":{"id":1,"name":"one"},"data":{"id":2,"name":"two"}}"#,
    r#"{"success":true,"data":{"items":[{"id":1}]},"meta":{"total":1}}"#,
    r#"{"success":true,"projects":[{"id":1},{"id":2}]}"#,
    r#"[{"id":1},{"id":2,"name":"x"}]"#,
    r#"{"id":3,"success":true,"name":"bare","success":false}"#,
    r#"{"id":3,"name":"bare","meta":{"total":1}}"#,
    r#"{"success":true,"data":[{"id":1},null,{"id":2}]}"#,
    r#"{"success":true,"data":[{"id":1}, 5]}"#,
    r#"{"success":true,"data":null}"#,
    r#"{"success":true,"data":"text"}"#,
    r#"{"success":true,"data":[{"id":"\u0041\ud83d\ude00","name":"caf\u00e9 \"q\""}]}"#,
];

fn bodies(provider: Provider) -> Vec<Vec<u8>> {
    let mut out = fixtures(provider);
    out.extend(EDGES.iter().map(|e| e.as_bytes().to_vec()));
    out
}

/// How many answers decoded to models both ways (so the test cannot pass
/// by comparing errors only).
fn successes(provider: Provider, body: &[u8]) -> usize {
    operations(provider)
        .into_iter()
        .filter(|op| {
            decode_by(
                Decoding::Streamed,
                provider,
                *op,
                200,
                &[],
                body,
                ListParams::default(),
            )
            .is_ok_and(|text| text.contains("id:"))
        })
        .count()
}

#[test]
fn fixtures_and_edge_cases_decode_the_same_both_ways() {
    let mut decoded = 0;
    for provider in Provider::ALL {
        for body in bodies(provider) {
            for op in operations(provider) {
                for params in [ListParams::default(), ListParams::new().page(2).limit(1)] {
                    check_same(provider, op, 200, &[], &body, params);
                }
            }
            decoded += successes(provider, &body);
        }
    }
    assert!(decoded > 150, "only {decoded} answers decoded to models");
}

#[tokio::test]
async fn the_mock_servers_answers_decode_the_same_both_ways() {
    let answers = common::mock_answers().await;
    let mut decoded = 0;
    for (provider, body) in &answers {
        for op in operations(*provider) {
            check_same(*provider, op, 200, &[], body, ListParams::default());
        }
        decoded += successes(*provider, body);
    }
    assert!(decoded >= 25, "only {decoded} answers decoded to models");
}

/// Every streamed model's field names are the reference decoder's: an
/// answer naming each field by each of its aliases reads the same.
#[test]
fn every_alias_reads_the_same_both_ways() {
    let aliases: &[(&str, &[&str])] = &[
        ("id", &["id", "_id", "userId", "user_id"]),
        (
            "name",
            &["name", "title", "filename", "fileName", "fullName"],
        ),
        ("url", &["url", "link"]),
        ("mime", &["mime_type", "mimeType", "contentType"]),
        (
            "org",
            &["organization_id", "organizationId", "organization"],
        ),
        ("project", &["project_id", "projectId", "project"]),
        ("assignee", &["assignee_id", "assigneeId", "assignee"]),
        ("due", &["due_date", "dueDate"]),
        ("done", &["completed_at", "completedAt"]),
        ("created", &["created_at", "createdAt"]),
        ("updated", &["updated_at", "updatedAt"]),
        ("first", &["first_name", "firstName"]),
        ("last", &["last_name", "lastName"]),
        ("active", &["is_active", "isActive"]),
    ];
    let value = |field: &str| match field {
        "due" | "done" | "created" | "updated" => "\"2024-01-02T03:04:05Z\"",
        "active" => "true",
        "id" | "org" | "project" | "assignee" => "42",
        _ => "\"v\"",
    };
    for provider in [Provider::Ourganize, Provider::Kaana, Provider::Pm415] {
        for (field, names) in aliases {
            for name in *names {
                let item = format!(
                    r#"{{"id":1,"{name}":{},"description":"d","status":"active","email":"e@x","username":"u","role":"admin"}}"#,
                    value(field)
                );
                for body in [
                    format!(r#"{{"success":true,"data":[{item}],"meta":{{"total":1}}}}"#),
                    format!(r#"{{"success":true,"data":{item}}}"#),
                    format!("[{item}]"),
                    item.clone(),
                ] {
                    for op in operations(provider) {
                        check_same(
                            provider,
                            op,
                            200,
                            &[],
                            body.as_bytes(),
                            ListParams::default(),
                        );
                    }
                }
            }
        }
    }
}
