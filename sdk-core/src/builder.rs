//! `ClientBuilder`: every option of a client, checked once in `build()`.

use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::client::{without_password, Client};
use crate::config::{self, Config, Credentials, Provider, RetryPolicy, Secret};
use crate::error::{Error, ErrorKind, Result};
use crate::providers;
use crate::transport::Transport;

/// Builds a [`Client`]; every option is checked in [`ClientBuilder::build`].
#[derive(Clone)]
pub struct ClientBuilder {
    provider: Provider,
    base_url: Option<String>,
    credentials: Credentials,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    retry: RetryPolicy,
    user_agent: Option<String>,
    headers: Vec<(String, String)>,
    idempotency_keys: bool,
    max_response_bytes: usize,
    root_certificates: Vec<Vec<u8>>,
    system_roots: bool,
}

impl std::fmt::Debug for ClientBuilder {
    // Hand-written: extra header values may be credentials.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("provider", &self.provider)
            .field(
                "base_url",
                &self.base_url.as_deref().map(|u| match url::Url::parse(u) {
                    Ok(parsed) => without_password(&parsed),
                    Err(_) => "[unparsed]".to_string(),
                }),
            )
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("headers", &config::RedactedHeaders(&self.headers))
            .field("idempotency_keys", &self.idempotency_keys)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("root_certificates", &self.root_certificates.len())
            .field("system_roots", &self.system_roots)
            .finish()
    }
}

impl ClientBuilder {
    pub fn new(provider: Provider) -> Self {
        ClientBuilder {
            provider,
            base_url: None,
            credentials: Credentials::default(),
            timeout: None,
            deadline: None,
            retry: RetryPolicy::default(),
            user_agent: None,
            headers: Vec::new(),
            idempotency_keys: false,
            max_response_bytes: config::DEFAULT_MAX_RESPONSE_BYTES,
            root_certificates: Vec::new(),
            system_roots: false,
        }
    }
    /// Overrides the provider's default base URL (tests, self-hosting; required for orgstack).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }
    pub fn token(mut self, token: impl Into<Secret>) -> Self {
        self.credentials.token = Some(token.into());
        self
    }
    pub fn api_key(mut self, key: impl Into<Secret>) -> Self {
        self.credentials.api_key = Some(key.into());
        self
    }
    pub fn session_cookie(mut self, sid: impl Into<Secret>) -> Self {
        self.credentials.session_cookie = Some(sid.into());
        self
    }
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }
    /// Per attempt (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
    /// For the whole call, every retry and backoff included.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }
    pub fn max_retries(mut self, n: u32) -> Self {
        self.retry.max_retries = n;
        self
    }
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = Some(ua.into());
        self
    }
    /// An extra header sent with every request.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
    /// Send an `Idempotency-Key` with each POST/PATCH so they may be retried.
    pub fn idempotency_keys(mut self, on: bool) -> Self {
        self.idempotency_keys = on;
        self
    }
    pub fn max_response_bytes(mut self, n: usize) -> Self {
        self.max_response_bytes = n;
        self
    }
    /// Trust the certificates in this PEM text too (a private CA), besides the built-in roots.
    pub fn add_root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self
    }
    /// Trust the operating system's certificate store (plus any extra roots)
    /// instead of the bundled Mozilla root set (webpki-root-certs) used by default.
    pub fn system_roots(mut self, on: bool) -> Self {
        self.system_roots = on;
        self
    }

    pub fn build(self) -> Result<Client> {
        let spec = providers::spec(self.provider);
        let raw_url = match self.base_url.as_deref().or(spec.default_base_url()) {
            Some(u) => u.to_string(),
            None => {
                return Err(Error::invalid_argument(
                    "base_url",
                    format!(
                        "{} has no public default; pass the base URL of your deployment",
                        self.provider
                    ),
                ))
            }
        };
        let base_url = url::Url::parse(&raw_url).map_err(|e| {
            Error::invalid_argument("base_url", format!("{raw_url:?} is not a URL: {e}"))
        })?;
        if !matches!(base_url.scheme(), "http" | "https") || base_url.cannot_be_a_base() {
            return Err(Error::invalid_argument(
                "base_url",
                format!("{raw_url:?} is not an http(s) URL"),
            ));
        }
        for (name, d) in [("timeout", self.timeout), ("deadline", self.deadline)] {
            if d == Some(Duration::ZERO) {
                return Err(Error::invalid_argument(name, "must be greater than zero"));
            }
        }
        let mut default_headers = HeaderMap::new();
        for (name, value) in &self.headers {
            let n = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                Error::invalid_argument("headers", format!("{name:?} is not a valid header name"))
            })?;
            let mut v = HeaderValue::from_str(value).map_err(|_| {
                Error::invalid_argument(
                    "headers",
                    format!("the value of {name:?} is not a valid header value"),
                )
            })?;
            v.set_sensitive(true);
            default_headers.append(n, v);
        }
        let mut root_certificates = Vec::new();
        for pem in &self.root_certificates {
            // Parsed now: reqwest's `from_pem` defers parsing to `build`, where
            // text without a certificate is silently ignored.
            let certs = reqwest::Certificate::from_pem_bundle(pem).map_err(|e| {
                Error::invalid_argument("root_certificates", format!("not PEM certificates: {e}"))
            })?;
            if certs.is_empty() {
                return Err(Error::invalid_argument(
                    "root_certificates",
                    "no -----BEGIN CERTIFICATE----- block in the PEM text",
                ));
            }
            root_certificates.extend(certs);
        }
        let roots = crate::transport::Roots {
            extra: root_certificates,
            system: self.system_roots,
        };
        let http = crate::transport::http_client(&roots).map_err(|e| {
            if self.root_certificates.is_empty() {
                Error::new(
                    ErrorKind::Connection,
                    format!("cannot start the HTTP client: {e}"),
                )
            } else {
                Error::invalid_argument(
                    "root_certificates",
                    format!("cannot use the extra root certificates: {e}"),
                )
            }
        })?;
        let config = Config {
            provider: self.provider,
            base_url,
            credentials: self.credentials.clone(),
            timeout: self.timeout,
            deadline: self.deadline,
            retry: self.retry,
            user_agent: self.user_agent.unwrap_or_else(config::default_user_agent),
            headers: self.headers,
            idempotency_keys: self.idempotency_keys,
            max_response_bytes: self.max_response_bytes,
        };
        Ok(Client {
            inner: Arc::new(Transport {
                http,
                roots,
                first_runtime: std::sync::OnceLock::new(),
                pools: Mutex::new(Vec::new()),
                config,
                spec,
                credentials: RwLock::new(self.credentials),
                rate_limit: Mutex::new(None),
                default_headers,
            }),
        })
    }
}
