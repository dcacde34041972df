//! Helpers shared by the wiremock integration tests (`mod common;`).
//!
//! Kept small and additive: other test files depend on these names, so
//! change them only by adding.
#![allow(dead_code)]

use std::path::PathBuf;

use orgkit::{Client, ClientBuilder, Provider};
use serde_json::Value;
use wiremock::{Match, MockServer, Request, ResponseTemplate};

/// The bearer token [`client`] is built with.
pub const TOKEN: &str = "test-token";

/// `sdk-core/tests/fixtures/<provider>/<name>` (name with or without `.json`).
pub fn fixture_path(provider: &str, name: &str) -> PathBuf {
    let file = if name.contains('.') {
        name.to_string()
    } else {
        format!("{name}.json")
    };
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(provider)
        .join(file)
}

/// A fixture's raw text.
pub fn fixture_text(provider: &str, name: &str) -> String {
    let path = fixture_path(provider, name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A fixture parsed as JSON (panics with the file name when it is not JSON).
pub fn fixture(provider: &str, name: &str) -> Value {
    let text = fixture_text(provider, name);
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("fixture {provider}/{name} is not JSON: {e}"))
}

/// `Client::builder(p).base_url(server.uri())`, nothing else set.
pub fn builder(provider: Provider, server: &MockServer) -> ClientBuilder {
    Client::builder(provider).base_url(server.uri())
}

/// A client for `server` with bearer [`TOKEN`] and no retries (so a test
/// sees exactly one request per call).
pub fn client(provider: Provider, server: &MockServer) -> Client {
    builder(provider, server)
        .token(TOKEN)
        .max_retries(0)
        .build()
        .expect("client builds")
}

/// A JSON response with `Content-Type: application/json`.
pub fn json_response(status: u16, body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(
        serde_json::to_vec(body).expect("serializable"),
        "application/json",
    )
}

/// A response whose body is a fixture file verbatim.
pub fn fixture_response(status: u16, provider: &str, name: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(fixture_text(provider, name), "application/json")
}

/// Matches when the request body is exactly this JSON (key order aside)
/// and the request says `Content-Type: application/json`. A mismatch is
/// printed to stderr to make the failing test readable.
#[derive(Debug, Clone)]
pub struct ExactJson(pub Value);

pub fn exact_json(value: Value) -> ExactJson {
    ExactJson(value)
}

impl Match for ExactJson {
    fn matches(&self, request: &Request) -> bool {
        let ct_ok = request
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        let body: Option<Value> = serde_json::from_slice(&request.body).ok();
        let ok = ct_ok && body.as_ref() == Some(&self.0);
        if !ok {
            eprintln!(
                "ExactJson mismatch on {} {}: content-type ok = {ct_ok}\n  expected: {}\n  got:      {}",
                request.method,
                request.url,
                self.0,
                String::from_utf8_lossy(&request.body)
            );
        }
        ok
    }
}

/// Matches a request with no body at all.
#[derive(Debug, Clone, Copy)]
pub struct NoBody;

impl Match for NoBody {
    fn matches(&self, request: &Request) -> bool {
        request.body.is_empty()
    }
}

/// Matches when the query string holds exactly these pairs (order aside,
/// no others). `ExactQuery::none()` matches a request without a query.
#[derive(Debug, Clone)]
pub struct ExactQuery(pub Vec<(String, String)>);

impl ExactQuery {
    pub fn none() -> Self {
        ExactQuery(Vec::new())
    }
}

pub fn exact_query(pairs: &[(&str, &str)]) -> ExactQuery {
    ExactQuery(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

impl Match for ExactQuery {
    fn matches(&self, request: &Request) -> bool {
        let mut want = self.0.clone();
        want.sort();
        let got = query_pairs(request);
        let ok = got == want;
        if !ok {
            eprintln!(
                "ExactQuery mismatch on {} {}:\n  expected: {want:?}\n  got:      {got:?}",
                request.method, request.url
            );
        }
        ok
    }
}

/// A request's decoded query pairs, sorted.
pub fn query_pairs(request: &Request) -> Vec<(String, String)> {
    let mut got: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    got.sort();
    got
}

/// One query parameter's value (the first), if present.
pub fn query_value(request: &Request, key: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// Every request the server has seen (request recording is on by default).
pub async fn received(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is enabled")
}

/// Asserts the server saw no request at all.
pub async fn assert_no_requests(server: &MockServer) {
    let got = received(server).await;
    assert!(
        got.is_empty(),
        "expected no request, got {:?}",
        got.iter()
            .map(|r| format!("{} {}", r.method, r.url))
            .collect::<Vec<_>>()
    );
}

/// A header's value as text, if present.
pub fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// Asserts the headers every orgkit request carries: the default user agent
/// and `Accept: application/json`; plus `Content-Type: application/json`
/// when the request has a body.
pub fn assert_standard_headers(request: &Request) {
    let ua = header(request, "user-agent").unwrap_or_default();
    assert!(
        ua.starts_with("orgkit-rust/"),
        "user agent {ua:?} on {} {}",
        request.method,
        request.url
    );
    assert_eq!(header(request, "accept"), Some("application/json"));
    if !request.body.is_empty() {
        assert_eq!(header(request, "content-type"), Some("application/json"));
    }
}

/// Parses an RFC 3339 timestamp (test expectations).
pub fn ts(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("{s:?}: {e}"))
        .with_timezone(&chrono::Utc)
}

/// What the mock server (`orgkit::testing`) answers to the GETs of every
/// provider's lists and records, fetched with plain HTTP and its seeded
/// credentials: the conformance scenarios' bodies, by provider.
pub async fn mock_answers() -> Vec<(Provider, bytes::Bytes)> {
    let server = orgkit::testing::spawn().await;
    orgkit::http::install_crypto_provider();
    let http = reqwest::Client::new();
    let seed = orgkit::testing::seed::credentials();
    let mut answers = Vec::new();
    for (provider, paths) in [
        (
            Provider::Ourganize,
            &[
                "/projects?limit=100",
                "/projects/1",
                "/projects/1/tasks",
                "/tasks/1",
                "/users",
                "/user/profile",
            ][..],
        ),
        (
            Provider::Orgstack,
            &["/organizations?limit=100", "/organizations/1"],
        ),
        (
            Provider::Achieveapex,
            &[
                "/organizations?$limit=50",
                "/organizations/1",
                "/organizations-users?organization_id=1",
            ],
        ),
        (
            Provider::Kaana,
            &[
                "/organizations",
                "/organizations/1",
                "/organizations/1/members",
                "/organizations/1/projects",
                "/organizations/1/tasks",
                "/organizations/1/documents",
            ],
        ),
        (
            Provider::Pm415,
            &[
                "/api/org",
                "/api/org/1/users",
                "/api/user",
                "/api/user/orgs",
            ],
        ),
    ] {
        let name = provider.as_str();
        let token = seed
            .iter()
            .find(|c| c.provider == name && matches!(c.kind, "api_key" | "token"))
            .map(|c| c.value);
        let cookie = seed
            .iter()
            .find(|c| c.provider == name && c.kind == "session_cookie")
            .map(|c| c.value);
        for p in paths {
            let mut req = http.get(format!("{}{p}", server.base_url(name)));
            if let Some(t) = token {
                req = req.bearer_auth(t).header("x-api-key", t);
            }
            if let Some(c) = cookie {
                req = req.header("cookie", format!("connect.sid={c}"));
            }
            let body = req.send().await.unwrap().bytes().await.unwrap();
            answers.push((provider, body));
        }
    }
    answers
}
