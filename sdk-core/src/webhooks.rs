//! ourganize webhooks, signed and verified with the Standard Webhooks
//! scheme: `webhook-id`, `webhook-timestamp`, and `webhook-signature:
//! v1,<base64 HMAC-SHA256 of "id.timestamp.body">` (several may be listed).

use std::fmt;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

use crate::error::{Error, ErrorKind, Result};
use crate::models::decode::{self, Val};
use crate::models::open_enum::open_enum;
use crate::models::{Decode, Invite, Project, Task};

/// How far a timestamp may be from now, either way.
pub const TOLERANCE_SECS: i64 = 5 * 60;

open_enum! {
    /// The six events ourganize sends.
    WebhookEventType {
        ProjectCreated => "project.created",
        ProjectUpdated => "project.updated",
        TaskCreated => "task.created",
        TaskUpdated => "task.updated",
        TaskCompleted => "task.completed",
        UserInvited => "user.invited",
    }
}

/// The typed object an event is about.
// Unboxed on purpose: one event at a time, and matching stays simple.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, PartialEq)]
pub enum WebhookData {
    /// `project.created`, `project.updated`.
    Project(Project),
    /// `task.created`, `task.updated`, `task.completed`.
    Task(Task),
    /// `user.invited`.
    Invite(Invite),
    /// An unknown event, or data that did not decode as its type: kept as sent.
    Other(Value),
}

/// Raw JSON for `Debug`, with secret values (an invite's token, …) hidden.
struct Redacted<'a>(&'a Value);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut v = self.0.clone();
        crate::redact::redact_json(&mut v);
        write!(f, "{v}")
    }
}

impl fmt::Debug for WebhookData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookData::Project(p) => f.debug_tuple("Project").field(p).finish(),
            WebhookData::Task(t) => f.debug_tuple("Task").field(t).finish(),
            WebhookData::Invite(i) => f.debug_tuple("Invite").field(i).finish(),
            WebhookData::Other(v) => f.debug_tuple("Other").field(&Redacted(v)).finish(),
        }
    }
}

impl fmt::Debug for WebhookEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookEvent")
            .field("id", &self.id)
            .field("event_type", &self.event_type)
            .field("timestamp", &self.timestamp)
            .field("data", &self.data)
            .field("payload", &Redacted(&self.payload))
            .finish()
    }
}

/// A verified webhook delivery.
#[derive(Clone, PartialEq)]
pub struct WebhookEvent {
    /// The `webhook-id` (use it to drop duplicate deliveries).
    pub id: String,
    /// The event's type (`task.completed`, …).
    pub event_type: WebhookEventType,
    /// When it was sent (`webhook-timestamp`).
    pub timestamp: DateTime<Utc>,
    /// The object it is about.
    pub data: WebhookData,
    /// The whole payload as sent.
    pub payload: Value,
}

/// The three headers to send with a payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookHeaders {
    /// `webhook-id`.
    pub id: String,
    /// `webhook-timestamp` (unix seconds).
    pub timestamp: String,
    /// `webhook-signature` (`v1,<base64>`).
    pub signature: String,
}

impl WebhookHeaders {
    /// The headers as `(name, value)` pairs.
    pub fn to_vec(&self) -> Vec<(&'static str, String)> {
        vec![
            ("webhook-id", self.id.clone()),
            ("webhook-timestamp", self.timestamp.clone()),
            ("webhook-signature", self.signature.clone()),
        ]
    }
}

fn failure(code: &str, message: &str) -> Error {
    Error::new(ErrorKind::WebhookVerification, message).with_code(Some(code.to_string()))
}

/// The HMAC key: `whsec_<base64>` secrets are decoded; any other string is used as bytes.
fn key(secret: &str) -> Result<Vec<u8>> {
    match secret.strip_prefix("whsec_") {
        Some(b64) => B64.decode(b64).map_err(|_| {
            Error::invalid_argument("secret", "a whsec_ secret must be base64 after the prefix")
        }),
        None if secret.is_empty() => Err(Error::invalid_argument("secret", "must not be empty")),
        None => Ok(secret.as_bytes().to_vec()),
    }
}

fn mac(secret: &str, id: &str, timestamp: &str, body: &[u8]) -> Result<Hmac<Sha256>> {
    let mut mac = Hmac::<Sha256>::new_from_slice(&key(secret)?)
        .map_err(|_| Error::invalid_argument("secret", "unusable as an HMAC key"))?;
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    Ok(mac)
}

/// Signs `body` as webhook `msg_id` sent at `timestamp` (now if `None`).
pub fn sign(
    secret: &str,
    msg_id: &str,
    body: &[u8],
    timestamp: Option<DateTime<Utc>>,
) -> Result<WebhookHeaders> {
    // It goes out as a header value: a CR or LF in it would start another header.
    if msg_id.is_empty() || msg_id.contains(['.', ' ']) || msg_id.contains(char::is_control) {
        return Err(Error::invalid_argument(
            "msg_id",
            "must be non-empty, without dots, spaces or control characters",
        ));
    }
    let ts = timestamp.unwrap_or_else(Utc::now).timestamp().to_string();
    let signature = B64.encode(mac(secret, msg_id, &ts, body)?.finalize().into_bytes());
    Ok(WebhookHeaders {
        id: msg_id.to_string(),
        timestamp: ts,
        signature: format!("v1,{signature}"),
    })
}

/// Verifies a delivery against the current time.
pub fn verify<'a, H>(secret: &str, headers: H, body: &[u8]) -> Result<WebhookEvent>
where
    H: IntoIterator<Item = (&'a str, &'a str)>,
{
    verify_at(secret, headers, body, Utc::now())
}

/// Verifies a delivery as of `now` (for tests and replays).
pub fn verify_at<'a, H>(
    secret: &str,
    headers: H,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<WebhookEvent>
where
    H: IntoIterator<Item = (&'a str, &'a str)>,
{
    let (mut id, mut ts, mut sig) = (None, None, None);
    for (name, value) in headers {
        match name.to_ascii_lowercase().as_str() {
            "webhook-id" => id = Some(value),
            "webhook-timestamp" => ts = Some(value),
            "webhook-signature" => sig = Some(value),
            _ => {}
        }
    }
    let id = id.ok_or_else(|| failure("missing_header", "missing webhook-id header"))?;
    let ts = ts.ok_or_else(|| failure("missing_header", "missing webhook-timestamp header"))?;
    let sig = sig.ok_or_else(|| failure("missing_header", "missing webhook-signature header"))?;
    let seconds: i64 = ts
        .trim()
        .parse()
        .map_err(|_| failure("invalid_timestamp", "webhook-timestamp is not unix seconds"))?;
    let sent = DateTime::from_timestamp(seconds, 0)
        .ok_or_else(|| failure("invalid_timestamp", "webhook-timestamp is out of range"))?;
    let age = now.timestamp().saturating_sub(seconds);
    if age > TOLERANCE_SECS {
        return Err(failure("timestamp_too_old", "webhook-timestamp is too old"));
    }
    if age < -TOLERANCE_SECS {
        return Err(failure(
            "timestamp_too_new",
            "webhook-timestamp is in the future",
        ));
    }
    let expected = mac(secret, id, ts.trim(), body)?;
    let matched = sig.split_whitespace().any(|candidate| {
        let Some(("v1", b64)) = candidate.split_once(',') else {
            return false;
        };
        match B64.decode(b64) {
            // verify_slice compares in constant time.
            Ok(given) => expected.clone().verify_slice(&given).is_ok(),
            Err(_) => false,
        }
    });
    if !matched {
        return Err(failure("invalid_signature", "no webhook signature matches"));
    }
    event(id, sent, body)
}

fn event(id: &str, timestamp: DateTime<Utc>, body: &[u8]) -> Result<WebhookEvent> {
    // Parsed once, as answers are, so every number keeps its exact text.
    let parsed = decode::parse(body).map_err(|e| {
        failure(
            "invalid_payload",
            &format!("the webhook body is not JSON: {e}"),
        )
    })?;
    let type_name = ["type", "event", "event_type"]
        .iter()
        .find_map(|k| parsed.get(k).and_then(Val::as_str))
        .ok_or_else(|| failure("invalid_payload", "the webhook body names no event type"))?;
    let event_type = WebhookEventType::parse(type_name);
    let raw = parsed.get("data").cloned().unwrap_or(Val::Null);
    let typed = match event_type {
        WebhookEventType::ProjectCreated | WebhookEventType::ProjectUpdated => {
            Project::decode(raw.clone()).ok().map(WebhookData::Project)
        }
        WebhookEventType::TaskCreated
        | WebhookEventType::TaskUpdated
        | WebhookEventType::TaskCompleted => Task::decode(raw.clone()).ok().map(WebhookData::Task),
        WebhookEventType::UserInvited => Invite::decode(raw.clone()).ok().map(WebhookData::Invite),
        WebhookEventType::Other(_) => None,
    };
    let data = typed.unwrap_or_else(|| WebhookData::Other(raw.into_value()));
    let payload = parsed.into_value();
    Ok(WebhookEvent {
        id: id.to_string(),
        event_type,
        timestamp,
        data,
        payload,
    })
}
