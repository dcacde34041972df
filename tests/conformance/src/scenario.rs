//! The scenario files: their shape (see README.md) and loading them.
//!
//! Every struct refuses unknown fields, so a typo in a scenario fails the
//! Rust run instead of silently testing nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{Map, Value};

/// One file: `{"scenarios": [...]}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    #[serde(default)]
    pub description: Option<String>,
    pub scenarios: Vec<Scenario>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub provider: String,
    #[serde(default)]
    pub client: ClientOptions,
    /// Settings posted to `/__mock/config` before anything else.
    #[serde(default)]
    pub mock_config: Option<MockConfig>,
    /// Faults (the `/__mock/faults` JSON) queued before the first step.
    #[serde(default)]
    pub faults: Vec<Value>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientOptions {
    pub token: Option<String>,
    pub api_key: Option<String>,
    pub session_cookie: Option<String>,
    /// Seconds, per attempt.
    pub timeout: Option<f64>,
    /// Seconds, for the whole call.
    pub deadline: Option<f64>,
    pub max_retries: Option<u32>,
    pub idempotency_keys: Option<bool>,
    pub user_agent: Option<String>,
    #[serde(default)]
    pub headers: Map<String, Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MockConfig {
    pub ourganize_rate_limit: Option<u32>,
    pub ourganize_rate_window_secs: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// `"organizations.list"`, … or `"client.rate_limit"` / `"client.capabilities"` / `"client.request"`.
    pub call: String,
    #[serde(default)]
    pub args: Map<String, Value>,
    /// Faults queued right before this step (after the request log is cleared).
    #[serde(default)]
    pub faults: Vec<Value>,
    #[serde(default)]
    pub expect: Expect,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Subset match against the JSON form of the result (`null`: no result).
    #[serde(default, deserialize_with = "present")]
    pub result: Option<Value>,
    /// For list results, walked to the end.
    pub items: Option<ItemsExpect>,
    pub error: Option<ErrorExpect>,
    /// Checks on the requests the mock received during this step.
    #[serde(default)]
    pub requests: Vec<RequestsExpect>,
    /// Requests of any method and path received during this step.
    pub total_requests: Option<Count>,
    pub elapsed: Option<Elapsed>,
}

/// Distinguishes `"result": null` (expect no result) from no `result` key.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemsExpect {
    pub count: Option<Count>,
    pub first: Option<Value>,
    pub last: Option<Value>,
    /// The `id` of every item, in order.
    pub ids: Option<Vec<Value>>,
    /// A subset every item must match.
    pub each: Option<Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorExpect {
    pub kind: String,
    /// `null`: no status (no server answer).
    #[serde(default, deserialize_with = "present")]
    pub status: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub code: Option<Value>,
    pub message_contains: Option<String>,
    /// `null`: none; else `{min, max}` seconds.
    #[serde(default, deserialize_with = "present")]
    pub retry_after: Option<Value>,
    /// Each entry must match (subset) one of the error's field errors.
    pub field_errors: Option<Vec<Value>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestsExpect {
    pub method: Option<String>,
    /// Provider-relative path prefix, on segment boundaries.
    pub path: Option<String>,
    pub count: Option<Count>,
    /// Header (lower-case name) → value matcher, checked on every selected request.
    #[serde(default)]
    pub headers: Map<String, Value>,
    /// Headers present on every selected request with one identical value.
    #[serde(default)]
    pub same_headers: Vec<String>,
    /// Subset of the decoded query, checked on every selected request.
    pub query: Option<Value>,
    /// One query subset per selected request, in order (length must match).
    pub queries: Option<Vec<Value>>,
    /// Subset of the JSON body, checked on every selected request.
    pub body: Option<Value>,
}

/// An exact number or `{min, max}` (either optional).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Count {
    Exact(u64),
    Range {
        #[serde(default)]
        min: Option<u64>,
        #[serde(default)]
        max: Option<u64>,
    },
}

impl Count {
    pub fn check(&self, n: u64) -> bool {
        match self {
            Count::Exact(e) => n == *e,
            Count::Range { min, max } => {
                !matches!(min, Some(m) if n < *m) && !matches!(max, Some(m) if n > *m)
            }
        }
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Count::Exact(n) => write!(f, "{n}"),
            Count::Range { min, max } => write!(
                f,
                "{}..={}",
                min.map(|m| m.to_string()).unwrap_or_default(),
                max.map(|m| m.to_string()).unwrap_or_default()
            ),
        }
    }
}

/// Lower bound (seconds) on how long the step took.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Elapsed {
    pub min: f64,
}

/// The directory holding the scenario files.
pub fn scenario_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// Every scenario of every `*.json` file in `dir`, files in name order.
/// Fails on unreadable files, unknown fields and duplicate names.
pub fn load_dir(dir: &Path) -> Result<Vec<Scenario>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut all = Vec::new();
    let mut names = BTreeSet::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let parsed: ScenarioFile =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        for scenario in parsed.scenarios {
            if !names.insert(scenario.name.clone()) {
                return Err(format!(
                    "{}: duplicate scenario name {:?}",
                    file.display(),
                    scenario.name
                ));
            }
            all.push(scenario);
        }
    }
    Ok(all)
}
