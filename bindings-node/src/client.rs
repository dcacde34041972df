//! The native client: a fixed surface, nothing per operation. Every
//! operation goes through [`NativeClient::call`] (or [`NativeClient::list`]
//! for lists) by its unified name with its arguments as JSON; the
//! generated JS layer (`lib/resources.js`) gives each one its method.
//!
//! A result crosses as one string: the response's JSON on the first line,
//! then the data's JSON (serde_json's compact output has no raw newline),
//! so JS parses the data at once and the response only if asked for.

use std::sync::Arc;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use orgkit::models::Style;
use orgkit::{Operation, Output, Response, ResponseInfo};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::call::spawn;
use crate::error::{encoding, invalid, to_js, Failure};
use crate::json::{to_json, Js};
use crate::log::{self, JsLogger};
use crate::options::{js_option_names, CallOptions, ClientOptions};
use crate::page::NativePage;

/// The HTTP side of an answer, as JS sees it (`response` of `withResponse()`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResponseJs<'a> {
    status: u16,
    headers: Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<&'a str>,
    attempts: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    rate_limit: Option<Js<'a, orgkit::RateLimit>>,
}

/// `info` as JSON; a repeated header's values are joined with `, `.
pub fn response_json(info: &ResponseInfo) -> std::result::Result<String, Failure> {
    let mut headers = Map::new();
    for (name, value) in info.headers() {
        match headers.get_mut(name) {
            Some(Value::String(seen)) => {
                seen.push_str(", ");
                seen.push_str(value);
            }
            _ => {
                headers.insert(name.to_string(), value.into());
            }
        }
    }
    let shown = ResponseJs {
        status: info.status,
        headers,
        request_id: info.request_id.as_deref(),
        attempts: info.attempts,
        rate_limit: info.rate_limit.as_ref().map(Js),
    };
    serde_json::to_string(&shown).map_err(|e| encoding(e).into())
}

/// The data of an output (not a page) as JSON.
fn data_json(out: &Output) -> std::result::Result<String, Failure> {
    let text = match out {
        Output::Nothing => Ok("null".to_string()),
        Output::One(m) => to_json(m),
        Output::Many(items) => to_json(items),
        Output::Json(v) => to_json(v),
        Output::Page(_) => {
            return Err(invalid("operation", "a list: call it through list()").into());
        }
        _ => Ok("null".to_string()),
    };
    text.map_err(|e| encoding(e).into())
}

/// `response\ndata`: see the module docs.
fn result_text(r: &Response<Output>) -> std::result::Result<String, Failure> {
    let mut text = response_json(&r.info)?;
    text.push('\n');
    text.push_str(&data_json(&r.data)?);
    Ok(text)
}

fn operation(name: &str) -> orgkit::Result<Operation> {
    name.parse()
}

/// The arguments object (JSON text from `JSON.stringify`).
fn arguments(json: &str) -> orgkit::Result<Map<String, Value>> {
    serde_json::from_str(json).map_err(|e| invalid("arguments", format!("not a JSON object: {e}")))
}

fn request_options(options: Option<CallOptions>) -> orgkit::Result<orgkit::RequestOptions> {
    options
        .map(CallOptions::into_sdk)
        .transpose()
        .map(Option::unwrap_or_default)
}

/// A client for one provider. Use `Client` from the package instead.
#[napi]
pub struct NativeClient {
    inner: orgkit::Client,
}

#[napi]
impl NativeClient {
    /// `log`, when given, receives the SDK's log events as JSON text.
    #[napi(constructor, catch_unwind)]
    pub fn new(
        env: &Env,
        options: ClientOptions,
        log: Option<Function<'_, String, ()>>,
    ) -> Result<Self> {
        let fail = |e: orgkit::Error| to_js(env, Failure::Sdk(js_option_names(e)));
        let level = log::level(options.log_level.as_deref()).map_err(fail)?;
        let mut builder = options.into_builder().map_err(fail)?;
        if let (Some(f), Some(level)) = (log, level) {
            builder = builder.log_sink(Arc::new(JsLogger::new(f, level)?));
        }
        builder
            .build()
            .map(|inner| NativeClient { inner })
            .map_err(fail)
    }

    /// The provider id (`"pm415"`, …).
    #[napi(getter, catch_unwind)]
    pub fn provider(&self) -> String {
        self.inner.provider().as_str().to_string()
    }

    #[napi(getter, catch_unwind)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_string()
    }

    /// The operations this provider supports, as `"organizations.list"` strings.
    #[napi(catch_unwind)]
    pub fn capabilities(&self) -> Vec<String> {
        self.inner
            .capabilities()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// Throws (sending nothing) what a call of `op` with `args` would fail
    /// with first: `Unsupported` when the provider lacks it, or an
    /// `InvalidArgument` naming a bad argument. Lists check this when created.
    #[napi(catch_unwind)]
    pub fn check_call(&self, env: &Env, op: String, args: String) -> Result<()> {
        operation(&op)
            .and_then(|op| {
                let args = arguments(&args)?;
                self.inner.check_call(op, &args, Style::Camel)
            })
            .map_err(|e| to_js(env, e.into()))
    }

    /// The rate-limit state the last response reported, as JSON, if any did.
    #[napi(getter, catch_unwind)]
    pub fn rate_limit(&self) -> Option<String> {
        self.inner.rate_limit().and_then(|rl| to_json(&rl).ok())
    }

    /// Closes the client: idle connections go, later calls fail at once.
    #[napi(catch_unwind)]
    pub fn close(&self) {
        self.inner.close();
    }

    #[napi(getter, catch_unwind)]
    pub fn closed(&self) -> bool {
        self.inner.is_closed()
    }

    /// Any operation but a list: `op` by name (`"members.set_role"`),
    /// `args` its arguments as a JSON object. Resolves to `response\ndata`.
    #[napi(catch_unwind)]
    pub fn call<'env>(
        &self,
        env: &'env Env,
        op: String,
        args: String,
        options: Option<CallOptions>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, String>> {
        let client = self.inner.clone();
        spawn(env, call_id, async move {
            let op = operation(&op)?;
            let request = client
                .call(op, arguments(&args)?)
                .arg_style(Style::Camel)
                .with(request_options(options)?);
            result_text(&request.with_response().await?)
        })
    }

    /// A list operation: resolves to its first page, which fetches the next.
    #[napi(catch_unwind)]
    pub fn list<'env>(
        &self,
        env: &'env Env,
        op: String,
        args: String,
        options: Option<CallOptions>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, NativePage>> {
        let client = self.inner.clone();
        spawn(env, call_id, async move {
            let op = operation(&op)?;
            let request = client
                .call(op, arguments(&args)?)
                .arg_style(Style::Camel)
                .with(request_options(options)?);
            match request.await? {
                Output::Page(page) => NativePage::new(page),
                _ => Err(invalid("operation", format!("{op} is not a list")).into()),
            }
        })
    }

    /// Any request the typed surface lacks; resolves to `response\ndata`
    /// with the JSON answer as it is.
    #[napi(catch_unwind)]
    pub fn request<'env>(
        &self,
        env: &'env Env,
        method: String,
        path: String,
        body: Option<String>,
        options: Option<CallOptions>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, String>> {
        let client = self.inner.clone();
        spawn(env, call_id, async move {
            let method = orgkit::Method::from_bytes(method.trim().to_ascii_uppercase().as_bytes())
                .map_err(|_| invalid("method", format!("{method:?} is not an HTTP method")))?;
            let body: Option<Value> = match body {
                Some(text) => Some(
                    serde_json::from_str(&text)
                        .map_err(|e| invalid("body", format!("not JSON: {e}")))?,
                ),
                None => None,
            };
            let response = client
                .request(method, &path, body)
                .with(request_options(options)?)
                .with_response()
                .await?;
            result_text(&response.map(Output::Json))
        })
    }
}
