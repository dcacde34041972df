//! Client and per-request options from JS into the SDK's. Node durations are
//! milliseconds (like undici, fetch and openai-node); this is the one place
//! they become `Duration`s.

use std::collections::HashMap;
use std::time::Duration;

use napi_derive::napi;
use orgkit::{ClientBuilder, Error as SdkError, ErrorKind, Provider, RequestOptions};

use crate::error::invalid;

#[napi(object)]
pub struct ClientOptions {
    /// `ourganize`, `orgstack`, `achieveapex`, `kaana` or `pm415`.
    pub provider: String,
    /// Overrides the provider's default base URL (required for orgstack).
    pub base_url: Option<String>,
    /// Sent as `Authorization: Bearer`.
    pub token: Option<String>,
    /// achieveapex: `x-api-key`; others: Bearer.
    pub api_key: Option<String>,
    /// kaana: the `connect.sid` session cookie.
    pub session_cookie: Option<String>,
    /// Per attempt, in milliseconds (default 30 000).
    pub timeout: Option<f64>,
    /// For the whole call, every retry included, in milliseconds.
    pub deadline: Option<f64>,
    /// Attempts after the first (default 2).
    pub max_retries: Option<f64>,
    pub user_agent: Option<String>,
    /// Extra headers sent with every request.
    pub headers: Option<HashMap<String, String>>,
    /// Send an `Idempotency-Key` with each POST/PATCH so they may be retried.
    pub idempotency_keys: Option<bool>,
    /// Trust the operating system's certificate store instead of the bundled webpki roots.
    pub system_roots: Option<bool>,
    /// What reaches `logger`: `debug`, `info`, `warn` or `off` (default: `ORGKIT_LOG`, else `warn`).
    pub log_level: Option<String>,
}

/// Options of one call.
#[napi(object)]
pub struct CallOptions {
    /// Per attempt, in milliseconds.
    pub timeout: Option<f64>,
    /// For the whole call, in milliseconds.
    pub deadline: Option<f64>,
    pub max_retries: Option<f64>,
    pub headers: Option<HashMap<String, String>>,
    pub idempotency_key: Option<String>,
}

/// Milliseconds as a `Duration`.
fn millis(field: &str, v: f64) -> Result<Duration, SdkError> {
    if !v.is_finite() || v <= 0.0 {
        return Err(invalid(
            field,
            format!("must be a positive number of milliseconds, got {v}"),
        ));
    }
    Duration::try_from_secs_f64(v / 1000.0).map_err(|_| invalid(field, "is too large"))
}

fn retries(v: f64) -> Result<u32, SdkError> {
    if !v.is_finite() || v.fract() != 0.0 || !(0.0..=100.0).contains(&v) {
        return Err(invalid(
            "maxRetries",
            format!("must be an integer from 0 to 100, got {v}"),
        ));
    }
    Ok(v as u32)
}

/// Headers in a stable order (a JS object's order is not kept by the map).
fn sorted(headers: Option<HashMap<String, String>>) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = headers.unwrap_or_default().into_iter().collect();
    headers.sort();
    headers
}

/// A builder error names the option as JS spells it (`baseUrl`): the field
/// it names, read from the error's structured field errors.
pub fn js_option_names(e: SdkError) -> SdkError {
    match e.field_errors() {
        [fe] if e.kind() == ErrorKind::InvalidArgument && fe.field.contains('_') => {
            invalid(&orgkit::camel_case(&fe.field), &fe.message)
        }
        _ => e,
    }
}

impl ClientOptions {
    pub fn into_builder(self) -> Result<ClientBuilder, SdkError> {
        let provider: Provider = self.provider.parse()?;
        let mut b = ClientBuilder::new(provider);
        if let Some(url) = self.base_url {
            b = b.base_url(url);
        }
        if let Some(t) = self.token {
            b = b.token(t);
        }
        if let Some(k) = self.api_key {
            b = b.api_key(k);
        }
        if let Some(c) = self.session_cookie {
            b = b.session_cookie(c);
        }
        if let Some(t) = self.timeout {
            b = b.timeout(millis("timeout", t)?);
        }
        if let Some(d) = self.deadline {
            b = b.deadline(millis("deadline", d)?);
        }
        if let Some(n) = self.max_retries {
            b = b.max_retries(retries(n)?);
        }
        if let Some(ua) = self.user_agent {
            b = b.user_agent(ua);
        }
        for (name, value) in sorted(self.headers) {
            b = b.header(name, value);
        }
        if let Some(on) = self.system_roots {
            b = b.system_roots(on);
        }
        if let Some(on) = self.idempotency_keys {
            b = b.idempotency_keys(on);
        }
        Ok(b)
    }
}

impl CallOptions {
    pub fn into_sdk(self) -> Result<RequestOptions, SdkError> {
        let mut o = RequestOptions::new();
        if let Some(t) = self.timeout {
            o = o.timeout(millis("timeout", t)?);
        }
        if let Some(d) = self.deadline {
            o = o.deadline(millis("deadline", d)?);
        }
        if let Some(n) = self.max_retries {
            o = o.max_retries(retries(n)?);
        }
        o.headers = sorted(self.headers);
        o.idempotency_key = self.idempotency_key;
        Ok(o)
    }
}
