//! The send path: retries, Retry-After, idempotency keys, deadlines and
//! timeouts, connection failures, malformed answers, size caps, error
//! fields; and generic pagination across the three paging dialects.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{exact_query, fixture_response, header, received, ExactQuery};
use futures::StreamExt;
use orgkit::{
    Client, ClientBuilder, ErrorKind, Id, ListParams, NewOrganization, Project, Provider,
    RetryPolicy, MAX_ERROR_BODY,
};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fast() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(60),
    }
}

fn builder_at(url: impl Into<String>) -> ClientBuilder {
    Client::builder(Provider::Kaana)
        .base_url(url)
        .session_cookie("sid")
        .retry_policy(fast())
}

fn builder(server: &MockServer) -> ClientBuilder {
    builder_at(server.uri())
}

fn kaana(server: &MockServer) -> Client {
    builder(server).build().unwrap()
}

fn org_ok() -> ResponseTemplate {
    fixture_response(200, "kaana", "organization")
}

/// `verb path` answers `first` for `n` calls, then `then`.
async fn answers_then(
    server: &MockServer,
    (verb, at): (&str, &str),
    first: ResponseTemplate,
    n: u64,
    then: ResponseTemplate,
) {
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(first)
        .up_to_n_times(n)
        .mount(server)
        .await;
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(then)
        .mount(server)
        .await;
}

/// `POST /organizations` answers 503 for `n` calls, then the new org.
async fn post_org_503_then_created(server: &MockServer, n: u64) {
    let created = fixture_response(200, "kaana", "created_org");
    let unavailable = ResponseTemplate::new(503);
    answers_then(server, ("POST", "/organizations"), unavailable, n, created).await;
}

/// `GET /organizations/1` answers `first` for `n` calls, then the org.
async fn get_org_fails_then_ok(server: &MockServer, first: ResponseTemplate, n: u64) {
    answers_then(server, ("GET", "/organizations/1"), first, n, org_ok()).await;
}

/// A local port nothing listens on.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

// ---------------------------------------------------------------- retries

#[tokio::test]
async fn a_503_then_200_succeeds_with_exactly_two_requests() {
    let server = MockServer::start().await;
    get_org_fails_then_ok(&server, ResponseTemplate::new(503), 1).await;
    let org = kaana(&server).organizations().get(1).await.unwrap();
    assert_eq!(org.id, Id::Int(1));
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn retries_stop_after_max_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let err = builder(&server)
        .max_retries(2)
        .build()
        .unwrap()
        .organizations()
        .get(1)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.status(), Some(503));
    assert!(err.is_retryable());
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn status_codes_that_are_not_worth_retrying_are_sent_once() {
    for status in [400, 401, 403, 404, 409, 422, 501] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status))
            .mount(&server)
            .await;
        let err = kaana(&server).organizations().get(1).await.unwrap_err();
        assert_eq!(err.status(), Some(status));
        assert_eq!(received(&server).await.len(), 1, "{status}");
    }
    for status in [408, 429, 500, 502, 504] {
        let server = MockServer::start().await;
        get_org_fails_then_ok(&server, ResponseTemplate::new(status), 1).await;
        kaana(&server).organizations().get(1).await.unwrap();
        assert_eq!(received(&server).await.len(), 2, "{status}");
    }
}

#[tokio::test]
async fn retry_after_seconds_is_waited_for() {
    let server = MockServer::start().await;
    get_org_fails_then_ok(
        &server,
        ResponseTemplate::new(429).insert_header("Retry-After", "1"),
        1,
    )
    .await;
    let started = Instant::now();
    kaana(&server).organizations().get(1).await.unwrap();
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn retry_after_http_date_is_waited_for() {
    let server = MockServer::start().await;
    let when = chrono::Utc::now() + chrono::Duration::seconds(2);
    let date = when.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    get_org_fails_then_ok(
        &server,
        ResponseTemplate::new(503).insert_header("Retry-After", date.as_str()),
        1,
    )
    .await;
    let started = Instant::now();
    kaana(&server).organizations().get(1).await.unwrap();
    let elapsed = started.elapsed();
    // The date has whole seconds, so the wait is between 1 and 2 s.
    assert!(elapsed >= Duration::from_millis(900), "{elapsed:?}");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn retry_after_in_the_past_retries_at_once() {
    let server = MockServer::start().await;
    get_org_fails_then_ok(
        &server,
        ResponseTemplate::new(503).insert_header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"),
        1,
    )
    .await;
    kaana(&server).organizations().get(1).await.unwrap();
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn absurd_retry_after_falls_back_to_backoff() {
    for value in ["-1", "nan", "NaN", "inf", "soon", "", "12abc", "-5.5"] {
        let server = MockServer::start().await;
        get_org_fails_then_ok(
            &server,
            ResponseTemplate::new(429).insert_header("Retry-After", value),
            1,
        )
        .await;
        let started = Instant::now();
        kaana(&server).organizations().get(1).await.unwrap();
        assert_eq!(received(&server).await.len(), 2, "{value:?}");
        // Backoff here is ≤ 20 ms; a loose bound only shows nothing odd was waited for.
        assert!(started.elapsed() < Duration::from_secs(5), "{value:?}");

        // And the error carries no retry_after when retries run out.
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", value))
            .mount(&server)
            .await;
        let err = builder(&server)
            .max_retries(0)
            .build()
            .unwrap()
            .organizations()
            .get(1)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::RateLimited);
        assert_eq!(err.retry_after(), None, "{value:?}");
    }
}

#[tokio::test]
async fn retry_after_above_the_cap_returns_the_error_at_once() {
    let server = MockServer::start().await;
    get_org_fails_then_ok(
        &server,
        ResponseTemplate::new(429).insert_header("Retry-After", "120"),
        1,
    )
    .await;
    let started = Instant::now();
    let err = kaana(&server).organizations().get(1).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(120)));
    assert!(err.is_retryable());
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn a_post_without_idempotency_key_is_sent_once_on_503() {
    let server = MockServer::start().await;
    post_org_503_then_created(&server, 1).await;
    let err = kaana(&server)
        .organizations()
        .create(NewOrganization::named("x"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.status(), Some(503));
    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 1);
    assert_eq!(header(&reqs[0], "idempotency-key"), None);
}

#[tokio::test]
async fn a_patch_without_idempotency_key_is_sent_once_on_503() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    kaana(&server)
        .members(1)
        .set_role(2, "admin")
        .await
        .unwrap_err();
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn put_and_delete_are_retried_without_a_key() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(502))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .respond_with(org_ok())
        .mount(&server)
        .await;
    let c = kaana(&server);
    c.organizations().delete(1).await.unwrap();
    c.organizations()
        .update(1, Default::default())
        .await
        .unwrap();
    assert_eq!(received(&server).await.len(), 4);
}

#[tokio::test]
async fn with_idempotency_keys_a_post_is_retried_with_the_same_key() {
    let server = MockServer::start().await;
    post_org_503_then_created(&server, 2).await;
    Mock::given(method("GET"))
        .respond_with(org_ok())
        .mount(&server)
        .await;
    let c = builder(&server).idempotency_keys(true).build().unwrap();
    let org = c
        .organizations()
        .create(NewOrganization::named("x"))
        .await
        .unwrap();
    assert_eq!(org.id, Id::Int(7));
    // A second call gets a fresh key; a GET carries none.
    c.organizations()
        .create(NewOrganization::named("y"))
        .await
        .unwrap();
    c.organizations().get(1).await.unwrap();
    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 5);
    let keys: Vec<_> = reqs
        .iter()
        .map(|r| header(r, "idempotency-key").map(str::to_string))
        .collect();
    let first = keys[0].clone().expect("a key on the POST");
    assert!(!first.is_empty());
    assert_eq!(keys[1].as_deref(), Some(first.as_str()));
    assert_eq!(keys[2].as_deref(), Some(first.as_str()));
    let second = keys[3].clone().expect("a key on the second POST");
    assert_ne!(second, first);
    assert_eq!(keys[4], None);
    // Every attempt carries the same body too.
    assert_eq!(reqs[0].body, reqs[1].body);
    assert_eq!(reqs[1].body, reqs[2].body);
}

/// Every attempt is the same request: each is made afresh rather than
/// copied, so this is what shows they agree.
#[tokio::test]
async fn every_attempt_sends_the_same_method_url_headers_and_body() {
    let server = MockServer::start().await;
    answers_then(
        &server,
        ("GET", "/organizations"),
        ResponseTemplate::new(503),
        2,
        fixture_response(200, "kaana", "organizations"),
    )
    .await;
    post_org_503_then_created(&server, 2).await;
    let c = kaana(&server);
    let page = c
        .organizations()
        .list(ListParams::new().filter("industry", "Technology"))
        .header("x-trace", "t-1")
        .await
        .unwrap();
    assert_eq!(page.items.len(), 2);
    let org = c
        .organizations()
        .create(NewOrganization::named("Acme"))
        .idempotency_key("key-7")
        .header("x-trace", "t-2")
        .await
        .unwrap();
    assert_eq!(org.id, Id::Int(7));
    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 6);
    for group in reqs.chunks(3) {
        for r in &group[1..] {
            assert_eq!(r.method, group[0].method);
            assert_eq!(r.url, group[0].url);
            assert_eq!(r.headers, group[0].headers);
            assert_eq!(r.body, group[0].body);
        }
    }
    assert_eq!(reqs[0].url.query(), Some("industry=Technology"));
    assert_eq!(header(&reqs[0], "x-trace"), Some("t-1"));
    assert_eq!(header(&reqs[0], "cookie"), Some("connect.sid=sid"));
    assert_eq!(header(&reqs[3], "idempotency-key"), Some("key-7"));
    assert_eq!(header(&reqs[3], "x-trace"), Some("t-2"));
    let body: Value = serde_json::from_slice(&reqs[3].body).unwrap();
    assert_eq!(body["name"], "Acme");
}

// ------------------------------------------------------ deadlines, timeouts

#[tokio::test]
async fn the_deadline_stops_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let started = Instant::now();
    let err = builder(&server)
        .retry_policy(RetryPolicy {
            max_retries: 1000,
            initial_backoff: Duration::from_millis(40),
            max_backoff: Duration::from_millis(40),
            ..fast()
        })
        .deadline(Duration::from_millis(400))
        .build()
        .unwrap()
        .organizations()
        .get(1)
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert!(err.is_retryable());
    // What the last attempt got is still told (unless the deadline struck
    // mid-attempt, which timing may rarely cause).
    if err.status().is_some() {
        assert_eq!(err.status(), Some(503));
        assert!(err.message().contains("503"), "{}", err.message());
    }
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    let n = received(&server).await.len();
    assert!((2..1000).contains(&n), "{n} attempts");
}

/// `Duration::MAX` (or Python's `deadline=1e19`) is past any instant the
/// clock can name: as a deadline or timeout it is no limit, and a backoff
/// that long is past any deadline; never an overflow panic.
#[tokio::test]
async fn durations_past_what_the_clock_can_name_do_not_panic() {
    let server = MockServer::start().await;
    get_org_fails_then_ok(&server, ResponseTemplate::new(503), 1).await;
    let client = builder(&server)
        .deadline(Duration::MAX)
        .timeout(Duration::MAX)
        .build()
        .unwrap();
    assert_eq!(client.organizations().get(1).await.unwrap().id, Id::Int(1));
    let org = client.organizations().get(1).deadline(Duration::MAX).await;
    assert_eq!(org.unwrap().id, Id::Int(1));

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let err = builder(&server)
        .retry_policy(RetryPolicy {
            max_retries: 3,
            initial_backoff: Duration::MAX,
            max_backoff: Duration::MAX,
            ..fast()
        })
        .deadline(Duration::from_secs(30))
        .build()
        .unwrap()
        .organizations()
        .get(1)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn a_retry_after_beyond_the_deadline_returns_the_rate_limit_error() {
    let server = MockServer::start().await;
    get_org_fails_then_ok(
        &server,
        ResponseTemplate::new(429).insert_header("Retry-After", "30"),
        1,
    )
    .await;
    let started = Instant::now();
    let err = builder(&server)
        .deadline(Duration::from_secs(2))
        .build()
        .unwrap()
        .organizations()
        .get(1)
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn the_deadline_bounds_a_slow_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(org_ok().set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let started = Instant::now();
    let err = builder(&server)
        .deadline(Duration::from_millis(300))
        .build()
        .unwrap()
        .organizations()
        .get(1)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn a_per_attempt_timeout_on_a_delayed_response_is_a_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(org_ok().set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let started = Instant::now();
    let err = builder(&server)
        .timeout(Duration::from_millis(200))
        .max_retries(1)
        .build()
        .unwrap()
        .organizations()
        .get(1)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.status(), None);
    assert!(err.is_retryable());
    assert!(started.elapsed() < Duration::from_secs(3));
    // A GET that timed out is tried again.
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_post_that_timed_out_is_not_retried_without_a_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(org_ok().set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let err = builder(&server)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap()
        .organizations()
        .create(NewOrganization::named("x"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn a_timeout_then_success_is_retried() {
    let server = MockServer::start().await;
    get_org_fails_then_ok(&server, org_ok().set_delay(Duration::from_secs(3)), 1).await;
    let org = builder(&server)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap()
        .organizations()
        .get(1)
        .await
        .unwrap();
    assert_eq!(org.id, Id::Int(1));
}

// ------------------------------------------------------------ connections

#[tokio::test]
async fn connection_refused_is_a_connection_error() {
    let port = closed_port();
    let err = builder_at(format!("http://127.0.0.1:{port}"))
        .max_retries(1)
        .build()
        .unwrap()
        .organizations()
        .get(1)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection, "{err}");
    assert_eq!(err.status(), None);
    assert!(err.is_retryable());
    assert_eq!(err.provider(), Some("kaana"));
    assert_eq!(err.operation(), Some("organizations.get"));
}

#[tokio::test]
async fn a_post_that_never_reached_the_server_is_retried() {
    // Nothing listens at first; the server comes up while the client backs off.
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = probe.local_addr().unwrap();
    drop(probe);
    let client = builder_at(format!("http://{addr}"))
        .retry_policy(RetryPolicy {
            max_retries: 8,
            initial_backoff: Duration::from_millis(400),
            max_backoff: Duration::from_millis(400),
            ..fast()
        })
        .build()
        .unwrap();
    let call = tokio::spawn(client.organizations().create(NewOrganization::named("x")));
    tokio::time::sleep(Duration::from_millis(50)).await;
    let listener = std::net::TcpListener::bind(addr).unwrap();
    let server = MockServer::builder().listener(listener).start().await;
    Mock::given(method("POST"))
        .and(path("/organizations"))
        .respond_with(fixture_response(200, "kaana", "created_org"))
        .expect(1)
        .mount(&server)
        .await;
    let org = call.await.unwrap().unwrap();
    assert_eq!(org.id, Id::Int(7));
    assert_eq!(received(&server).await.len(), 1);
}

/// Reads a request up to the end of its head; false if the client left first.
async fn read_request_head(sock: &mut tokio::net::TcpStream) -> bool {
    let mut buf = vec![0u8; 8192];
    let mut head = Vec::new();
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match sock.read(&mut buf).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    true
}

/// A raw HTTP server: answers each request with `response` bytes verbatim,
/// then closes the connection, or with `hold` keeps it open and silent that
/// long. Returns its base URL and how many requests it took.
async fn raw_server_holding(
    response: Vec<u8>,
    hold: Option<Duration>,
) -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(AtomicUsize::new(0));
    let count = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let (response, count) = (response.clone(), count.clone());
            tokio::spawn(async move {
                if !read_request_head(&mut sock).await {
                    return;
                }
                count.fetch_add(1, Ordering::SeqCst);
                let _ = sock.write_all(&response).await;
                match hold {
                    Some(d) => tokio::time::sleep(d).await,
                    None => drop(sock.shutdown().await),
                }
            });
        }
    });
    (format!("http://{addr}"), seen)
}

/// [`raw_server_holding`] that closes each connection once it has answered.
async fn raw_server(response: Vec<u8>) -> String {
    raw_server_holding(response, None).await.0
}

#[tokio::test]
async fn a_body_cut_off_mid_way_is_a_connection_error_not_a_panic() {
    let url = raw_server(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\nconnection: close\r\n\r\n{\"id\": 1, \"name\": \"Ac"
            .to_vec(),
    )
    .await;
    let err = builder_at(url)
        .max_retries(0)
        .build()
        .unwrap()
        .organizations()
        .get(1)
        .await
        .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Connection | ErrorKind::Decode),
        "{err}"
    );
}

#[tokio::test]
async fn the_timeout_covers_a_body_that_stops_coming() {
    // The head and part of the body, then nothing.
    let (url, seen) = raw_server_holding(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{\"id\": 1, "
            .to_vec(),
        Some(Duration::from_secs(30)),
    )
    .await;
    let started = Instant::now();
    let err = builder_at(url)
        .timeout(Duration::from_millis(300))
        .max_retries(1)
        .build()
        .unwrap()
        .organizations()
        .get(1)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert_eq!(err.status(), None);
    assert!(
        err.message().contains("0.300s timeout"),
        "{}",
        err.message()
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    // A GET whose body timed out is tried again, and times out again.
    assert_eq!(seen.load(Ordering::SeqCst), 2);
    assert_eq!(err.attempts(), Some(2));
}

#[tokio::test]
async fn a_chunked_body_above_the_cap_is_a_decode_error() {
    let mut resp = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n".to_vec();
    for _ in 0..20 {
        let chunk = format!("{{\"pad\": \"{}\"}}", "x".repeat(90));
        resp.extend_from_slice(format!("{:x}\r\n{chunk}\r\n", chunk.len()).as_bytes());
    }
    resp.extend_from_slice(b"0\r\n\r\n");
    let url = raw_server(resp).await;
    let err = builder_at(url)
        .max_retries(0)
        .max_response_bytes(500)
        .build()
        .unwrap()
        .organizations()
        .get(1)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    assert_eq!(err.status(), Some(200));
}

/// A raw HTTP server that writes `pieces` one at a time with a pause
/// between them, so the client reads them as separate chunks.
async fn raw_server_in_pieces(pieces: Vec<Vec<u8>>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let pieces = pieces.clone();
            tokio::spawn(async move {
                if !read_request_head(&mut sock).await {
                    return;
                }
                for piece in pieces {
                    if sock.write_all(&piece).await.is_err() || sock.flush().await.is_err() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(30)).await;
                }
                drop(sock.shutdown().await);
            });
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn a_body_that_arrives_in_several_chunks_decodes_exactly() {
    // One chunk (wiremock) is the reference; the body is kept as hyper's
    // chunk there and joined into one buffer when it comes in pieces.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations/1"))
        .respond_with(org_ok())
        .mount(&server)
        .await;
    let whole = kaana(&server).organizations().get(1).await.unwrap();
    assert_eq!(whole.name.as_deref(), Some("Acme Corporation"));

    let body = common::fixture_text("kaana", "organization").into_bytes();
    let (a, rest) = body.split_at(body.len() / 3);
    let (b, c) = rest.split_at(rest.len() / 2);
    let head = |framing: String| {
        format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n{framing}connection: close\r\n\r\n")
            .into_bytes()
    };
    // Chunked: no Content-Length to size the buffer from.
    let mut chunked = vec![head("transfer-encoding: chunked\r\n".into())];
    for part in [a, b, c] {
        let mut framed = format!("{:x}\r\n", part.len()).into_bytes();
        framed.extend_from_slice(part);
        framed.extend_from_slice(b"\r\n");
        chunked.push(framed);
    }
    chunked.push(b"0\r\n\r\n".to_vec());
    // Content-Length, the body written in three writes.
    let mut sized = vec![head(format!("content-length: {}\r\n", body.len()))];
    sized.extend([a.to_vec(), b.to_vec(), c.to_vec()]);

    for pieces in [chunked, sized] {
        let url = raw_server_in_pieces(pieces).await;
        let client = builder_at(url).max_retries(0).build().unwrap();
        assert_eq!(client.organizations().get(1).await.unwrap(), whole);
    }
}

/// A raw keep-alive HTTP server: answers every request on a connection
/// with `response`, the body written `split` bytes at a time. Returns its
/// base URL and the counts of connections and requests it took.
async fn keep_alive_server(
    response: Vec<u8>,
    split: usize,
) -> (String, Arc<AtomicUsize>, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (connections, requests) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (conns, reqs) = (connections.clone(), requests.clone());
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            conns.fetch_add(1, Ordering::SeqCst);
            let (response, reqs) = (response.clone(), reqs.clone());
            tokio::spawn(async move {
                while read_request_head(&mut sock).await {
                    reqs.fetch_add(1, Ordering::SeqCst);
                    for piece in response.chunks(split) {
                        if sock.write_all(piece).await.is_err() || sock.flush().await.is_err() {
                            return;
                        }
                        tokio::time::sleep(Duration::from_millis(5)).await;
                    }
                }
            });
        }
    });
    (format!("http://{addr}"), connections, requests)
}

#[tokio::test]
async fn a_body_read_to_its_content_length_leaves_the_connection_reusable() {
    // The client stops reading once Content-Length bytes are in, without
    // waiting for the end-of-body signal: the connection still goes back
    // to the pool and carries the next requests.
    let body = common::fixture_text("kaana", "organization");
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes();
    for split in [response.len(), 40] {
        let (url, connections, requests) = keep_alive_server(response.clone(), split).await;
        let client = builder_at(url).max_retries(0).build().unwrap();
        for _ in 0..3 {
            let org = client.organizations().get(1).await.unwrap();
            assert_eq!(org.name.as_deref(), Some("Acme Corporation"));
        }
        assert_eq!(requests.load(Ordering::SeqCst), 3, "split {split}");
        assert_eq!(connections.load(Ordering::SeqCst), 1, "split {split}");
    }
}

#[tokio::test]
async fn an_empty_content_length_body_leaves_the_connection_reusable() {
    // Content-Length: 0 is complete before any chunk (a 204 on delete):
    // nothing is read, and the connection carries the next request.
    let response = b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n".to_vec();
    let (url, connections, requests) = keep_alive_server(response, 64).await;
    let client = builder_at(url).max_retries(0).build().unwrap();
    for _ in 0..2 {
        client.organizations().delete(1).await.unwrap();
    }
    assert_eq!(requests.load(Ordering::SeqCst), 2);
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}

// ------------------------------------------------------- malformed answers

async fn get_org_error(response: ResponseTemplate) -> orgkit::Error {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(response)
        .mount(&server)
        .await;
    builder(&server)
        .max_retries(0)
        .build()
        .unwrap()
        .organizations()
        .get(1)
        .await
        .unwrap_err()
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_with_status() {
    let err = get_org_error(
        ResponseTemplate::new(200).set_body_raw("{\"id\": 1, \"name\": \"Acme", "application/json"),
    )
    .await;
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.body(), Some("{\"id\": 1, \"name\": \"Acme"));
    assert_eq!(err.operation(), Some("organizations.get"));
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn an_html_502_page_is_a_server_error_with_status() {
    let html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
    let err = get_org_error(ResponseTemplate::new(502).set_body_raw(html, "text/html")).await;
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.status(), Some(502));
    assert_eq!(err.code(), None);
    assert!(err.message().contains("502"), "{}", err.message());
    assert!(err.message().contains("not JSON"), "{}", err.message());
    assert_eq!(err.body(), Some(html));
    assert!(err.is_retryable());
}

#[tokio::test]
async fn an_empty_200_body_is_a_decode_error_with_status() {
    let err = get_org_error(ResponseTemplate::new(200)).await;
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.status(), Some(200));
}

#[tokio::test]
async fn an_html_200_body_is_a_decode_error_with_status() {
    let err = get_org_error(
        ResponseTemplate::new(200).set_body_raw("<!doctype html><p>Log in</p>", "text/html"),
    )
    .await;
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.body(), Some("<!doctype html><p>Log in</p>"));
}

#[tokio::test]
async fn a_wrong_typed_field_is_a_decode_error_naming_it() {
    for bad in [json!({"first": "Acme"}), json!(["Acme"]), json!(true)] {
        let err = get_org_error(
            ResponseTemplate::new(200).set_body_json(json!({ "id": 1, "name": bad })),
        )
        .await;
        assert_eq!(err.kind(), ErrorKind::Decode);
        assert_eq!(err.status(), Some(200));
        assert!(
            err.message().contains("organization.name"),
            "{}",
            err.message()
        );
        assert!(err.body().is_some());
    }
    // Numbers are accepted where a string is documented.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": "1", "name": 5 })))
        .mount(&server)
        .await;
    let org = kaana(&server).organizations().get(1).await.unwrap();
    assert_eq!(org.name.as_deref(), Some("5"));
    assert_eq!(org.id, Id::from("1"));
}

#[tokio::test]
async fn a_wrong_typed_list_item_is_a_decode_error_with_status() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!([{ "id": 1 }, { "id": {"no": 1} }, 7])),
        )
        .mount(&server)
        .await;
    let err = kaana(&server)
        .organizations()
        .list(ListParams::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.operation(), Some("organizations.list"));
    assert!(err.body().is_some());
}

#[tokio::test]
async fn a_response_above_max_response_bytes_is_a_decode_error() {
    let server = MockServer::start().await;
    let big = json!({ "id": 1, "name": "x".repeat(10_000) });
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(big))
        .mount(&server)
        .await;
    let err = builder(&server)
        .max_response_bytes(1_000)
        .build()
        .unwrap()
        .organizations()
        .get(1)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.status(), Some(200));
    assert!(err.message().contains("1000"), "{}", err.message());
    assert_eq!(received(&server).await.len(), 1, "not retried");
    // The same answer fits a larger cap.
    builder(&server)
        .max_response_bytes(20_000)
        .build()
        .unwrap()
        .organizations()
        .get(1)
        .await
        .unwrap();
}

// ------------------------------------------------------------ error fields

#[tokio::test]
async fn error_fields_from_an_ourganize_validation_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/projects"))
        .respond_with(
            ResponseTemplate::new(422)
                .insert_header("x-request-id", "req_abc123")
                .set_body_json(json!({
                    "success": false,
                    "error": {
                        "code": "VALIDATION_ERROR",
                        "message": "The request data is invalid",
                        "details": [
                            { "field": "email", "message": "Email is required" },
                            { "field": "name", "message": "Too short" }
                        ]
                    }
                })),
        )
        .mount(&server)
        .await;
    let err = Client::builder(Provider::Ourganize)
        .base_url(server.uri())
        .token("t")
        .build()
        .unwrap()
        .projects()
        .create(orgkit::NewProject::named("p"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(err.status(), Some(422));
    assert_eq!(err.code(), Some("VALIDATION_ERROR"));
    assert_eq!(err.message(), "The request data is invalid");
    assert_eq!(err.request_id(), Some("req_abc123"));
    assert_eq!(err.retry_after(), None);
    assert!(!err.is_retryable());
    let fields: Vec<_> = err
        .field_errors()
        .iter()
        .map(|f| (f.field.as_str(), f.message.as_str()))
        .collect();
    assert_eq!(
        fields,
        [("email", "Email is required"), ("name", "Too short")]
    );
    assert_eq!(err.provider(), Some("ourganize"));
    assert_eq!(err.operation(), Some("projects.create"));
    assert_eq!(
        err.to_string(),
        format!(
            "Validation (422) in projects.create on POST {}/projects after 1 attempt: The request data is invalid [VALIDATION_ERROR]",
            server.address()
        )
    );
}

#[tokio::test]
async fn a_429_carries_retry_after_and_the_rate_limit() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "90")
                .insert_header("X-RateLimit-Limit", "1000")
                .insert_header("X-RateLimit-Remaining", "0")
                .insert_header("X-RateLimit-Reset", "1640995200")
                .set_body_json(json!({
                    "success": false,
                    "error": { "code": "RATE_LIMITED", "message": "Too many requests" }
                })),
        )
        .mount(&server)
        .await;
    let client = Client::builder(Provider::Ourganize)
        .base_url(server.uri())
        .token("t")
        .build()
        .unwrap();
    let err = client.projects().get(1).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(90)));
    assert_eq!(err.code(), Some("RATE_LIMITED"));
    assert!(err.is_retryable());
    let rl = client.rate_limit().expect("rate limit seen");
    assert_eq!(rl.limit, Some(1000));
    assert_eq!(rl.remaining, Some(0));
    assert_eq!(rl.reset.map(|t| t.timestamp()), Some(1640995200));
}

#[tokio::test]
async fn rate_limit_headers_are_read_after_a_success() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/projects/1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-RateLimit-Limit", "1000")
                .insert_header("X-RateLimit-Remaining", "999")
                .insert_header("X-RateLimit-Reset", "1640995200")
                .set_body_json(json!({ "success": true, "data": { "id": 1, "name": "P" } })),
        )
        .mount(&server)
        .await;
    let client = Client::builder(Provider::Ourganize)
        .base_url(server.uri())
        .token("t")
        .build()
        .unwrap();
    assert_eq!(client.rate_limit(), None);
    let p: Project = client.projects().get(1).await.unwrap();
    assert_eq!(p.name.as_deref(), Some("P"));
    let rl = client.clone().rate_limit().unwrap();
    assert_eq!(rl.remaining, Some(999));
}

#[tokio::test]
async fn the_error_body_is_capped() {
    let body = format!(
        "{{\"message\": \"boom\", \"pad\": \"{}\"}}",
        "y".repeat(3 * MAX_ERROR_BODY)
    );
    let err =
        get_org_error(ResponseTemplate::new(500).set_body_raw(body, "application/json")).await;
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.message(), "boom");
    assert_eq!(err.body().map(str::len), Some(MAX_ERROR_BODY));
    // Debug leaves the raw body out.
    assert!(!format!("{err:?}").contains(&"y".repeat(100)));
}

#[tokio::test]
async fn request_id_alternatives_are_read() {
    let err = get_org_error(ResponseTemplate::new(404).insert_header("request-id", "rid-2")).await;
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.request_id(), Some("rid-2"));
    assert_eq!(err.message(), "HTTP 404 Not Found");
}

#[tokio::test]
async fn escape_hatch_uses_the_same_path() {
    let server = MockServer::start().await;
    get_org_fails_then_ok(&server, ResponseTemplate::new(503), 1).await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let c = kaana(&server);
    let v = c
        .request(orgkit::Method::GET, "/organizations/1", None)
        .await
        .unwrap();
    assert_eq!(v["name"], "Acme Corporation");
    let v = c
        .request(orgkit::Method::DELETE, "organizations/1?force=true", None)
        .await
        .unwrap();
    assert_eq!(v, Value::Null);
    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 3);
    assert_eq!(reqs[2].url.query(), Some("force=true"));
    assert_eq!(header(&reqs[2], "cookie"), Some("connect.sid=sid"));
}

// -------------------------------------------------------------- pagination

fn ourganize(server: &MockServer) -> Client {
    Client::builder(Provider::Ourganize)
        .base_url(server.uri())
        .token("t")
        .retry_policy(fast())
        .build()
        .unwrap()
}

fn projects(ids: std::ops::RangeInclusive<i64>) -> Vec<Value> {
    ids.map(|i| json!({ "id": i, "name": format!("p{i}") }))
        .collect()
}

#[tokio::test]
async fn page_number_dialect_walks_every_page_and_stops() {
    let server = MockServer::start().await;
    let pages = [
        (None, projects(1..=2)),
        (Some("2"), projects(3..=4)),
        (Some("3"), projects(5..=5)),
    ];
    for (page, items) in pages {
        let q: Vec<(&str, &str)> = match page {
            None => vec![("limit", "2")],
            Some(p) => vec![("page", p), ("limit", "2")],
        };
        Mock::given(method("GET"))
            .and(path("/projects"))
            .and(exact_query(&q))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "success": true,
                "data": items,
                "meta": { "page": page.unwrap_or("1").parse::<u32>().unwrap(), "limit": 2, "total": 5 }
            })))
            .expect(1)
            .mount(&server)
            .await;
    }
    let first = ourganize(&server)
        .projects()
        .list(ListParams::new().limit(2))
        .await
        .unwrap();
    assert_eq!(first.total, Some(5));
    assert!(first.has_next());
    let all = first.collect_all(100).await.unwrap();
    let ids: Vec<_> = all.iter().map(|p| p.id.clone()).collect();
    assert_eq!(ids, (1..=5).map(Id::Int).collect::<Vec<_>>());
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn page_number_dialect_without_total_stops_on_a_short_page() {
    let server = MockServer::start().await;
    for (q, items) in [
        (vec![("limit", "2")], projects(1..=2)),
        (vec![("page", "2"), ("limit", "2")], projects(3..=3)),
    ] {
        Mock::given(method("GET"))
            .and(path("/projects"))
            .and(exact_query(&q))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({ "success": true, "data": items })),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let all = ourganize(&server)
        .projects()
        .list(ListParams::new().limit(2))
        .await
        .unwrap()
        .collect_all(100)
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
}

#[tokio::test]
async fn offset_dialect_walks_every_page_and_stops() {
    let server = MockServer::start().await;
    let orgs = |ids: std::ops::RangeInclusive<i64>| -> Vec<Value> {
        ids.map(|i| json!({ "id": i, "name": format!("o{i}") }))
            .collect()
    };
    for (skip, items) in [
        (None, orgs(1..=2)),
        (Some("2"), orgs(3..=4)),
        (Some("4"), orgs(5..=5)),
    ] {
        let mut q = vec![("$limit", "2")];
        if let Some(s) = skip {
            q.push(("$skip", s));
        }
        Mock::given(method("GET"))
            .and(path("/organizations"))
            .and(exact_query(&q))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "total": 5, "limit": 2, "skip": skip.unwrap_or("0").parse::<u32>().unwrap(), "data": items
            })))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = Client::builder(Provider::Achieveapex)
        .base_url(server.uri())
        .api_key("k")
        .build()
        .unwrap();
    let page = client
        .organizations()
        .list(ListParams::new().limit(2))
        .await
        .unwrap();
    let mut pages = std::pin::pin!(page.pages());
    let mut sizes = Vec::new();
    while let Some(p) = pages.next().await {
        let p = p.unwrap();
        assert_eq!(p.total, Some(5));
        sizes.push(p.items.len());
    }
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn single_page_dialect_makes_one_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .and(ExactQuery::none())
        .respond_with(fixture_response(200, "kaana", "organizations"))
        .expect(1)
        .mount(&server)
        .await;
    let items: Vec<_> = kaana(&server)
        .organizations()
        .list(ListParams::new())
        .await
        .unwrap()
        .stream()
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(Result::is_ok));
}

#[tokio::test]
async fn an_empty_page_ends_the_walk_even_if_the_server_claims_more() {
    let server = MockServer::start().await;
    // The server ignores `page` but claims 1000 items; its third answer is empty.
    Mock::given(method("GET"))
        .and(path("/projects"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "success": true, "data": projects(1..=2), "meta": { "limit": 2, "total": 1000 }
        })))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/projects"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "success": true, "data": [], "meta": { "limit": 2, "total": 1000 }
        })))
        .mount(&server)
        .await;
    let all = tokio::time::timeout(Duration::from_secs(10), async {
        ourganize(&server)
            .projects()
            .list(ListParams::new().limit(2))
            .await
            .unwrap()
            .collect_all(100)
            .await
    })
    .await
    .expect("the walk ends")
    .unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn collect_all_enforces_its_cap_against_an_endless_server() {
    let server = MockServer::start().await;
    // Ignores paging, never says how many: every page is full.
    Mock::given(method("GET"))
        .and(path("/projects"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "success": true, "data": projects(1..=2) })),
        )
        .mount(&server)
        .await;
    let err = tokio::time::timeout(Duration::from_secs(10), async {
        ourganize(&server)
            .projects()
            .list(ListParams::new().limit(2))
            .await
            .unwrap()
            .collect_all(7)
            .await
    })
    .await
    .expect("the cap ends the walk")
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.message().contains('7'), "{}", err.message());
    let n = received(&server).await.len();
    assert!(n <= 5, "{n} pages fetched for a cap of 7");
}

#[tokio::test]
async fn collect_all_with_a_cap_equal_to_the_count_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/organizations"))
        .respond_with(fixture_response(200, "kaana", "organizations"))
        .mount(&server)
        .await;
    let c = kaana(&server);
    let all = c
        .organizations()
        .list(ListParams::new())
        .await
        .unwrap()
        .collect_all(2)
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    let err = c
        .organizations()
        .list(ListParams::new())
        .await
        .unwrap()
        .collect_all(1)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[tokio::test]
async fn an_error_on_a_later_page_surfaces_in_the_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/projects"))
        .and(exact_query(&[("limit", "2")]))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "success": true, "data": projects(1..=2), "meta": { "limit": 2, "total": 4 }
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/projects"))
        .and(exact_query(&[("page", "2"), ("limit", "2")]))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let items: Vec<_> = ourganize(&server)
        .projects()
        .list(ListParams::new().limit(2))
        .await
        .unwrap()
        .stream()
        .collect()
        .await;
    assert_eq!(items.len(), 3);
    assert!(items[0].is_ok() && items[1].is_ok());
    assert_eq!(items[2].as_ref().unwrap_err().kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn a_zero_or_oversized_limit_is_rejected_before_sending() {
    let server = MockServer::start().await;
    let err = ourganize(&server)
        .projects()
        .list(ListParams::new().limit(0))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    common::assert_no_requests(&server).await;
}
