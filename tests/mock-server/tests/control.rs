mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Api;
use orgkit_mock::seed::*;
use serde_json::{json, Value};

async fn control(
    server: &orgkit_mock::MockServer,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let client = common::http_builder().build().unwrap();
    let mut request = client.request(method, format!("{}/__mock{path}", server.url()));
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn faults_requests_and_reset_over_http() {
    let server = orgkit_mock::spawn().await;
    let post = reqwest::Method::POST;
    let (status, body) = control(
        &server,
        post.clone(),
        "/faults",
        Some(
            json!({"provider": "ourganize", "method": "GET", "path": "/projects", "times": 2,
                    "action": {"status": 503, "headers": {"Retry-After": "1"}, "body": "down"}}),
        ),
    )
    .await;
    assert_eq!((status, body), (201, json!({"ok": true, "queued": 1})));
    let (status, _) = control(
        &server,
        post.clone(),
        "/faults",
        Some(json!({"action": {"explode": 1}})),
    )
    .await;
    assert_eq!(status, 400);

    let api = Api::new(&server, "ourganize").bearer(OURGANIZE_ADMIN_KEY);
    let failed = api.get("/projects?page=2").await;
    assert_eq!((failed.status, failed.text.as_str()), (503, "down"));
    let (_, faults) = control(&server, reqwest::Method::GET, "/faults", None).await;
    assert_eq!(faults[0]["times"], json!(1));
    let (status, _) = control(&server, reqwest::Method::DELETE, "/faults", None).await;
    assert_eq!(status, 200);
    assert_eq!(api.get("/projects").await.status, 200);

    let created = api.post("/projects", json!({"name": "temp"})).await;
    assert_eq!(created.status, 201);
    let (_, log) = control(&server, reqwest::Method::GET, "/requests", None).await;
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0]["path"], json!("/projects"));
    assert_eq!(log[0]["query"], json!({"page": "2"}));
    assert_eq!(log[2]["method"], json!("POST"));
    assert_eq!(log[2]["body"], json!({"name": "temp"}));
    let (_, filtered) = control(&server, reqwest::Method::GET, "/requests?method=POST", None).await;
    assert_eq!(filtered.as_array().unwrap().len(), 1);

    let (status, _) = control(&server, post.clone(), "/reset", None).await;
    assert_eq!(status, 200);
    assert_eq!(api.get("/projects/46").await.status, 404);
    assert_eq!(server.requests().len(), 1);
    control(&server, reqwest::Method::DELETE, "/requests", None).await;
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn rate_limit_config_over_http() {
    let server = orgkit_mock::spawn().await;
    let (status, _) = control(
        &server,
        reqwest::Method::POST,
        "/config",
        Some(json!({"ourganize_rate_limit": 1})),
    )
    .await;
    assert_eq!(status, 200);
    let api = Api::new(&server, "ourganize").bearer(OURGANIZE_MEMBER_KEY);
    assert_eq!(api.get("/user/profile").await.status, 200);
    let limited = api.get("/user/profile").await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("x-ratelimit-limit"), Some("1"));
}

#[tokio::test]
async fn unknown_provider_and_unknown_route() {
    let server = orgkit_mock::spawn().await;
    let r = Api::new(&server, "nope").get("/x").await;
    assert_eq!(r.status, 404);
    let r = Api::new(&server, "achieveapex").get("/nothing").await;
    assert_eq!(r.json["name"], json!("NotFound"));
    let r = Api::new(&server, "ourganize")
        .bearer(OURGANIZE_ADMIN_KEY)
        .get("/nothing")
        .await;
    assert_eq!(r.json["error"]["code"], json!("NOT_FOUND"));
}

#[test]
fn spawn_on_thread_serves_without_a_runtime() {
    let server = orgkit_mock::spawn_on_thread(orgkit_mock::Config::default()).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let status = runtime.block_on(async {
        Api::new(&server, "kaana")
            .bearer(KAANA_API_KEY)
            .get("/organizations")
            .await
            .status
    });
    assert_eq!(status, 200);
}

/// Starts the binary with a piped stdin and returns it with its URL.
fn start_binary() -> (std::process::Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_orgkit-mock"))
        .args(["--port", "0", "--rate-limit", "5"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line.trim().to_string())
}

fn wait_exit(child: &mut std::process::Child) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "orgkit-mock did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn binary_prints_its_url_serves_and_exits_when_stdin_closes() {
    let (mut child, url) = start_binary();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let limit = runtime.block_on(async {
        let client = common::http_builder().build().unwrap();
        let response = client
            .get(format!("{url}/ourganize/projects"))
            .bearer_auth(OURGANIZE_ADMIN_KEY)
            .send()
            .await
            .unwrap();
        response.headers()["x-ratelimit-limit"]
            .to_str()
            .unwrap()
            .to_string()
    });
    assert_eq!(limit, "5");
    drop(child.stdin.take());
    assert!(wait_exit(&mut child).success());
}

#[test]
fn binary_exits_zero_on_sigterm() {
    let (mut child, _url) = start_binary();
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(wait_exit(&mut child).success());
}
