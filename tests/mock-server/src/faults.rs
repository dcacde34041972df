//! Faults a test queues to make the next matching requests misbehave.

use std::time::Duration;

use serde_json::{json, Map, Value};

/// What a fault does to a request it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultAction {
    /// Answer with this instead of asking the provider. Without a body the
    /// provider's own error body for `status` is sent.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Option<String>,
    },
    /// Wait this long before the response headers, then answer normally.
    Delay(Duration),
    /// Send the headers (with the full Content-Length), then wait this long
    /// before the body.
    StallBody(Duration),
    /// Drop the connection without answering.
    Close,
    /// Send the real headers and Content-Length but only the first half of
    /// the body, then drop the connection.
    Truncate,
    /// Answer with an HTML (or other non-JSON) page, as a proxy in front of
    /// the API would.
    NonJson { status: u16, body: String },
}

/// One queued fault. `provider`, `method` and `path` narrow which requests
/// it hits (all unset: the next request of any kind); it fires `times` times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub provider: Option<String>,
    pub method: Option<String>,
    /// Prefix of the provider-relative path (`/projects`) or of the full
    /// path (`/ourganize/projects`).
    pub path: Option<String>,
    pub times: u32,
    pub action: FaultAction,
}

impl Fault {
    pub fn new(action: FaultAction) -> Fault {
        Fault {
            provider: None,
            method: None,
            path: None,
            times: 1,
            action,
        }
    }

    /// Answer with `status` and the provider's own error body.
    pub fn status(status: u16) -> Fault {
        Fault::new(FaultAction::Respond {
            status,
            headers: Vec::new(),
            body: None,
        })
    }

    pub fn delay(duration: Duration) -> Fault {
        Fault::new(FaultAction::Delay(duration))
    }

    pub fn stall_body(duration: Duration) -> Fault {
        Fault::new(FaultAction::StallBody(duration))
    }

    pub fn close() -> Fault {
        Fault::new(FaultAction::Close)
    }

    pub fn truncate() -> Fault {
        Fault::new(FaultAction::Truncate)
    }

    pub fn non_json(status: u16, body: impl Into<String>) -> Fault {
        Fault::new(FaultAction::NonJson {
            status,
            body: body.into(),
        })
    }

    pub fn provider(mut self, provider: impl Into<String>) -> Fault {
        self.provider = Some(provider.into());
        self
    }

    pub fn method(mut self, method: impl Into<String>) -> Fault {
        self.method = Some(method.into());
        self
    }

    pub fn path(mut self, path: impl Into<String>) -> Fault {
        self.path = Some(path.into());
        self
    }

    pub fn times(mut self, times: u32) -> Fault {
        self.times = times;
        self
    }

    /// Adds a response header; only meaningful for [`FaultAction::Respond`].
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Fault {
        if let FaultAction::Respond { headers, .. } = &mut self.action {
            headers.push((name.into(), value.into()));
        }
        self
    }

    /// Sets the response body; only meaningful for [`FaultAction::Respond`].
    pub fn body(mut self, text: impl Into<String>) -> Fault {
        if let FaultAction::Respond { body, .. } = &mut self.action {
            *body = Some(text.into());
        }
        self
    }

    /// Reads the control API's JSON form (see README.md).
    pub fn from_json(value: &Value) -> Result<Fault, String> {
        let obj = value.as_object().ok_or("a fault must be a JSON object")?;
        let text = |key: &str| -> Result<Option<String>, String> {
            match obj.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(format!("`{key}` must be a string")),
            }
        };
        let times = match obj.get("times") {
            None | Some(Value::Null) => 1,
            Some(v) => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or("`times` must be a non-negative integer")?,
        };
        let action = obj
            .get("action")
            .and_then(Value::as_object)
            .ok_or("`action` must be an object")?;
        Ok(Fault {
            provider: text("provider")?,
            method: text("method")?,
            path: text("path")?,
            times,
            action: parse_action(action)?,
        })
    }

    pub fn to_json(&self) -> Value {
        let action = match &self.action {
            FaultAction::Respond {
                status,
                headers,
                body,
            } => {
                let headers: Map<String, Value> = headers
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                    .collect();
                json!({"status": status, "headers": headers, "body": body})
            }
            FaultAction::Delay(d) => json!({"delay_ms": millis(*d)}),
            FaultAction::StallBody(d) => json!({"stall_body_ms": millis(*d)}),
            FaultAction::Close => json!({"close": "before_response"}),
            FaultAction::Truncate => json!({"truncate": true}),
            FaultAction::NonJson { status, body } => json!({"non_json": body, "status": status}),
        };
        json!({
            "provider": self.provider, "method": self.method, "path": self.path,
            "times": self.times, "action": action,
        })
    }

    fn matches(&self, provider: &str, method: &str, path: &str) -> bool {
        let provider_ok = self
            .provider
            .as_deref()
            .map_or(true, |p| p.eq_ignore_ascii_case(provider));
        let method_ok = self
            .method
            .as_deref()
            .map_or(true, |m| m.eq_ignore_ascii_case(method));
        let path_ok = self
            .path
            .as_deref()
            .map_or(true, |prefix| path_matches(provider, path, prefix));
        provider_ok && method_ok && path_ok
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn parse_action(action: &Map<String, Value>) -> Result<FaultAction, String> {
    let status = match action.get("status") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_u64()
                .and_then(|s| u16::try_from(s).ok())
                .filter(|s| (100..=999).contains(s))
                .ok_or("`status` must be an HTTP status code")?,
        ),
    };
    let ms = |key: &str| -> Result<Option<Duration>, String> {
        match action.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_u64()
                .map(|ms| Some(Duration::from_millis(ms)))
                .ok_or_else(|| format!("`{key}` must be a number of milliseconds")),
        }
    };
    if let Some(body) = action.get("non_json") {
        let body = body.as_str().ok_or("`non_json` must be a string")?;
        return Ok(FaultAction::NonJson {
            status: status.unwrap_or(502),
            body: body.to_string(),
        });
    }
    if let Some(d) = ms("delay_ms")? {
        return Ok(FaultAction::Delay(d));
    }
    if let Some(d) = ms("stall_body_ms")? {
        return Ok(FaultAction::StallBody(d));
    }
    if let Some(close) = action.get("close") {
        return match close {
            Value::String(s) if s == "before_response" => Ok(FaultAction::Close),
            Value::Bool(true) => Ok(FaultAction::Close),
            _ => Err("`close` must be \"before_response\"".into()),
        };
    }
    if action
        .get("truncate")
        .is_some_and(|t| t == &Value::Bool(true))
    {
        return Ok(FaultAction::Truncate);
    }
    let Some(status) = status else {
        return Err(
            "`action` needs one of: status, delay_ms, stall_body_ms, close, truncate, non_json"
                .into(),
        );
    };
    let headers = match action.get("headers") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), value)
            })
            .collect(),
        Some(_) => return Err("`headers` must be an object".into()),
    };
    let body = match action.get("body") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        // A JSON body may be given as JSON rather than as a string.
        Some(other) => Some(other.to_string()),
    };
    Ok(FaultAction::Respond {
        status,
        headers,
        body,
    })
}

/// Collapses doubled slashes and drops a trailing one, so `//api/org/` and
/// `/api/org` compare equal.
pub fn normalize_path(path: &str) -> String {
    let joined: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    format!("/{}", joined.join("/"))
}

/// Whether `prefix` names `path` or a path below it, given either
/// provider-relative (`/projects`) or in full (`/ourganize/projects`).
pub fn path_matches(provider: &str, path: &str, prefix: &str) -> bool {
    let prefix = normalize_path(prefix);
    let relative = normalize_path(path);
    let full = normalize_path(&format!("/{provider}/{relative}"));
    [relative, full]
        .iter()
        .any(|p| prefix == "/" || *p == prefix || p.starts_with(&format!("{prefix}/")))
}

/// Queued faults, consumed first-in first-out among those that match.
#[derive(Debug, Default, Clone)]
pub struct FaultQueue {
    faults: Vec<Fault>,
}

impl FaultQueue {
    pub fn push(&mut self, fault: Fault) {
        if fault.times > 0 {
            self.faults.push(fault);
        }
    }

    pub fn clear(&mut self) {
        self.faults.clear();
    }

    pub fn list(&self) -> &[Fault] {
        &self.faults
    }

    /// The action for this request, if a queued fault matches; uses one of its `times`.
    pub fn take(&mut self, provider: &str, method: &str, path: &str) -> Option<FaultAction> {
        let index = self
            .faults
            .iter()
            .position(|f| f.matches(provider, method, path))?;
        let fault = &mut self.faults[index];
        let action = fault.action.clone();
        fault.times = fault.times.saturating_sub(1);
        if fault.times == 0 {
            self.faults.remove(index);
        }
        Some(action)
    }
}
