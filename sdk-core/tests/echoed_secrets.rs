//! A hostile or buggy server that echoes the client's credentials back:
//! in a 401 message, in 422 field errors, in a 500 after retries, in a
//! deadline-wrapped Timeout, in a 200 `success:false`, and the password of
//! a login, the token a login returned, an invite token. The exact secret
//! (and its URL-encoded form) appears in none of `Display`, `Debug`,
//! `message()`, `code()`, `field_errors()`, `body()`.

mod common;

use std::time::Duration;

use common::*;
use orgkit::{Client, Error, ErrorKind, Login, Provider};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const API_KEY: &str = "sk_live_51HfQx/9+echo=";
const PASSWORD: &str = "hunter2-correct-horse";
const ISSUED: &str = "eyJhbGciOiJIUzI1NiJ9.issued.by-login";
const INVITE: &str = "inv_7f3a9c2b1d";

fn url_encoded(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Every place an error can show text.
fn shown(e: &Error) -> String {
    format!(
        "{e}\n{e:?}\n{}\n{:?}\n{:?}\n{:?}\n{:?}",
        e.message(),
        e.code(),
        e.field_errors(),
        e.body(),
        e.request_id()
    )
}

#[track_caller]
fn assert_hidden(e: &Error, secrets: &[&str]) {
    let text = shown(e);
    for s in secrets {
        assert!(!text.contains(s), "{s:?} shows in: {text}");
        let enc = url_encoded(s);
        assert!(!text.contains(&enc), "{enc:?} shows in: {text}");
    }
    assert!(text.contains("[redacted]"), "the echo was replaced: {text}");
}

fn ourganize(server: &MockServer) -> Client {
    builder(Provider::Ourganize, server)
        .api_key(API_KEY)
        .max_retries(2)
        .retry_policy(orgkit::RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(5),
            ..Default::default()
        })
        .build()
        .unwrap()
}

fn echo(status: u16, code: &str, message: String) -> ResponseTemplate {
    json_response(
        status,
        &json!({"success": false, "error": {"code": code, "message": message,
                "details": [{"field": "key", "message": format!("{API_KEY} is revoked")}]},
                "echo": {"key": API_KEY, "encoded": url_encoded(API_KEY)}}),
    )
}

#[tokio::test]
async fn a_401_quoting_the_api_key() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/projects/1"))
        .respond_with(echo(
            401,
            "UNAUTHORIZED",
            format!("Invalid API key '{API_KEY}' provided"),
        ))
        .mount(&server)
        .await;
    let e = ourganize(&server).projects().get(1).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Unauthorized);
    assert_eq!(e.message(), "Invalid API key '[redacted]' provided");
    assert_hidden(&e, &[API_KEY]);
}

#[tokio::test]
async fn a_422_whose_field_errors_quote_the_key_and_the_url_encoded_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/projects"))
        .respond_with(echo(
            422,
            "VALIDATION_ERROR",
            format!("key {} rejected", url_encoded(API_KEY)),
        ))
        .mount(&server)
        .await;
    let e = ourganize(&server)
        .projects()
        .create(orgkit::NewProject::named("P"))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert_eq!(e.field_errors()[0].message, "[redacted] is revoked");
    assert_hidden(&e, &[API_KEY]);
}

#[tokio::test]
async fn a_500_after_every_retry() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/projects/1"))
        .respond_with(echo(
            500,
            "INTERNAL",
            format!("upstream rejected token {API_KEY} (password={API_KEY})"),
        ))
        .expect(3)
        .mount(&server)
        .await;
    let e = ourganize(&server).projects().get(1).await.unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Server, Some(3)));
    assert_hidden(&e, &[API_KEY]);
}

#[tokio::test]
async fn a_timeout_that_wraps_the_last_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/projects/1"))
        .respond_with(echo(503, "UNAVAILABLE", format!("key {API_KEY} throttled")))
        .mount(&server)
        .await;
    let client = builder(Provider::Ourganize, &server)
        .api_key(API_KEY)
        .retry_policy(orgkit::RetryPolicy {
            max_retries: 5,
            initial_backoff: Duration::from_secs(5),
            ..Default::default()
        })
        .deadline(Duration::from_millis(800))
        .build()
        .unwrap();
    let e = client.projects().get(1).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout);
    assert!(e.message().contains("last error"), "{e}");
    assert_hidden(&e, &[API_KEY]);
}

#[tokio::test]
async fn a_200_success_false_quoting_the_key() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/user/profile"))
        .respond_with(echo(200, "FORBIDDEN", format!("key {API_KEY} may not")))
        .mount(&server)
        .await;
    let e = ourganize(&server).users().me().await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Forbidden, Some(200)));
    assert_hidden(&e, &[API_KEY]);
}

#[tokio::test]
async fn the_login_password_the_issued_token_and_an_invite_token() {
    let server = MockServer::start().await;
    // The first login is refused, quoting the password; the second succeeds.
    Mock::given(method("POST"))
        .and(path("/api/account/login"))
        .respond_with(json_response(
            401,
            &json!({"statusCode": 401, "error": "Unauthorized",
                    "message": format!("wrong password {PASSWORD} for me@example.com")}),
        ))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/account/login"))
        .respond_with(json_response(
            200,
            &json!({"success": true, "token": ISSUED}),
        ))
        .mount(&server)
        .await;
    // Later answers echo the issued token and an invite token.
    Mock::given(method("GET"))
        .and(path("/api/org/invite/"))
        .respond_with(json_response(
            404,
            &json!({"statusCode": 404, "error": "Not Found",
                    "message": format!("no invite {INVITE} (auth {ISSUED})")}),
        ))
        .mount(&server)
        .await;
    let client = builder(Provider::Pm415, &server).build().unwrap();
    let e = client
        .auth()
        .login(Login::email("me@example.com", PASSWORD))
        .await
        .unwrap_err();
    assert_hidden(&e, &[PASSWORD]);
    client
        .auth()
        .login(Login::email("me@example.com", PASSWORD))
        .await
        .unwrap();
    let e = client.invites().validate(INVITE).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_hidden(&e, &[ISSUED, INVITE, PASSWORD]);
}

#[tokio::test]
async fn a_header_the_user_marked_secret() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json_response(
            400,
            &json!({"success": false, "error": {"code": "BAD", "message": "tenant key tk-99881177 unknown"}}),
        ))
        .mount(&server)
        .await;
    let client = builder(Provider::Ourganize, &server)
        .secret_header("x-tenant", "tk-99881177")
        .header("x-tenant-api-key", "tk2-5544")
        .max_retries(0)
        .build()
        .unwrap();
    let e = client.users().me().await.unwrap_err();
    assert_hidden(&e, &["tk-99881177"]);
    assert!(!format!("{client:?}").contains("tk2-5544"));
}

/// A login answer cut short is not JSON, so its secret keys cannot be found
/// by parsing it; the token it carries still shows nowhere.
#[tokio::test]
async fn a_truncated_login_answer_keeps_the_issued_token_hidden() {
    for cut in [
        format!(r#"{{"success": true, "token": "{ISSUED}", "user": {{"id": 1, "#),
        format!(r#"{{"success": true, "token": "{ISSUED}"#),
        format!(r#"{{"success": true, "token" : "{ISSUED}", "user": [1, 2"#),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/api/account/login"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(cut, "application/json"))
            .mount(&server)
            .await;
        let client = builder(Provider::Pm415, &server).build().unwrap();
        let e = client
            .auth()
            .login(Login::email("me@example.com", PASSWORD))
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
        assert_hidden(&e, &[ISSUED, PASSWORD]);
    }
}

/// Every string (keys included) in `body` read as JSON.
fn json_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|i| json_strings(i, out)),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                json_strings(v, out);
            }
        }
        _ => {}
    }
}

fn ourganize_401(body: String) -> ResponseTemplate {
    ResponseTemplate::new(401).set_body_raw(body, "application/json")
}

/// Servers escape what they echo: PHP writes `/` as `\/`, Python's json
/// writes non-ASCII (here `_` too) as `\u00XX`. The key is found in the
/// decoded text, so whoever reads the kept body as JSON does not get it.
#[tokio::test]
async fn an_echo_written_with_json_escapes_is_still_hidden() {
    let escaped = API_KEY.replace('/', r"\/").replace('_', r"\u005f");
    let slashed = API_KEY.replace('/', r"\/");
    for body in [
        format!(
            r#"{{"success": false, "error": {{"code": "UNAUTHORIZED", "message": "Invalid API key '{slashed}' provided"}}, "hint": "{escaped}", "{escaped}": 1}}"#
        ),
        // Cut short, so not JSON: the escaped forms are found in the text.
        format!(r#"{{"success": false, "error": {{"message": "bad key {slashed} and {escaped}"#),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/projects/1"))
            .respond_with(ourganize_401(body))
            .mount(&server)
            .await;
        let e = ourganize(&server).projects().get(1).await.unwrap_err();
        assert_hidden(&e, &[API_KEY, &slashed, &escaped]);
        let kept = e.body().unwrap();
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(kept) {
            let mut strings = vec![];
            json_strings(&v, &mut strings);
            assert!(strings.iter().all(|s| !s.contains(API_KEY)), "{kept}");
            assert_eq!(e.message(), "Invalid API key '[redacted]' provided");
        }
    }
}

/// A long body is cut to `MAX_ERROR_BODY` bytes after its secrets are
/// hidden, so a key that straddles the cut leaves no prefix behind.
#[tokio::test]
async fn a_long_body_cut_inside_the_echoed_key_shows_none_of_it() {
    // Compact, as a JSON body is written back once a secret is replaced in it.
    let head = r#"{"success":false,"error":{"code":"UNAUTHORIZED","message":""#;
    for before_cut in [1, 8, API_KEY.len() - 1] {
        let pad = "x".repeat(orgkit::MAX_ERROR_BODY - before_cut - head.len());
        let body = format!(r#"{head}{pad}{API_KEY} is not a key"}}}}"#);
        assert_eq!(
            body.find(API_KEY),
            Some(orgkit::MAX_ERROR_BODY - before_cut)
        );
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/projects/1"))
            .respond_with(ourganize_401(body))
            .mount(&server)
            .await;
        let e = ourganize(&server).projects().get(1).await.unwrap_err();
        let kept = e.body().unwrap();
        assert!(kept.len() <= orgkit::MAX_ERROR_BODY, "{}", kept.len());
        assert!(kept.starts_with(head) && kept.contains("xxx"));
        let head_left = (1..API_KEY.len()).find(|&n| kept.ends_with(&API_KEY[..n]));
        assert_eq!(
            head_left,
            None,
            "{before_cut}: …{}",
            &kept[kept.len() - 40..]
        );
        assert_hidden(&e, &[API_KEY]);
    }
}

/// An answer's headers as `Debug` shows them (`with_response()`): a header
/// named like a credential, or one echoing a secret the client holds, shows
/// `[redacted]`; `header()` still gives the server's value as sent.
#[tokio::test]
async fn response_headers_echoing_a_credential_are_hidden_in_debug() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/projects/1"))
        .respond_with(
            json_response(
                200,
                &json!({"success": true, "data": {"id": 1, "name": "P"}}),
            )
            .insert_header("x-auth-token", "tok-7d1e9a0c55")
            .insert_header("x-session-key", "sess-19af00e2")
            .insert_header("x-debug-echo", format!("caller key={API_KEY}").as_str())
            .insert_header("x-trace", "abc-1"),
        )
        .mount(&server)
        .await;
    let r = ourganize(&server)
        .projects()
        .get(1)
        .with_response()
        .await
        .unwrap();
    let shown = format!("{r:?}");
    for secret in [API_KEY, "tok-7d1e9a0c55", "sess-19af00e2"] {
        assert!(!shown.contains(secret), "{secret} shows in {shown}");
    }
    assert!(shown.contains(r#"("x-trace", "abc-1")"#), "{shown}");
    assert!(
        shown.contains(r#"("x-debug-echo", "[redacted]")"#),
        "{shown}"
    );
    let echoed = format!("caller key={API_KEY}");
    assert_eq!(r.info.header("x-debug-echo"), Some(echoed.as_str()));
}
