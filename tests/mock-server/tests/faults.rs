mod common;

use std::time::{Duration, Instant};

use common::Api;
use orgkit_mock::seed::*;
use orgkit_mock::Fault;
use serde_json::json;

fn client() -> reqwest::Client {
    common::http_builder().build().unwrap()
}

#[tokio::test]
async fn status_fault_twice_then_success_and_the_log_counts_all() {
    let server = orgkit_mock::spawn().await;
    server.inject(
        Fault::status(503)
            .provider("pm415")
            .method("GET")
            .path("/api/org")
            .header("Retry-After", "1")
            .times(2),
    );
    let api = Api::new(&server, "pm415").bearer(PM415_ADMIN_API_KEY);
    for _ in 0..2 {
        let r = api.get("/api/org").await;
        assert_eq!(r.status, 503);
        assert_eq!(r.header("retry-after"), Some("1"));
        // Without a body the fault speaks the provider's own error shape.
        assert_eq!(r.json["statusCode"], json!(503));
        assert_eq!(r.json["success"], json!(false));
    }
    assert_eq!(api.get("/api/org").await.status, 200);
    assert_eq!(server.request_count("GET", "/api/org"), 3);
    assert_eq!(server.request_count("GET", "/pm415/api/org"), 3);
    assert_eq!(server.request_count("POST", "/api/org"), 0);
    assert!(server.faults().is_empty());
    let log = server.requests();
    assert_eq!(log[0].provider, "pm415");
    assert_eq!(
        log[0].headers["authorization"],
        format!("Bearer {PM415_ADMIN_API_KEY}")
    );
}

#[tokio::test]
async fn faults_match_only_their_provider_and_fire_in_order() {
    let server = orgkit_mock::spawn().await;
    server.inject(Fault::status(500).provider("kaana"));
    server.inject(Fault::status(502).body("{\"custom\":true}"));
    let ourganize = Api::new(&server, "ourganize").bearer(OURGANIZE_ADMIN_KEY);
    let first = ourganize.get("/projects").await;
    assert_eq!(first.status, 502);
    assert_eq!(first.json, json!({"custom": true}));
    assert_eq!(ourganize.get("/projects").await.status, 200);
    let kaana = Api::new(&server, "kaana")
        .bearer(KAANA_API_KEY)
        .get("/organizations")
        .await;
    assert_eq!(kaana.status, 500);
    assert_eq!(kaana.json["error"], json!("Internal Server Error"));
}

#[tokio::test]
async fn achieveapex_429_fault_carries_retry_after_data() {
    let server = orgkit_mock::spawn().await;
    server.inject(Fault::status(429).header("Retry-After", "7"));
    let r = Api::new(&server, "achieveapex")
        .bearer(ACHIEVEAPEX_OWNER_TOKEN)
        .get("/organizations")
        .await;
    assert_eq!(r.status, 429);
    assert_eq!(r.json["name"], json!("TooManyRequests"));
    assert_eq!(r.json["className"], json!("too-many-requests"));
    assert_eq!(r.json["data"]["retryAfter"], json!(7));
}

#[tokio::test]
async fn non_json_page() {
    let server = orgkit_mock::spawn().await;
    server.inject(Fault::non_json(
        502,
        "<html><body>Bad Gateway</body></html>",
    ));
    let r = Api::new(&server, "orgstack")
        .bearer(ORGSTACK_ADMIN_TOKEN)
        .get("/organizations")
        .await;
    assert_eq!(r.status, 502);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(r.text, "<html><body>Bad Gateway</body></html>");
}

#[tokio::test]
async fn truncated_body_is_cut_short_of_its_content_length() {
    let server = orgkit_mock::spawn().await;
    server.inject(Fault::truncate());
    let url = format!("{}/api/org", server.base_url("pm415"));
    let response = client()
        .get(&url)
        .bearer_auth(PM415_ADMIN_API_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let advertised: usize = response.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(advertised > 100);
    assert!(response.bytes().await.is_err());
    // The fault is used up; the next call is whole.
    let again = client()
        .get(&url)
        .bearer_auth(PM415_ADMIN_API_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(again.bytes().await.unwrap().len(), advertised);
}

#[tokio::test]
async fn closed_connection_then_recovery() {
    let server = orgkit_mock::spawn().await;
    server.inject(Fault::close().path("/organizations"));
    let url = format!("{}/organizations", server.base_url("kaana"));
    let failed = client().get(&url).bearer_auth(KAANA_API_KEY).send().await;
    assert!(failed.is_err(), "{failed:?}");
    let ok = client()
        .get(&url)
        .bearer_auth(KAANA_API_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(server.request_count("GET", "/kaana/organizations"), 2);
}

#[tokio::test]
async fn stalled_body_arrives_after_the_headers() {
    let server = orgkit_mock::spawn().await;
    server.inject(Fault::stall_body(Duration::from_millis(400)));
    let url = format!("{}/projects/1", server.base_url("ourganize"));
    let start = Instant::now();
    let response = client()
        .get(&url)
        .bearer_auth(OURGANIZE_ADMIN_KEY)
        .send()
        .await
        .unwrap();
    let headers_at = start.elapsed();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    let body_at = start.elapsed();
    assert!(
        headers_at < Duration::from_millis(300),
        "headers took {headers_at:?}"
    );
    assert!(
        body_at >= Duration::from_millis(400),
        "body came after {body_at:?}"
    );
    assert_eq!(body["data"]["id"], json!(1));
}

#[tokio::test]
async fn delayed_response_and_a_client_timeout() {
    let server = orgkit_mock::spawn().await;
    server.inject(Fault::delay(Duration::from_millis(300)).times(2));
    let url = format!("{}/organizations/1", server.base_url("achieveapex"));
    let impatient = common::http_builder()
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let timed_out = impatient
        .get(&url)
        .header("x-api-key", ACHIEVEAPEX_API_KEY)
        .send()
        .await;
    assert!(timed_out.unwrap_err().is_timeout());
    let start = Instant::now();
    let slow = client()
        .get(&url)
        .header("x-api-key", ACHIEVEAPEX_API_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(slow.status(), 200);
    assert!(start.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn idempotency_key_replays_the_first_answer() {
    let server = orgkit_mock::spawn().await;
    let api = Api::new(&server, "ourganize")
        .bearer(OURGANIZE_ADMIN_KEY)
        .header("idempotency-key", "k-1");
    let first = api.post("/projects", json!({"name": "Once"})).await;
    let second = api.post("/projects", json!({"name": "Once"})).await;
    assert_eq!(first.json, second.json);
    let total = Api::new(&server, "ourganize")
        .bearer(OURGANIZE_ADMIN_KEY)
        .get("/projects")
        .await;
    assert_eq!(total.json["meta"]["total"], json!(46));
}
