//! The one generic path every resource call takes: check support, ask the
//! provider for the requests, send them within the deadline, read the
//! answer out of the envelope (fast path first, `Value` path as fallback),
//! decode; and list pages that can fetch the pages after them.

use std::sync::Arc;

use futures::future::BoxFuture;
use serde_json::Value;
use tokio::time::Instant;

use crate::client::Client;
use crate::config::Provider;
use crate::error::{Error, ErrorKind, Result};
use crate::models::{Decode, FromJson, Id};
use crate::operation::{Call, Operation, TaskScope};
use crate::pagination::{FetchPage, ListParams, Page};
use crate::providers::{at, Paging, Read};
use crate::transport::{self, Answer};

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
    pub(crate) fn deadline_at(&self) -> Option<Instant> {
        self.inner.config.deadline.map(|d| Instant::now() + d)
    }

    pub(crate) async fn with_deadline<T>(
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

    pub(crate) fn read(&self, read: Read, answer: Answer) -> Result<Reply> {
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
        // A list is one request: the same send path as every other call.
        let Some((read, answer)) = self.send_call(&call).await? else {
            return Err(Error::unsupported(provider, op.as_str()));
        };
        if let Read::Page { items, paging } = read {
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
        let paging = match read {
            Read::Page { paging, .. } => paging,
            _ => Paging::Single,
        };
        let status = answer.status;
        let (reply, rest) = self
            .read_rest(read, answer)
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
