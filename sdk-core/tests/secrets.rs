//! Secrets never show: every operation of every provider runs against a
//! wiremock server with credentials, passwords, invite tokens and webhook
//! secrets of known text, on success and on error answers, and none of
//! that text may appear in any `Debug` of the client, builder, results or
//! errors, nor in an error's `Display`/`message()`. Also: the response
//! size cap (with and without Content-Length), https default base URLs,
//! and the extra-CA option's input checks.

use orgkit::{Client, ClientBuilder, ErrorKind, ListParams, Provider};
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "tok-SECRET-7f3a9c11";
const API_KEY: &str = "key-SECRET-51be2d22";
const SESSION: &str = "sid-SECRET-c0ffee33";
const PASSWORD: &str = "pw-SECRET-hunter2-44";
const INVITE_TOKEN: &str = "inv-SECRET-9d8e7f55";
const ISSUED: &str = "jwt-SECRET-issued-66";
const HEADER_SECRET: &str = "hdr-SECRET-proxy-77";
const WEBHOOK_SECRET: &str = "wh-SECRET-raw-88";
const WEBHOOK_WHSEC: &str = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

const SECRETS: &[&str] = &[
    TOKEN,
    API_KEY,
    SESSION,
    PASSWORD,
    INVITE_TOKEN,
    ISSUED,
    HEADER_SECRET,
    WEBHOOK_SECRET,
    WEBHOOK_WHSEC,
    // The base64 part of the whsec_ secret alone.
    "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA",
    // Distinctive fragments, in case a secret is shown cut or percent-encoded.
    "SECRET",
];

#[track_caller]
fn assert_clean(what: &str, text: &str) {
    for s in SECRETS {
        assert!(!text.contains(s), "{what} shows secret {s:?}: {text}");
    }
}

fn builder(provider: Provider, server: &MockServer) -> ClientBuilder {
    Client::builder(provider)
        .base_url(server.uri())
        .token(TOKEN)
        .api_key(API_KEY)
        .session_cookie(SESSION)
        .header("x-proxy-authorization", HEADER_SECRET)
        .max_retries(0)
}

/// A user as servers send it: with a password hash and an API key.
fn user() -> Value {
    json!({
        "id": 5, "userId": 5, "email": "member@example.com", "firstName": "Mem", "lastName": "Ber",
        "role": "admin", "isActive": 1,
        "password": PASSWORD, "apiKey": API_KEY, "accessToken": ISSUED, "refreshToken": ISSUED,
    })
}

/// Any object: decodes as an organization, project, task, member, user or document.
fn object() -> Value {
    let mut o = user();
    let m = o.as_object_mut().unwrap();
    m.insert("name".into(), "Acme".into());
    m.insert("title".into(), "Design".into());
    m.insert("status".into(), "active".into());
    m.insert("contactId".into(), 5.into());
    m.insert("secret".into(), WEBHOOK_SECRET.into());
    o
}

fn invite() -> Value {
    json!({
        "id": 1, "email": "new@example.com", "role": "member", "status": "pending",
        "token": INVITE_TOKEN, "expires_at": "2026-02-01T00:00:00Z",
        "confirmUrl": format!("https://app.example.com/invite?token={INVITE_TOKEN}"),
    })
}

/// The success answer of `op` on `provider`: (status, body).
fn success(provider: Provider, op: &str) -> (u16, Value) {
    use Provider as P;
    let list = |items: Value| match provider {
        P::Ourganize => {
            json!({"success": true, "data": items, "meta": {"page": 1, "limit": 20, "total": 1}})
        }
        P::Orgstack => json!({"data": items, "pagination": {"page": 1, "limit": 20, "total": 1}}),
        P::Achieveapex => json!({"total": 1, "limit": 10, "skip": 0, "data": items}),
        P::Kaana => items,
        P::Pm415 => {
            json!({"success": true, "organizations": items, "users": items, "current": object()})
        }
        _ => unreachable!(),
    };
    let one = |v: Value| match provider {
        P::Ourganize => json!({"success": true, "data": v}),
        P::Pm415 => json!({"success": true, "organization": v, "user": v, "current": v}),
        _ => v,
    };
    let session = match provider {
        P::Achieveapex => json!({
            "accessToken": ISSUED,
            "authentication": {"strategy": "local", "accessToken": ISSUED, "payload": {"jti": ISSUED}},
            "user": user(),
        }),
        _ => json!({"success": true, "token": ISSUED, "user": user()}),
    };
    match op {
        "auth.login" | "invites.accept" => (200, session),
        "organizations.switch" => (
            200,
            json!({"success": true, "organization": object(), "token": ISSUED}),
        ),
        "invites.create" => match provider {
            P::Pm415 => (
                200,
                json!({"success": true, "confirmUrl": format!("https://pm415.com/invite?token={INVITE_TOKEN}")}),
            ),
            _ => (201, one(invite())),
        },
        "invites.validate" => (
            200,
            json!({"success": true, "email": "new@example.com", "organization": "Acme"}),
        ),
        "users.my_organizations" => (
            200,
            json!([{"orgId": 7, "name": "Acme", "role": "Admin", "apiKey": API_KEY}]),
        ),
        op if op.ends_with(".list") => (200, list(json!([object()]))),
        op if op.ends_with(".delete") && provider == P::Kaana => (204, Value::Null),
        "members.add"
        | "members.set_role"
        | "members.remove"
        | "members.reset_passwords"
        | "organizations.delete"
        | "projects.delete"
        | "tasks.delete" => (200, json!({"success": true})),
        _ => (200, one(object())),
    }
}

/// Error answers with nothing secret in them, in each provider's dialect.
fn failures(provider: Provider) -> Vec<(u16, Value)> {
    use Provider as P;
    let body = |status: u16, code: &str, message: &str| match provider {
        P::Ourganize => {
            json!({"success": false, "error": {"code": code, "message": message, "details": [{"field": "name", "message": "is required"}]}})
        }
        P::Achieveapex => {
            json!({"name": code, "message": message, "code": status, "className": code.to_lowercase(), "data": {"limit": 100, "current": 101, "window": 60, "retryAfter": 1}})
        }
        P::Pm415 => {
            json!({"statusCode": status, "error": code, "message": message, "success": false})
        }
        _ => json!({"error": code, "message": message, "errors": {"name": "is required"}}),
    };
    let mut out: Vec<(u16, Value)> = [
        (400, "BAD_REQUEST", "Invalid request"),
        (401, "UNAUTHORIZED", "Invalid email or password"),
        (403, "FORBIDDEN", "Not allowed"),
        (404, "NOT_FOUND", "No such thing"),
        (422, "VALIDATION_ERROR", "Validation failed"),
        (429, "RATE_LIMIT_EXCEEDED", "Too many requests"),
        (500, "INTERNAL", "Something broke"),
    ]
    .iter()
    .map(|(s, c, m)| (*s, body(*s, c, m)))
    .collect();
    // A 2xx that says it failed, and a proxy's HTML page.
    out.push((
        200,
        json!({"success": false, "error": {"code": "NOT_FOUND", "message": "gone"}}),
    ));
    out.push((
        502,
        Value::String("<html><body>502 Bad Gateway</body></html>".into()),
    ));
    out
}

/// Runs one unified operation through the generic entry point with the
/// known secrets as arguments (the rest sampled from its description);
/// the `Debug` text of its result.
async fn call(client: &Client, provider: Provider, op: &str) -> orgkit::Result<String> {
    let op: orgkit::Operation = op.parse()?;
    let mut args = orgkit::__fuzz::sample_args(provider, op, &ListParams::new());
    for (key, secret) in [("password", PASSWORD), ("token", INVITE_TOKEN)] {
        if let Some(v) = args.get_mut(key) {
            *v = Value::String(secret.into());
        }
    }
    let out = client.call(op, args).await?;
    if let orgkit::Output::One(orgkit::Model::Session(session)) = &out {
        assert_eq!(session.token.expose(), ISSUED, "the login token is read");
    }
    Ok(format!("{out:?}"))
}

fn respond(status: u16, body: &Value) -> ResponseTemplate {
    match body {
        Value::Null => ResponseTemplate::new(status),
        Value::String(html) => {
            ResponseTemplate::new(status).set_body_raw(html.clone(), "text/html")
        }
        v => ResponseTemplate::new(status)
            .set_body_raw(serde_json::to_vec(v).unwrap(), "application/json"),
    }
}

#[tokio::test]
async fn no_operation_shows_a_secret_on_success_or_failure() {
    let mut calls = 0;
    for provider in Provider::ALL {
        let server = MockServer::start().await;
        let b = builder(provider, &server);
        assert_clean("ClientBuilder Debug", &format!("{b:?}"));
        let client = b.build().unwrap();
        assert_clean("Client Debug", &format!("{client:?}"));
        let ops = client.capabilities();
        assert!(!ops.is_empty());
        for op in &ops {
            // Success.
            server.reset().await;
            let (status, body) = success(provider, op);
            Mock::given(any())
                .respond_with(respond(status, &body))
                .mount(&server)
                .await;
            client.set_token(TOKEN);
            match call(&client, provider, op).await {
                Ok(text) => assert_clean(&format!("{provider} {op} result"), &text),
                Err(e) => panic!("{provider} {op}: the success answer failed: {e} {e:?}"),
            }
            assert_clean(
                &format!("{provider} {op}: client after"),
                &format!("{client:?}"),
            );
            calls += 1;
            // The credentials did go out (the test is not vacuous).
            let sent = server.received_requests().await.unwrap();
            assert!(!sent.is_empty(), "{provider} {op}: no request");
            // Failures.
            for (status, body) in failures(provider) {
                server.reset().await;
                Mock::given(any())
                    .respond_with(respond(status, &body))
                    .mount(&server)
                    .await;
                client.set_token(TOKEN);
                let e = match call(&client, provider, op).await {
                    Ok(text) => panic!("{provider} {op}: HTTP {status} {body} succeeded: {text}"),
                    Err(e) => e,
                };
                let what = format!("{provider} {op} HTTP {status} error");
                assert_clean(&what, &e.to_string());
                assert_clean(&what, e.message());
                assert_clean(&what, &format!("{e:?}"));
                for fe in e.field_errors() {
                    assert_clean(&what, &format!("{fe:?}"));
                }
                assert_eq!(e.status(), Some(status), "{what}: {e}");
                assert_eq!(e.provider(), Some(provider.as_str()), "{what}: {e:?}");
                assert_eq!(e.operation(), Some(*op), "{what}: {e:?}");
                calls += 1;
            }
        }
    }
    eprintln!("{calls} calls checked");
}

#[tokio::test]
async fn credentials_are_sent_but_marked_sensitive() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(respond(200, &json!([object()])))
        .mount(&server)
        .await;
    let client = builder(Provider::Kaana, &server).build().unwrap();
    client
        .organizations()
        .list(ListParams::new())
        .await
        .unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    let header = |n: &str| sent.headers.get(n).map(|v| v.to_str().unwrap().to_string());
    assert_eq!(header("cookie"), Some(format!("connect.sid={SESSION}")));
    assert_eq!(header("authorization"), Some(format!("Bearer {TOKEN}")));
    assert_eq!(
        header("x-proxy-authorization").as_deref(),
        Some(HEADER_SECRET)
    );
}

#[tokio::test]
async fn transport_errors_do_not_show_the_url_or_credentials() {
    // A port nothing listens on: connection refused.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = Client::builder(Provider::Pm415)
        .base_url(format!("http://{addr}"))
        .token(TOKEN)
        .max_retries(0)
        .build()
        .unwrap();
    let e = client.invites().validate(INVITE_TOKEN).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connection, "{e}");
    assert_clean("connection error", &format!("{e} {e:?}"));
    let e = client
        .invites()
        .accept(INVITE_TOKEN, "a@example.com", PASSWORD)
        .await
        .unwrap_err();
    assert_clean("connection error", &format!("{e} {e:?}"));
}

#[test]
fn webhook_secrets_never_show() {
    use orgkit::webhooks::{sign, verify_at};
    let now = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap();
    let body = br#"{"type":"task.created","data":{"id":"t1","title":"x"}}"#;
    for secret in [WEBHOOK_SECRET, WEBHOOK_WHSEC] {
        let headers = sign(secret, "msg_1", body, Some(now)).unwrap();
        assert_clean("WebhookHeaders", &format!("{headers:?}"));
        let pairs = headers.to_vec();
        let ok = verify_at(
            secret,
            pairs.iter().map(|(k, v)| (*k, v.as_str())),
            body,
            now,
        )
        .unwrap();
        assert_clean("WebhookEvent", &format!("{ok:?}"));
        // Wrong secret, stale, tampered, missing: no error shows either secret.
        let other = if secret == WEBHOOK_SECRET {
            WEBHOOK_WHSEC
        } else {
            WEBHOOK_SECRET
        };
        let later = now + chrono::Duration::hours(1);
        for (s, at, b) in [
            (other, now, &body[..]),
            (secret, later, &body[..]),
            (secret, now, &b"{}"[..]),
        ] {
            let e = verify_at(s, pairs.iter().map(|(k, v)| (*k, v.as_str())), b, at).unwrap_err();
            assert_clean("webhook error", &format!("{e} {e:?} {}", e.message()));
        }
    }
    for bad in ["whsec_SECRET!!not-base64", ""] {
        let e = sign(bad, "msg_1", body, Some(now)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert_clean("bad secret error", &format!("{e} {e:?}"));
    }
}

/// A server that answers every connection with a chunked (no
/// Content-Length) body of `size` bytes.
async fn chunked_server(size: usize) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = sock.read(&mut buf).await;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n";
                if sock.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = vec![b' '; 1024];
                let mut sent = 0;
                while sent < size {
                    let n = chunk.len().min(size - sent);
                    let frame = [format!("{n:x}\r\n").as_bytes(), &chunk[..n], b"\r\n"].concat();
                    if sock.write_all(&frame).await.is_err() {
                        return;
                    }
                    sent += n;
                }
                let _ = sock.write_all(b"0\r\n\r\n").await;
            });
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn oversized_responses_are_decode_errors() {
    const CAP: usize = 4096;
    // With Content-Length, success and error answers alike.
    let server = MockServer::start().await;
    let big = format!("[{}]", vec!["{\"id\":1}"; 1000].join(","));
    for status in [200, 500] {
        server.reset().await;
        Mock::given(any())
            .respond_with(
                ResponseTemplate::new(status).set_body_raw(big.clone(), "application/json"),
            )
            .mount(&server)
            .await;
        let client = builder(Provider::Kaana, &server)
            .max_response_bytes(CAP)
            .build()
            .unwrap();
        let e = client
            .organizations()
            .list(ListParams::new())
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
        assert_eq!(e.status(), Some(status));
        assert!(e.message().contains("4096"), "{e}");
        assert_clean("too-large error", &format!("{e} {e:?}"));
    }
    // Just under the cap is fine.
    server.reset().await;
    let fits = format!("[{}]", vec!["{\"id\":1}"; 400].join(","));
    assert!(fits.len() < CAP);
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(fits, "application/json"))
        .mount(&server)
        .await;
    let client = builder(Provider::Kaana, &server)
        .max_response_bytes(CAP)
        .build()
        .unwrap();
    assert_eq!(
        client
            .organizations()
            .list(ListParams::new())
            .await
            .unwrap()
            .items
            .len(),
        400
    );
    // Without Content-Length: a chunked stream is cut off at the cap.
    for size in [CAP + 1, 10 * 1024 * 1024] {
        let url = chunked_server(size).await;
        let client = Client::builder(Provider::Kaana)
            .base_url(url)
            .max_retries(0)
            .max_response_bytes(CAP)
            .build()
            .unwrap();
        let e = client
            .organizations()
            .list(ListParams::new())
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode, "{size}: {e}");
        assert_eq!(e.status(), Some(200));
        let raw = client
            .request(orgkit::Method::GET, "/organizations", None)
            .await
            .unwrap_err();
        assert_eq!(raw.kind(), ErrorKind::Decode, "{size}: {raw}");
    }
}

#[test]
fn default_base_urls_are_https() {
    for provider in Provider::ALL {
        match Client::builder(provider).build() {
            Ok(client) => assert_eq!(client.base_url().scheme(), "https", "{provider}"),
            Err(e) => {
                assert_eq!(provider, Provider::Orgstack, "{provider}: {e}");
                assert_eq!(e.kind(), ErrorKind::InvalidArgument);
            }
        }
    }
}

#[test]
fn extra_root_certificates_reject_garbage() {
    for garbage in [
        &b""[..],
        b"not a certificate",
        b"-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n",
        b"-----BEGIN CERTIFICATE-----\nAAAA\n",
        b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        b"\xff\xfe\x00",
    ] {
        let e = Client::builder(Provider::Kaana)
            .add_root_certificate_pem(garbage)
            .build()
            .expect_err("garbage PEM must be refused");
        assert_eq!(
            e.kind(),
            ErrorKind::InvalidArgument,
            "{:?}: {e}",
            String::from_utf8_lossy(garbage)
        );
    }
}

/// A self-signed test CA (EC P-256, valid until 2126): a real certificate is accepted.
const TEST_CA: &str = "-----BEGIN CERTIFICATE-----\nMIIBiDCCAS+gAwIBAgIUcrXfZDRlvxAQtZjUPHxn2Fdak4IwCgYIKoZIzj0EAwIw\nGTEXMBUGA1UEAwwOb3Jna2l0IHRlc3QgQ0EwIBcNMjYxMTIzMDAxOTI0WhgPMjEy\nNjEwMzAwMDE5MjRaMBkxFzAVBgNVBAMMDm9yZ2tpdCB0ZXN0IENBMFkwEwYHKoZI\nzj0CAQYIKoZIzj0DAQcDQgAESalZzHfEZHPf9nhq4t4dWYp7vfeYmzCapPGwCIYB\nHuGM6X+B9kyIgcXupjq2qZEtDdtSWdKVhu3oqsyeKKaIXqNTMFEwHQYDVR0OBBYE\nFJcT/TKh413T6kE1Z1bxRDeb4+/sMB8GA1UdIwQYMBaAFJcT/TKh413T6kE1Z1bx\nRDeb4+/sMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgHqItEQEO\nuNEKNz0d2X1T5POX3XspFjb0hLDe/yXY4zcCICGUy+ZuDn2l4YtBRnq2nMiStQmV\nDjTGIEUATY7qimDN\n-----END CERTIFICATE-----\n";

#[test]
fn extra_root_certificates_accept_a_real_one() {
    let client = Client::builder(Provider::Kaana)
        .add_root_certificate_pem(TEST_CA)
        .build()
        .expect("a valid PEM certificate is accepted");
    assert_eq!(client.base_url().scheme(), "https");
    // Two certificates in one bundle are fine too.
    Client::builder(Provider::Kaana)
        .add_root_certificate_pem(format!("{TEST_CA}{TEST_CA}"))
        .build()
        .expect("a PEM bundle is accepted"); // Over the operating system's store instead of the bundled webpki roots too.
    Client::builder(Provider::Kaana)
        .system_roots(true)
        .add_root_certificate_pem(TEST_CA)
        .build()
        .expect("extra roots merge with the system store");
}
