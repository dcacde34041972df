//! One error type for every failure; bindings switch on [`ErrorKind`].

use std::fmt;
use std::time::Duration;

/// What went wrong, coarsely enough to act on. Every language maps these
/// one-to-one to its error classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    Validation,
    RateLimited,
    Server,
    Timeout,
    Connection,
    Decode,
    Unsupported,
    InvalidArgument,
    /// A webhook delivery failed verification (bad signature, stale timestamp, …).
    WebhookVerification,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "BadRequest",
            ErrorKind::Unauthorized => "Unauthorized",
            ErrorKind::Forbidden => "Forbidden",
            ErrorKind::NotFound => "NotFound",
            ErrorKind::Conflict => "Conflict",
            ErrorKind::Validation => "Validation",
            ErrorKind::RateLimited => "RateLimited",
            ErrorKind::Server => "Server",
            ErrorKind::Timeout => "Timeout",
            ErrorKind::Connection => "Connection",
            ErrorKind::Decode => "Decode",
            ErrorKind::Unsupported => "Unsupported",
            ErrorKind::InvalidArgument => "InvalidArgument",
            ErrorKind::WebhookVerification => "WebhookVerification",
        }
    }

    /// The kind an HTTP error status means when the body says nothing better.
    pub fn from_status(status: u16) -> ErrorKind {
        match status {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 | 410 => ErrorKind::NotFound,
            408 | 504 => ErrorKind::Timeout,
            409 => ErrorKind::Conflict,
            422 => ErrorKind::Validation,
            429 => ErrorKind::RateLimited,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::BadRequest,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A per-field complaint from a validation error.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// Raw bodies kept on errors are cut to this many bytes.
pub const MAX_ERROR_BODY: usize = 8 * 1024;

#[derive(Clone, Debug, Default)]
struct Details {
    status: Option<u16>,
    code: Option<String>,
    field_errors: Vec<FieldError>,
    request_id: Option<String>,
    retry_after: Option<Duration>,
    body: Option<String>,
    provider: Option<&'static str>,
    operation: Option<&'static str>,
}

/// The one error orgkit returns.
#[derive(Clone)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    details: Box<Details>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            details: Box::default(),
        }
    }

    /// A bad argument from the caller, naming the field (also used by the bindings).
    pub fn invalid_argument(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Error::new(ErrorKind::InvalidArgument, format!("{field}: {message}")).with_field_errors(
            vec![FieldError {
                field: field.to_string(),
                message,
            }],
        )
    }

    pub(crate) fn unsupported(provider: crate::Provider, operation: &'static str) -> Self {
        let mut e = Error::new(
            ErrorKind::Unsupported,
            format!("{provider} does not support {operation}"),
        );
        e.details.provider = Some(provider.as_str());
        e.details.operation = Some(operation);
        e
    }

    pub(crate) fn decode(message: impl Into<String>, body: &[u8]) -> Self {
        Error::new(ErrorKind::Decode, message).with_body(body)
    }

    pub(crate) fn with_status(mut self, status: u16) -> Self {
        self.details.status = Some(status);
        self
    }

    pub(crate) fn with_code(mut self, code: Option<String>) -> Self {
        self.details.code = code;
        self
    }

    pub(crate) fn with_field_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.details.field_errors = errors;
        self
    }

    pub(crate) fn with_request_id(mut self, id: Option<String>) -> Self {
        self.details.request_id = id;
        self
    }

    pub(crate) fn with_retry_after(mut self, after: Option<Duration>) -> Self {
        self.details.retry_after = after;
        self
    }

    pub(crate) fn with_context(
        mut self,
        provider: crate::Provider,
        operation: &'static str,
    ) -> Self {
        self.details.provider = Some(provider.as_str());
        if self.details.operation.is_none() {
            self.details.operation = Some(operation);
        }
        self
    }

    pub(crate) fn with_body(mut self, body: &[u8]) -> Self {
        if !body.is_empty() {
            // A body that failed to decode can be a successful answer full of
            // secrets (a login's token, pm415's password hashes and API keys).
            let redacted = redact_secrets(body);
            let body = redacted.as_deref().unwrap_or(body);
            let cut = &body[..body.len().min(MAX_ERROR_BODY)];
            self.details.body = Some(String::from_utf8_lossy(cut).into_owned());
        }
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The HTTP status, when a server answered.
    pub fn status(&self) -> Option<u16> {
        self.details.status
    }

    /// The provider's own error code (`VALIDATION_ERROR`, `not-found`, …).
    pub fn code(&self) -> Option<&str> {
        self.details.code.as_deref()
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn field_errors(&self) -> &[FieldError] {
        &self.details.field_errors
    }

    pub fn request_id(&self) -> Option<&str> {
        self.details.request_id.as_deref()
    }

    pub fn retry_after(&self) -> Option<Duration> {
        self.details.retry_after
    }

    /// The response body (first [`MAX_ERROR_BODY`] bytes), for API and decode errors.
    pub fn body(&self) -> Option<&str> {
        self.details.body.as_deref()
    }

    pub fn provider(&self) -> Option<&'static str> {
        self.details.provider
    }

    /// The unified operation (`"organizations.list"`) the error came from.
    pub fn operation(&self) -> Option<&'static str> {
        self.details.operation
    }

    /// Whether trying the same call again may succeed.
    pub fn is_retryable(&self) -> bool {
        match self.kind {
            ErrorKind::RateLimited | ErrorKind::Connection | ErrorKind::Timeout => true,
            ErrorKind::Server => !matches!(self.details.status, Some(501) | Some(505)),
            _ => false,
        }
    }
}

/// Replaces the values of secret keys (passwords, API keys, tokens, invite
/// links) anywhere in `v`; says whether anything was replaced.
pub(crate) fn redact_json(v: &mut serde_json::Value) -> bool {
    let mut changed = false;
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                let key = crate::models::open_enum::normalize(k);
                let secret = crate::models::fields::is_secret_key(k)
                    || key.ends_with("token")
                    || matches!(key.as_str(), "jwt" | "confirmurl" | "invitelink");
                if secret && !v.is_null() {
                    *v = serde_json::Value::String("[redacted]".into());
                    changed = true;
                } else {
                    changed |= redact_json(v);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                changed |= redact_json(item);
            }
        }
        _ => {}
    }
    changed
}

/// The JSON body with the values of secret keys replaced, or `None` when
/// it is not JSON or holds no secret (then it is kept byte for byte).
fn redact_secrets(body: &[u8]) -> Option<Vec<u8>> {
    let mut value: serde_json::Value = serde_json::from_slice(body).ok()?;
    redact_json(&mut value).then(|| serde_json::to_vec(&value).ok())?
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        if let Some(status) = self.details.status {
            write!(f, " ({status})")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(code) = &self.details.code {
            write!(f, " [{code}]")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    // Hand-written so the raw body is not dumped into logs by `{:?}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.details;
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("status", &d.status)
            .field("code", &d.code)
            .field("message", &self.message)
            .field("field_errors", &d.field_errors)
            .field("request_id", &d.request_id)
            .field("retry_after", &d.retry_after)
            .field("provider", &d.provider)
            .field("operation", &d.operation)
            .finish()
    }
}

impl std::error::Error for Error {}
