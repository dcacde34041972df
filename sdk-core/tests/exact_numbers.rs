//! Ids keep every digit: an integer of any size decodes to an `Id` that is
//! written back out with the same digits (as a number when it was one);
//! a count that no language can hold exactly is a `Decode` error naming it.

mod common;

use common::*;
use orgkit::{ErrorKind, Id, ListParams, Provider};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const IDS: [&str; 3] = [
    "9007199254740993",     // 2^53 + 1
    "18446744073709551617", // 2^64 + 1
    "-9223372036854775809", // -2^63 - 1
];

fn raw(status: u16, text: String) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(text, "application/json")
}

#[tokio::test]
async fn big_ids_round_trip_through_get_and_request_bodies() {
    for digits in IDS {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path(format!("/projects/{digits}")))
            .respond_with(raw(
                200,
                format!(r#"{{"success": true, "data": {{"id": {digits}, "name": "P", "organizationId": {digits}}}}}"#),
            ))
            .expect(2)
            .mount(&server)
            .await;
        let client = client(Provider::Ourganize, &server);
        let first = client
            .projects()
            .get(digits.parse::<Id>().unwrap())
            .await
            .unwrap();
        assert_eq!(first.id.to_string(), digits);
        assert!(
            matches!(first.id, Id::Int(_) | Id::BigInt(_)),
            "a number stays a number"
        );
        assert_eq!(serde_json::to_string(&first.id).unwrap(), digits);
        // The decoded id addresses the same resource.
        let again = client.projects().get(first.id.clone()).await.unwrap();
        assert_eq!(again.organization_id, first.organization_id);
        let got = received(&server).await;
        assert_eq!(got[1].url.path(), format!("/projects/{digits}"));
    }
}

#[tokio::test]
async fn a_big_id_in_a_body_goes_out_as_the_same_number() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/organizations/1/members"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(Provider::Kaana, &server);
    let person: Id = IDS[1].parse().unwrap();
    client.members(1).add(person, "admin").await.unwrap();
    let body = String::from_utf8(received(&server).await[0].body.clone()).unwrap();
    assert_eq!(
        body,
        format!(r#"{{"contactId":{},"role":"admin"}}"#, IDS[1])
    );
}

/// `extra` is `serde_json` values, which hold no integer beyond 64 bits:
/// such a one keeps its digits as text rather than being rounded.
#[tokio::test]
async fn big_numbers_in_extra_fields_keep_their_digits() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/projects/1"))
        .respond_with(raw(
            200,
            format!(
                r#"{{"success": true, "data": {{"id": 1, "budget": {}}}}}"#,
                IDS[1]
            ),
        ))
        .mount(&server)
        .await;
    let p = client(Provider::Ourganize, &server)
        .projects()
        .get(1)
        .await
        .unwrap();
    assert_eq!(p.extra["budget"], serde_json::Value::String(IDS[1].into()));
}

#[tokio::test]
async fn a_total_no_language_holds_exactly_is_a_decode_error_naming_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/projects"))
        .respond_with(raw(
            200,
            r#"{"success": true, "data": [{"id": 1}], "meta": {"page": 1, "limit": 1, "total": 18446744073709551617}}"#.into(),
        ))
        .mount(&server)
        .await;
    let e = client(Provider::Ourganize, &server)
        .projects()
        .list(ListParams::new())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert_eq!(e.status(), Some(200));
    assert!(e.message().contains("meta.total"), "{e}");
}

#[tokio::test]
async fn an_id_that_is_not_an_integer_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/projects/1"))
        .respond_with(raw(200, r#"{"success": true, "data": {"id": 1.5}}"#.into()))
        .mount(&server)
        .await;
    let e = client(Provider::Ourganize, &server)
        .projects()
        .get(1)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
    assert!(e.message().contains("project.id"), "{e}");
}

/// The body text `POST /projects` with `body` (through the escape hatch) sends.
async fn posted(body: serde_json::Value) -> String {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/projects"))
        .respond_with(raw(
            201,
            r#"{"success": true, "data": {"id": 1, "name": "P"}}"#.into(),
        ))
        .expect(1)
        .mount(&server)
        .await;
    client(Provider::Ourganize, &server)
        .request(orgkit::Method::POST, "/projects", Some(body))
        .await
        .unwrap();
    String::from_utf8(received(&server).await.pop().unwrap().body).unwrap()
}

/// A binding's integer beyond 64 bits (Python's `2**100`), marked with
/// `big_integer_arg`: an id where one is expected, the same number in a
/// JSON body, a number (so refused) where text is expected.
#[tokio::test]
async fn a_marked_big_integer_argument_is_that_number_everywhere() {
    let server = MockServer::start().await;
    let big = "1267650600228229401496703205376";
    let marked = orgkit::big_integer_arg(big).unwrap();
    Mock::given(method("GET"))
        .and(path(format!("/projects/{big}")))
        .respond_with(raw(
            200,
            format!(r#"{{"success": true, "data": {{"id": {big}, "name": "P"}}}}"#),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(Provider::Ourganize, &server);
    let args = |pairs: &[(&str, serde_json::Value)]| {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect::<serde_json::Map<_, _>>()
    };
    let got = client
        .call(
            orgkit::Operation::ProjectsGet,
            args(&[("id", marked.clone())]),
        )
        .await
        .unwrap();
    assert!(format!("{got:?}").contains(big), "{got:?}");

    let body = serde_json::json!({"name": "x", "v": marked, "w": [marked, 7]});
    assert_eq!(
        posted(body).await,
        format!(r#"{{"name":"x","v":{big},"w":[{big},7]}}"#)
    );

    let name = client
        .call(
            orgkit::Operation::ProjectsCreate,
            args(&[("name", marked.clone())]),
        )
        .await
        .unwrap_err();
    assert_eq!(name.message(), "name: expected a string, got a number");
    let limit = client
        .call(orgkit::Operation::ProjectsList, args(&[("limit", marked)]))
        .await
        .unwrap_err();
    assert_eq!(limit.message(), format!("limit: {big} is too large"));
    assert_eq!(
        orgkit::big_integer_arg("12a"),
        None,
        "only an integer literal is marked"
    );
}

/// A text that looks like the mark (a guess, or another process's) is text.
#[tokio::test]
async fn a_string_that_looks_like_the_mark_is_sent_as_text() {
    let body = serde_json::json!({"name": "\u{1}orgkit:integer:5"});
    assert_eq!(posted(body).await, r#"{"name":"\u0001orgkit:integer:5"}"#);
}
