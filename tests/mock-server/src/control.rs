//! `/__mock/…`: reset, faults, the request log and settings, for test
//! suites that drive the mock over HTTP (Python, Node) instead of through
//! [`crate::Handle`].

use bytes::Bytes;
use http::Method;
use serde_json::{json, Value};

use crate::faults::Fault;
use crate::message::Reply;
use crate::providers::ProviderId;
use crate::server::Shared;

pub fn handle(
    shared: &Shared,
    method: &Method,
    path: &str,
    raw_query: &str,
    body: &Bytes,
) -> Reply {
    match (method.as_str(), path) {
        ("GET", "/health") => {
            let names: Vec<&str> = ProviderId::ALL.iter().map(|p| p.name()).collect();
            Reply::json(200, &json!({"ok": true, "providers": names}))
        }
        ("POST", "/reset") => {
            shared.world().reset();
            ok()
        }
        ("POST", "/faults") => add_faults(shared, body),
        ("GET", "/faults") => {
            let faults: Vec<Value> = shared
                .world()
                .faults
                .list()
                .iter()
                .map(Fault::to_json)
                .collect();
            Reply::json(200, &Value::Array(faults))
        }
        ("DELETE", "/faults") => {
            shared.world().faults.clear();
            ok()
        }
        ("GET", "/requests") => list_requests(shared, raw_query),
        ("DELETE", "/requests") => {
            shared.world().log.clear();
            ok()
        }
        ("POST", "/config") => configure(shared, body),
        _ => bad(404, &format!("No control endpoint {method} /__mock{path}")),
    }
}

fn ok() -> Reply {
    Reply::json(200, &json!({"ok": true}))
}

fn bad(status: u16, message: &str) -> Reply {
    Reply::json(status, &json!({"ok": false, "error": message}))
}

fn parse(body: &Bytes) -> Result<Value, Reply> {
    serde_json::from_slice(body).map_err(|e| bad(400, &format!("body is not JSON: {e}")))
}

/// One fault object or an array of them; all are checked before any is queued.
fn add_faults(shared: &Shared, body: &Bytes) -> Reply {
    let value = match parse(body) {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    let items = match value {
        Value::Array(items) => items,
        single => vec![single],
    };
    let faults: Result<Vec<Fault>, String> = items.iter().map(Fault::from_json).collect();
    match faults {
        Ok(faults) => {
            let queued = faults.len();
            let mut world = shared.world();
            for fault in faults {
                world.inject(fault);
            }
            Reply::json(201, &json!({"ok": true, "queued": queued}))
        }
        Err(message) => bad(400, &message),
    }
}

/// Optional filters: `?provider=`, `?method=`, `?path=` (a path prefix).
fn list_requests(shared: &Shared, raw_query: &str) -> Reply {
    let mut provider = None;
    let mut method = String::new();
    let mut path = String::from("/");
    for (key, value) in url::form_urlencoded::parse(raw_query.as_bytes()) {
        match key.as_ref() {
            "provider" => provider = Some(value.into_owned()),
            "method" => method = value.into_owned(),
            "path" => path = value.into_owned(),
            _ => {}
        }
    }
    let world = shared.world();
    let requests: Vec<Value> = world
        .log
        .iter()
        .filter(|r| {
            provider
                .as_deref()
                .map_or(true, |p| r.provider.eq_ignore_ascii_case(p))
        })
        .filter(|r| r.matches(&method, &path))
        .filter_map(|r| serde_json::to_value(r).ok())
        .collect();
    Reply::json(200, &Value::Array(requests))
}

fn configure(shared: &Shared, body: &Bytes) -> Reply {
    let value = match parse(body) {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    let number = |key: &str| -> Result<Option<u64>, Reply> {
        match value.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_u64()
                .map(Some)
                .ok_or_else(|| bad(400, &format!("`{key}` must be a non-negative integer"))),
        }
    };
    let limit = match number("ourganize_rate_limit") {
        Ok(v) => v.map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
        Err(reply) => return reply,
    };
    let window = match number("ourganize_rate_window_secs") {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    if limit.is_none() && window.is_none() {
        return bad(
            400,
            "expected ourganize_rate_limit and/or ourganize_rate_window_secs",
        );
    }
    let mut world = shared.world();
    let ourganize = &mut world.providers.ourganize;
    let limit = limit.unwrap_or_else(|| ourganize.rate_limit());
    ourganize.set_rate_limit(limit, window);
    ok()
}
