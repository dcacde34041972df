//! Standard Webhooks (ourganize): sign a payload, verify a delivery.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use orgkit::webhooks::{self, WebhookData};
use serde::Serialize;
use serde_json::Value;

use crate::error::{encoding, to_js, Failure};
use crate::json::Js;

/// A verified event as JSON; `dataModel` names the model `data` is
/// (`"Project"`, `"Task"`, `"Invite"`), or is absent for raw data.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EventJs<'a> {
    id: &'a str,
    event_type: &'a str,
    timestamp: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_model: Option<&'static str>,
    data: DataJs<'a>,
    payload: Js<'a, Value>,
}

enum DataJs<'a> {
    Project(&'a orgkit::Project),
    Task(&'a orgkit::Task),
    Invite(&'a orgkit::Invite),
    Other(&'a Value),
}

impl Serialize for DataJs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            DataJs::Project(p) => Js(*p).serialize(s),
            DataJs::Task(t) => Js(*t).serialize(s),
            DataJs::Invite(i) => Js(*i).serialize(s),
            DataJs::Other(v) => Js(*v).serialize(s),
        }
    }
}

/// Verifies a delivery's `webhook-*` headers against `secret`; returns the event as JSON.
#[napi(catch_unwind)]
pub fn webhooks_verify(
    env: &Env,
    secret: String,
    headers: HashMap<String, String>,
    body: Buffer,
    now: Option<DateTime<Utc>>,
) -> Result<String> {
    let pairs = headers.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let now = now.unwrap_or_else(Utc::now);
    let event =
        webhooks::verify_at(&secret, pairs, &body, now).map_err(|e| to_js(env, Failure::Sdk(e)))?;
    let (data_model, data) = match &event.data {
        WebhookData::Project(p) => (Some("Project"), DataJs::Project(p)),
        WebhookData::Task(t) => (Some("Task"), DataJs::Task(t)),
        WebhookData::Invite(i) => (Some("Invite"), DataJs::Invite(i)),
        WebhookData::Other(v) => (None, DataJs::Other(v)),
        #[allow(unreachable_patterns)]
        _ => (None, DataJs::Other(&Value::Null)),
    };
    let shown = EventJs {
        id: &event.id,
        event_type: event.event_type.as_str(),
        timestamp: event
            .timestamp
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        data_model,
        data,
        payload: Js(&event.payload),
    };
    serde_json::to_string(&shown).map_err(|e| to_js(env, Failure::Sdk(encoding(e))))
}

/// Signs `body` as message `msgId` sent at `timestamp` (now if absent);
/// returns the three `webhook-*` headers to send with it.
#[napi(catch_unwind)]
pub fn webhooks_sign(
    env: &Env,
    secret: String,
    msg_id: String,
    body: Buffer,
    timestamp: Option<DateTime<Utc>>,
) -> Result<HashMap<String, String>> {
    let headers = webhooks::sign(&secret, &msg_id, &body, timestamp)
        .map_err(|e| to_js(env, Failure::Sdk(e)))?;
    Ok(headers
        .to_vec()
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect())
}
