//! Per-request options: what one call may change of its client's settings.

use std::time::Duration;

use crate::error::{Error, Result};

/// Options for one call; each one given wins over the client's.
///
/// ```
/// use std::time::Duration;
/// let opts = orgkit::RequestOptions::new()
///     .timeout(Duration::from_secs(5))
///     .max_retries(0)
///     .header("x-trace", "abc")
///     .idempotency_key("create-acme-1");
/// assert_eq!(opts.max_retries, Some(0));
/// ```
#[derive(Clone, Default, PartialEq)]
pub struct RequestOptions {
    /// Per attempt.
    pub timeout: Option<Duration>,
    /// For the whole call, every retry and backoff included.
    pub deadline: Option<Duration>,
    /// Attempts after the first one.
    pub max_retries: Option<u32>,
    /// Extra headers (added to, or replacing, the client's).
    pub headers: Vec<(String, String)>,
    /// The `Idempotency-Key` of a POST/PATCH; with one, the call is retried
    /// like a GET (the server is trusted to deduplicate).
    pub idempotency_key: Option<String>,
}

impl std::fmt::Debug for RequestOptions {
    // Hand-written: header values may be credentials.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("max_retries", &self.max_retries)
            .field(
                "headers",
                &self.headers.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .field("idempotency_key", &self.idempotency_key)
            .finish()
    }
}

impl RequestOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }
    /// Per-attempt timeout.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = Some(d);
        self
    }
    /// Deadline for the whole call.
    pub fn deadline(mut self, d: Duration) -> Self {
        self.deadline = Some(d);
        self
    }
    /// Attempts after the first one.
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = Some(n);
        self
    }
    /// One more header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
    /// The `Idempotency-Key` of a POST/PATCH.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The same checks a client's options get: no zero durations.
    pub(crate) fn check(&self) -> Result<()> {
        for (name, d) in [("timeout", self.timeout), ("deadline", self.deadline)] {
            if d == Some(Duration::ZERO) {
                return Err(Error::invalid_argument(name, "must be greater than zero"));
            }
        }
        if self
            .idempotency_key
            .as_deref()
            .is_some_and(|k| k.trim().is_empty())
        {
            return Err(Error::invalid_argument(
                "idempotency_key",
                "must not be empty",
            ));
        }
        Ok(())
    }
}
