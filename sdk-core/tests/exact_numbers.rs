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
