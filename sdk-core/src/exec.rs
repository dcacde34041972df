//! The pipeline every call takes, and the one place errors are made:
//! check support and arguments, route, send each request (with retries,
//! within the deadline), read the answer out of its envelope and decode
//! it, run the provider's fix-up, adopt tokens — and on failure, give the
//! error its context and scrub every secret the client knows out of it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use bytes::Bytes;
use futures::future::BoxFuture;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, LOCATION};
use reqwest::Method;
use serde_json::Value;
use tokio::time::Instant;
use tracing::Instrument;

use crate::answer::{items_of, parse_answer, whole_body, Found, ModelsReader};
use crate::config::{Config, Credentials, DEFAULT_TIMEOUT};
use crate::error::{Error, ErrorKind, Origin, Result};
use crate::http::{Http, HttpRequest, HttpResponse};
use crate::models::args::Style;
use crate::models::decode::{self, Val};
use crate::models::json;
use crate::models::{Model, RateLimit};
use crate::operation::{Call, Decoder, Operation, Output, Returns};
use crate::options::RequestOptions;
use crate::pagination::{FetchPage, ListParams, Page};
use crate::response::{first_values, Response, ResponseInfo};
use crate::retry::{self, Attempted, Observer, Retrying};
use crate::route::{After, Dialect, Paging, Read, Wire};
use crate::secret::{Secret, Secrets};
use crate::{log, rate_limit};

/// Everything a client is: shared by all its clones.
pub(crate) struct Engine {
    pub config: Config,
    pub dialect: &'static dyn Dialect,
    pub http: Arc<dyn Http>,
    pub auth: RwLock<Auth>,
    pub rate_limit: Mutex<Option<RateLimit>>,
    /// Shared with every `ResponseInfo`, whose `Debug` hides them.
    pub secrets: Arc<Secrets>,
    pub default_headers: HeaderMap,
    pub closed: AtomicBool,
    pub logger: log::Logger,
    /// `host[:port]` of the base URL, where every request goes (for errors
    /// and logs).
    pub origin_host: Arc<str>,
    /// See `ClientBuilder::reference_decode` (always off outside tests).
    pub reference_decode: bool,
}

/// The credentials, and the headers they make on top of the client's own:
/// made by the first authenticated request after each change, then cloned,
/// instead of formatting and checking the same `Bearer …` every time.
pub(crate) struct Auth {
    credentials: Credentials,
    headers: OnceLock<HeaderMap>,
}

impl Auth {
    pub(crate) fn new(credentials: Credentials) -> Self {
        Auth {
            credentials,
            headers: OnceLock::new(),
        }
    }
}

/// An answer the caller gets: the last attempt's response, how many
/// attempts it took, and its rate limit (read once from its headers).
struct Sent {
    response: HttpResponse,
    attempts: u32,
    rate_limit: Option<RateLimit>,
}

impl Sent {
    /// What the caller may see of the answer, and its body to read.
    fn info(self, secrets: &Arc<Secrets>) -> (ResponseInfo, Bytes) {
        let answer = self.response;
        let info = ResponseInfo {
            status: answer.status,
            request_id: request_id(&answer.headers),
            rate_limit: self.rate_limit,
            headers: answer.headers,
            attempts: self.attempts,
            secrets: Some(secrets.clone()),
        };
        (info, answer.body)
    }
}

/// One request before its attempts: what each of them is made from.
struct Planned<'a> {
    wire: &'a Wire,
    options: &'a RequestOptions,
    /// The JSON body, encoded once.
    body: Option<Bytes>,
    /// The idempotency key, the same for every attempt.
    key: Option<String>,
}

/// Where a server may put its request id, the preferred one first.
const REQUEST_ID_HEADERS: [&str; 3] = ["x-request-id", "request-id", "x-correlation-id"];
const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

/// One call: its operation name, and what the log and errors need of it.
#[derive(Clone, Copy)]
struct Ctx {
    operation: &'static str,
    provider: &'static str,
}

impl Engine {
    fn provider_name(&self) -> &'static str {
        self.dialect.provider().as_str()
    }

    /// Replaces the bearer token (login, pm415's switch) and remembers it as a secret.
    pub(crate) fn set_token(&self, token: Secret) {
        self.secrets.learn(token.expose());
        let mut auth = self.auth.write().unwrap_or_else(|p| p.into_inner());
        auth.credentials.token = Some(token);
        auth.headers = OnceLock::new();
    }

    /// The credentials sent now.
    pub(crate) fn credentials(&self) -> Credentials {
        let auth = self.auth.read().unwrap_or_else(|p| p.into_inner());
        auth.credentials.clone()
    }

    /// The client's own headers with the credentials on top.
    fn signed_headers(&self) -> Result<HeaderMap> {
        let auth = self.auth.read().unwrap_or_else(|p| p.into_inner());
        if let Some(headers) = auth.headers.get() {
            return Ok(headers.clone());
        }
        let mut headers = self.default_headers.clone();
        self.dialect.authorize(&auth.credentials, &mut headers)?;
        let _ = auth.headers.set(headers.clone());
        Ok(headers)
    }

    pub(crate) fn store_rate_limit(&self, rl: RateLimit) {
        *self.rate_limit.lock().unwrap_or_else(|p| p.into_inner()) = Some(rl);
    }

    /// Fails fast once the client is closed.
    pub(crate) fn check_open(&self) -> Result<()> {
        if self.closed.load(Ordering::Acquire) {
            return Err(Error::invalid_argument(
                "client",
                "the client is closed; build a new one",
            ));
        }
        Ok(())
    }

    /// Fails with `Unsupported` (before any I/O) when the provider lacks `op`.
    pub(crate) fn check_supported(&self, op: Operation) -> Result<()> {
        if self.dialect.supports(op) {
            Ok(())
        } else {
            Err(Error::unsupported(self.provider_name(), op.as_str()))
        }
    }

    /// Runs one call end to end.
    pub(crate) fn execute(
        self: Arc<Self>,
        call: Call,
        options: RequestOptions,
        style: Style,
    ) -> BoxFuture<'static, Result<Response<Output>>> {
        Box::pin(async move {
            let op = call.operation();
            let ctx = Ctx {
                operation: op.as_str(),
                provider: self.provider_name(),
            };
            let log = self.logger.call(ctx.provider, ctx.operation);
            let result = self
                .run(&call, &options, style, ctx)
                .instrument(log.span())
                .await;
            let result = result.map_err(|e| self.finish_error(e, ctx));
            self.logger.call_done(log, result.as_ref().err());
            result
        })
    }

    /// The error as every caller sees it: with its context, no secret in it.
    fn finish_error(&self, e: Error, ctx: Ctx) -> Error {
        e.with_context(ctx.provider, ctx.operation)
            .scrubbed(&self.secrets)
    }

    // `call` is borrowed, not moved in: `execute`'s future holds it, and a
    // moved-in `call` would be kept there and twice more in this future.
    async fn run(
        self: &Arc<Self>,
        call: &Call,
        options: &RequestOptions,
        style: Style,
        ctx: Ctx,
    ) -> Result<Response<Output>> {
        self.check_open()?;
        let op = call.operation();
        self.check_supported(op)?;
        options.check()?;
        call.validate(style)?;
        for secret in call.secrets() {
            self.secrets.learn(secret);
        }
        if op.lists() {
            self.check_list_options(call)?;
        }
        let route = self.dialect.route(call)?;
        let Some(last) = route.wires.last().map(|w| w.read) else {
            return Err(Error::new(
                ErrorKind::Decode,
                "internal: a route without requests",
            ));
        };
        let sent = self.send_all(&route.wires, options, ctx).await?;
        let status = sent.response.status;
        let (info, body) = sent.info(&self.secrets);
        // Whatever goes wrong from here is about this answer: it carries its status.
        let (output, adopt) = self
            .read_answer(call, route.after, last, &body, options, style, &info)
            .map_err(|e| e.with_status(status))?;
        self.take_effects(&output, adopt);
        Ok(Response { data: output, info })
    }

    /// The result of a call out of its last answer.
    #[allow(clippy::too_many_arguments)]
    fn read_answer(
        self: &Arc<Self>,
        call: &Call,
        after: Option<crate::route::AfterHook>,
        read: Read,
        body: &[u8],
        options: &RequestOptions,
        style: Style,
        info: &ResponseInfo,
    ) -> Result<(Output, Option<Secret>)> {
        let op = call.operation();
        let Some(decoder) = op.decoder().filter(|_| op.returns() != Returns::Nothing) else {
            let parsed = parse_answer(body, read, None)?;
            if let Some(e) = self.envelope_error(&parsed, body) {
                return Err(e);
            }
            let mut output = Output::Nothing;
            return self
                .after(after, call, &parsed, &mut output)
                .map(|adopt| (output, adopt));
        };
        // The models are read from their text in the same pass that parses
        // the envelope around them; unless a hook reads the whole body.
        let bare_array = || body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
        let hole = match read {
            _ if after.is_some() || self.reference_decode => None,
            Read::At(path) if !path.is_empty() => Some(path),
            // A list that is the whole body has no envelope to read, unless
            // the body is an object (`success: false`, or the list elsewhere).
            Read::Page { items, .. } if !items.is_empty() || bare_array() => Some(items),
            _ => None,
        };
        let mut reader = ModelsReader::new(decoder, matches!(read, Read::Page { .. }));
        let mut parsed = parse_answer(
            body,
            read,
            hole.map(|path| (path, &mut reader as &mut dyn json::HoleReader<'_>)),
        )?;
        if let Some(e) = self.envelope_error(&parsed, body) {
            return Err(e);
        }
        let found = std::mem::replace(&mut reader.found, Found::Absent);
        if let Found::Failed(e) = &found {
            let what = match read {
                Read::Page { .. } => "unexpected list item",
                _ => ONE,
            };
            return Err(Error::decode(format!("{what}: {e}"), body));
        }
        // Off the documented shape: the envelope must be the whole body.
        if !matches!(found, Found::Models(_)) && !reader.untouched() {
            parsed = parse_answer(body, read, None)?;
        }
        let mut output = match read {
            Read::Nothing => Output::Nothing,
            Read::At(path) => Output::One(match found {
                Found::Models(mut one) if one.len() == 1 => one.remove(0),
                _ => match decode::at(&parsed, path) {
                    Some(v) if !path.is_empty() => {
                        self.decode_value(op, decoder, v.clone(), ONE, body)?
                    }
                    // The whole body, or a live server answering without the
                    // documented wrapper: the body without the envelope's flag.
                    _ if self.reference_decode => {
                        let whole = decode::without(parsed.clone(), &["success"]);
                        self.decode_value(op, decoder, whole, ONE, body)?
                    }
                    _ => whole_body(decoder, body, ONE)?,
                },
            }),
            Read::Page { items, paging } => {
                let models = match found {
                    Found::Models(models) => models,
                    _ => items_of(&parsed, items)
                        .ok_or_else(|| Error::decode("the response holds no list", body))?
                        .iter()
                        .map(|item| {
                            let item = item.clone();
                            self.decode_value(op, decoder, item, "unexpected list item", body)
                        })
                        .collect::<Result<Vec<Model>>>()?,
                };
                match op.returns() {
                    Returns::Page(_) => Output::Page(self.page(
                        call.clone(),
                        options,
                        style,
                        models,
                        &parsed,
                        paging,
                        // A page keeps its own answer's info (a call's other
                        // outputs have it on the response alone).
                        info.clone(),
                    )?),
                    _ => Output::Many(models),
                }
            }
        };
        let adopt = self.after(after, call, &parsed, &mut output)?;
        Ok((output, adopt))
    }

    /// Runs the route's hook, if any, on the parsed body and the output.
    fn after(
        &self,
        after: Option<crate::route::AfterHook>,
        call: &Call,
        parsed: &Val<'_>,
        output: &mut Output,
    ) -> Result<Option<Secret>> {
        let mut adopt = None;
        if let Some(hook) = after {
            hook(&mut After {
                call,
                body: parsed,
                output,
                adopt: &mut adopt,
            })?;
        }
        Ok(adopt)
    }

    /// A login's token is the client's from now on; tokens and invite
    /// links it received are secrets it scrubs from then on.
    fn take_effects(&self, output: &Output, adopt: Option<Secret>) {
        let learn = |m: &Model| match m {
            Model::Session(s) => self.set_token(s.token.clone()),
            Model::Invite(i) => {
                for s in [&i.token, &i.confirm_url].into_iter().flatten() {
                    self.secrets.learn(s);
                }
            }
            _ => {}
        };
        match output {
            Output::One(m) => learn(m),
            Output::Many(items) => items.iter().for_each(learn),
            Output::Page(p) => p.items.iter().for_each(learn),
            Output::Nothing | Output::Json(_) => {}
        }
        if let Some(token) = adopt {
            self.set_token(token);
        }
    }

    /// Page numbers start at 1; a limit must be within what the provider serves.
    pub(crate) fn check_list_options(&self, call: &Call) -> Result<()> {
        let mut call = call.clone();
        let Some(params) = call.query_mut() else {
            return Ok(());
        };
        if params.page == Some(0) {
            return Err(Error::invalid_argument("page", "pages are numbered from 1"));
        }
        if let Some(limit) = params.limit {
            let max = self.dialect.max_page_size();
            if limit == 0 || max.is_some_and(|m| limit > m) {
                return Err(Error::invalid_argument(
                    "limit",
                    format!(
                        "must be between 1 and {} for {}",
                        max.unwrap_or(u32::MAX),
                        self.provider_name()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Any request the typed surface lacks: the JSON answer as it is.
    pub(crate) fn raw(
        self: Arc<Self>,
        wire: Wire,
        options: RequestOptions,
    ) -> BoxFuture<'static, Result<Response<Output>>> {
        Box::pin(async move {
            let ctx = Ctx {
                operation: "request",
                provider: self.provider_name(),
            };
            let log = self.logger.call(ctx.provider, ctx.operation);
            let result = async {
                self.check_open()?;
                options.check()?;
                let sent = self.send_all(&[wire], &options, ctx).await?;
                let status = sent.response.status;
                let (info, body) = sent.info(&self.secrets);
                if body.iter().all(u8::is_ascii_whitespace) {
                    return Ok(Response {
                        data: Output::Json(Value::Null),
                        info,
                    });
                }
                // Read as every answer is: an integer beyond 64 bits keeps its digits.
                let parsed = decode::parse(&body).map_err(|e| {
                    Error::decode(format!("the response is not JSON: {e}"), &body)
                        .with_status(status)
                })?;
                // A 2xx whose envelope says `success: false` is an error here too.
                if let Some(e) = self.envelope_error(&parsed, &body) {
                    return Err(e.with_status(status));
                }
                let value = parsed.into_value();
                Ok(Response {
                    data: Output::Json(value),
                    info,
                })
            }
            .instrument(log.span())
            .await
            .map_err(|e: Error| self.finish_error(e, ctx));
            self.logger.call_done(log, result.as_ref().err());
            result
        })
    }

    /// Sends the requests of one call in order within its deadline; the
    /// last answer.
    async fn send_all(&self, wires: &[Wire], options: &RequestOptions, ctx: Ctx) -> Result<Sent> {
        let deadline = options.deadline.or(self.config.deadline);
        // A deadline past any instant the clock can name never arrives.
        let at = deadline.and_then(|d| Instant::now().checked_add(d));
        let send = || async {
            let mut last = None;
            for wire in wires {
                last = Some(self.send(wire, options, at, ctx).await?);
            }
            last.ok_or_else(|| Error::new(ErrorKind::Decode, "internal: nothing was sent"))
        };
        match deadline {
            None => send().await,
            Some(d) => crate::http::within(d, send)
                .await
                .unwrap_or_else(|| Err(retry::deadline_exceeded(d))),
        }
    }

    /// One request, with retries.
    async fn send(
        &self,
        wire: &Wire,
        options: &RequestOptions,
        deadline: Option<Instant>,
        ctx: Ctx,
    ) -> Result<Sent> {
        let plan = self.plan(wire, options)?;
        // Made in a plain function: the URL, headers and body it builds on
        // the way are not kept in this future's state across the await.
        let first = self.request(&plan)?;
        let again = || self.request(&plan);
        let mut policy = self.config.retry.clone();
        if let Some(n) = options.max_retries {
            policy.max_retries = n;
        }
        let classify = |r: &HttpResponse| self.api_error(r);
        let observer = AttemptLog {
            engine: self,
            ctx,
            wire,
        };
        match retry::send(
            &*self.http,
            first,
            &again,
            &policy,
            retry::idempotent(&wire.method, plan.key.is_some()),
            deadline,
            &classify,
            &observer,
        )
        .await
        {
            Ok((response, attempts)) => {
                let rate_limit = rate_limit::from_headers(&response.headers);
                if let Some(rl) = rate_limit {
                    self.store_rate_limit(rl);
                }
                Ok(Sent {
                    response,
                    attempts,
                    rate_limit,
                })
            }
            Err((e, attempts)) => Err(self.with_origin(e, wire).with_attempts(attempts)),
        }
    }

    /// What every attempt of `wire` shares: its JSON body and idempotency key.
    fn plan<'a>(&self, wire: &'a Wire, options: &'a RequestOptions) -> Result<Planned<'a>> {
        let body = match &wire.body {
            Some(v) => Some(Bytes::from(crate::models::id::body_bytes(v).map_err(
                |e| Error::invalid_argument("body", format!("cannot be encoded as JSON: {e}")),
            )?)),
            None => None,
        };
        let unsafe_method = matches!(wire.method, Method::POST | Method::PATCH);
        let key = match &options.idempotency_key {
            Some(k) if unsafe_method => Some(k.clone()),
            _ => (self.config.idempotency_keys && unsafe_method)
                .then(|| uuid::Uuid::new_v4().to_string()),
        };
        Ok(Planned {
            wire,
            options,
            body,
            key,
        })
    }

    /// The HTTP request of one attempt. Made afresh for each (the same URL,
    /// body and key; the credentials as they are now).
    fn request(&self, plan: &Planned<'_>) -> Result<HttpRequest> {
        let Planned {
            wire,
            options,
            body,
            key,
        } = plan;
        let url = self.url(&wire.path, &wire.query)?;
        let headers = self
            .headers(wire, body.is_some(), key.as_deref(), options)
            .map_err(|e| self.with_origin(e, wire))?;
        Ok(HttpRequest {
            method: wire.method.clone(),
            url,
            headers,
            body: body.clone(),
            timeout: options
                .timeout
                .or(self.config.timeout)
                .unwrap_or(DEFAULT_TIMEOUT),
            max_response_bytes: self.config.max_response_bytes,
        })
    }

    /// Where `wire` goes (for errors and logs): made only when one needs
    /// it, not for every request.
    fn origin(&self, wire: &Wire) -> Option<Origin> {
        let url = self.url(&wire.path, &wire.query).ok()?;
        Some(Origin {
            method: wire.method.clone(),
            host: self.origin_host.clone(),
            path: url.path().to_string(),
        })
    }

    /// The error with the request it came from, when that has a URL.
    fn with_origin(&self, e: Error, wire: &Wire) -> Error {
        match self.origin(wire) {
            Some(origin) => e.with_origin(origin),
            None => e,
        }
    }

    /// The absolute URL for a provider-relative path and query.
    pub(crate) fn url(&self, path: &str, query: &[(String, String)]) -> Result<url::Url> {
        crate::request_url::join(&self.config.base_url, path, query)
            .map_err(|e| Error::invalid_argument("path", format!("not a valid URL path: {e}")))
    }

    fn headers(
        &self,
        wire: &Wire,
        has_body: bool,
        key: Option<&str>,
        options: &RequestOptions,
    ) -> Result<HeaderMap> {
        // Credentials go on last, over any header of the same name; with no
        // per-request headers nothing set here can share a name with them,
        // so the ready-made signed set is the same.
        let sign_last = wire.authenticated && !options.headers.is_empty();
        // User-Agent and Accept included.
        let mut headers = if wire.authenticated && !sign_last {
            self.signed_headers()?
        } else {
            self.default_headers.clone()
        };
        if has_body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        for (name, value) in &options.headers {
            let (n, v) = header_pair(name, value)?;
            headers.insert(n, v);
        }
        if let Some(key) = key {
            headers.insert(
                IDEMPOTENCY_KEY,
                HeaderValue::from_str(key).map_err(|_| {
                    Error::invalid_argument("idempotency_key", "not a valid header value")
                })?,
            );
        }
        if sign_last {
            let auth = self.auth.read().unwrap_or_else(|p| p.into_inner());
            self.dialect.authorize(&auth.credentials, &mut headers)?;
        }
        Ok(headers)
    }

    /// The typed error for a non-2xx answer, whatever its body looks like.
    fn api_error(&self, r: &HttpResponse) -> Error {
        let status = r.status;
        if let Some(rl) = rate_limit::from_headers(&r.headers) {
            self.store_rate_limit(rl);
        }
        if (300..400).contains(&status) {
            return redirect_error(r);
        }
        let json: Option<Value> = serde_json::from_slice(&r.body).ok();
        let parts = json
            .as_ref()
            .map(|v| self.dialect.error_parts(v))
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
            if json.is_none() && !r.body.is_empty() {
                format!("HTTP {status} {reason} (the body is not JSON)")
            } else {
                format!("HTTP {status} {reason}")
            }
        });
        Error::new(kind, message)
            .with_status(status)
            .with_code(parts.code)
            .with_field_errors(parts.field_errors)
            .with_request_id(request_id(&r.headers))
            .with_retry_after(retry::retry_after(&r.headers).or(parts.retry_after))
            .with_body(&r.body)
    }

    /// One model from a parsed value (by the reference decoder under
    /// `reference_decode`).
    fn decode_value(
        &self,
        op: Operation,
        decoder: Decoder,
        value: Val<'_>,
        what: &str,
        raw: &[u8],
    ) -> Result<Model> {
        #[allow(unused_mut)]
        let mut decode = decoder.value;
        #[cfg(feature = "test-http")]
        if self.reference_decode {
            if let Returns::One(m) | Returns::Page(m) | Returns::Many(m) = op.returns() {
                decode = crate::models::reference::decoder(m).unwrap_or(decode);
            }
        }
        let _ = op;
        decode(value).map_err(|e| Error::decode(format!("{what}: {e}"), raw))
    }

    /// A 2xx whose envelope says `success: false` is still a failure.
    fn envelope_error(&self, parsed: &Val<'_>, raw: &[u8]) -> Option<Error> {
        if parsed.get("success") != Some(&Val::Bool(false)) {
            return None;
        }
        let value: Value = serde_json::from_slice(raw).unwrap_or(Value::Null);
        let parts = self.dialect.error_parts(&value);
        Some(
            Error::new(
                envelope_error_kind(parts.code.as_deref()),
                parts
                    .message
                    .unwrap_or_else(|| "the provider reported success: false".into()),
            )
            .with_code(parts.code)
            .with_field_errors(parts.field_errors)
            .with_body(raw),
        )
    }

    /// The first page of a list, able to fetch the pages after it.
    #[allow(clippy::too_many_arguments)]
    fn page(
        self: &Arc<Self>,
        call: Call,
        options: &RequestOptions,
        style: Style,
        items: Vec<Model>,
        parsed: &Val<'_>,
        paging: Paging,
        info: ResponseInfo,
    ) -> Result<Page<Model>> {
        let mut call = call;
        let params = call.query_mut().cloned().unwrap_or_default();
        let (total, next) = next_page(paging, &params, parsed, items.len() as u64)?;
        let engine = self.clone();
        let options = options.clone();
        let fetch: FetchPage<Model> = Arc::new(move |p: ListParams| {
            let mut call = call.clone();
            if let Some(q) = call.query_mut() {
                *q = p;
            }
            let fut = engine.clone().execute(call, options.clone(), style);
            Box::pin(async move {
                match fut.await?.data {
                    Output::Page(page) => Ok(page),
                    _ => Err(Error::new(
                        ErrorKind::Decode,
                        "internal: a list gave no page",
                    )),
                }
            }) as BoxFuture<'static, Result<Page<Model>>>
        });
        Ok(Page::new(items, total, next, info, fetch))
    }
}

/// How a decode error of a single result starts.
const ONE: &str = "unexpected response";

/// Logs each attempt of one request.
struct AttemptLog<'a> {
    engine: &'a Engine,
    ctx: Ctx,
    wire: &'a Wire,
}

impl Observer for AttemptLog<'_> {
    fn timed(&self) -> bool {
        self.engine.logger.enabled(log::LogLevel::Debug)
    }
    fn attempted(&self, a: Attempted) {
        if !self.timed() {
            return;
        }
        let Some(origin) = self.engine.origin(self.wire) else {
            return;
        };
        self.engine.logger.attempt(
            self.ctx.operation,
            origin.method.as_str(),
            &origin.host,
            &origin.path,
            a.attempt,
            a.status,
            a.took.unwrap_or_default(),
        );
    }
    fn retrying(&self, r: Retrying<'_>) {
        let reason = match r.error.status() {
            Some(s) => format!("status {s}"),
            None => r.error.kind().as_str().to_string(),
        };
        self.engine
            .logger
            .retry(self.ctx.operation, r.attempt, &reason, r.wait);
    }
}

fn header_pair(name: &str, value: &str) -> Result<(HeaderName, HeaderValue)> {
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
    Ok((n, v))
}

fn request_id(headers: &HeaderMap) -> Option<String> {
    first_values(headers, REQUEST_ID_HEADERS)
        .into_iter()
        .flatten()
        .find_map(|v| v.to_str().ok().map(str::to_string))
}

/// A redirect that was not followed: it pointed at another origin (or
/// downgraded https to http). Only the target's origin is shown: its query
/// could hold a token.
fn redirect_error(r: &HttpResponse) -> Error {
    let target = r
        .headers
        .get(LOCATION)
        .and_then(|l| l.to_str().ok())
        .and_then(|l| url::Url::parse(l).ok())
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_else(|| "another origin".into());
    Error::new(
        ErrorKind::from_status(r.status),
        format!(
            "redirect to {target} not followed: orgkit follows redirects only within the base URL's origin, so credentials never leave it"
        ),
    )
    .with_status(r.status)
    .with_code(Some("cross_origin_redirect".into()))
    .final_()
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

/// The largest count every language holds exactly (JavaScript's safe integers).
const MAX_EXACT_COUNT: u64 = (1 << 53) - 1;

/// A count at `path` of the page's body (`meta.total`): a whole number
/// (or its text) that every language can hold exactly, else a `Decode`
/// error naming it.
fn count(body: &Val<'_>, path: &[&str]) -> Result<Option<u64>> {
    let Some(v) = decode::at(body, path) else {
        return Ok(None);
    };
    let n = match v {
        Val::Null => return Ok(None),
        Val::Num(n) => n.as_u64(),
        Val::Str(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    };
    match n {
        Some(n) if n <= MAX_EXACT_COUNT => Ok(Some(n)),
        _ => Err(Error::new(
            ErrorKind::Decode,
            format!(
                "{}: expected a whole number up to 2^53-1, got {}",
                path.join("."),
                match v {
                    Val::Num(n) => n.to_string(),
                    Val::Str(s) => format!("{s:?}"),
                    other => decode::type_name(other).to_string(),
                }
            ),
        )),
    }
}

/// The total and the parameters of the next page, per paging dialect.
fn next_page(
    paging: Paging,
    params: &ListParams,
    body: &Val<'_>,
    count_here: u64,
) -> Result<(Option<u64>, Option<ListParams>)> {
    Ok(match paging {
        Paging::Single => (Some(count_here), None),
        Paging::Number { total, limit } => {
            let total = count(body, total)?;
            let page = u64::from(params.page.unwrap_or(1).max(1));
            let limit = count(body, limit)?
                .or(params.limit.map(u64::from))
                .unwrap_or(count_here);
            let more = match total {
                // Saturating: a server-sent limit may be any u64.
                Some(t) => limit > 0 && page.saturating_mul(limit) < t,
                None => limit > 0 && count_here >= limit,
            };
            // No page after u32::MAX: the walk ends rather than overflowing.
            let next_no = u32::try_from(page).ok().and_then(|p| p.checked_add(1));
            let next = next_no
                .filter(|_| more && count_here > 0)
                .map(|p| ListParams {
                    page: Some(p),
                    ..params.clone()
                });
            (total, next)
        }
        Paging::Offset { total, limit } => {
            let total = count(body, total)?;
            let skip = params.skip.unwrap_or(0);
            let limit = count(body, limit)?
                .or(params.limit.map(u64::from))
                .unwrap_or(count_here);
            // A caller-given skip near u64::MAX ends the walk instead of overflowing.
            let next_skip = skip.checked_add(count_here);
            let more = match (total, next_skip) {
                (_, None) => false,
                (Some(t), Some(n)) => n < t,
                (None, _) => limit > 0 && count_here >= limit,
            };
            let next = next_skip
                .filter(|_| more && count_here > 0)
                .map(|n| ListParams {
                    skip: Some(n),
                    ..params.clone()
                });
            (total, next)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_id_is_the_first_readable_of_its_headers_in_their_order() {
        let mut h = HeaderMap::new();
        h.append("x-correlation-id", HeaderValue::from_static("corr"));
        h.append("request-id", HeaderValue::from_static("rid"));
        assert_eq!(request_id(&h).as_deref(), Some("rid"));
        h.append("x-request-id", HeaderValue::from_bytes(b"\xff").unwrap());
        assert_eq!(request_id(&h).as_deref(), Some("rid"), "not text: skipped");
        h.append("x-request-id", HeaderValue::from_static("second"));
        assert_eq!(
            request_id(&h).as_deref(),
            Some("rid"),
            "only a name's first value"
        );
        h.insert("x-request-id", HeaderValue::from_static("xrid"));
        assert_eq!(request_id(&h).as_deref(), Some("xrid"));
        assert_eq!(request_id(&HeaderMap::new()), None);
    }
}
