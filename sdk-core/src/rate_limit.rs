//! `X-RateLimit-*` headers into a [`RateLimit`].

use reqwest::header::HeaderMap;

use crate::models::RateLimit;

fn number(headers: &HeaderMap, names: &[&str]) -> Option<u64> {
    names.iter().find_map(|n| {
        let v = headers.get(*n)?.to_str().ok()?.trim();
        v.parse::<u64>().ok().or_else(|| {
            v.parse::<f64>()
                .ok()
                .filter(|f| f.is_finite() && *f >= 0.0)
                .map(|f| f as u64)
        })
    })
}

/// The rate-limit state a response's headers describe, if any.
pub(crate) fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
    let limit = number(headers, &["x-ratelimit-limit", "ratelimit-limit"]);
    let remaining = number(headers, &["x-ratelimit-remaining", "ratelimit-remaining"]);
    let reset = number(headers, &["x-ratelimit-reset", "ratelimit-reset"]).and_then(|r| {
        // Small numbers are "seconds from now" (IETF draft); large ones unix time.
        let secs = if r < 1_000_000_000 {
            chrono::Utc::now().timestamp() + r as i64
        } else {
            r as i64
        };
        chrono::DateTime::from_timestamp(secs, 0)
    });
    if limit.is_none() && remaining.is_none() && reset.is_none() {
        return None;
    }
    Some(RateLimit {
        limit,
        remaining,
        reset,
    })
}
