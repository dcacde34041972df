//! One error type for every failure; bindings switch on [`ErrorKind`].
//!
//! An error says what happened and where, and never shows a secret: every
//! error a client returns has had the client's secrets scrubbed from its
//! message, field errors and kept body (see [`crate::Secrets`]).

use std::fmt;
use std::time::Duration;

use serde::Serialize;

use crate::secret::Secrets;

macro_rules! error_kinds {
    ($($(#[doc = $doc:literal])+ $kind:ident),+ $(,)?) => {
        /// What went wrong, coarsely enough to act on. Every language maps
        /// these one-to-one to its error classes.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $($(#[doc = $doc])+ $kind,)+
        }

        impl ErrorKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$kind,)+];

            /// The kind's name, the same in every language (`"NotFound"`).
            pub fn as_str(self) -> &'static str {
                match self { $(ErrorKind::$kind => stringify!($kind),)+ }
            }

            /// The kind's documentation (for generated bindings).
            pub fn doc(self) -> &'static str {
                match self { $(ErrorKind::$kind => concat!($($doc, "\n"),+).trim_ascii(),)+ }
            }
        }
    };
}

error_kinds! {
    /// The server rejected the request as malformed (400), or a 2xx envelope reported a failure.
    BadRequest,
    /// The credentials are missing, wrong or expired (401).
    Unauthorized,
    /// The credentials are valid but not allowed to do this (403).
    Forbidden,
    /// The resource does not exist (404, 410).
    NotFound,
    /// The request conflicts with the current state, e.g. a duplicate name (409).
    Conflict,
    /// The server rejected one or more fields (422); see `field_errors`.
    Validation,
    /// Too many requests (429); see `retry_after`.
    RateLimited,
    /// The server failed (5xx).
    Server,
    /// An attempt or the whole call's deadline ran out (or the server said 408/504).
    Timeout,
    /// The server could not be reached, or the connection broke.
    Connection,
    /// The answer could not be read as the expected shape.
    Decode,
    /// The provider has no such operation; nothing was sent.
    Unsupported,
    /// A bad argument or option from the caller; nothing was sent.
    InvalidArgument,
    /// A webhook delivery failed verification (bad signature, stale timestamp, …).
    WebhookVerification,
}

impl ErrorKind {
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

/// A per-field complaint from a validation error, or the argument an
/// `InvalidArgument` error names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field (or argument) as the server or the caller spelled it.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

/// Raw bodies kept on errors are cut to this many bytes.
pub const MAX_ERROR_BODY: usize = 8 * 1024;

/// Where `text` is cut to at most `max` bytes: the char boundary at or before.
fn cut_at(text: &str, max: usize) -> usize {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The request an error came from: `GET api.example.com/projects/42`.
/// Never the query string or userinfo (they can hold tokens).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Origin {
    pub method: reqwest::Method,
    /// The client's: every request goes to its base URL's origin.
    pub host: std::sync::Arc<str>,
    pub path: String,
}

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
    origin: Option<Origin>,
    attempts: Option<u32>,
    /// Set for "too many redirects" and the like: retrying cannot help.
    final_: bool,
}

/// The one error orgkit returns.
///
/// ```
/// use orgkit::{Error, ErrorKind};
/// let e = Error::invalid_argument("limit", "must be between 1 and 100");
/// assert_eq!(e.kind(), ErrorKind::InvalidArgument);
/// assert_eq!(e.to_string(), "InvalidArgument: limit: must be between 1 and 100");
/// ```
#[derive(Clone)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    details: Box<Details>,
}

/// `Result` with orgkit's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error of `kind` with a message.
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

    pub(crate) fn unsupported(provider: &'static str, operation: &'static str) -> Self {
        let mut e = Error::new(
            ErrorKind::Unsupported,
            format!("{provider} does not support {operation}"),
        );
        e.details.provider = Some(provider);
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

    /// Marks the error as one no retry can fix (a redirect loop, …).
    pub(crate) fn final_(mut self) -> Self {
        self.details.final_ = true;
        self
    }

    pub(crate) fn is_final(&self) -> bool {
        self.details.final_
    }

    /// The provider and operation the error came from (kept if already set).
    pub(crate) fn with_context(mut self, provider: &'static str, operation: &'static str) -> Self {
        self.details.provider.get_or_insert(provider);
        self.details.operation.get_or_insert(operation);
        self
    }

    /// The request the error came from (kept if already set).
    pub(crate) fn with_origin(mut self, origin: Origin) -> Self {
        self.details.origin.get_or_insert(origin);
        self
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.details.attempts = Some(attempts);
        self
    }

    pub(crate) fn with_body(mut self, body: &[u8]) -> Self {
        if !body.is_empty() {
            // A body that failed to decode can be a successful answer full of
            // secrets (a login's token, pm415's password hashes and API keys).
            let redacted = crate::redact::hide_in_body(body, None);
            let body = redacted.as_ref().map_or(body, |b| b.as_bytes());
            // Kept whole until `scrubbed` hides the client's secrets and
            // cuts it: cut first, a secret straddling the cut would leave
            // its head behind, and a JSON body would no longer parse to
            // find the escaped ones.
            self.details.body = Some(String::from_utf8_lossy(body).into_owned());
        }
        self
    }

    /// The error with every secret in `secrets` replaced by `[redacted]`
    /// wherever it could show: message, code, field errors, request id,
    /// body (which is then cut to [`MAX_ERROR_BODY`] bytes).
    pub(crate) fn scrubbed(mut self, secrets: &Secrets) -> Self {
        let scrub = |s: &mut String| {
            if secrets.appears_in(s) {
                *s = secrets.scrub(s);
            }
        };
        scrub(&mut self.message);
        let d = &mut *self.details;
        for s in [&mut d.code, &mut d.request_id].into_iter().flatten() {
            scrub(s);
        }
        if let Some(body) = &mut d.body {
            if let Some(hidden) = crate::redact::hide_in_body(body.as_bytes(), Some(secrets)) {
                *body = hidden;
            }
            body.truncate(cut_at(body, MAX_ERROR_BODY));
        }
        for fe in &mut d.field_errors {
            scrub(&mut fe.field);
            scrub(&mut fe.message);
        }
        if let Some(o) = &mut d.origin {
            scrub(&mut o.path);
        }
        self
    }

    /// What went wrong, coarsely.
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

    /// What the server (or orgkit) said, without the context `Display` adds.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Per-field complaints (validation errors; the argument of an `InvalidArgument`).
    pub fn field_errors(&self) -> &[FieldError] {
        &self.details.field_errors
    }

    /// The server's request id (`x-request-id`, …), to quote to support.
    pub fn request_id(&self) -> Option<&str> {
        self.details.request_id.as_deref()
    }

    /// How long the server asked to wait before trying again.
    pub fn retry_after(&self) -> Option<Duration> {
        self.details.retry_after
    }

    /// The response body (first [`MAX_ERROR_BODY`] bytes, secrets hidden),
    /// for API and decode errors.
    pub fn body(&self) -> Option<&str> {
        let body = self.details.body.as_deref()?;
        Some(&body[..cut_at(body, MAX_ERROR_BODY)])
    }

    /// The provider the error came from (`"pm415"`).
    pub fn provider(&self) -> Option<&'static str> {
        self.details.provider
    }

    /// The unified operation (`"organizations.list"`) the error came from.
    pub fn operation(&self) -> Option<&'static str> {
        self.details.operation
    }

    /// The HTTP method of the request that failed.
    pub fn method(&self) -> Option<&str> {
        self.details.origin.as_ref().map(|o| o.method.as_str())
    }

    /// The host (and port) of the request that failed.
    pub fn host(&self) -> Option<&str> {
        self.details.origin.as_ref().map(|o| &*o.host)
    }

    /// The path of the request that failed, without its query string.
    pub fn path(&self) -> Option<&str> {
        self.details.origin.as_ref().map(|o| o.path.as_str())
    }

    /// How many attempts were made (1 when the first one failed for good).
    pub fn attempts(&self) -> Option<u32> {
        self.details.attempts
    }

    /// Whether trying the same call again may succeed.
    pub fn is_retryable(&self) -> bool {
        if self.details.final_ {
            return false;
        }
        match self.kind {
            ErrorKind::RateLimited | ErrorKind::Connection | ErrorKind::Timeout => true,
            ErrorKind::Server => !matches!(self.details.status, Some(501) | Some(505)),
            _ => false,
        }
    }
}

impl fmt::Display for Error {
    /// `NotFound (404) in projects.get on GET api.example.com/projects/42
    /// after 1 attempt: Project 42 not found [NOT_FOUND]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.details;
        write!(f, "{}", self.kind)?;
        if let Some(status) = d.status {
            write!(f, " ({status})")?;
        }
        if let Some(op) = d.operation {
            write!(f, " in {op}")?;
        }
        if let Some(o) = &d.origin {
            write!(f, " on {} {}{}", o.method, o.host, o.path)?;
        }
        if let Some(n) = d.attempts {
            write!(f, " after {n} attempt{}", if n == 1 { "" } else { "s" })?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(code) = &d.code {
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
            .field("origin", &d.origin)
            .field("attempts", &d.attempts)
            .finish()
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_operation_request_and_attempts() {
        let e = Error::new(ErrorKind::NotFound, "Project 42 not found")
            .with_status(404)
            .with_code(Some("NOT_FOUND".into()))
            .with_context("ourganize", "projects.get")
            .with_origin(Origin {
                method: reqwest::Method::GET,
                host: "api.example.com".into(),
                path: "/projects/42".into(),
            })
            .with_attempts(1);
        assert_eq!(
            e.to_string(),
            "NotFound (404) in projects.get on GET api.example.com/projects/42 after 1 attempt: Project 42 not found [NOT_FOUND]"
        );
        assert_eq!(e.with_attempts(3).attempts(), Some(3));
    }

    #[test]
    fn scrubbing_reaches_every_shown_part() {
        let secrets = Secrets::pinned(["sk_live_42"]);
        let e = Error::new(ErrorKind::Unauthorized, "Invalid API key 'sk_live_42'")
            .with_code(Some("sk_live_42".into()))
            .with_field_errors(vec![FieldError {
                field: "key".into(),
                message: "sk_live_42 is revoked".into(),
            }])
            .with_body(br#"{"message": "bad sk_live_42"}"#)
            .scrubbed(&secrets);
        let shown = format!("{e} {e:?} {:?} {:?}", e.body(), e.field_errors());
        assert!(!shown.contains("sk_live_42"), "{shown}");
        assert_eq!(e.message(), "Invalid API key '[redacted]'");
    }

    #[test]
    fn a_body_is_shown_cut_at_a_char_boundary_before_and_after_scrubbing() {
        // `é` straddles the cap: the cut falls before it instead of through it.
        let long = format!("{}é{}", "a".repeat(MAX_ERROR_BODY - 1), "b".repeat(10));
        let e = Error::new(ErrorKind::Server, "x").with_body(long.as_bytes());
        assert_eq!(e.body(), Some(&long[..MAX_ERROR_BODY - 1]));
        let e = e.scrubbed(&Secrets::pinned(["bbbbbbbbbb"]));
        assert_eq!(e.body(), Some(&long[..MAX_ERROR_BODY - 1]));
    }

    #[test]
    fn every_kind_has_a_name_and_doc() {
        for k in ErrorKind::ALL {
            assert!(!k.as_str().is_empty() && !k.doc().is_empty(), "{k:?}");
        }
        assert_eq!(ErrorKind::ALL.len(), 14);
    }
}
