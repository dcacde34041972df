//! What a provider is: its [`Dialect`] — how it authenticates, which HTTP
//! request each operation it supports becomes (a [`Route`]), where the
//! answer sits in its envelope, how its lists page, how its errors read,
//! and the fix-ups its answers need (after-hooks). A provider file is one
//! [`routes!`] table plus those few functions.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};
use reqwest::Method;
use serde_json::Value;

use crate::config::{Credentials, Provider};
use crate::error::{Error, FieldError, Result};
use crate::models::decode::Val;
use crate::models::RateLimit;
use crate::operation::{Call, Operation, Output};
use crate::Secret;

/// One provider's wire details.
pub(crate) trait Dialect: Send + Sync + 'static {
    fn provider(&self) -> Provider;
    fn default_base_url(&self) -> Option<&'static str>;
    /// Whether it has a route for `op` (from its `routes!` table).
    fn supports(&self, op: Operation) -> bool;
    /// The requests for one call (from its `routes!` table).
    fn route(&self, call: &Call) -> Result<Route>;
    /// Code, message and field errors out of an error body.
    fn error_parts(&self, body: &Value) -> ErrorParts;

    /// The largest page the provider serves, when documented.
    fn max_page_size(&self) -> Option<u32> {
        None
    }

    /// Puts the credentials on a request (default: any token or API key as Bearer).
    fn authorize(&self, creds: &Credentials, headers: &mut HeaderMap) -> Result<()> {
        if let Some(secret) = creds.token.as_ref().or(creds.api_key.as_ref()) {
            headers.insert(AUTHORIZATION, bearer(secret.expose())?);
        }
        Ok(())
    }
}

/// Declares a provider's routes: one arm per operation it supports. From
/// the one list come both `supports` and `route`, so they cannot disagree.
macro_rules! routes {
    ($($Variant:ident $({ $($field:ident),* $(,)? })? => $body:expr),* $(,)?) => {
        fn supports(&self, op: $crate::operation::Operation) -> bool {
            matches!(op, $($crate::operation::Operation::$Variant)|*)
        }

        fn route(&self, call: &$crate::operation::Call) -> $crate::Result<$crate::route::Route> {
            #[allow(unused_variables, unreachable_patterns)]
            match call {
                $($crate::operation::Call::$Variant { $($($field,)*)? .. } => {
                    $crate::route::IntoRoute::into_route($body)
                })*
                other => Err($crate::Error::unsupported(
                    self.provider().as_str(),
                    other.operation().as_str(),
                )),
            }
        }
    };
}
pub(crate) use routes;

/// `Authorization: Bearer <token>`, marked sensitive.
pub(crate) fn bearer(token: &str) -> Result<HeaderValue> {
    sensitive_header(&format!("Bearer {token}"), "token")
}

/// A header value that is a credential: never logged by the HTTP stack.
pub(crate) fn sensitive_header(value: &str, what: &str) -> Result<HeaderValue> {
    let mut v = HeaderValue::from_str(value).map_err(|_| {
        Error::invalid_argument(what, "contains characters not allowed in an HTTP header")
    })?;
    v.set_sensitive(true);
    Ok(v)
}

/// One HTTP request a call becomes, and where its answer is.
#[derive(Clone, Debug)]
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
    /// Any method (the raw `request` escape hatch).
    pub(crate) fn any(method: Method, path: impl Into<String>) -> Self {
        Wire::new(method, path)
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
    pub(crate) fn read(mut self, read: Read) -> Self {
        self.read = read;
        self
    }
    pub(crate) fn anonymous(mut self) -> Self {
        self.authenticated = false;
        self
    }
    /// This request, with a fix-up for its answer.
    pub(crate) fn after(self, hook: AfterHook) -> Route {
        Route {
            wires: vec![self],
            after: Some(hook),
        }
    }
}

/// Where in a successful body the answer is.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Read {
    /// Nothing worth decoding (`{success:true}`, 204).
    Nothing,
    /// The value at this key path (`&[]` for the whole body; a body without
    /// the documented wrapper is read whole).
    At(&'static [&'static str]),
    /// A list: items at `items` (or the first array in the body), paged as
    /// `paging` says.
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
    /// `?$limit=&$skip=`; `total` and `limit` at these key paths.
    Offset {
        total: &'static [&'static str],
        limit: &'static [&'static str],
    },
}

/// What a provider's fix-up sees: the call, the parsed answer, the result
/// so far, and a token the client should adopt.
pub(crate) struct After<'a, 'b> {
    pub call: &'a Call,
    pub body: &'a Val<'b>,
    pub output: &'a mut Output,
    pub adopt: &'a mut Option<Secret>,
}

/// A provider's fix-up of an answer (pm415 filling in a name it leaves out, …).
pub(crate) type AfterHook = fn(&mut After<'_, '_>) -> Result<()>;

/// The requests one call becomes (usually one; kaana removes members one
/// per request), and the fix-up of the last answer.
pub(crate) struct Route {
    pub wires: Vec<Wire>,
    pub after: Option<AfterHook>,
}

/// Whatever a route arm gives: a request, several, or a route; fallible or not.
pub(crate) trait IntoRoute {
    fn into_route(self) -> Result<Route>;
}

impl IntoRoute for Route {
    fn into_route(self) -> Result<Route> {
        Ok(self)
    }
}

impl IntoRoute for Wire {
    fn into_route(self) -> Result<Route> {
        Ok(Route {
            wires: vec![self],
            after: None,
        })
    }
}

impl IntoRoute for Vec<Wire> {
    fn into_route(self) -> Result<Route> {
        Ok(Route {
            wires: self,
            after: None,
        })
    }
}

impl<T: IntoRoute> IntoRoute for Result<T> {
    fn into_route(self) -> Result<Route> {
        self?.into_route()
    }
}

/// What a provider's error body says.
#[derive(Clone, Debug, Default)]
pub(crate) struct ErrorParts {
    pub code: Option<String>,
    pub message: Option<String>,
    pub field_errors: Vec<FieldError>,
    pub retry_after: Option<Duration>,
    /// A rate-limit state carried in the body (achieveapex's 429).
    pub rate_limit: Option<RateLimit>,
}
