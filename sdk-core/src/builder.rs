//! `ClientBuilder`: every option of a client, checked once in `build()`.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::client::Client;
use crate::config::{self, Config, Credentials, Provider, RetryPolicy};
use crate::error::{Error, ErrorKind, Result};
use crate::exec::{Auth, Engine};
use crate::http::{Http, Reqwest, Roots};
use crate::log::{LogSink, Logger};
use crate::providers;
use crate::secret::{Secret, Secrets};

impl Client {
    /// Starts building a client for `provider`.
    ///
    /// ```
    /// use std::time::Duration;
    /// let client = orgkit::Client::builder(orgkit::Provider::Pm415)
    ///     .base_url("https://pm415.example.com")
    ///     .token("…")
    ///     .timeout(Duration::from_secs(10))
    ///     .max_retries(3)
    ///     .build()?;
    /// # Ok::<(), orgkit::Error>(())
    /// ```
    pub fn builder(provider: Provider) -> ClientBuilder {
        ClientBuilder::new(provider)
    }
}

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
    from_env: bool,
    log_sink: Option<Arc<dyn LogSink>>,
    http: Option<Arc<dyn Http>>,
    secret_headers: Vec<String>,
    reference_decode: bool,
}

/// Whether a header's name says its value is a credential.
fn looks_secret(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        "authorization",
        "cookie",
        "token",
        "secret",
        "key",
        "password",
        "session",
    ]
    .iter()
    .any(|w| n.contains(w))
}

/// A base URL as a builder's `Debug` and its errors show it: a password
/// hidden, and a query or fragment (which may hold a token) left out.
fn shown_url(url: &url::Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        let _ = shown.set_password(Some("[redacted]"));
    }
    let cut = match (shown.query(), shown.fragment()) {
        (Some(_), _) => "?…",
        (None, Some(_)) => "#…",
        (None, None) => "",
    };
    shown.set_query(None);
    shown.set_fragment(None);
    format!("{shown}{cut}")
}

impl std::fmt::Debug for ClientBuilder {
    // Hand-written: extra header values may be credentials.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("provider", &self.provider)
            .field(
                "base_url",
                &self.base_url.as_deref().map(|u| match url::Url::parse(u) {
                    Ok(parsed) => shown_url(&parsed),
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
            .field("from_env", &self.from_env)
            .field("log_sink", &self.log_sink.is_some())
            .finish()
    }
}

impl ClientBuilder {
    /// A builder with every option at its default.
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
            from_env: true,
            log_sink: None,
            http: None,
            secret_headers: Vec::new(),
            reference_decode: false,
        }
    }
    /// Overrides the provider's default base URL (tests, self-hosting; required for orgstack).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }
    /// A bearer token (`Authorization: Bearer`); replaced by a login.
    pub fn token(mut self, token: impl Into<Secret>) -> Self {
        self.credentials.token = Some(token.into());
        self
    }
    /// An API key (achieveapex: `x-api-key`; elsewhere `Authorization: Bearer`).
    pub fn api_key(mut self, key: impl Into<Secret>) -> Self {
        self.credentials.api_key = Some(key.into());
        self
    }
    /// kaana's `connect.sid` session cookie.
    pub fn session_cookie(mut self, sid: impl Into<Secret>) -> Self {
        self.credentials.session_cookie = Some(sid.into());
        self
    }
    /// All credentials at once.
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
    /// Attempts after the first one (default 2).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.retry.max_retries = n;
        self
    }
    /// The whole retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }
    /// The `User-Agent` header.
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = Some(ua.into());
        self
    }
    /// An extra header sent with every request whose value is a credential:
    /// scrubbed from errors like the others (a header named like one —
    /// `authorization`, `x-api-key`, `*token*`, `*secret*`, `*key*`,
    /// `cookie` — is treated so by [`ClientBuilder::header`] too).
    pub fn secret_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        self.secret_headers.push(name.clone());
        self.headers.push((name, value.into()));
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
    /// Responses longer than this fail with `Decode` (default 32 MiB).
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

    /// Whether to read missing credentials and the base URL from
    /// `ORGKIT_<PROVIDER>_TOKEN`, `_API_KEY`, `_SESSION_COOKIE` and
    /// `_BASE_URL` (default on; an explicit option always wins).
    pub fn from_env(mut self, on: bool) -> Self {
        self.from_env = on;
        self
    }

    /// Where this client's log events go besides `tracing` (the bindings
    /// hand them to Python's `logging` or a Node logger). Without one, they
    /// go to stderr when `ORGKIT_LOG` is set.
    pub fn log_sink(mut self, sink: Arc<dyn LogSink>) -> Self {
        self.log_sink = Some(sink);
        self
    }

    /// Answers requests with `http` instead of the network (tests and fuzzing only).
    #[cfg(feature = "test-http")]
    pub fn http(mut self, http: Arc<dyn Http>) -> Self {
        self.http = Some(http);
        self
    }

    /// Decodes answers as orgkit did before models were read from their
    /// text: the whole body parsed, then each model from the parsed value
    /// by its reference decoder. For the differential test only.
    #[cfg(feature = "test-http")]
    #[doc(hidden)]
    pub fn reference_decode(mut self) -> Self {
        self.reference_decode = true;
        self
    }

    /// The `ORGKIT_<PROVIDER>_…` variables for what was not given explicitly.
    fn with_env(mut self) -> Self {
        let var = |suffix: &str| {
            let name = format!(
                "ORGKIT_{}_{suffix}",
                self.provider.as_str().to_ascii_uppercase()
            );
            std::env::var(name).ok().filter(|v| !v.trim().is_empty())
        };
        let c = &self.credentials;
        if c.token.is_none() && c.api_key.is_none() && c.session_cookie.is_none() {
            let token = var("TOKEN").map(Secret::new);
            let api_key = var("API_KEY").map(Secret::new);
            let session_cookie = var("SESSION_COOKIE").map(Secret::new);
            self.credentials = Credentials {
                token,
                api_key,
                session_cookie,
            };
        }
        if self.base_url.is_none() {
            self.base_url = var("BASE_URL");
        }
        self
    }

    /// Checks every option and builds the client.
    pub fn build(self) -> Result<Client> {
        let this = if self.from_env { self.with_env() } else { self };
        this.build_checked()
    }

    fn build_checked(mut self) -> Result<Client> {
        let dialect = providers::dialect(self.provider);
        let raw_url = match self.base_url.as_deref().or(dialect.default_base_url()) {
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
            // Text that is not a URL may still hold a password before an `@`.
            let shown = if raw_url.contains('@') {
                "the text given".to_string()
            } else {
                format!("{raw_url:?}")
            };
            Error::invalid_argument("base_url", format!("{shown} is not a URL: {e}"))
        })?;
        let shown = shown_url(&base_url);
        if !matches!(base_url.scheme(), "http" | "https") || base_url.cannot_be_a_base() {
            return Err(Error::invalid_argument(
                "base_url",
                format!("{shown:?} is not an http(s) URL"),
            ));
        }
        // orgkit never sends a URL's user name and password (each provider
        // has its own credentials), and every request's path is added after
        // the base's: behind a query or fragment it would be lost.
        if !base_url.username().is_empty() || base_url.password().is_some() {
            return Err(Error::invalid_argument(
                "base_url",
                format!(
                    "{shown:?} holds a user name or password, which would not be sent; \
                     give credentials as a token, an API key or a session cookie"
                ),
            ));
        }
        if base_url.query().is_some() || base_url.fragment().is_some() {
            return Err(Error::invalid_argument(
                "base_url",
                format!(
                    "{shown:?} has a query or fragment; a base URL ends at its path \
                     (every request's path is added after it)"
                ),
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
        // Checked and made once here, not for every request.
        let user_agent = self
            .user_agent
            .take()
            .unwrap_or_else(config::default_user_agent);
        default_headers.insert(
            reqwest::header::USER_AGENT,
            HeaderValue::from_str(&user_agent)
                .map_err(|_| Error::invalid_argument("user_agent", "not a valid header value"))?,
        );
        default_headers.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
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
        let roots = Roots {
            extra: root_certificates,
            system: self.system_roots,
        };
        let http: Arc<dyn Http> = match self.http.clone() {
            Some(h) => h,
            None => Arc::new(Reqwest::new(roots).map_err(|e| {
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
            })?),
        };
        let c = &self.credentials;
        let mut pinned: Vec<&str> = [&c.token, &c.api_key, &c.session_cookie]
            .into_iter()
            .flatten()
            .map(Secret::expose)
            .collect();
        for (name, value) in &self.headers {
            if looks_secret(name) || self.secret_headers.contains(name) {
                pinned.push(value);
            }
        }
        let secrets = Secrets::pinned(pinned);
        let origin_host = match base_url.port() {
            Some(port) => format!("{}:{port}", base_url.host_str().unwrap_or_default()),
            None => base_url.host_str().unwrap_or_default().to_string(),
        };
        let config = Config {
            provider: self.provider,
            base_url,
            credentials: self.credentials.clone(),
            timeout: self.timeout,
            deadline: self.deadline,
            retry: self.retry,
            user_agent,
            headers: self.headers,
            idempotency_keys: self.idempotency_keys,
            max_response_bytes: self.max_response_bytes,
        };
        Ok(Client {
            engine: Arc::new(Engine {
                config,
                dialect,
                http,
                auth: RwLock::new(Auth::new(self.credentials)),
                rate_limit: Mutex::new(None),
                secrets: Arc::new(secrets),
                default_headers,
                closed: AtomicBool::new(false),
                logger: Logger::new(self.log_sink),
                origin_host: origin_host.into(),
                reference_decode: self.reference_decode,
            }),
        })
    }
}
