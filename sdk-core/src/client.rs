//! `Client` and its builder, plus the one generic path every resource
//! call takes: check support, ask the provider for the requests, send
//! them, read the answer out of the envelope, decode.

use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use futures::future::BoxFuture;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::Method;
use serde_json::Value;
use tokio::time::Instant;

use crate::config::{self, Config, Credentials, Provider, RetryPolicy, Secret};
use crate::error::{Error, ErrorKind, Result};
use crate::models::{Decode, FromJson, Id, RateLimit};
use crate::operation::{Call, Operation, TaskScope};
use crate::pagination::{FetchPage, ListParams, Page};
use crate::providers::{self, at, Paging, Read};
use crate::resources::{Auth, Documents, Invites, Members, Organizations, Projects, Tasks, Users};
use crate::transport::{self, Answer, Transport};

/// A client for one provider. Cheap to clone (an `Arc` inside); clones
/// share credentials, connection pool and rate-limit state.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Transport>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("provider", &self.inner.config.provider)
            .field("base_url", &without_password(&self.inner.config.base_url))
            .field(
                "credentials",
                &*self
                    .inner
                    .credentials
                    .read()
                    .unwrap_or_else(|p| p.into_inner()),
            )
            .finish()
    }
}

/// The URL as text with any password in it hidden (for `Debug`).
fn without_password(url: &url::Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        let _ = shown.set_password(Some("[redacted]"));
    }
    shown.to_string()
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

/// Which list a page fetcher walks (owned, so the fetcher can outlive the call).
#[derive(Clone, Debug)]
pub(crate) enum ListOf {
    Organizations,
    Members(Id),
    Projects,
    Tasks(TaskScope),
    Documents(Id),
    Users,
    MyOrganizations,
}

impl ListOf {
    fn call<'a>(&'a self, p: &'a ListParams) -> Call<'a> {
        match self {
            ListOf::Organizations => Call::OrganizationsList(p),
            ListOf::Members(org) => Call::MembersList(org, p),
            ListOf::Projects => Call::ProjectsList(p),
            ListOf::Tasks(scope) => Call::TasksList(scope, p),
            ListOf::Documents(org) => Call::DocumentsList(org, p),
            ListOf::Users => Call::UsersList(p),
            ListOf::MyOrganizations => Call::UsersMyOrganizations,
        }
    }
}

/// The decoded-JSON answer of a call, with its raw body for error reports.
pub(crate) struct Reply {
    pub value: Option<Value>,
    pub raw: bytes::Bytes,
    /// The HTTP status of the answer, for decode errors.
    pub status: Option<u16>,
    /// The provider and operation, for decode errors.
    pub context: Option<(Provider, &'static str)>,
}

impl Reply {
    pub fn decode<T: FromJson>(self) -> Result<T> {
        let status = self.status;
        let fail = |message: String| {
            let mut e = Error::decode(message, &self.raw);
            if let Some((provider, operation)) = self.context {
                e = e.with_context(provider, operation);
            }
            match status {
                Some(s) => e.with_status(s),
                None => e,
            }
        };
        let value = self
            .value
            .ok_or_else(|| fail("the response has no content to decode".into()))?;
        T::from_json(value).map_err(|e| fail(format!("unexpected response: {e}")))
    }
}

impl Client {
    pub fn builder(provider: Provider) -> ClientBuilder {
        ClientBuilder::new(provider)
    }

    pub fn provider(&self) -> Provider {
        self.inner.config.provider
    }

    pub fn base_url(&self) -> &url::Url {
        &self.inner.config.base_url
    }

    pub fn supports(&self, op: Operation) -> bool {
        self.inner.spec.supports(op)
    }

    /// The operations this provider supports, as `"organizations.list"` strings.
    pub fn capabilities(&self) -> Vec<&'static str> {
        Operation::ALL
            .iter()
            .filter(|op| self.supports(**op))
            .map(|op| op.as_str())
            .collect()
    }

    /// The rate-limit state the last response reported, if any did.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        *self
            .inner
            .rate_limit
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    /// Replaces the bearer token for this client and all its clones.
    pub fn set_token(&self, token: impl Into<Secret>) {
        self.inner
            .credentials
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .token = Some(token.into());
    }

    /// The credentials this client sends now (a login or pm415 org switch
    /// replaces the token). Lets a binding rebuild the client, e.g. in a
    /// forked child process whose inherited connections are unusable.
    pub fn current_credentials(&self) -> Credentials {
        self.inner
            .credentials
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn organizations(&self) -> Organizations {
        Organizations::new(self.clone())
    }
    pub fn members(&self, organization: impl Into<Id>) -> Members {
        Members::new(self.clone(), organization.into())
    }
    pub fn invites(&self) -> Invites {
        Invites::new(self.clone())
    }
    pub fn projects(&self) -> Projects {
        Projects::new(self.clone())
    }
    pub fn tasks(&self) -> Tasks {
        Tasks::new(self.clone())
    }
    pub fn documents(&self, organization: impl Into<Id>) -> Documents {
        Documents::new(self.clone(), organization.into())
    }
    pub fn users(&self) -> Users {
        Users::new(self.clone())
    }
    pub fn auth(&self) -> Auth {
        Auth::new(self.clone())
    }

    /// Any request the typed surface lacks: same auth, retries and errors;
    /// the JSON body comes back as it is (`Null` for an empty body).
    pub fn request(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> BoxFuture<'static, Result<Value>> {
        let client = self.clone();
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (
                p.to_string(),
                url::form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .collect(),
            ),
            None => (path.to_string(), Vec::new()),
        };
        Box::pin(async move {
            let wire = providers::Wire {
                method,
                path,
                query,
                body,
                authenticated: true,
                read: Read::At(&[]),
            };
            let answer = client
                .with_deadline(client.inner.send(&wire, client.deadline_at()))
                .await?;
            if answer.body.iter().all(u8::is_ascii_whitespace) {
                return Ok(Value::Null);
            }
            let value: Value = serde_json::from_slice(&answer.body).map_err(|e| {
                Error::decode(format!("the response is not JSON: {e}"), &answer.body)
            })?;
            // A 2xx whose envelope says `success: false` is an error here too.
            if value.get("success") == Some(&Value::Bool(false)) {
                return client.read(Read::At(&[]), answer).map(|_| value);
            }
            Ok(value)
        })
    }

    fn deadline_at(&self) -> Option<Instant> {
        self.inner.config.deadline.map(|d| Instant::now() + d)
    }

    async fn with_deadline<T>(
        &self,
        fut: impl std::future::Future<Output = Result<T>>,
    ) -> Result<T> {
        match self.inner.config.deadline {
            None => fut.await,
            Some(d) => tokio::time::timeout(d, fut)
                .await
                .unwrap_or_else(|_| Err(transport::deadline_exceeded(d))),
        }
    }

    /// Runs one unified call end to end and returns the part of the answer
    /// its provider says holds the result.
    pub(crate) async fn run(&self, call: Call<'_>) -> Result<Reply> {
        let op = call.operation();
        let result = self.send_call(&call).await?;
        self.finish(op, result)
    }

    /// [`Client::run`] and [`Reply::decode`] in one: the usual answer is
    /// decoded straight from its bytes (`crate::fast`); any other goes the
    /// `Value` way, with the same result or error.
    pub(crate) async fn run_decode<T: Decode>(&self, call: Call<'_>) -> Result<T> {
        let op = call.operation();
        let result = self.send_call(&call).await?;
        if let Some((Read::At(path), answer)) = &result {
            if let Some(value) = crate::fast::at::<T>(&answer.body, path) {
                return Ok(value);
            }
        }
        self.finish(op, result)?.decode()
    }

    /// Sends the requests of one call; the last one's answer and where its result is.
    async fn send_call(&self, call: &Call<'_>) -> Result<Option<(Read, Answer)>> {
        let op = call.operation();
        let provider = self.provider();
        if !self.supports(op) {
            return Err(Error::unsupported(provider, op.as_str()));
        }
        let wires = self
            .inner
            .spec
            .requests(call)
            .map_err(|e| e.with_context(provider, op.as_str()))?;
        let deadline = self.deadline_at();
        self.with_deadline(async {
            let mut last = None;
            for wire in &wires {
                let answer = self.inner.send(wire, deadline).await?;
                last = Some((wire.read, answer));
            }
            Ok(last)
        })
        .await
        .map_err(|e| e.with_context(provider, op.as_str()))
    }

    /// Reads the answer [`Client::send_call`] got as a [`Reply`].
    fn finish(&self, op: Operation, result: Option<(Read, Answer)>) -> Result<Reply> {
        let provider = self.provider();
        let Some((read, answer)) = result else {
            return Ok(Reply {
                value: None,
                raw: bytes::Bytes::new(),
                status: None,
                context: None,
            });
        };
        self.read(read, answer)
            .map(|reply| Reply {
                context: Some((provider, op.as_str())),
                ..reply
            })
            .map_err(|e| e.with_context(provider, op.as_str()))
    }

    fn read(&self, read: Read, answer: Answer) -> Result<Reply> {
        self.read_rest(read, answer).map(|(reply, _)| reply)
    }

    /// [`Client::read`], also returning what is left of the parsed body once
    /// the result is moved out of it (the paging metadata of a list). The
    /// body is parsed once and the result moved, never copied: on big pages
    /// parsing and copying JSON trees is most of the client's work.
    fn read_rest(&self, read: Read, answer: Answer) -> Result<(Reply, Value)> {
        let raw = answer.body;
        let blank = raw.iter().all(u8::is_ascii_whitespace);
        if blank {
            return match read {
                Read::Nothing => Ok((
                    Reply {
                        value: None,
                        raw,
                        status: Some(answer.status),
                        context: None,
                    },
                    Value::Null,
                )),
                _ => {
                    Err(Error::decode("the response body is empty", &raw)
                        .with_status(answer.status))
                }
            };
        }
        let mut body: Value = match serde_json::from_slice(&raw) {
            Ok(v) => v,
            Err(_) if matches!(read, Read::Nothing) => {
                return Ok((
                    Reply {
                        value: None,
                        raw,
                        status: Some(answer.status),
                        context: None,
                    },
                    Value::Null,
                ))
            }
            Err(e) => {
                return Err(
                    Error::decode(format!("the response is not valid JSON: {e}"), &raw)
                        .with_status(answer.status),
                )
            }
        };
        // A 2xx whose envelope says it failed is still a failure.
        if body.get("success") == Some(&Value::Bool(false)) {
            let parts = self.inner.spec.error_parts(&body);
            return Err(Error::new(
                envelope_error_kind(parts.code.as_deref()),
                parts
                    .message
                    .unwrap_or_else(|| "the provider reported success: false".into()),
            )
            .with_status(answer.status)
            .with_code(parts.code)
            .with_field_errors(parts.field_errors)
            .with_body(&raw));
        }
        let value = match read {
            Read::Nothing => None,
            Read::At(path) => Some(match at(&body, path) {
                Some(_) if !path.is_empty() => take_at(&mut body, path),
                // The whole body, or live servers answering without the documented
                // wrapper: the envelope's `success` flag is not part of the object.
                _ => without_success(std::mem::take(&mut body)),
            }),
            Read::Page { items, .. } => Some(match at(&body, items) {
                Some(Value::Array(_)) => take_at(&mut body, items),
                _ => find_array(&body).ok_or_else(|| {
                    Error::decode("the response holds no list", &raw).with_status(answer.status)
                })?,
            }),
        };
        Ok((
            Reply {
                value,
                raw,
                status: Some(answer.status),
                context: None,
            },
            body,
        ))
    }

    /// One page of a list, able to fetch the pages after it.
    pub(crate) fn list<T: Decode + Send + 'static>(
        &self,
        of: ListOf,
        params: ListParams,
    ) -> BoxFuture<'static, Result<Page<T>>> {
        let client = self.clone();
        Box::pin(async move {
            if params.page == Some(0) {
                return Err(Error::invalid_argument("page", "pages are numbered from 1"));
            }
            if let Some(limit) = params.limit {
                let max = client.inner.spec.max_page_size();
                if limit == 0 || max.is_some_and(|m| limit > m) {
                    return Err(Error::invalid_argument(
                        "limit",
                        format!(
                            "must be between 1 and {} for {}",
                            max.unwrap_or(u32::MAX),
                            client.provider()
                        ),
                    ));
                }
            }
            let (items, body, paging) = client.run_page::<T>(of.call(&params)).await?;
            let count = items.len() as u64;
            let (total, next) = next_page(paging, &params, &body, count);
            let fetch: FetchPage<T> = {
                let client = client.clone();
                let of = of.clone();
                Arc::new(move |p: ListParams| client.list::<T>(of.clone(), p))
            };
            Ok(Page::new(items, total, next, fetch))
        })
    }

    /// One page's items, the rest of its body (for the paging metadata) and
    /// its paging dialect.
    async fn run_page<T: Decode>(&self, call: Call<'_>) -> Result<(Vec<T>, Value, Paging)> {
        let op = call.operation();
        let provider = self.provider();
        if !self.supports(op) {
            return Err(Error::unsupported(provider, op.as_str()));
        }
        let wires = self
            .inner
            .spec
            .requests(&call)
            .map_err(|e| e.with_context(provider, op.as_str()))?;
        let wire = wires
            .first()
            .ok_or_else(|| Error::unsupported(provider, op.as_str()))?;
        let answer = self
            .with_deadline(self.inner.send(wire, self.deadline_at()))
            .await
            .map_err(|e| e.with_context(provider, op.as_str()))?;
        if let Read::Page { items, paging } = wire.read {
            // The top-level keys the paging metadata is read from.
            let keep = match paging {
                Paging::Single => Some([None, None]),
                Paging::Number { total, limit } | Paging::Offset { total, limit } => {
                    match (total.first(), limit.first()) {
                        (Some(t), Some(l)) => Some([Some(*t), Some(*l)]),
                        _ => None,
                    }
                }
            };
            if let Some(keep) = keep {
                let keep: Vec<&str> = keep.into_iter().flatten().collect();
                if let Some((items, rest)) = crate::fast::page::<T>(&answer.body, items, &keep) {
                    return Ok((items, rest, paging));
                }
            }
        }
        let raw = answer.body.clone();
        if raw.iter().all(u8::is_ascii_whitespace) {
            // Only an empty body needs this check here: `read_rest` reports
            // invalid JSON itself, parsing the body once.
            if let Err(e) = serde_json::from_slice::<Value>(&raw) {
                return Err(
                    Error::decode(format!("the response is not valid JSON: {e}"), &raw)
                        .with_status(answer.status)
                        .with_context(provider, op.as_str()),
                );
            }
        }
        let paging = match wire.read {
            Read::Page { paging, .. } => paging,
            _ => Paging::Single,
        };
        let status = answer.status;
        let (reply, rest) = self
            .read_rest(wire.read, answer)
            .map_err(|e| e.with_context(provider, op.as_str()))?;
        let values = match reply.value {
            Some(Value::Array(items)) => items,
            _ => {
                return Err(Error::decode("the response holds no list", &raw)
                    .with_status(status)
                    .with_context(provider, op.as_str()))
            }
        };
        let items = values
            .into_iter()
            .map(|v| T::from_json(v))
            .collect::<Result<Vec<T>, String>>()
            .map_err(|e| {
                Error::decode(format!("unexpected list item: {e}"), &raw)
                    .with_status(status)
                    .with_context(provider, op.as_str())
            })?;
        Ok((items, rest, paging))
    }
}

/// Moves the value at `path` out of `body`, leaving `null` behind.
fn take_at(body: &mut Value, path: &[&str]) -> Value {
    let mut v = body;
    for key in path {
        match v.get_mut(*key) {
            Some(inner) => v = inner,
            None => return Value::Null,
        }
    }
    std::mem::take(v)
}

fn without_success(mut body: Value) -> Value {
    if let Value::Object(map) = &mut body {
        map.remove("success");
    }
    body
}

/// The kind of a 2xx `success:false` answer: its error code when that names
/// one (ourganize `VALIDATION_ERROR`, `NOT_FOUND`, …), else BadRequest.
fn envelope_error_kind(code: Option<&str>) -> ErrorKind {
    let code = code.unwrap_or_default().to_ascii_uppercase();
    match code.as_str() {
        "VALIDATION_ERROR" => ErrorKind::Validation,
        "NOT_FOUND" => ErrorKind::NotFound,
        "UNAUTHORIZED" => ErrorKind::Unauthorized,
        "FORBIDDEN" => ErrorKind::Forbidden,
        "CONFLICT" => ErrorKind::Conflict,
        "RATE_LIMITED" | "RATE_LIMIT_EXCEEDED" | "TOO_MANY_REQUESTS" => ErrorKind::RateLimited,
        _ => ErrorKind::BadRequest,
    }
}

/// The first array in an object body (`{data: […]}`, `{orgs: […]}`), or the body itself.
fn find_array(body: &Value) -> Option<Value> {
    match body {
        Value::Array(_) => Some(body.clone()),
        Value::Object(map) => map
            .get("data")
            .filter(|v| v.is_array())
            .or_else(|| map.values().find(|v| v.is_array()))
            .cloned(),
        _ => None,
    }
}

fn number(body: &Value, path: &[&str]) -> Option<u64> {
    let v = at(body, path)?;
    v.as_u64().or_else(|| v.as_str()?.parse().ok())
}

/// The total and the parameters of the next page, per paging dialect.
fn next_page(
    paging: Paging,
    params: &ListParams,
    body: &Value,
    count: u64,
) -> (Option<u64>, Option<ListParams>) {
    match paging {
        Paging::Single => (Some(count), None),
        Paging::Number { total, limit } => {
            let total = number(body, total);
            let page = u64::from(params.page.unwrap_or(1).max(1));
            let limit = number(body, limit)
                .or(params.limit.map(u64::from))
                .unwrap_or(count);
            let more = match total {
                // Saturating: a server-sent limit may be any u64.
                Some(t) => limit > 0 && page.saturating_mul(limit) < t,
                None => limit > 0 && count >= limit,
            };
            // No page after u32::MAX: the walk ends rather than overflowing.
            let next_no = u32::try_from(page).ok().and_then(|p| p.checked_add(1));
            let next = next_no.filter(|_| more && count > 0).map(|p| ListParams {
                page: Some(p),
                ..params.clone()
            });
            (total, next)
        }
        Paging::Offset { total, limit } => {
            let total = number(body, total);
            let skip = params.skip.unwrap_or(0);
            let limit = number(body, limit)
                .or(params.limit.map(u64::from))
                .unwrap_or(count);
            // A caller-given skip near u64::MAX ends the walk instead of overflowing.
            let next_skip = skip.checked_add(count);
            let more = match (total, next_skip) {
                (_, None) => false,
                (Some(t), Some(n)) => n < t,
                (None, _) => limit > 0 && count >= limit,
            };
            let next = next_skip.filter(|_| more && count > 0).map(|n| ListParams {
                skip: Some(n),
                ..params.clone()
            });
            (total, next)
        }
    }
}
