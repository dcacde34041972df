//! Secrets (tokens, API keys, session cookies, passwords, invite tokens,
//! webhook secrets) never show up in `Debug` or `Display` output.

mod common;

use std::time::Duration;

use common::{fixture_response, received};
use orgkit::{
    Client, Credentials, ErrorKind, Invite, ListParams, Login, Provider, RetryPolicy, Secret,
};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "tok_SECRET_8f7d6e5c4b3a";
const API_KEY: &str = "key_SECRET_1a2b3c4d5e6f";
const COOKIE: &str = "sid_SECRET_s%3Aabcdef.ghijkl";
const PASSWORD: &str = "pw_SECRET_correct-horse";
const INVITE_TOKEN: &str = "inv_SECRET_eyJhbGciOi";
const WEBHOOK_SECRET: &str = "whk_SECRET_0123456789";

const SECRETS: &[&str] = &[
    TOKEN,
    API_KEY,
    COOKIE,
    PASSWORD,
    INVITE_TOKEN,
    WEBHOOK_SECRET,
];

#[track_caller]
fn assert_clean(what: &str, text: &str) {
    for s in SECRETS {
        assert!(!text.contains(s), "{what} leaks {s:?}: {text}");
    }
    // Also the distinctive part alone (a secret cut or re-encoded).
    assert!(!text.contains("SECRET"), "{what} leaks: {text}");
}

#[track_caller]
fn assert_error_clean(what: &str, err: &orgkit::Error) {
    assert_clean(what, &format!("{err:?}"));
    assert_clean(what, &err.to_string());
    assert_clean(what, err.message());
}

fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

fn quick() -> RetryPolicy {
    RetryPolicy {
        max_retries: 0,
        initial_backoff: Duration::from_millis(5),
        ..Default::default()
    }
}

#[test]
fn clients_and_builders_hide_credentials() {
    for provider in Provider::ALL {
        let builder = Client::builder(provider)
            .base_url("https://example.test/api")
            .token(TOKEN)
            .api_key(API_KEY)
            .session_cookie(COOKIE);
        assert_clean("ClientBuilder", &format!("{builder:?}"));
        let client = builder.build().unwrap();
        let debug = format!("{client:?}");
        assert_clean("Client", &debug);
        assert!(debug.contains("example.test"), "{debug}");
        assert_clean("Client clone", &format!("{:?}", client.clone()));
        assert_clean("resource handles", &format!("{:?}", client.organizations()));
        assert_clean("resource handles", &format!("{:?}", client.members(1)));
    }
}

#[test]
fn extra_headers_are_hidden_too() {
    let builder = Client::builder(Provider::Ourganize)
        .header("X-Api-Key", API_KEY)
        .header("Authorization", format!("Bearer {TOKEN}"));
    assert_clean("ClientBuilder with headers", &format!("{builder:?}"));
    let client = builder.build().unwrap();
    assert_clean("Client with headers", &format!("{client:?}"));
}

#[test]
fn credentials_secrets_and_logins_hide_their_values() {
    let creds = Credentials {
        token: Some(TOKEN.into()),
        api_key: Some(Secret::new(API_KEY)),
        session_cookie: Some(Secret::from(COOKIE.to_string())),
    };
    assert_clean("Credentials", &format!("{creds:?}"));
    assert_clean("Credentials", &format!("{creds:#?}"));
    assert_clean("Secret", &format!("{:?}", Secret::new(PASSWORD)));
    assert_eq!(Secret::new(PASSWORD).expose(), PASSWORD);

    let login = Login::email("me@example.com", PASSWORD);
    let debug = format!("{login:?}");
    assert_clean("Login::email", &debug);
    assert!(debug.contains("me@example.com"));
    assert_clean(
        "Login::username",
        &format!("{:?}", Login::username("me", PASSWORD)),
    );
}

#[test]
fn invites_hide_token_and_confirm_url() {
    let invite = Invite::from_json_slice(
        &serde_json::to_vec(&json!({
            "email": "new@example.com",
            "token": INVITE_TOKEN,
            "confirmUrl": format!("https://pm415.com/account/invite/?token={INVITE_TOKEN}"),
            "inviteToken": INVITE_TOKEN,
            "organization": 6
        }))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(invite.token.as_deref(), Some(INVITE_TOKEN));
    let debug = format!("{invite:?}");
    assert_clean("Invite", &debug);
    assert_clean("Invite", &format!("{invite:#?}"));
    assert!(debug.contains("new@example.com"));

    // Only a confirm URL: the token read out of it stays hidden too.
    let invite = Invite::from_json_slice(
        &serde_json::to_vec(&json!({
            "confirmUrl": format!("https://pm415.com/account/invite/?token={INVITE_TOKEN}")
        }))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(invite.token.as_deref(), Some(INVITE_TOKEN));
    assert_clean("Invite", &format!("{invite:?}"));
}

#[tokio::test]
async fn sessions_hide_the_token_and_the_users_secrets() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/account/login"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "success": true,
            "token": TOKEN,
            "user": {
                "id": 4,
                "email": "me@example.com",
                "password": PASSWORD,
                "apiKey": API_KEY,
                "accessToken": TOKEN,
                "refresh_token": TOKEN,
                "secret": WEBHOOK_SECRET
            }
        })))
        .mount(&server)
        .await;
    let client = Client::builder(Provider::Pm415)
        .base_url(server.uri())
        .build()
        .unwrap();
    let session = client
        .auth()
        .login(Login::email("me@example.com", PASSWORD))
        .await
        .unwrap();
    assert_clean("Session", &format!("{session:?}"));
    assert_clean("Session", &format!("{session:#?}"));
    let user = session.user.as_ref().unwrap();
    assert_clean("User", &format!("{user:?}"));
    assert_clean("User json", &serde_json::to_string(user).unwrap());
    // The client now holds the token, and still hides it.
    assert_clean("Client after login", &format!("{client:?}"));
}

#[tokio::test]
async fn errors_from_a_401_carry_no_secret() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "statusCode": 401, "error": "Unauthorized", "message": "Invalid token", "success": false
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "success": true, "message": "Invalid email or password"
        })))
        .mount(&server)
        .await;
    let client = Client::builder(Provider::Pm415)
        .base_url(server.uri())
        .token(TOKEN)
        .retry_policy(quick())
        .build()
        .unwrap();
    let err = client.organizations().current().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorized);
    assert_error_clean("401 error", &err);

    let err = client
        .auth()
        .login(Login::email("me@example.com", PASSWORD))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorized);
    assert_error_clean("login error", &err);
    assert_clean("login error body", err.body().unwrap_or_default());

    let err = client
        .invites()
        .accept(INVITE_TOKEN, "me@example.com", PASSWORD)
        .await
        .unwrap_err();
    assert_error_clean("accept error", &err);
    // The request did carry them; only the reports must not.
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn a_connection_error_hides_the_token_in_the_url() {
    let port = closed_port();
    let client = Client::builder(Provider::Pm415)
        .base_url(format!("http://127.0.0.1:{port}"))
        .token(TOKEN)
        .retry_policy(quick())
        .build()
        .unwrap();
    let err = client.invites().validate(INVITE_TOKEN).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection);
    assert_error_clean("connection error", &err);

    // The escape hatch with the token in the path's query too.
    let err = client
        .request(
            orgkit::Method::GET,
            &format!("/api/org/invite/?token={INVITE_TOKEN}"),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection);
    assert_error_clean("connection error (request)", &err);
}

/// A base URL ends at its path: a query (every request's path would land
/// inside it) is refused, and the refusal does not echo what it held.
#[test]
fn a_base_url_with_a_query_or_fragment_is_refused_without_echoing_it() {
    for (url, shown) in [
        (
            format!("http://127.0.0.1:9/api?token={TOKEN}"),
            "http://127.0.0.1:9/api?…",
        ),
        (
            format!("http://127.0.0.1:9/api#{TOKEN}"),
            "http://127.0.0.1:9/api#…",
        ),
    ] {
        let builder = Client::builder(Provider::Kaana).base_url(url);
        assert_clean("builder", &format!("{builder:?}"));
        let err = builder.build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert_eq!(err.field_errors()[0].field, "base_url");
        assert!(err.message().contains(shown), "{err}");
        assert_error_clean("refused base URL", &err);
    }
}

#[tokio::test]
async fn timeouts_and_decode_errors_carry_no_secret() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/org/invite/"))
        .respond_with(
            fixture_response(200, "pm415", "invite_validate").set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/org"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("<html>", "text/html"))
        .mount(&server)
        .await;
    let client = Client::builder(Provider::Pm415)
        .base_url(server.uri())
        .token(TOKEN)
        .timeout(Duration::from_millis(200))
        .retry_policy(quick())
        .build()
        .unwrap();
    let err = client.invites().validate(INVITE_TOKEN).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_error_clean("timeout", &err);
    let err = client
        .organizations()
        .list(ListParams::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_error_clean("decode", &err);
}

#[test]
fn invalid_credentials_are_reported_without_their_value() {
    for bad in [format!("{TOKEN}\n"), format!("{TOKEN}\r\nX-Evil: 1")] {
        let client = Client::builder(Provider::Pm415)
            .base_url("http://127.0.0.1:9")
            .token(bad.as_str())
            .build();
        let err = match client {
            Err(e) => e,
            Ok(c) => {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(c.organizations().current()).unwrap_err()
            }
        };
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
        assert_error_clean("bad token", &err);
    }
}

#[test]
fn webhook_errors_never_show_the_secret() {
    use orgkit::webhooks;
    let headers = webhooks::sign(WEBHOOK_SECRET, "msg_1", b"{}", None).unwrap();
    assert_clean("webhook headers", &format!("{headers:?}"));
    let err = webhooks::verify(
        "another-secret",
        headers
            .to_vec()
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .collect::<Vec<_>>(),
        b"{}",
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::WebhookVerification);
    assert_error_clean("webhook error", &err);
    let err = webhooks::sign(&format!("whsec_{WEBHOOK_SECRET}!"), "m", b"{}", None).unwrap_err();
    assert_error_clean("whsec error", &err);
}

#[tokio::test]
async fn a_body_kept_on_a_decode_error_has_its_secrets_redacted() {
    let server = MockServer::start().await;
    // A login answer that fails to decode (the token is not a string):
    // the error keeps the body, but not the secrets in it.
    Mock::given(method("POST"))
        .and(path("/api/account/login"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "success": true,
            "token": { "value": TOKEN },
            "user": { "id": 4, "password": PASSWORD, "apiKey": API_KEY }
        })))
        .mount(&server)
        .await;
    // An error answer echoing a confirm URL with an invite token.
    Mock::given(method("POST"))
        .and(path("/api/org/6/invitelink"))
        .respond_with(ResponseTemplate::new(409).set_body_json(json!({
            "success": false,
            "message": "already invited",
            "confirmUrl": format!("https://pm415.com/account/invite/?token={INVITE_TOKEN}")
        })))
        .mount(&server)
        .await;
    let client = Client::builder(Provider::Pm415)
        .base_url(server.uri())
        .retry_policy(quick())
        .build()
        .unwrap();
    let err = client
        .auth()
        .login(Login::email("me@example.com", "whatever"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    let body = err.body().expect("the body is kept");
    assert_clean("decode error body", body);
    assert!(body.contains("[redacted]"), "{body}");
    assert!(body.contains("\"id\":4"), "{body}");
    assert_error_clean("decode error", &err);

    let err = client
        .invites()
        .create(orgkit::NewInvite {
            email: "a@b.c".into(),
            organization_id: Some(6.into()),
            role: None,
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.message(), "already invited");
    assert_clean("error body", err.body().unwrap());
}

/// orgkit would not send a URL's user name and password (each provider has
/// its own credentials), so such a base URL is refused, without its password
/// in the builder's Debug or the error.
#[test]
fn a_base_url_with_a_user_or_password_is_refused_and_not_echoed() {
    for url in [
        "https://alice:pw-in-url-31337@kaana.example/api",
        "https://alice@kaana.example/api",
        "https://alice:pw-in-url-31337@[not a host/api",
    ] {
        let builder = orgkit::Client::builder(orgkit::Provider::Kaana).base_url(url);
        assert!(!format!("{builder:?}").contains("pw-in-url-31337"));
        let err = builder.build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
        assert_eq!(err.field_errors()[0].field, "base_url");
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("pw-in-url-31337"), "{shown}");
    }
}
