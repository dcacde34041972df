//! Standard Webhooks (ourganize): sign a payload, verify a delivery.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use orgkit::webhooks::{self, WebhookData};
use serde_json::Value;

use crate::error::{to_js, Failure};
use crate::models::{Invite, Project, Task};

/// A verified webhook delivery.
#[napi(object, object_from_js = false)]
pub struct WebhookEvent {
    /// The `webhook-id` (use it to drop duplicate deliveries).
    pub id: String,
    /// `project.created`, `task.completed`, … (open: unknown types pass through).
    pub event_type: String,
    pub timestamp: DateTime<Utc>,
    /// The typed object the event is about, or the raw `data` when it is unknown.
    pub data: Either4<Project, Task, Invite, Value>,
    /// The whole payload as sent.
    pub payload: Value,
}

/// Verifies a delivery's `webhook-*` headers against `secret`; returns the event.
#[napi(catch_unwind)]
pub fn webhooks_verify(
    env: &Env,
    secret: String,
    headers: HashMap<String, String>,
    body: Buffer,
    now: Option<DateTime<Utc>>,
) -> Result<WebhookEvent> {
    let pairs = headers.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let now = now.unwrap_or_else(Utc::now);
    let event =
        webhooks::verify_at(&secret, pairs, &body, now).map_err(|e| to_js(env, Failure::Sdk(e)))?;
    Ok(WebhookEvent {
        id: event.id,
        event_type: event.event_type.to_string(),
        timestamp: event.timestamp,
        data: match event.data {
            WebhookData::Project(p) => Either4::A(p.into()),
            WebhookData::Task(t) => Either4::B(t.into()),
            WebhookData::Invite(i) => Either4::C(i.into()),
            WebhookData::Other(v) => Either4::D(v),
            #[allow(unreachable_patterns)]
            _ => Either4::D(Value::Null),
        },
        payload: event.payload,
    })
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
