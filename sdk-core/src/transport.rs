//! The one send path: auth headers, per-attempt timeouts, retries with
//! backoff, `Retry-After`, rate-limit tracking, request ids, size caps.

use std::error::Error as _;
use std::sync::{Mutex, RwLock};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, USER_AGENT};
use reqwest::Method;
use serde_json::Value;
use tokio::time::Instant;

use crate::config::{Config, Credentials};
use crate::error::{Error, ErrorKind, Result};
use crate::models::RateLimit;
use crate::providers::{Spec, Wire};
use crate::{rate_limit, retry};

/// A successful HTTP answer, body read in full.
#[derive(Debug)]
pub(crate) struct Answer {
    pub status: u16,
    pub body: Bytes,
}

pub(crate) struct Transport {
    /// The HTTP client built with the `Client`; the first runtime to send
    /// uses it (see [`Transport::http`]).
    pub http: reqwest::Client,
    /// Trust roots, to build the HTTP client of another runtime.
    pub roots: Roots,
    /// The runtime that sent first: it uses `http` without taking a lock.
    pub first_runtime: std::sync::OnceLock<tokio::runtime::Id>,
    /// One HTTP client (connection pool) per further tokio runtime that sent.
    pub pools: Mutex<Vec<(tokio::runtime::Id, reqwest::Client)>>,
    pub config: Config,
    pub spec: &'static dyn Spec,
    pub credentials: RwLock<Credentials>,
    pub rate_limit: Mutex<Option<RateLimit>>,
    pub default_headers: HeaderMap,
}

/// A failed attempt, and whether the request may have reached the server.
struct Failed {
    error: Error,
    reached_server: bool,
}

/// Runtimes whose connection pools are kept; past this the oldest goes.
const MAX_POOLS: usize = 16;

/// Which certificates a client trusts.
#[derive(Clone, Debug, Default)]
pub(crate) struct Roots {
    /// Trusted besides the built-in set.
    pub extra: Vec<reqwest::Certificate>,
    /// The operating system's store instead of the bundled Mozilla set.
    pub system: bool,
}

/// Mozilla's root set (webpki-root-certs), parsed once per process.
fn webpki_roots() -> &'static [reqwest::Certificate] {
    static ROOTS: std::sync::OnceLock<Vec<reqwest::Certificate>> = std::sync::OnceLock::new();
    ROOTS.get_or_init(|| {
        webpki_root_certs::TLS_SERVER_ROOT_CERTS
            .iter()
            .filter_map(|der| reqwest::Certificate::from_der(der).ok())
            .collect()
    })
}

/// The HTTP client every runtime's pool is built as. By default it trusts
/// the bundled webpki roots only: the same on every machine, and no trust
/// store to read from disk for each client.
pub(crate) fn http_client(roots: &Roots) -> reqwest::Result<reqwest::Client> {
    let http = reqwest::Client::builder().pool_idle_timeout(Duration::from_secs(60));
    let extra = roots.extra.iter().cloned();
    let http = if roots.system {
        http.tls_certs_merge(extra)
    } else {
        http.tls_certs_only(webpki_roots().iter().cloned().chain(extra))
    };
    http.build()
}

const REQUEST_ID_HEADERS: &[&str] = &["x-request-id", "request-id", "x-correlation-id"];
const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

impl Transport {
    /// The HTTP client for the runtime this runs on. A pooled connection is
    /// driven by a task of the runtime that opened it: when one `Client` is
    /// shared by several runtimes (a current-thread runtime per thread), a
    /// connection of a runtime that is idle or gone would hang or fail with
    /// "dispatch task is gone". So each runtime gets its own pool.
    fn http(&self) -> reqwest::Client {
        let Ok(handle) = tokio::runtime::Handle::try_current() else {
            return self.http.clone();
        };
        let id = handle.id();
        // The common case — one runtime — costs no lock.
        if *self.first_runtime.get_or_init(|| id) == id {
            return self.http.clone();
        }
        let lock = || self.pools.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, http)) = lock().iter().find(|(i, _)| *i == id) {
            return http.clone();
        }
        // Built unlocked: loading the trust store takes a while.
        let Ok(fresh) = http_client(&self.roots) else {
            return self.http.clone();
        };
        let mut pools = lock();
        if let Some((_, http)) = pools.iter().find(|(i, _)| *i == id) {
            return http.clone();
        }
        if pools.len() >= MAX_POOLS {
            pools.remove(0);
        }
        pools.push((id, fresh.clone()));
        fresh
    }

    /// The absolute URL for a provider-relative path and query.
    pub fn url(&self, path: &str, query: &[(String, String)]) -> Result<url::Url> {
        let base = self.config.base_url.as_str().trim_end_matches('/');
        // One string, parsed once: the same text as `{base}/{path}` always was.
        let mut text = String::with_capacity(base.len() + path.len() + 1);
        text.push_str(base);
        if !path.starts_with('/') {
            text.push('/');
        }
        text.push_str(path);
        let mut url = url::Url::parse(&text)
            .map_err(|e| Error::invalid_argument("path", format!("not a valid URL path: {e}")))?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Ok(url)
    }

    /// Sends one request with the client's retry policy; `deadline` bounds
    /// every attempt and every sleep.
    pub async fn send(&self, wire: &Wire, deadline: Option<Instant>) -> Result<Answer> {
        let url = self.url(&wire.path, &wire.query)?;
        let body = match &wire.body {
            Some(v) => Some(Bytes::from(serde_json::to_vec(v).map_err(|e| {
                Error::invalid_argument("body", format!("cannot be encoded as JSON: {e}"))
            })?)),
            None => None,
        };
        let key = (self.config.idempotency_keys
            && matches!(wire.method, Method::POST | Method::PATCH))
        .then(|| uuid::Uuid::new_v4().to_string());
        let idempotent = retry::idempotent(&wire.method, key.is_some());
        let policy = &self.config.retry;
        let mut attempt = 0;
        loop {
            let failed = match self.attempt(wire, &url, body.clone(), key.as_deref()).await {
                Ok(answer) => return Ok(answer),
                Err(f) => f,
            };
            let error = failed.error;
            let worth_retrying = match error.status() {
                Some(status) => retry::retryable_status(status) && idempotent,
                None => {
                    matches!(error.kind(), ErrorKind::Connection | ErrorKind::Timeout)
                        && (idempotent || !failed.reached_server)
                }
            };
            if !worth_retrying || attempt >= policy.max_retries {
                return Err(error);
            }
            let wait = match error.retry_after() {
                Some(after) if after > policy.max_retry_after => return Err(error),
                Some(after) => after,
                None => retry::backoff(policy, attempt),
            };
            if deadline.is_some_and(|d| Instant::now() + wait >= d) {
                // A server-given Retry-After says when to come back: keep it.
                // Otherwise the deadline is what ended the call.
                if error.retry_after().is_some() {
                    return Err(error);
                }
                return Err(deadline_stopped(error, attempt + 1));
            }
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn attempt(
        &self,
        wire: &Wire,
        url: &url::Url,
        body: Option<Bytes>,
        key: Option<&str>,
    ) -> Result<Answer, Failed> {
        let headers = self
            .headers(wire, body.is_some(), key)
            .map_err(|error| Failed {
                error,
                reached_server: false,
            })?;
        #[cfg(feature = "fuzzing")]
        if let Some(canned) = crate::__fuzz::canned() {
            return self.canned_answer(canned);
        }
        let mut request = self
            .http()
            .request(wire.method.clone(), url.clone())
            .headers(headers)
            .timeout(
                self.config
                    .timeout
                    .unwrap_or(crate::config::DEFAULT_TIMEOUT),
            );
        if let Some(body) = body {
            request = request.body(body);
        }
        let mut response = request.send().await.map_err(|e| Failed {
            reached_server: !e.is_connect(),
            error: transport_error(e),
        })?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        if let Some(rl) = rate_limit::from_headers(&headers) {
            self.store_rate_limit(rl);
        }
        let cap = self.config.max_response_bytes;
        if response.content_length().is_some_and(|n| n > cap as u64) {
            return Err(Failed {
                error: too_large(cap, status),
                reached_server: true,
            });
        }
        let mut buf = BytesMut::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if buf.len() + chunk.len() > cap {
                        return Err(Failed {
                            error: too_large(cap, status),
                            reached_server: true,
                        });
                    }
                    buf.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => {
                    // A cut-off body is a transport failure, not an API error: no
                    // status on it, so the retry logic treats it as one.
                    let error = transport_error(e);
                    let error = Error::new(
                        error.kind(),
                        format!("response body interrupted: {}", error.message()),
                    );
                    return Err(Failed {
                        error,
                        reached_server: true,
                    });
                }
            }
        }
        let body = buf.freeze();
        if (200..300).contains(&status) {
            return Ok(Answer { status, body });
        }
        Err(Failed {
            error: self.api_error(status, &headers, &body),
            reached_server: true,
        })
    }

    /// The fuzz hooks' stand-in for a server answer, read as `attempt` reads one.
    #[cfg(feature = "fuzzing")]
    fn canned_answer(&self, canned: crate::__fuzz::Canned) -> Result<Answer, Failed> {
        let status = canned.status;
        if let Some(rl) = rate_limit::from_headers(&canned.headers) {
            self.store_rate_limit(rl);
        }
        if canned.body.len() > self.config.max_response_bytes {
            return Err(Failed {
                error: too_large(self.config.max_response_bytes, status),
                reached_server: true,
            });
        }
        if (200..300).contains(&status) {
            return Ok(Answer {
                status,
                body: canned.body,
            });
        }
        Err(Failed {
            error: self.api_error(status, &canned.headers, &canned.body),
            reached_server: true,
        })
    }

    fn headers(&self, wire: &Wire, has_body: bool, key: Option<&str>) -> Result<HeaderMap> {
        let mut headers = self.default_headers.clone();
        headers.insert(
            USER_AGENT,
            HeaderValue::from_str(&self.config.user_agent)
                .map_err(|_| Error::invalid_argument("user_agent", "not a valid header value"))?,
        );
        headers.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
        if has_body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        if let Some(key) = key {
            headers.insert(
                IDEMPOTENCY_KEY,
                HeaderValue::from_str(key).map_err(|_| {
                    Error::invalid_argument("idempotency_key", "not a valid header value")
                })?,
            );
        }
        if wire.authenticated {
            let creds = self.credentials.read().unwrap_or_else(|p| p.into_inner());
            self.spec.authorize(&creds, &mut headers)?;
        }
        Ok(headers)
    }

    pub fn store_rate_limit(&self, rl: RateLimit) {
        *self.rate_limit.lock().unwrap_or_else(|p| p.into_inner()) = Some(rl);
    }

    /// The typed error for a non-2xx answer, whatever its body looks like.
    pub fn api_error(&self, status: u16, headers: &HeaderMap, body: &[u8]) -> Error {
        let json: Option<Value> = serde_json::from_slice(body).ok();
        let parts = json
            .as_ref()
            .map(|v| self.spec.error_parts(v))
            .unwrap_or_default();
        if let Some(rl) = parts.rate_limit {
            self.store_rate_limit(rl);
        }
        let kind = match parts.code.as_deref() {
            Some(c) if c.eq_ignore_ascii_case("VALIDATION_ERROR") && status < 500 => {
                ErrorKind::Validation
            }
            _ => ErrorKind::from_status(status),
        };
        let message = parts.message.unwrap_or_else(|| {
            let reason = reqwest::StatusCode::from_u16(status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("error");
            if json.is_none() && !body.is_empty() {
                format!("HTTP {status} {reason} (the body is not JSON)")
            } else {
                format!("HTTP {status} {reason}")
            }
        });
        let request_id = REQUEST_ID_HEADERS
            .iter()
            .find_map(|h| headers.get(*h)?.to_str().ok().map(str::to_string));
        Error::new(kind, message)
            .with_status(status)
            .with_code(parts.code)
            .with_field_errors(parts.field_errors)
            .with_request_id(request_id)
            .with_retry_after(retry::retry_after(headers).or(parts.retry_after))
            .with_body(body)
    }
}

fn too_large(cap: usize, status: u16) -> Error {
    Error::new(
        ErrorKind::Decode,
        format!("response larger than the {cap}-byte limit"),
    )
    .with_status(status)
}

/// A reqwest failure as an orgkit error. The URL is left out: it can carry
/// an invite token in its query.
fn transport_error(e: reqwest::Error) -> Error {
    let kind = if e.is_timeout() {
        ErrorKind::Timeout
    } else {
        ErrorKind::Connection
    };
    let e = e.without_url();
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Error::new(kind, message)
}

/// The deadline leaves no time for another attempt: a Timeout that still
/// tells what the last attempt got (status, request id, message).
fn deadline_stopped(last: Error, attempts: u32) -> Error {
    let mut e = Error::new(
        ErrorKind::Timeout,
        format!("deadline reached after {attempts} attempt(s); last error: {last}"),
    )
    .with_code(last.code().map(str::to_string))
    .with_request_id(last.request_id().map(str::to_string));
    if let Some(status) = last.status() {
        e = e.with_status(status);
    }
    if let Some(body) = last.body() {
        e = e.with_body(body.as_bytes());
    }
    e
}

pub(crate) fn deadline_exceeded(after: Duration) -> Error {
    Error::new(
        ErrorKind::Timeout,
        format!("deadline of {:.3}s exceeded", after.as_secs_f64()),
    )
}
