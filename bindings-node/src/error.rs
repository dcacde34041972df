//! SDK errors as JS errors. Custom JS classes cannot come out of an async
//! napi function, so the native side rejects with a plain `Error` whose
//! `code` is the error kind and whose `orgkit` property holds every detail;
//! `errors.js` turns that into the right class (by kind, never by message).
//! Every SDK error already has the client's secrets scrubbed out of it.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use orgkit::Error as SdkError;

/// The kind reported when a call was cancelled through its `AbortSignal`.
pub const ABORTED: &str = "Aborted";

/// Why a native call failed.
pub enum Failure {
    Sdk(SdkError),
    Aborted,
}

impl From<SdkError> for Failure {
    fn from(e: SdkError) -> Self {
        Failure::Sdk(e)
    }
}

/// One complaint about one field of a request.
#[napi(object)]
pub struct FieldErrorInfo {
    pub field: String,
    pub message: String,
}

/// Everything the JS layer needs to build the error class.
#[napi(object)]
pub struct ErrorInfo {
    /// `NotFound`, `RateLimited`, …, or `Aborted`.
    pub kind: String,
    /// The SDK's `Display`: kind, status, operation, request and attempts, then the message.
    pub message: String,
    pub status: Option<u32>,
    /// The provider's own error code.
    pub code: Option<String>,
    pub request_id: Option<String>,
    /// Milliseconds.
    pub retry_after: Option<f64>,
    pub field_errors: Vec<FieldErrorInfo>,
    pub provider: Option<String>,
    pub operation: Option<String>,
    pub method: Option<String>,
    pub host: Option<String>,
    pub path: Option<String>,
    pub attempts: Option<u32>,
    /// The response body (capped), for API and decode errors.
    pub body: Option<String>,
    pub retryable: bool,
}

fn text(v: Option<&str>) -> Option<String> {
    v.map(str::to_string)
}

impl ErrorInfo {
    fn from_sdk(e: &SdkError) -> Self {
        ErrorInfo {
            kind: e.kind().as_str().to_string(),
            message: e.to_string(),
            status: e.status().map(u32::from),
            code: text(e.code()),
            request_id: text(e.request_id()),
            retry_after: e.retry_after().map(|d| d.as_secs_f64() * 1000.0),
            field_errors: e
                .field_errors()
                .iter()
                .map(|f| FieldErrorInfo {
                    field: f.field.clone(),
                    message: f.message.clone(),
                })
                .collect(),
            provider: text(e.provider()),
            operation: text(e.operation()),
            method: text(e.method()),
            host: text(e.host()),
            path: text(e.path()),
            attempts: e.attempts(),
            body: text(e.body()),
            retryable: e.is_retryable(),
        }
    }

    fn aborted() -> Self {
        ErrorInfo {
            kind: ABORTED.to_string(),
            message: "the operation was aborted".to_string(),
            status: None,
            code: None,
            request_id: None,
            retry_after: None,
            field_errors: Vec::new(),
            provider: None,
            operation: None,
            method: None,
            host: None,
            path: None,
            attempts: None,
            body: None,
            retryable: false,
        }
    }
}

/// A JS `Error` with `code` = kind and `orgkit` = [`ErrorInfo`], as a
/// `napi::Error` that throws/rejects with exactly that object.
pub fn to_js(env: &Env, failure: Failure) -> napi::Error {
    let info = match &failure {
        Failure::Sdk(e) => ErrorInfo::from_sdk(e),
        Failure::Aborted => ErrorInfo::aborted(),
    };
    let built = (|| -> Result<napi::Error> {
        let mut obj = env.create_error(napi::Error::new(Status::GenericFailure, &info.message))?;
        obj.set("code", info.kind.as_str())?;
        obj.set("orgkit", info)?;
        Ok(napi::Error::from(obj.to_unknown()))
    })();
    built.unwrap_or_else(|e| e)
}

/// An InvalidArgument error naming the option or argument at fault.
pub fn invalid(field: &str, message: impl std::fmt::Display) -> SdkError {
    SdkError::invalid_argument(field, message.to_string())
}

/// A JSON encoding failure (a bug, not the caller's fault) as an SDK error.
pub fn encoding(e: serde_json::Error) -> SdkError {
    SdkError::new(
        orgkit::ErrorKind::Decode,
        format!("internal: cannot encode the result as JSON: {e}"),
    )
}
