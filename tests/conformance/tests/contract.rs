//! The mock must not drift from the docs.
//!
//! The SDK's wiremock tests replay the example responses of the seed docs,
//! kept in `sdk-core/tests/fixtures/<provider>/*.json`. For every one of
//! them this suite sends the documented request to orgkit-mock (raw HTTP)
//! and compares SHAPES: every key path of the fixture must exist in the
//! mock's answer with the same JSON type (a `null` in the fixture matches
//! anything; arrays compare their first element), and the HTTP status must
//! be the expected one. Then it makes the same call through the SDK against
//! the mock and checks that the answer decodes (or, for error fixtures, that
//! it becomes the typed error of that status, not a Decode error).
//!
//! Fixtures are either **verbatim** doc examples (the mock must match them
//! exactly in shape: no exceptions allowed) or **constructed** by us where
//! the docs print none. For constructed fixtures the mock's shape is equally
//! valid, and the known differences are listed per case with the reason
//! (`allow`); an allowance the mock no longer needs fails the test, so the
//! list stays honest. Free-JSON fields (`metadata`) are `opaque`: only their
//! own type is compared.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use futures::future::BoxFuture;
use orgkit::{
    Client, ErrorKind, Id, ListParams, Login, Method, NewInvite, NewOrganization, NewProject,
    OrganizationPatch, OrganizationStatus, OrganizationType, ProjectPatch, ProjectSettings,
    ProjectStatus, Provider, RetryPolicy, Role, TaskPatch, TaskScope,
};
use orgkit_mock::{seed, Fault, MockServer};
use serde_json::{json, Value};

// ------------------------------------------------------------ shape compare

/// One way the actual document differs from the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// `$`, `$.user.apiKey`, `$.data[0].settings`, `$[0].orgId`, …
    pub path: String,
    pub problem: String,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// `path` is `prefix` or below it.
fn under(path: &str, prefix: &str) -> bool {
    path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// Every key path of `expected` must exist in `actual` with the same JSON
/// type. `null` in `expected` matches anything; arrays are compared by their
/// first element; keys only `actual` has are fine. Paths in `opaque` (and
/// below) are compared by their own type only.
pub fn shape_mismatches(expected: &Value, actual: &Value, opaque: &[&str]) -> Vec<Mismatch> {
    let mut out = Vec::new();
    walk("$", expected, actual, opaque, &mut out);
    out
}

fn walk(path: &str, expected: &Value, actual: &Value, opaque: &[&str], out: &mut Vec<Mismatch>) {
    if expected.is_null() {
        return;
    }
    if type_name(expected) != type_name(actual) {
        out.push(Mismatch {
            path: path.to_string(),
            problem: format!(
                "expected {}, the mock sent {} ({})",
                type_name(expected),
                type_name(actual),
                short(actual)
            ),
        });
        return;
    }
    if opaque.contains(&path) {
        return;
    }
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                let child = format!("{path}.{key}");
                match a.get(key) {
                    Some(av) => walk(&child, ev, av, opaque, out),
                    None => out.push(Mismatch {
                        path: child,
                        problem: format!("missing (expected {})", type_name(ev)),
                    }),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if let Some(first) = e.first() {
                let child = format!("{path}[0]");
                match a.first() {
                    Some(av) => walk(&child, first, av, opaque, out),
                    None => out.push(Mismatch {
                        path: child,
                        problem: "the mock's array is empty: nothing to compare".into(),
                    }),
                }
            }
        }
        _ => {}
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

/// Compares shapes and applies a case's allowances: `Err` lists every
/// missing or mistyped path not allowed, and every allowance no longer needed.
pub fn check_shape(
    label: &str,
    expected: &Value,
    actual: &Value,
    opaque: &[&str],
    allow: &[(&str, &str)],
) -> Result<(), String> {
    let found = shape_mismatches(expected, actual, opaque);
    let mut report = String::new();
    for m in &found {
        if !allow.iter().any(|(p, _)| under(&m.path, p)) {
            let _ = writeln!(report, "    {}: {}", m.path, m.problem);
        }
    }
    for (p, why) in allow {
        if !found.iter().any(|m| under(&m.path, p)) {
            let _ = writeln!(
                report,
                "    {p}: allowed to differ ({why}) but the mock now matches: drop the allowance"
            );
        }
    }
    if report.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{label}: the mock's answer does not have the fixture's shape:\n{report}    mock answer: {}",
            short_long(actual)
        ))
    }
}

fn short_long(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 600 {
        format!("{}…", s.chars().take(600).collect::<String>())
    } else {
        s
    }
}

#[test]
fn the_shape_comparison_reports_every_missing_and_mistyped_path() {
    let expected = json!({
        "success": true,
        "organization": {"id": 1, "name": "x", "roles": [{"id": 1, "role": "Admin"}]},
        "maybe": null,
        "list": [],
        "meta": {"page": 1},
    });
    let actual = json!({
        "success": "yes",
        "organization": {"id": "1", "roles": [{"id": 1}], "extra": true},
        "maybe": {"anything": 1},
        "list": [1, 2],
    });
    let paths: Vec<_> = shape_mismatches(&expected, &actual, &[])
        .into_iter()
        .map(|m| m.path)
        .collect();
    assert_eq!(
        paths,
        vec![
            "$.success",
            "$.organization.id",
            "$.organization.name",
            "$.organization.roles[0].role",
            "$.meta",
        ]
    );
    // an empty array in the mock cannot show its items' shape
    let m = shape_mismatches(&json!([{"a": 1}]), &json!([]), &[]);
    assert_eq!(m[0].path, "$[0]");
    // opaque paths compare their own type only
    let e = json!({"metadata": {"tier": "gold"}});
    assert!(shape_mismatches(&e, &json!({"metadata": {}}), &["$.metadata"]).is_empty());
    assert_eq!(
        shape_mismatches(&e, &json!({"metadata": []}), &["$.metadata"]).len(),
        1
    );
    // allowances: only what is listed is forgiven, and stale ones are reported
    let err = check_shape("t", &expected, &actual, &[], &[("$.organization", "why")]).unwrap_err();
    assert!(err.contains("$.success") && err.contains("$.meta"), "{err}");
    assert!(!err.contains("$.organization.id"), "{err}");
    let err = check_shape(
        "t",
        &json!({"a": 1}),
        &json!({"a": 2}),
        &[],
        &[("$.a", "why")],
    )
    .unwrap_err();
    assert!(err.contains("drop the allowance"), "{err}");
}

// ------------------------------------------------------------------- cases

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    /// Printed in the seed docs (possibly with a minimal JSON repair).
    Verbatim,
    /// Built by us: the docs print no example.
    Constructed,
}

type Vars = BTreeMap<String, String>;
type SdkCall = fn(Client, Vars) -> BoxFuture<'static, orgkit::Result<()>>;

/// A raw request made before the checked one, capturing values from its answer.
struct Step {
    method: &'static str,
    path: &'static str,
    body: Value,
    /// (variable name, JSON pointer into the answer)
    capture: &'static [(&'static str, &'static str)],
}

struct Case {
    provider: Provider,
    fixture: &'static str,
    origin: Origin,
    method: &'static str,
    /// Provider-relative; `{var}` is replaced by a captured value.
    path: &'static str,
    body: Option<Value>,
    /// Send the provider's standard credential.
    auth: bool,
    status: u16,
    prep: Option<fn(&MockServer)>,
    setup: Vec<Step>,
    allow: Vec<(&'static str, &'static str)>,
    opaque: Vec<&'static str>,
    /// Fixture paths that are a documented placeholder: they match anything.
    placeholders: Vec<&'static str>,
    sdk: SdkCall,
}

impl Case {
    fn new(
        provider: Provider,
        fixture: &'static str,
        origin: Origin,
        method: &'static str,
        path: &'static str,
        sdk: SdkCall,
    ) -> Case {
        Case {
            provider,
            fixture,
            origin,
            method,
            path,
            body: None,
            auth: true,
            status: 200,
            prep: None,
            setup: Vec::new(),
            allow: Vec::new(),
            opaque: Vec::new(),
            placeholders: Vec::new(),
            sdk,
        }
    }
    fn body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }
    fn status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }
    fn anonymous(mut self) -> Self {
        self.auth = false;
        self
    }
    fn prep(mut self, prep: fn(&MockServer)) -> Self {
        self.prep = Some(prep);
        self
    }
    fn setup(mut self, step: Step) -> Self {
        self.setup.push(step);
        self
    }
    fn allow(mut self, path: &'static str, why: &'static str) -> Self {
        self.allow.push((path, why));
        self
    }
    fn opaque(mut self, path: &'static str) -> Self {
        self.opaque.push(path);
        self
    }
    fn placeholder(mut self, path: &'static str) -> Self {
        self.placeholders.push(path);
        self
    }
    fn label(&self) -> String {
        format!(
            "{}/{} ({:?}; {} {})",
            self.provider, self.fixture, self.origin, self.method, self.path
        )
    }
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sdk-core/tests/fixtures")
}

fn load_fixture(provider: Provider, name: &str) -> Value {
    let path = fixture_dir().join(provider.as_str()).join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn fill(template: &str, vars: &Vars) -> String {
    let mut out = template.to_string();
    for (k, v) in vars {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

fn raw_auth(provider: Provider, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    match provider {
        Provider::Ourganize => req.bearer_auth(seed::OURGANIZE_ADMIN_KEY),
        Provider::Orgstack => req.bearer_auth(seed::ORGSTACK_ADMIN_TOKEN),
        Provider::Achieveapex => req.bearer_auth(seed::ACHIEVEAPEX_OWNER_TOKEN),
        Provider::Kaana => req.header("cookie", format!("connect.sid={}", seed::KAANA_ADMIN_SID)),
        _ => req.bearer_auth(seed::PM415_ADMIN_API_KEY),
    }
}

fn sdk_client(server: &MockServer, provider: Provider, auth: bool) -> Client {
    let mut b = Client::builder(provider)
        .base_url(server.base_url(provider.as_str()))
        .timeout(Duration::from_secs(5))
        .retry_policy(RetryPolicy {
            max_retries: 0,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(5),
            max_retry_after: Duration::from_secs(1),
        });
    if auth {
        b = match provider {
            Provider::Ourganize => b.api_key(seed::OURGANIZE_ADMIN_KEY),
            Provider::Orgstack => b.token(seed::ORGSTACK_ADMIN_TOKEN),
            Provider::Achieveapex => b.token(seed::ACHIEVEAPEX_OWNER_TOKEN),
            Provider::Kaana => b.session_cookie(seed::KAANA_ADMIN_SID),
            _ => b.api_key(seed::PM415_ADMIN_API_KEY),
        };
    }
    b.build().expect("client")
}

async fn send(
    http: &reqwest::Client,
    server: &MockServer,
    provider: Provider,
    auth: bool,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<(u16, Value), String> {
    let url = format!("{}{}", server.base_url(provider.as_str()), path);
    let method = reqwest::Method::from_bytes(method.as_bytes()).map_err(|e| e.to_string())?;
    let mut req = http.request(method, &url);
    if auth {
        req = raw_auth(provider, req);
    }
    if let Some(body) = body {
        req = req.json(body);
    }
    let resp = req.send().await.map_err(|e| format!("{url}: {e}"))?;
    let status = resp.status().as_u16();
    let bytes = resp.bytes().await.map_err(|e| format!("{url}: {e}"))?;
    let value = if bytes.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).map_err(|e| {
            format!(
                "{url}: answer {status} is not JSON ({e}): {}",
                String::from_utf8_lossy(&bytes)
            )
        })?
    };
    Ok((status, value))
}

/// Fresh seed state, the case's preparation and setup requests.
async fn prepare(http: &reqwest::Client, server: &MockServer, case: &Case) -> Result<Vars, String> {
    server.reset();
    if let Some(prep) = case.prep {
        prep(server);
    }
    let mut vars = Vars::new();
    for step in &case.setup {
        let path = fill(step.path, &vars);
        let (status, answer) = send(
            http,
            server,
            case.provider,
            true,
            step.method,
            &path,
            Some(&step.body),
        )
        .await?;
        if !(200..300).contains(&status) {
            return Err(format!(
                "setup {} {path} answered {status}: {answer}",
                step.method
            ));
        }
        for (name, pointer) in step.capture {
            let v = answer
                .pointer(pointer)
                .ok_or_else(|| format!("setup {} {path}: no {pointer} in {answer}", step.method))?;
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            vars.insert((*name).to_string(), text);
        }
    }
    Ok(vars)
}

/// Runs one case: raw shape + status check, then the SDK decode check.
/// SDK clients by `auth`, reused across cases (building one loads the TLS
/// roots, which is slow in debug builds); a client whose credentials a call
/// changed (login, switch) is dropped.
type Clients = BTreeMap<bool, Client>;

async fn run_case(
    http: &reqwest::Client,
    server: &MockServer,
    clients: &mut Clients,
    case: &Case,
) -> Vec<String> {
    let label = case.label();
    let mut failures = Vec::new();
    if case.origin == Origin::Verbatim && !case.allow.is_empty() {
        failures.push(format!(
            "{label}: a verbatim doc example may not have allowances; fix the mock instead"
        ));
    }
    let mut fixture = load_fixture(case.provider, case.fixture);
    for path in &case.placeholders {
        let pointer = path.trim_start_matches('$').replace('.', "/");
        match fixture.pointer_mut(&pointer) {
            Some(v) => *v = Value::Null,
            None => failures.push(format!("{label}: no placeholder {path} in the fixture")),
        }
    }

    // 1. raw HTTP: same documented request, same shape, same status
    match prepare(http, server, case).await {
        Err(e) => failures.push(format!("{label}: {e}")),
        Ok(vars) => {
            let path = fill(case.path, &vars);
            match send(
                http,
                server,
                case.provider,
                case.auth,
                case.method,
                &path,
                case.body.as_ref(),
            )
            .await
            {
                Err(e) => failures.push(format!("{label}: {e}")),
                Ok((status, answer)) => {
                    if status != case.status {
                        failures.push(format!(
                            "{label}: HTTP {status}, expected {}: {}",
                            case.status,
                            short_long(&answer)
                        ));
                    }
                    if let Err(e) =
                        check_shape(&label, &fixture, &answer, &case.opaque, &case.allow)
                    {
                        failures.push(e);
                    }
                }
            }
        }
    }

    // 2. the SDK decodes the same answer (or turns it into the typed error)
    match prepare(http, server, case).await {
        Err(e) => failures.push(format!("{label} (SDK): {e}")),
        Ok(vars) => {
            let client = clients
                .entry(case.auth)
                .or_insert_with(|| sdk_client(server, case.provider, case.auth))
                .clone();
            let before = client.current_credentials();
            let outcome = (case.sdk)(client.clone(), vars).await;
            if client.current_credentials() != before {
                clients.remove(&case.auth);
            }
            match (outcome, case.status) {
                (Ok(()), s) if (200..300).contains(&s) => {}
                (Ok(()), s) => failures.push(format!(
                    "{label} (SDK): succeeded, but the mock answers {s}"
                )),
                (Err(e), s) if (200..300).contains(&s) => {
                    failures.push(format!(
                        "{label} (SDK): does not decode: {e} [{:?}]",
                        e.kind()
                    ));
                }
                (Err(e), s) => {
                    let want = ErrorKind::from_status(s);
                    if e.kind() != want || e.status() != Some(s) {
                        failures.push(format!(
                            "{label} (SDK): expected {want} with status {s}, got {:?} status {:?}: {e}",
                            e.kind(),
                            e.status()
                        ));
                    }
                }
            }
        }
    }
    failures
}

async fn run_all(provider: Provider, cases: Vec<Case>) {
    assert!(cases.iter().all(|c| c.provider == provider));
    let server = orgkit_mock::spawn().await;
    orgkit::http::install_crypto_provider();
    let http = reqwest::Client::new();
    let mut clients = Clients::new();
    let mut failures = Vec::new();
    for case in &cases {
        failures.extend(run_case(&http, &server, &mut clients, case).await);
    }
    assert!(
        failures.is_empty(),
        "{provider}: {} problem(s) in {} fixture cases:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

macro_rules! sdk {
    (|$c:ident, $v:ident| $body:expr) => {{
        fn call($c: Client, $v: Vars) -> BoxFuture<'static, orgkit::Result<()>> {
            let _ = &$v;
            Box::pin(async move { $body.map(drop) })
        }
        call as SdkCall
    }};
}

fn var(v: &Vars, name: &str) -> Id {
    Id::from(v.get(name).cloned().unwrap_or_default())
}

// ------------------------------------------------------------- ourganize

fn ogz_project() -> Step {
    Step {
        method: "POST",
        path: "/projects",
        body: json!({"name": "Contract Project", "description": "A sample project",
                     "settings": {"isPublic": false, "allowComments": true}}),
        capture: &[("project", "/data/id")],
    }
}

fn ogz_task() -> Step {
    Step {
        method: "POST",
        path: "/projects/{project}/tasks",
        body: json!({"title": "Draft the project charter", "description": "One page, goals and owners",
                     "assigneeId": 2, "dueDate": "2024-01-20T17:00:00Z"}),
        capture: &[("task", "/data/id")],
    }
}

fn ourganize_cases() -> Vec<Case> {
    use Origin::*;
    const P: Provider = Provider::Ourganize;
    vec![
        // The seed's "Success Response": `data` is a `// Response data`
        // placeholder (an empty object after the repair), so only its presence
        // counts; `meta:{page,limit,total}` is a list's, as GET /projects sends.
        Case::new(
            P,
            "envelope_success.json",
            Verbatim,
            "GET",
            "/projects",
            sdk!(|c, v| c.projects().list(ListParams::new()).await),
        )
        .placeholder("$.data"),
        // The seed's "Error Response": a missing email.
        Case::new(
            P,
            "error_validation.json",
            Verbatim,
            "POST",
            "/users/invite",
            sdk!(|c, v| c
                .request(Method::POST, "/users/invite", Some(json!({})))
                .await),
        )
        .body(json!({}))
        .status(422),
        Case::new(
            P,
            "error_not_found.json",
            Constructed,
            "GET",
            "/projects/9999",
            sdk!(|c, v| c.projects().get(9999).await),
        )
        .status(404),
        Case::new(
            P,
            "error_unauthorized.json",
            Constructed,
            "GET",
            "/projects",
            sdk!(|c, v| c.projects().list(ListParams::new()).await),
        )
        .anonymous()
        .status(401),
        Case::new(
            P,
            "error_rate_limited.json",
            Constructed,
            "GET",
            "/projects",
            sdk!(|c, v| c.projects().list(ListParams::new()).await),
        )
        .prep(|s| s.set_rate_limit(0))
        .status(429),
        Case::new(
            P,
            "invite.json",
            Constructed,
            "POST",
            "/users/invite",
            sdk!(|c, v| c
                .invites()
                .create(NewInvite {
                    email: "new.hire@example.com".into(),
                    role: Some(Role::Member),
                    ..Default::default()
                })
                .await),
        )
        .body(json!({"email": "new.hire@example.com", "role": "member"}))
        .status(201),
        Case::new(
            P,
            "project.json",
            Constructed,
            "POST",
            "/projects",
            sdk!(|c, v| c
                .projects()
                .create(NewProject {
                    name: "My New Project".into(),
                    description: Some("A sample project".into()),
                    settings: Some(ProjectSettings {
                        is_public: Some(false),
                        allow_comments: Some(true),
                        ..Default::default()
                    }),
                    ..Default::default()
                })
                .await),
        )
        .body(
            json!({"name": "My New Project", "description": "A sample project",
                         "settings": {"isPublic": false, "allowComments": true}}),
        )
        .status(201),
        Case::new(
            P,
            "project_updated.json",
            Constructed,
            "PUT",
            "/projects/{project}",
            sdk!(|c, v| c
                .projects()
                .update(
                    var(&v, "project"),
                    ProjectPatch {
                        name: Some("Renamed Project".into()),
                        status: Some(ProjectStatus::Archived),
                        settings: Some(ProjectSettings {
                            is_public: Some(true),
                            ..Default::default()
                        }),
                        ..Default::default()
                    }
                )
                .await),
        )
        .setup(ogz_project())
        .body(json!({"name": "Renamed Project", "status": "archived",
                         "settings": {"isPublic": true}})),
        Case::new(
            P,
            "projects_page1.json",
            Constructed,
            "GET",
            "/projects?page=1&limit=2",
            sdk!(|c, v| c.projects().list(ListParams::new().page(1).limit(2)).await),
        ),
        Case::new(
            P,
            "projects_page2.json",
            Constructed,
            "GET",
            "/projects?page=2&limit=2",
            sdk!(|c, v| c.projects().list(ListParams::new().page(2).limit(2)).await),
        ),
        Case::new(
            P,
            "projects_page3.json",
            Constructed,
            "GET",
            "/projects?page=3&limit=2",
            sdk!(|c, v| c.projects().list(ListParams::new().page(3).limit(2)).await),
        ),
        Case::new(
            P,
            "task.json",
            Constructed,
            "GET",
            "/tasks/{task}",
            sdk!(|c, v| c.tasks().get(var(&v, "task")).await),
        )
        .setup(ogz_project())
        .setup(ogz_task()),
        Case::new(
            P,
            "task_completed.json",
            Constructed,
            "PUT",
            "/tasks/{task}",
            sdk!(|c, v| c
                .tasks()
                .update(
                    var(&v, "task"),
                    TaskPatch::completed("2024-01-15T10:30:00Z".parse().unwrap())
                )
                .await),
        )
        .setup(ogz_project())
        .setup(ogz_task())
        .body(json!({"status": "completed", "completedAt": "2024-01-15T10:30:00Z"})),
        // The seed's "List Tasks" request.
        Case::new(
            P,
            "tasks_list.json",
            Constructed,
            "GET",
            "/projects/{project}/tasks?status=active&limit=10",
            sdk!(|c, v| c
                .tasks()
                .list(
                    TaskScope::Project(var(&v, "project")),
                    ListParams::new().status("active").limit(10)
                )
                .await),
        )
        .setup(ogz_project())
        .setup(ogz_task()),
        Case::new(
            P,
            "user_profile.json",
            Constructed,
            "GET",
            "/user/profile",
            sdk!(|c, v| c.users().me().await),
        )
        .allow(
            "$.data.isActive",
            "constructed; the mock's users carry no isActive flag",
        )
        .allow(
            "$.data.timezone",
            "constructed extra key, exercises `extra`",
        ),
        Case::new(
            P,
            "users_list.json",
            Constructed,
            "GET",
            "/users",
            sdk!(|c, v| c.users().list(ListParams::new()).await),
        )
        .allow(
            "$.data[0].isActive",
            "constructed; the mock's users carry no isActive flag",
        ),
        Case::new(
            P,
            "deleted.json",
            Constructed,
            "DELETE",
            "/projects/{project}",
            sdk!(|c, v| c.projects().delete(var(&v, "project")).await),
        )
        .setup(ogz_project()),
    ]
}

// --------------------------------------------------------------- orgstack

fn orgstack_cases() -> Vec<Case> {
    use Origin::*;
    const P: Provider = Provider::Orgstack;
    vec![
        Case::new(
            P,
            "login.json",
            Constructed,
            "POST",
            "/auth/login",
            sdk!(|c, v| c
                .auth()
                .login(Login::username(
                    seed::ORGSTACK_ADMIN_USERNAME,
                    seed::ORGSTACK_ADMIN_PASSWORD
                ))
                .await),
        )
        .anonymous()
        .body(json!({"username": seed::ORGSTACK_ADMIN_USERNAME,
                         "password": seed::ORGSTACK_ADMIN_PASSWORD}))
        .allow(
            "$.tokenType",
            "constructed; the mock answers {token, expiresIn, user}",
        )
        .allow(
            "$.user.createdAt",
            "constructed; the mock's user is {id, username, email, role}",
        ),
        Case::new(
            P,
            "organization.json",
            Constructed,
            "GET",
            "/organizations/org_01",
            sdk!(|c, v| c.organizations().get("org_01").await),
        )
        .allow(
            "$.metadata",
            "constructed; the mock's orgstack organizations have no metadata",
        ),
        Case::new(
            P,
            "organization_created.json",
            Constructed,
            "POST",
            "/organizations",
            sdk!(|c, v| c
                .organizations()
                .create(NewOrganization {
                    name: "Stark Industries".into(),
                    description: Some("Defense and energy".into()),
                    metadata: Some(json!({"plan": "pro"})),
                    ..Default::default()
                })
                .await),
        )
        .body(
            json!({"name": "Stark Industries", "description": "Defense and energy",
                         "metadata": {"plan": "pro"}}),
        )
        .status(201)
        .allow(
            "$.metadata",
            "constructed; the mock's orgstack organizations have no metadata",
        ),
        Case::new(
            P,
            "organization_updated.json",
            Constructed,
            "PUT",
            "/organizations/org_01",
            sdk!(|c, v| c
                .organizations()
                .update(
                    "org_01",
                    OrganizationPatch {
                        name: Some("Acme Corp".into()),
                        status: Some(OrganizationStatus::Suspended),
                        ..Default::default()
                    }
                )
                .await),
        )
        .body(json!({"name": "Acme Corp", "status": "suspended"})),
        Case::new(
            P,
            "organizations_page1.json",
            Constructed,
            "GET",
            "/organizations?page=1&limit=2",
            sdk!(|c, v| c
                .organizations()
                .list(ListParams::new().page(1).limit(2))
                .await),
        ),
        Case::new(
            P,
            "organizations_page2.json",
            Constructed,
            "GET",
            "/organizations?page=2&limit=2",
            sdk!(|c, v| c
                .organizations()
                .list(ListParams::new().page(2).limit(2))
                .await),
        ),
        Case::new(
            P,
            "organizations_page3.json",
            Constructed,
            "GET",
            "/organizations?page=3&limit=2",
            sdk!(|c, v| c
                .organizations()
                .list(ListParams::new().page(3).limit(2))
                .await),
        ),
        Case::new(
            P,
            "error_not_found.json",
            Constructed,
            "GET",
            "/organizations/org_999",
            sdk!(|c, v| c.organizations().get("org_999").await),
        )
        .status(404),
        Case::new(
            P,
            "error_unauthorized.json",
            Constructed,
            "GET",
            "/organizations",
            sdk!(|c, v| c.organizations().list(ListParams::new()).await),
        )
        .anonymous()
        .status(401),
        Case::new(
            P,
            "error_validation.json",
            Constructed,
            "POST",
            "/organizations",
            sdk!(|c, v| c
                .organizations()
                .create(NewOrganization {
                    name: "Validation Probe".into(),
                    status: Some(OrganizationStatus::from("bogus")),
                    ..Default::default()
                })
                .await),
        )
        .body(json!({"name": "Validation Probe", "status": "bogus"}))
        .status(400)
        .allow(
            "$.errors",
            "constructed; the mock's orgstack errors are {error, message, statusCode}",
        ),
    ]
}

// ------------------------------------------------------------ achieveapex

fn achieveapex_cases() -> Vec<Case> {
    use Origin::*;
    const P: Provider = Provider::Achieveapex;
    vec![
        Case::new(P, "organization_object.json", Verbatim, "GET", "/organizations/1",
            sdk!(|c, v| c.organizations().get(1).await)),
        Case::new(P, "organization_get.json", Verbatim, "GET", "/organizations/1",
            sdk!(|c, v| c.organizations().get(1).await)),
        // The docs' requests, as a query string (Feathers reads `$limit` etc.
        // from it, not from the JSON body the seed's curl shows); org 123 is 1 here.
        Case::new(P, "organizations_list.json", Verbatim, "GET",
            "/organizations?$limit=10&$skip=0&searchTerm=acme",
            sdk!(|c, v| c.organizations().list(ListParams::new().limit(10).skip(0)
                .search("acme")).await)),
        Case::new(P, "organizations_users.json", Verbatim, "GET",
            "/organizations-users?organization_id=1&$limit=100&$sort[created_at]=-1",
            sdk!(|c, v| c.members(1).list(ListParams::new().limit(100)
                .sort("created_at", orgkit::SortOrder::Desc)).await)),
        Case::new(P, "error_not_found.json", Verbatim, "GET", "/organizations/999",
            sdk!(|c, v| c.organizations().get(999).await)).status(404),
        Case::new(P, "login.json", Constructed, "POST", "/authentication",
            sdk!(|c, v| c.auth().login(Login::email(seed::ACHIEVEAPEX_OWNER_EMAIL,
                seed::ACHIEVEAPEX_OWNER_PASSWORD)).await))
            .anonymous()
            .body(json!({"strategy": "local", "email": seed::ACHIEVEAPEX_OWNER_EMAIL,
                         "password": seed::ACHIEVEAPEX_OWNER_PASSWORD}))
            .status(201)
            .allow("$.authentication.accessToken",
                "constructed; the mock answers authentication:{strategy} (its own tests pin it)")
            .allow("$.authentication.payload",
                "constructed; the mock answers authentication:{strategy} (its own tests pin it)"),
        Case::new(P, "invite.json", Constructed, "POST", "/organizations-users-invites",
            sdk!(|c, v| c.invites().create(NewInvite { email: "new.member@example.com".into(),
                organization_id: Some(Id::from(1)), role: Some(Role::Admin) }).await))
            .body(json!({"email": "new.member@example.com", "organization_id": 1, "role": "admin"}))
            .status(201),
        Case::new(P, "error_rate_limited.json", Constructed, "GET", "/organizations",
            sdk!(|c, v| c.organizations().list(ListParams::new()).await))
            .prep(|s| s.inject(Fault::status(429).provider("achieveapex").header("Retry-After", "30")))
            .status(429),
        Case::new(P, "error_not_authenticated.json", Constructed, "GET", "/organizations",
            sdk!(|c, v| c.organizations().list(ListParams::new()).await))
            .anonymous().status(401),
        Case::new(P, "error_bad_request.json", Constructed, "POST", "/organizations-users-invites",
            sdk!(|c, v| c.invites().create(NewInvite { email: "new.member@example.com".into(),
                organization_id: Some(Id::from(1)), role: Some(Role::from("superuser")) }).await))
            .body(json!({"email": "new.member@example.com", "organization_id": 1, "role": "superuser"}))
            .status(400)
            .allow("$.errors", "constructed; the mock puts field messages in `data` (providers.md: {name,message,code,className,data?})"),
        Case::new(P, "organizations_skip0.json", Constructed, "GET", "/organizations?$limit=2&$skip=0",
            sdk!(|c, v| c.organizations().list(ListParams::new().limit(2).skip(0)).await)),
        Case::new(P, "organizations_skip2.json", Constructed, "GET", "/organizations?$limit=2&$skip=2",
            sdk!(|c, v| c.organizations().list(ListParams::new().limit(2).skip(2)).await)),
        Case::new(P, "organizations_skip4.json", Constructed, "GET", "/organizations?$limit=2&$skip=4",
            sdk!(|c, v| c.organizations().list(ListParams::new().limit(2).skip(4)).await)),
    ]
}

// ------------------------------------------------------------------ kaana

fn kaana_cases() -> Vec<Case> {
    use Origin::*;
    const P: Provider = Provider::Kaana;
    vec![
        Case::new(
            P,
            "organization.json",
            Constructed,
            "GET",
            "/organizations/1",
            sdk!(|c, v| c.organizations().get(1).await),
        )
        .opaque("$.metadata"),
        Case::new(
            P,
            "organizations.json",
            Constructed,
            "GET",
            "/organizations",
            sdk!(|c, v| c.organizations().list(ListParams::new()).await),
        )
        .opaque("$[0].metadata"),
        Case::new(
            P,
            "created_org.json",
            Constructed,
            "POST",
            "/organizations",
            sdk!(|c, v| c
                .organizations()
                .create(NewOrganization {
                    name: "New Client Inc.".into(),
                    org_type: Some(OrganizationType::Partner),
                    status: Some(OrganizationStatus::Active),
                    industry: Some("Retail".into()),
                    website: Some("https://newclient.example.com".into()),
                    description: Some("Signed in Q3".into()),
                    metadata: Some(json!({"source": "referral", "nested": {"a_b": 1}}))
                })
                .await),
        )
        .body(
            json!({"name": "New Client Inc.", "type": "partner", "status": "active",
                         "industry": "Retail", "website": "https://newclient.example.com",
                         "description": "Signed in Q3",
                         "metadata": {"source": "referral", "nested": {"a_b": 1}}}),
        )
        .opaque("$.metadata"),
        Case::new(
            P,
            "updated_org.json",
            Constructed,
            "PUT",
            "/organizations/1",
            sdk!(|c, v| c
                .organizations()
                .update(
                    1,
                    OrganizationPatch {
                        status: Some(OrganizationStatus::Inactive),
                        description: Some("Paused".into()),
                        ..Default::default()
                    }
                )
                .await),
        )
        .body(json!({"status": "inactive", "description": "Paused", "metadata": null})),
        Case::new(
            P,
            "duplicated_org.json",
            Constructed,
            "POST",
            "/organizations/1/duplicate",
            sdk!(|c, v| c.organizations().duplicate(1).await),
        )
        .opaque("$.metadata"),
        Case::new(
            P,
            "members.json",
            Constructed,
            "GET",
            "/organizations/1/members",
            sdk!(|c, v| c.members(1).list(ListParams::new()).await),
        ),
        Case::new(
            P,
            "projects.json",
            Constructed,
            "GET",
            "/organizations/1/projects",
            sdk!(|c, v| c.projects().list(ListParams::new().organization(1)).await),
        )
        .allow(
            "$[0].description",
            "the seeded projects' description is null (nullable)",
        )
        .allow("$[0].budget", "constructed extra key, exercises `extra`"),
        Case::new(
            P,
            "tasks.json",
            Constructed,
            "GET",
            "/organizations/1/tasks",
            sdk!(|c, v| c
                .tasks()
                .list(TaskScope::Organization(Id::from(1)), ListParams::new())
                .await),
        )
        .allow(
            "$[0].completedAt",
            "constructed; the mock's kaana tasks carry no completedAt",
        ),
        Case::new(
            P,
            "documents.json",
            Constructed,
            "GET",
            "/organizations/1/documents",
            sdk!(|c, v| c.documents(1).list(ListParams::new()).await),
        ),
        Case::new(
            P,
            "error_404.json",
            Constructed,
            "GET",
            "/organizations/99",
            sdk!(|c, v| c.organizations().get(99).await),
        )
        .status(404),
        Case::new(
            P,
            "error_401.json",
            Constructed,
            "GET",
            "/organizations",
            sdk!(|c, v| c.organizations().list(ListParams::new()).await),
        )
        .anonymous()
        .status(401),
    ]
}

// ------------------------------------------------------------------ pm415

fn pm415_cases() -> Vec<Case> {
    use Origin::*;
    const P: Provider = Provider::Pm415;
    vec![
        Case::new(
            P,
            "create_org.json",
            Verbatim,
            "POST",
            "/api/org",
            sdk!(|c, v| c
                .organizations()
                .create(NewOrganization::named("myOrg"))
                .await),
        )
        .body(json!({"name": "myOrg"})),
        Case::new(
            P,
            "create_org_400.json",
            Verbatim,
            "POST",
            "/api/org",
            sdk!(|c, v| c.request(Method::POST, "/api/org", Some(json!({}))).await),
        )
        .body(json!({}))
        .status(400),
        Case::new(
            P,
            "list_orgs.json",
            Verbatim,
            "GET",
            "/api/org",
            sdk!(|c, v| async {
                c.organizations().list(ListParams::new()).await?;
                c.organizations().current().await
            }
            .await),
        ),
        Case::new(
            P,
            "switch_org.json",
            Verbatim,
            "POST",
            "/api/org/switch/2",
            sdk!(|c, v| c.organizations().switch(2).await),
        ),
        Case::new(
            P,
            "update_org.json",
            Verbatim,
            "PUT",
            "/api/org/1",
            sdk!(|c, v| c
                .organizations()
                .update(
                    1,
                    OrganizationPatch {
                        name: Some("Acme Renamed".into()),
                        ..Default::default()
                    }
                )
                .await),
        )
        .body(json!({"name": "Acme Renamed"})),
        Case::new(
            P,
            "delete_org.json",
            Verbatim,
            "DELETE",
            "/api/org/3",
            sdk!(|c, v| c.organizations().delete(3).await),
        ),
        Case::new(
            P,
            "org_users.json",
            Verbatim,
            "GET",
            "/api/org/1/users",
            sdk!(|c, v| c.members(1).list(ListParams::new()).await),
        ),
        Case::new(
            P,
            "invite_validate.json",
            Verbatim,
            "GET",
            "/api/org/invite/?token=8s80f934kf94",
            sdk!(|c, v| c.invites().validate(seed::PM415_INVITE_TOKEN).await),
        )
        .anonymous(),
        Case::new(
            P,
            "invite_link.json",
            Verbatim,
            "POST",
            "/api/org/1/invitelink",
            sdk!(|c, v| c
                .invites()
                .create(NewInvite {
                    email: "new.person@pm415.test".into(),
                    organization_id: Some(Id::from(1)),
                    role: None
                })
                .await),
        )
        .body(json!({"email": "new.person@pm415.test"})),
        // The docs' path, doubled slash included.
        Case::new(
            P,
            "users_remove.json",
            Verbatim,
            "POST",
            "//api/org/2/users/remove",
            sdk!(|c, v| c.members(2).remove(&[Id::from(2)]).await),
        )
        .body(json!({"usersId": [2]})),
        Case::new(
            P,
            "admin_grant.json",
            Verbatim,
            "PUT",
            "/api/org/1/admin/grant",
            sdk!(|c, v| c.members(1).set_role(2, Role::Admin).await),
        )
        .body(json!({"usersId": [2]})),
        Case::new(
            P,
            "admin_revoke.json",
            Verbatim,
            "PUT",
            "/api/org/2/admin/revoke",
            sdk!(|c, v| c.members(2).set_role(3, Role::Member).await),
        )
        .body(json!({"usersId": [3]})),
        Case::new(
            P,
            "admin_resetpassword.json",
            Verbatim,
            "PUT",
            "/api/org/1/admin/resetpassword",
            sdk!(|c, v| c.members(1).reset_passwords(&[Id::from(2)]).await),
        )
        .body(json!({"usersId": [2]})),
        Case::new(
            P,
            "login.json",
            Constructed,
            "POST",
            "/api/account/login",
            sdk!(|c, v| c
                .auth()
                .login(Login::email(
                    seed::PM415_ADMIN_EMAIL,
                    seed::PM415_ADMIN_PASSWORD
                ))
                .await),
        )
        .anonymous()
        .body(json!({"email": seed::PM415_ADMIN_EMAIL, "password": seed::PM415_ADMIN_PASSWORD})),
        Case::new(
            P,
            "login_wrong_password.json",
            Constructed,
            "POST",
            "/api/account/login",
            sdk!(|c, v| c
                .auth()
                .login(Login::email(seed::PM415_ADMIN_EMAIL, "wrong"))
                .await),
        )
        .anonymous()
        .body(json!({"email": seed::PM415_ADMIN_EMAIL, "password": "wrong"}))
        .status(401),
        Case::new(
            P,
            "me.json",
            Constructed,
            "GET",
            "/api/user",
            sdk!(|c, v| c.users().me().await),
        ),
        Case::new(
            P,
            "my_orgs.json",
            Constructed,
            "GET",
            "/api/user/orgs",
            sdk!(|c, v| c.users().my_organizations().await),
        ),
    ]
}

// ------------------------------------------------------------------ tests

#[tokio::test]
async fn ourganize_matches_its_fixtures() {
    run_all(Provider::Ourganize, ourganize_cases()).await;
}

#[tokio::test]
async fn orgstack_matches_its_fixtures() {
    run_all(Provider::Orgstack, orgstack_cases()).await;
}

#[tokio::test]
async fn achieveapex_matches_its_fixtures() {
    run_all(Provider::Achieveapex, achieveapex_cases()).await;
}

#[tokio::test]
async fn kaana_matches_its_fixtures() {
    run_all(Provider::Kaana, kaana_cases()).await;
}

#[tokio::test]
async fn pm415_matches_its_fixtures() {
    run_all(Provider::Pm415, pm415_cases()).await;
}

/// Every fixture file is checked by some case (a new fixture needs one).
#[test]
fn every_fixture_has_a_case() {
    let all_cases: Vec<Case> = [
        ourganize_cases(),
        orgstack_cases(),
        achieveapex_cases(),
        kaana_cases(),
        pm415_cases(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut missing = Vec::new();
    for provider in Provider::ALL {
        let dir = fixture_dir().join(provider.as_str());
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        for entry in entries {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if !name.ends_with(".json") {
                continue;
            }
            if !all_cases
                .iter()
                .any(|c| c.provider == provider && c.fixture == name)
            {
                missing.push(format!("{provider}/{name}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "fixtures without a contract case: {missing:?}"
    );
}
