//! When to try again and how long to wait first.

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::Method;

use crate::config::RetryPolicy;

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
    floor + ceiling.saturating_sub(floor).mul_f64(fastrand::f64())
}

/// `Retry-After` as seconds (integer or decimal) or an HTTP date; absurd
/// values (negative, NaN, garbage) read as absent.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let raw = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    parse_retry_after(raw, chrono::Utc::now())
}

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
