//! A provider is data plus a few functions: how it authenticates, which
//! HTTP request each unified operation becomes, where the answer sits in
//! its envelope, how its lists page and how its errors read. Resources are
//! written once against this.

mod achieveapex;
mod kaana;
mod orgstack;
mod ourganize;
mod pm415;

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};
use reqwest::Method;
use serde_json::{Map, Value};

use crate::config::{Credentials, Provider};
use crate::error::{Error, FieldError, Result};
use crate::models::{BodyFields, Id};
use crate::operation::{Call, Operation};
use crate::pagination::ListParams;

/// The wire details of one provider.
pub(crate) trait Spec: Send + Sync + 'static {
    fn provider(&self) -> Provider;
    fn default_base_url(&self) -> Option<&'static str>;
    fn supports(&self, op: Operation) -> bool;
    /// Requests for one call (usually one; kaana removes members one per request).
    fn requests(&self, call: &Call<'_>) -> Result<Vec<Wire>>;
    /// Code, message and field errors out of an error body.
    fn error_parts(&self, body: &Value) -> ErrorParts;

    /// The largest page the provider serves, when documented.
    fn max_page_size(&self) -> Option<u32> {
        None
    }

    fn authorize(&self, creds: &Credentials, headers: &mut HeaderMap) -> Result<()> {
        if let Some(secret) = creds.token.as_ref().or(creds.api_key.as_ref()) {
            headers.insert(AUTHORIZATION, bearer(secret.expose())?);
        }
        Ok(())
    }
}

pub(crate) fn spec(provider: Provider) -> &'static dyn Spec {
    match provider {
        Provider::Ourganize => &ourganize::Ourganize,
        Provider::Orgstack => &orgstack::Orgstack,
        Provider::Achieveapex => &achieveapex::Achieveapex,
        Provider::Kaana => &kaana::Kaana,
        Provider::Pm415 => &pm415::Pm415,
    }
}

pub(crate) fn bearer(token: &str) -> Result<HeaderValue> {
    sensitive_header(&format!("Bearer {token}"), "token")
}

pub(crate) fn sensitive_header(value: &str, what: &str) -> Result<HeaderValue> {
    let mut v = HeaderValue::from_str(value).map_err(|_| {
        Error::invalid_argument(what, "contains characters not allowed in an HTTP header")
    })?;
    v.set_sensitive(true);
    Ok(v)
}

/// One HTTP request a call becomes, and where its answer is.
#[derive(Debug)]
pub(crate) struct Wire {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
    pub authenticated: bool,
    pub read: Read,
}

impl Wire {
    fn new(method: Method, path: impl Into<String>) -> Self {
        Wire {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            authenticated: true,
            read: Read::At(&[]),
        }
    }
    pub(crate) fn get(path: impl Into<String>) -> Self {
        Wire::new(Method::GET, path)
    }
    pub(crate) fn post(path: impl Into<String>) -> Self {
        Wire::new(Method::POST, path)
    }
    pub(crate) fn put(path: impl Into<String>) -> Self {
        Wire::new(Method::PUT, path)
    }
    pub(crate) fn patch(path: impl Into<String>) -> Self {
        Wire::new(Method::PATCH, path)
    }
    pub(crate) fn delete(path: impl Into<String>) -> Self {
        Wire::new(Method::DELETE, path)
    }
    pub(crate) fn body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }
    pub(crate) fn query(mut self, key: &str, value: impl ToString) -> Self {
        self.query.push((key.to_string(), value.to_string()));
        self
    }
    pub(crate) fn query_opt(self, key: &str, value: Option<impl ToString>) -> Self {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }
    pub(crate) fn filters(mut self, params: &ListParams) -> Self {
        self.query.extend(params.filters.iter().cloned());
        self
    }
    pub(crate) fn read(mut self, read: Read) -> Self {
        self.read = read;
        self
    }
    pub(crate) fn anonymous(mut self) -> Self {
        self.authenticated = false;
        self
    }
    pub(crate) fn one(self) -> Result<Vec<Wire>> {
        Ok(vec![self])
    }
}

/// Where in a successful body the answer is.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Read {
    /// Nothing worth decoding (`{success:true}`, 204).
    Nothing,
    /// The value at this key path (`&[]` for the whole body).
    At(&'static [&'static str]),
    /// A list page: items at `items`, paged as `paging` says.
    Page {
        items: &'static [&'static str],
        paging: Paging,
    },
}

/// How a list provider pages, and where its totals are.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Paging {
    /// Everything in one answer.
    Single,
    /// `?page=&limit=`, 1-based; `total` and `limit` at these key paths.
    Number {
        total: &'static [&'static str],
        limit: &'static [&'static str],
    },
    /// `?$limit=&$skip=`; `total`, `limit` and `skip` at these key paths.
    Offset {
        total: &'static [&'static str],
        limit: &'static [&'static str],
    },
}

pub(crate) fn at<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |v, key| v.get(key))
}

/// Turns snake_case body fields into a camelCase JSON object, as the
/// camelCase providers expect. Only the field names are renamed: free-form
/// values (metadata) go out untouched.
pub(crate) fn camel_body(fields: BodyFields) -> Value {
    let mut map = Map::new();
    for (key, value) in fields {
        let value = match (key, value) {
            ("settings", Value::Object(settings)) => {
                Value::Object(settings.into_iter().map(|(k, v)| (camel(&k), v)).collect())
            }
            (_, v) => v,
        };
        map.insert(camel(key), value);
    }
    Value::Object(map)
}

pub(crate) fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `{"usersId": [4, 6]}` for pm415's bulk member calls.
pub(crate) fn ids_json(ids: &[Id]) -> Value {
    Value::Array(ids.iter().map(Id::to_body_json).collect())
}

/// Path segment for an id, percent-encoded so an id can never change the path.
pub(crate) fn seg(id: &Id) -> String {
    let text = id.to_string();
    url::form_urlencoded::byte_serialize(text.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// What a provider's error body says.
#[derive(Clone, Debug, Default)]
pub(crate) struct ErrorParts {
    pub code: Option<String>,
    pub message: Option<String>,
    pub field_errors: Vec<FieldError>,
    pub retry_after: Option<Duration>,
    /// A rate-limit state carried in the body (achieveapex's 429).
    pub rate_limit: Option<crate::models::RateLimit>,
}

pub(crate) fn str_at(value: &Value, path: &[&str]) -> Option<String> {
    match at(value, path)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `[{field, message}]` or `{field: message}` lists of complaints.
pub(crate) fn field_errors(value: Option<&Value>) -> Vec<FieldError> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| {
                Some(FieldError {
                    field: str_at(item, &["field"]).or_else(|| str_at(item, &["path"]))?,
                    message: str_at(item, &["message"]).unwrap_or_default(),
                })
            })
            .collect(),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(field, v)| FieldError {
                field: field.clone(),
                message: match v {
                    Value::String(s) => s.clone(),
                    other => str_at(other, &["message"]).unwrap_or_else(|| other.to_string()),
                },
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `page`/`limit` query for page-number dialects.
pub(crate) fn number_paging(wire: Wire, params: &ListParams, limit_key: &str) -> Wire {
    wire.query_opt("page", params.page)
        .query_opt(limit_key, params.limit)
}

/// Rejects ops a provider lacks (the resources check first; this guards the table).
pub(crate) fn unsupported(provider: Provider, call: &Call<'_>) -> Error {
    Error::unsupported(provider, call.operation().as_str())
}
