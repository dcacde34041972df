//! Everything one mock server remembers, behind one lock so that a reset
//! and a request never see each other half-done.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::Value;

use crate::faults::{path_matches, Fault, FaultQueue};
use crate::message::{Reply, Req};
use crate::providers::{ProviderId, Providers};
use crate::time::unix_now_ms;

/// One request the server received for a provider, as `GET /__mock/requests` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordedRequest {
    /// `ourganize`, `orgstack`, `achieveapex`, `kaana` or `pm415`.
    pub provider: String,
    pub method: String,
    /// Provider-relative path as sent, e.g. `/projects/1/tasks`.
    pub path: String,
    /// Decoded query parameters (the last value wins for a repeated key).
    pub query: BTreeMap<String, String>,
    /// The query string as sent, without `?`.
    pub raw_query: String,
    /// Lower-cased header names; repeated headers joined with `, `.
    pub headers: BTreeMap<String, String>,
    /// The body as JSON when it parses, else as a string; `null` when empty.
    pub body: Value,
    /// When it arrived, in Unix milliseconds (for checking retry back-off).
    pub at_ms: u64,
}

impl RecordedRequest {
    pub(crate) fn new(provider: ProviderId, raw_path: &str, raw_query: &str, req: &Req) -> Self {
        let mut headers: BTreeMap<String, String> = BTreeMap::new();
        for (name, value) in &req.headers {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            headers
                .entry(name.as_str().to_string())
                .and_modify(|v| {
                    v.push_str(", ");
                    v.push_str(&value);
                })
                .or_insert(value);
        }
        let body = if req.body.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&req.body)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&req.body).into_owned()))
        };
        RecordedRequest {
            provider: provider.name().to_string(),
            method: req.method.to_string(),
            path: raw_path.to_string(),
            query: req.query.iter().cloned().collect(),
            raw_query: raw_query.to_string(),
            headers,
            body,
            at_ms: unix_now_ms(),
        }
    }

    /// Whether this request has `method` (any when empty or `*`) and a path
    /// under `path_prefix` (provider-relative or with the provider prefix).
    pub fn matches(&self, method: &str, path_prefix: &str) -> bool {
        let method_ok =
            method.is_empty() || method == "*" || self.method.eq_ignore_ascii_case(method);
        method_ok && path_matches(&self.provider, &self.path, path_prefix)
    }
}

/// Settings a server starts with and returns to on reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub ourganize_rate_limit: u32,
    pub ourganize_rate_window_secs: u64,
}

#[derive(Debug)]
pub struct World {
    initial: Limits,
    pub providers: Providers,
    pub faults: FaultQueue,
    pub log: Vec<RecordedRequest>,
    /// Replies to POSTs that carried an `Idempotency-Key`, so a client's
    /// retry of an already-applied POST gets the same answer, not a duplicate.
    idempotent: HashMap<(ProviderId, String), Reply>,
    next_request_id: u64,
}

impl World {
    pub fn new(initial: Limits) -> World {
        World {
            initial,
            providers: Providers::seeded(
                initial.ourganize_rate_limit,
                initial.ourganize_rate_window_secs,
            ),
            faults: FaultQueue::default(),
            log: Vec::new(),
            idempotent: HashMap::new(),
            next_request_id: 1,
        }
    }

    pub fn reset(&mut self) {
        *self = World::new(self.initial);
    }

    pub fn inject(&mut self, fault: Fault) {
        self.faults.push(fault);
    }

    /// Answers a request from provider state, adding the request id header
    /// every provider answer carries.
    pub fn dispatch(&mut self, provider: ProviderId, req: &Req) -> Reply {
        let key = (req.method == http::Method::POST)
            .then(|| req.header("idempotency-key"))
            .flatten()
            .map(|k| (provider, k.to_string()));
        if let Some(cached) = key.as_ref().and_then(|k| self.idempotent.get(k)) {
            return cached.clone();
        }
        let request_id = format!("req_{:06}", self.next_request_id);
        self.next_request_id += 1;
        let reply = self
            .providers
            .handle(provider, req)
            .with_header("x-request-id", request_id);
        if let Some(key) = key {
            if reply.status.as_u16() < 500 {
                self.idempotent.insert(key, reply.clone());
            }
        }
        reply
    }
}
