//! `new Client({ provider, baseUrl, token, … })` into a `ClientBuilder`.

use std::collections::HashMap;
use std::time::Duration;

use napi_derive::napi;
use orgkit::{ClientBuilder, Error as SdkError, Provider};

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
    /// Per attempt, in seconds (default 30).
    pub timeout: Option<f64>,
    /// For the whole call, every retry included, in seconds.
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
}

fn seconds(field: &str, v: f64) -> Result<Duration, SdkError> {
    if !v.is_finite() || v <= 0.0 {
        return Err(invalid(
            field,
            format!("must be a positive number of seconds, got {v}"),
        ));
    }
    Duration::try_from_secs_f64(v).map_err(|_| invalid(field, "is too large"))
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
            b = b.timeout(seconds("timeout", t)?);
        }
        if let Some(d) = self.deadline {
            b = b.deadline(seconds("deadline", d)?);
        }
        if let Some(n) = self.max_retries {
            if !n.is_finite() || n.fract() != 0.0 || !(0.0..=100.0).contains(&n) {
                return Err(invalid(
                    "maxRetries",
                    format!("must be an integer from 0 to 100, got {n}"),
                ));
            }
            b = b.max_retries(n as u32);
        }
        if let Some(ua) = self.user_agent {
            b = b.user_agent(ua);
        }
        let mut headers: Vec<(String, String)> =
            self.headers.unwrap_or_default().into_iter().collect();
        headers.sort();
        for (name, value) in headers {
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
