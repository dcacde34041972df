//! The request a provider emulator sees and the reply it gives back.
//!
//! Providers work on these plain values instead of hyper types so that their
//! logic stays synchronous (it runs under the state lock) and so that the
//! server can apply faults to any reply after the fact.

use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};
use serde_json::Value;

/// One request, already routed to a provider and fully read.
#[derive(Debug, Clone)]
pub struct Req {
    pub method: Method,
    /// Provider-relative path with doubled slashes collapsed, e.g. `/api/org/1/users`.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// `http://host:port/{provider}` as the client addressed it; pm415 builds
    /// its invite links from it.
    pub base_url: String,
}

/// Why a request body could not be used; each provider words it in its own shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyError {
    /// Not valid JSON at all.
    Malformed(String),
    /// Valid JSON but not an object.
    NotAnObject,
}

impl BodyError {
    pub fn message(&self) -> String {
        match self {
            BodyError::Malformed(e) => format!("Malformed JSON body: {e}"),
            BodyError::NotAnObject => "Request body must be a JSON object".to_string(),
        }
    }
}

impl Req {
    /// Non-empty path segments, so `//api/org/` and `/api/org` route alike.
    pub fn segments(&self) -> Vec<&str> {
        self.path.split('/').filter(|s| !s.is_empty()).collect()
    }

    /// Last value of a query parameter (clients that repeat a key mean the last one).
    pub fn query(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The credential of an `Authorization: Bearer …` header (scheme is case-insensitive).
    pub fn bearer(&self) -> Option<&str> {
        let value = self.header("authorization")?.trim();
        let (scheme, rest) = value.split_once(' ')?;
        scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| rest.trim())
            .filter(|t| !t.is_empty())
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all("cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.trim().to_string())
    }

    /// The body as a JSON object; an empty body counts as `{}` because
    /// clients often send no body on POSTs that need none.
    pub fn json_object(&self) -> Result<serde_json::Map<String, Value>, BodyError> {
        if self.body.iter().all(|b| b.is_ascii_whitespace()) {
            return Ok(serde_json::Map::new());
        }
        match serde_json::from_slice::<Value>(&self.body) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err(BodyError::NotAnObject),
            Err(e) => Err(BodyError::Malformed(e.to_string())),
        }
    }
}

/// A provider's answer before it is turned into a hyper response.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl Reply {
    pub fn json(status: u16, value: &Value) -> Reply {
        Reply {
            status: status_code(status),
            headers: vec![(
                "content-type".into(),
                "application/json; charset=utf-8".into(),
            )],
            // Serializing a Value cannot fail; an empty body is the harmless fallback.
            body: serde_json::to_vec(value)
                .map(Bytes::from)
                .unwrap_or_default(),
        }
    }

    pub fn empty(status: u16) -> Reply {
        Reply {
            status: status_code(status),
            headers: Vec::new(),
            body: Bytes::new(),
        }
    }

    pub fn text(status: u16, content_type: &str, body: impl Into<Bytes>) -> Reply {
        Reply {
            status: status_code(status),
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
        }
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Reply {
        let name = name.to_ascii_lowercase();
        self.headers.retain(|(k, _)| *k != name);
        self.headers.push((name, value.into()));
        self
    }
}

/// Out-of-range codes (from a fault a test wrote) become 500 rather than a panic.
pub fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The standard reason phrase, which Boom and the NestJS-style bodies put in `error`.
pub fn reason(status: u16) -> &'static str {
    status_code(status).canonical_reason().unwrap_or("Error")
}

/// Parses an id path segment; ids are positive integers for every provider
/// except orgstack, which routes on its own string ids.
pub fn parse_id(segment: &str) -> Option<u64> {
    segment.parse::<u64>().ok().filter(|id| *id > 0)
}

/// Reads a numeric id from JSON that may be a number or a numeric string,
/// because clients send both for ids (the pm415 docs show `["4", "6"]`).
pub fn id_from_json(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
