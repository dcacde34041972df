//! When to try again and how long to wait first, and the loop that does
//! it: attempts over an [`Http`] layer, backoff with full jitter,
//! `Retry-After`, and the call's deadline.

use std::future::Future;
use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::Method;
use tokio::time::Instant;

use crate::config::RetryPolicy;
use crate::error::{Error, ErrorKind};
use crate::http::{Http, HttpRequest, HttpResponse};

/// Why an attempt is being retried, and after how long (for logs).
#[derive(Clone, Debug)]
pub(crate) struct Retrying<'a> {
    /// The attempt that failed (1-based).
    pub attempt: u32,
    /// Why it failed.
    pub error: &'a Error,
    /// How long until the next attempt.
    pub wait: Duration,
}

/// What one finished attempt was, for logs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Attempted {
    /// 1-based.
    pub attempt: u32,
    /// The status, when a server answered.
    pub status: Option<u16>,
    /// How long the attempt took; timed only when [`Observer::timed`].
    pub took: Option<Duration>,
}

/// What the loop reports as it goes (the exec layer logs it).
pub(crate) trait Observer {
    /// Whether attempts are worth timing (someone logs them): reading the
    /// clock twice per attempt is otherwise spent for nothing.
    fn timed(&self) -> bool;
    fn attempted(&self, a: Attempted);
    fn retrying(&self, r: Retrying<'_>);
}

/// Sends `first`, then what `again` makes for each further attempt, until
/// one succeeds, fails for good, runs out of retries or the deadline
/// leaves no room. `again` makes the same request afresh (same URL, body
/// and idempotency key): cheaper than keeping a copy of every request for
/// the few that are retried. A non-2xx answer becomes an error through
/// `classify` (the one place errors are read); the count of attempts
/// comes back either way.
///
/// An async block, not an async fn: an async fn's future keeps each of its
/// arguments twice (rust-lang/rust#62958), and this one is inside every
/// call's future.
#[allow(clippy::too_many_arguments)]
pub(crate) fn send<'a>(
    http: &'a dyn Http,
    first: HttpRequest,
    again: &'a (dyn Fn() -> Result<HttpRequest, Error> + Sync),
    policy: &'a RetryPolicy,
    idempotent: bool,
    deadline: Option<Instant>,
    classify: &'a (dyn Fn(&HttpResponse) -> Error + Sync),
    observer: &'a (dyn Observer + Sync),
) -> impl Future<Output = Result<(HttpResponse, u32), (Error, u32)>> + Send + 'a {
    let mut next = Some(first);
    async move {
        let mut attempt: u32 = 0;
        loop {
            let request = match next.take() {
                Some(request) => request,
                None => again().map_err(|e| (e, attempt))?,
            };
            attempt += 1;
            let started = observer.timed().then(Instant::now);
            let result = http.send(request).await;
            let took = started.map(|s| s.elapsed());
            let (error, worth_retrying) = match result {
                Ok(response) => {
                    observer.attempted(Attempted {
                        attempt,
                        status: Some(response.status),
                        took,
                    });
                    if (200..300).contains(&response.status) {
                        return Ok((response, attempt));
                    }
                    let retry = retryable_status(response.status) && idempotent;
                    (classify(&response), retry)
                }
                Err(failure) => {
                    observer.attempted(Attempted {
                        attempt,
                        status: failure.error.status(),
                        took,
                    });
                    let e = failure.error;
                    let retry = !e.is_final()
                        && e.status().is_none()
                        && matches!(e.kind(), ErrorKind::Connection | ErrorKind::Timeout)
                        && (idempotent || !failure.reached_server);
                    (e, retry)
                }
            };
            if !worth_retrying || attempt > policy.max_retries {
                return Err((error, attempt));
            }
            let wait = match error.retry_after() {
                Some(after) if after > policy.max_retry_after => return Err((error, attempt)),
                Some(after) => after,
                None => backoff(policy, attempt - 1),
            };
            let done_by = Instant::now().checked_add(wait);
            if deadline.is_some_and(|d| done_by.map_or(true, |t| t >= d)) {
                // A server-given Retry-After says when to come back: keep it.
                // Otherwise the deadline is what ended the call.
                if error.retry_after().is_some() {
                    return Err((error, attempt));
                }
                return Err((deadline_stopped(error, attempt), attempt));
            }
            observer.retrying(Retrying {
                attempt,
                error: &error,
                wait,
            });
            // Boxed: a timer is large, and only a retried request needs one.
            Box::pin(tokio::time::sleep(wait)).await;
        }
    }
}

/// The deadline leaves no time for another attempt: a Timeout that still
/// tells what the last attempt got (status, request id, message).
fn deadline_stopped(last: Error, attempts: u32) -> Error {
    let mut e = Error::new(
        ErrorKind::Timeout,
        format!("deadline reached after {attempts} attempt(s); last error: {last}"),
    )
    .with_code(last.code().map(str::to_string))
    .with_request_id(last.request_id().map(str::to_string));
    if let Some(status) = last.status() {
        e = e.with_status(status);
    }
    if let Some(body) = last.body() {
        e = e.with_body(body.as_bytes());
    }
    e
}

/// The whole call ran past its deadline.
pub(crate) fn deadline_exceeded(after: Duration) -> Error {
    Error::new(
        ErrorKind::Timeout,
        format!("deadline of {:.3}s exceeded", after.as_secs_f64()),
    )
}

/// Whether a response status is worth another attempt.
pub(crate) fn retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
        || (status > 504 && status < 600 && status != 505)
}

/// GET/PUT/DELETE/HEAD/OPTIONS repeat harmlessly; POST/PATCH only with an
/// idempotency key.
pub(crate) fn idempotent(method: &Method, has_key: bool) -> bool {
    has_key || !matches!(*method, Method::POST | Method::PATCH)
}

/// Exponential backoff with full jitter: uniform in `[0, min(max, initial·2^n)]`,
/// but never below a quarter of that ceiling so retries are not instant.
pub(crate) fn backoff(policy: &RetryPolicy, attempt: u32) -> Duration {
    let ceiling = policy
        .initial_backoff
        .saturating_mul(1u32.checked_shl(attempt.min(16)).unwrap_or(u32::MAX))
        .min(policy.max_backoff);
    let floor = ceiling / 4;
    // Saturating: near Duration::MAX the float product can round up past it.
    floor.saturating_add(ceiling.saturating_sub(floor).mul_f64(fastrand::f64()))
}

/// `Retry-After` as seconds (integer or decimal) or an HTTP date; absurd
/// values (negative, NaN, garbage) read as absent.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let raw = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    parse_retry_after(raw, chrono::Utc::now())
}

/// Reads a `Retry-After` value (seconds, or an HTTP date relative to `now`).
///
/// ```
/// use std::time::Duration;
/// let now = chrono::Utc::now();
/// assert_eq!(orgkit::parse_retry_after("2", now), Some(Duration::from_secs(2)));
/// assert_eq!(orgkit::parse_retry_after("soon", now), None);
/// ```
pub fn parse_retry_after(raw: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    if let Ok(secs) = raw.parse::<f64>() {
        return (0.0..1e9)
            .contains(&secs)
            .then(|| Duration::from_secs_f64(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(raw).ok()?;
    let wait = when.with_timezone(&chrono::Utc) - now;
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_dates_and_rejects_nonsense() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("1.5", now),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            parse_retry_after("Thu, 01 Jan 2026 00:00:07 GMT", now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            parse_retry_after("Wed, 31 Dec 2025 23:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        for bad in ["-1", "nan", "inf", "soon", "", "1e30"] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::default();
        for attempt in 0..40 {
            let d = backoff(&p, attempt);
            assert!(d <= p.max_backoff, "{attempt}: {d:?}");
        }
        let first = backoff(&p, 0);
        assert!(first >= p.initial_backoff / 4 && first <= p.initial_backoff);
    }

    #[test]
    fn only_safe_methods_retry_without_a_key() {
        assert!(idempotent(&Method::GET, false));
        assert!(idempotent(&Method::PUT, false));
        assert!(idempotent(&Method::DELETE, false));
        assert!(!idempotent(&Method::POST, false));
        assert!(!idempotent(&Method::PATCH, false));
        assert!(idempotent(&Method::POST, true));
        assert!(retryable_status(503) && retryable_status(429) && retryable_status(408));
        assert!(!retryable_status(501) && !retryable_status(404) && !retryable_status(400));
    }
}
