//! What users of stripe/openai SDKs expect, in the core every binding
//! shares: per-request options (header, timeout, retries, deadline,
//! idempotency key) that win over the client's; raw responses with the
//! status, headers, request id, attempts and rate limit the server gave
//! (per page for lists); log events without secrets; close(); credentials
//! from the environment.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use orgkit::log::{LogEvent, LogLevel, LogSink};
use orgkit::{ErrorKind, ListParams, NewProject, Provider, RequestOptions};
use serde_json::json;
use wiremock::matchers::{header as has_header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn project(id: u64) -> serde_json::Value {
    json!({"success": true, "data": {"id": id, "name": "P"}})
}

/// A server answering every GET with project 1.
async fn serving_project_1() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json_response(200, &project(1)))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn per_request_headers_are_sent_and_win_over_the_clients() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/projects/1"))
        .and(has_header("x-trace", "call"))
        .and(has_header("x-team", "blue"))
        .respond_with(json_response(200, &project(1)))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(Provider::Ourganize, &server)
        .token(TOKEN)
        .header("x-trace", "client")
        .header("x-team", "blue")
        .build()
        .unwrap();
    client
        .projects()
        .get(1)
        .header("x-trace", "call")
        .await
        .unwrap();
}

/// The credentials go on every authenticated request last: a client or
/// per-request header of the same name never replaces them, and a new
/// token is on the very next request (the signed headers are made once
/// per credentials, so this is what shows they are remade).
#[tokio::test]
async fn credentials_win_over_same_named_headers_and_a_new_token_is_used_at_once() {
    let server = serving_project_1().await;
    let client = builder(Provider::Ourganize, &server)
        .token(TOKEN)
        .header("Authorization", "Bearer from-client-headers")
        .build()
        .unwrap();
    for new_token in [None, Some("tok-second")] {
        if let Some(token) = new_token {
            client.set_token(token);
        }
        // Without per-request headers, and with some (one of them named
        // like the credentials').
        client.projects().get(1).await.unwrap();
        let call = client.projects().get(1).header("x-trace", "call");
        call.header("authorization", "Bearer from-the-call")
            .await
            .unwrap();
    }
    let got = server.received_requests().await.unwrap();
    let auth: Vec<_> = got.iter().map(|r| header(r, "authorization")).collect();
    let first = format!("Bearer {TOKEN}");
    assert_eq!(
        auth,
        [
            Some(first.as_str()),
            Some(first.as_str()),
            Some("Bearer tok-second"),
            Some("Bearer tok-second"),
        ]
    );
    assert_eq!(header(&got[1], "x-trace"), Some("call"));
    for r in &got {
        assert_eq!(r.headers.get_all("authorization").iter().count(), 1);
    }
}

#[tokio::test]
async fn a_per_request_timeout_wins_over_the_clients() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json_response(200, &project(1)).set_delay(Duration::from_millis(400)))
        .mount(&server)
        .await;
    let client = builder(Provider::Ourganize, &server)
        .token(TOKEN)
        .timeout(Duration::from_secs(30))
        .max_retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let e = client
        .projects()
        .get(1)
        .timeout(Duration::from_millis(100))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert!(
        started.elapsed() < Duration::from_millis(390),
        "{:?}",
        started.elapsed()
    );
    // And the client's own is used without one.
    client.projects().get(1).await.unwrap();
}

#[tokio::test]
async fn per_request_max_retries_is_the_number_of_retries_made() {
    for (retries, expected) in [(0u32, 1usize), (3, 4)] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(503))
            .mount(&server)
            .await;
        let client = builder(Provider::Ourganize, &server)
            .token(TOKEN)
            .retry_policy(orgkit::RetryPolicy {
                max_retries: 1,
                initial_backoff: Duration::from_millis(1),
                ..Default::default()
            })
            .build()
            .unwrap();
        let e = client
            .projects()
            .get(1)
            .with(RequestOptions::new().max_retries(retries))
            .await
            .unwrap_err();
        assert_eq!(e.attempts(), Some(expected as u32));
        assert_eq!(received(&server).await.len(), expected);
    }
}

#[tokio::test]
async fn a_per_request_deadline_bounds_every_retry() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_delay(Duration::from_millis(60)))
        .mount(&server)
        .await;
    let client = builder(Provider::Ourganize, &server)
        .token(TOKEN)
        .max_retries(50)
        .build()
        .unwrap();
    let started = Instant::now();
    let e = client
        .projects()
        .get(1)
        .deadline(Duration::from_millis(300))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn an_idempotency_key_is_sent_and_makes_a_post_retryable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(has_header("idempotency-key", "create-p-1"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(has_header("idempotency-key", "create-p-1"))
        .respond_with(json_response(201, &project(7)))
        .mount(&server)
        .await;
    let client = builder(Provider::Ourganize, &server)
        .token(TOKEN)
        .retry_policy(orgkit::RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(1),
            ..Default::default()
        })
        .build()
        .unwrap();
    let p = client
        .projects()
        .create(NewProject::named("P"))
        .idempotency_key("create-p-1")
        .with_response()
        .await
        .unwrap();
    assert_eq!(p.data.id, orgkit::Id::Int(7));
    assert_eq!(p.info.attempts, 2);
    // Without one, a POST that reached the server is not retried.
    let e = client
        .projects()
        .create(NewProject::named("P"))
        .await
        .unwrap_err();
    assert_eq!(e.attempts(), Some(1), "{e}");
}

#[tokio::test]
async fn raw_responses_carry_what_the_server_said() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/projects/3"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/projects/3"))
        .respond_with(
            json_response(200, &project(3))
                .insert_header("x-request-id", "req-42")
                .insert_header("x-ratelimit-limit", "100")
                .insert_header("x-ratelimit-remaining", "97")
                .insert_header("x-custom", "yes"),
        )
        .mount(&server)
        .await;
    let client = builder(Provider::Ourganize, &server)
        .token(TOKEN)
        .retry_policy(orgkit::RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            ..Default::default()
        })
        .build()
        .unwrap();
    let r = client.projects().get(3).with_response().await.unwrap();
    assert_eq!(r.data.id, orgkit::Id::Int(3));
    assert_eq!(r.info.status, 200);
    assert_eq!(r.info.attempts, 2);
    assert_eq!(r.info.request_id.as_deref(), Some("req-42"));
    assert_eq!(r.info.header("X-Custom"), Some("yes"));
    let rl = r.info.rate_limit.unwrap();
    assert_eq!((rl.limit, rl.remaining), (Some(100), Some(97)));
}

#[tokio::test]
async fn each_page_of_a_list_carries_its_own_response() {
    let server = MockServer::start().await;
    for page in 1..=2u64 {
        Mock::given(method("GET"))
            .and(path("/projects"))
            .and(wiremock::matchers::query_param("page", page.to_string()))
            .respond_with(
                json_response(
                    200,
                    &json!({"success": true, "data": [{"id": page}],
                            "meta": {"page": page, "limit": 1, "total": 2}}),
                )
                .insert_header("x-request-id", format!("page-{page}").as_str()),
            )
            .mount(&server)
            .await;
    }
    let client = client(Provider::Ourganize, &server);
    let first = client
        .projects()
        .list(ListParams::new().page(1).limit(1))
        .await
        .unwrap();
    assert_eq!(
        first.info.as_ref().unwrap().request_id.as_deref(),
        Some("page-1")
    );
    let second = first.next_page().await.unwrap().unwrap();
    assert_eq!(
        second.info.as_ref().unwrap().request_id.as_deref(),
        Some("page-2")
    );
    assert_eq!(second.info.as_ref().unwrap().status, 200);
}

/// Collects every event a client logs.
#[derive(Default)]
struct Collect(Mutex<Vec<LogEvent>>);

impl LogSink for Collect {
    fn enabled(&self, _level: LogLevel) -> bool {
        true
    }
    fn log(&self, event: LogEvent) {
        self.0.lock().unwrap().push(event);
    }
}

#[tokio::test]
async fn log_events_tell_the_call_and_its_attempts_without_secrets_or_queries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(json_response(
            200,
            &json!({"success": true, "data": [], "meta": {"page": 1, "limit": 5, "total": 0}}),
        ))
        .mount(&server)
        .await;
    let sink = Arc::new(Collect::default());
    let client = builder(Provider::Ourganize, &server)
        .api_key("sk_log_secret_991")
        .retry_policy(orgkit::RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            ..Default::default()
        })
        .log_sink(sink.clone())
        .build()
        .unwrap();
    client
        .projects()
        .list(ListParams::new().search("needle-in-query").limit(5))
        .await
        .unwrap();
    let events = sink.0.lock().unwrap().clone();
    let messages: Vec<&str> = events.iter().map(|e| e.message).collect();
    assert_eq!(
        messages,
        ["attempt", "retrying", "attempt", "request finished"]
    );
    let field = |e: &LogEvent, k: &str| {
        e.fields
            .iter()
            .find(|(name, _)| *name == k)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(field(&events[0], "status").as_deref(), Some("503"));
    assert_eq!(field(&events[0], "path").as_deref(), Some("/projects"));
    assert_eq!(field(&events[0], "method").as_deref(), Some("GET"));
    assert_eq!(field(&events[1], "reason").as_deref(), Some("status 503"));
    assert!(field(&events[1], "backoff_ms").is_some());
    assert_eq!(field(&events[2], "attempt").as_deref(), Some("2"));
    assert_eq!(
        field(&events[3], "operation").as_deref(),
        Some("projects.list")
    );
    for e in &events {
        let text = e.to_string();
        assert!(!text.contains("sk_log_secret_991"), "{text}");
        assert!(!text.contains("needle"), "no query string: {text}");
    }
}

/// Attempts and calls are timed only when something logs them; when
/// something does, the durations are the real ones.
#[tokio::test]
async fn logged_durations_are_measured() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            json_response(
                200,
                &json!({"success": true, "data": {"id": 1, "name": "P"}}),
            )
            .set_delay(Duration::from_millis(120)),
        )
        .mount(&server)
        .await;
    let sink = Arc::new(Collect::default());
    let client = builder(Provider::Ourganize, &server)
        .log_sink(sink.clone())
        .build()
        .unwrap();
    client.projects().get(1).await.unwrap();
    let events = sink.0.lock().unwrap().clone();
    let ms = |message: &str| -> f64 {
        let e = events.iter().find(|e| e.message == message).unwrap();
        let (_, v) = e.fields.iter().find(|(k, _)| *k == "duration_ms").unwrap();
        v.parse().unwrap()
    };
    let attempt = ms("attempt");
    let call = ms("request finished");
    assert!((100.0..10_000.0).contains(&attempt), "{attempt}");
    assert!(call >= attempt, "{call} < {attempt}");
}

#[tokio::test]
async fn after_close_a_call_fails_at_once_and_sends_nothing() {
    let server = serving_project_1().await;
    let client = client(Provider::Ourganize, &server);
    client.projects().get(1).await.unwrap();
    let clone = client.clone();
    client.close();
    assert!(clone.is_closed());
    let started = Instant::now();
    let e = clone.projects().get(1).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert_eq!(e.field_errors()[0].field, "client");
    assert!(started.elapsed() < Duration::from_millis(100));
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn credentials_and_the_base_url_come_from_the_environment_unless_given() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json_response(200, &json!({"id": 1})))
        .mount(&server)
        .await;
    // kaana's variables are set by this test only.
    std::env::set_var("ORGKIT_KAANA_SESSION_COOKIE", "sid-from-env");
    std::env::set_var("ORGKIT_KAANA_BASE_URL", server.uri());
    let from_env = orgkit::Client::builder(Provider::Kaana).build().unwrap();
    assert_eq!(from_env.base_url().as_str(), format!("{}/", server.uri()));
    from_env.organizations().get(1).await.unwrap();
    let explicit = orgkit::Client::builder(Provider::Kaana)
        .base_url(server.uri())
        .api_key("key-given")
        .build()
        .unwrap();
    explicit.organizations().get(1).await.unwrap();
    let off = orgkit::Client::builder(Provider::Kaana)
        .base_url(server.uri())
        .from_env(false)
        .build()
        .unwrap();
    off.organizations().get(1).await.unwrap();
    std::env::remove_var("ORGKIT_KAANA_SESSION_COOKIE");
    std::env::remove_var("ORGKIT_KAANA_BASE_URL");
    let got = received(&server).await;
    assert_eq!(header(&got[0], "cookie"), Some("connect.sid=sid-from-env"));
    assert_eq!(
        header(&got[1], "cookie"),
        None,
        "an explicit credential wins"
    );
    assert_eq!(header(&got[1], "authorization"), Some("Bearer key-given"));
    assert_eq!(header(&got[2], "cookie"), None);
}
