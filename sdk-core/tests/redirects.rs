//! Redirects: followed within the base URL's origin only, so no credential
//! ever reaches another origin (another host, port or scheme); a redirect
//! loop ends after a fixed number of hops and is not retried.

mod common;

use common::*;
use orgkit::{Client, ErrorKind, Provider};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn to(location: String) -> ResponseTemplate {
    ResponseTemplate::new(302).insert_header("location", location.as_str())
}

/// A client of `provider` at `origin`, holding each credential kind the
/// provider sends (and an extra header marked secret).
fn client(provider: Provider, origin: &MockServer) -> Client {
    builder(provider, origin)
        .token("tok-redirect-1")
        .api_key("key-redirect-2")
        .session_cookie("sid-redirect-3")
        .secret_header("x-tenant-secret", "hdr-redirect-4")
        .max_retries(2)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_cross_origin_redirect_is_not_followed_for_any_credential_kind() {
    for provider in [Provider::Ourganize, Provider::Achieveapex, Provider::Kaana] {
        let origin = MockServer::start().await;
        let elsewhere = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(to(format!("{}/stolen", elsewhere.uri())))
            .mount(&origin)
            .await;
        Mock::given(method("GET"))
            .respond_with(json_response(200, &json!({"id": 1})))
            .mount(&elsewhere)
            .await;
        let c = client(provider, &origin);
        let op = if provider == Provider::Ourganize {
            c.users().me().await.map(drop)
        } else {
            c.organizations().get(1).await.map(drop)
        };
        let e = op.unwrap_err();
        assert_eq!(e.status(), Some(302), "{provider}: {e}");
        assert_eq!(e.code(), Some("cross_origin_redirect"));
        assert!(!e.is_retryable(), "{e}");
        assert!(
            e.message().contains(&elsewhere.uri()),
            "names the origin it points at: {e}"
        );
        assert_eq!(received(&origin).await.len(), 1, "{provider}: not retried");
        assert_no_requests(&elsewhere).await;
    }
}

#[tokio::test]
async fn a_redirect_to_another_port_of_the_same_host_or_another_scheme_is_cross_origin() {
    let origin = MockServer::start().await;
    let port = origin.address().port();
    Mock::given(method("GET"))
        .and(path("/user/profile"))
        .respond_with(to(format!("https://127.0.0.1:{port}/user/profile")))
        .mount(&origin)
        .await;
    let e = client(Provider::Ourganize, &origin)
        .users()
        .me()
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some("cross_origin_redirect"), "{e}");
    assert_eq!(received(&origin).await.len(), 1);
}

#[tokio::test]
async fn a_same_origin_redirect_is_followed_with_the_credentials() {
    let origin = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/user/profile"))
        .respond_with(to(format!("{}/v2/profile", origin.uri())))
        .mount(&origin)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/profile"))
        .respond_with(json_response(
            200,
            &json!({"success": true, "data": {"id": 1}}),
        ))
        .mount(&origin)
        .await;
    let me = client(Provider::Ourganize, &origin)
        .users()
        .me()
        .await
        .unwrap();
    assert_eq!(me.id, orgkit::Id::Int(1));
    let got = received(&origin).await;
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].url.path(), "/v2/profile");
    assert_eq!(
        header(&got[1], "authorization"),
        Some("Bearer tok-redirect-1")
    );
}

#[tokio::test]
async fn a_redirect_loop_stops_after_ten_hops_and_is_not_retried() {
    let origin = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(to("/loop".into()))
        .mount(&origin)
        .await;
    let e = client(Provider::Ourganize, &origin)
        .request(orgkit::Method::GET, "/loop", None)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connection, "{e}");
    assert_eq!(e.code(), Some("too_many_redirects"));
    assert!(!e.is_retryable());
    // The request and its ten redirects, once: a loop stays a loop.
    assert_eq!(
        received(&origin).await.len(),
        1 + orgkit::http::MAX_REDIRECTS
    );
    assert_eq!(e.attempts(), Some(1));
}
