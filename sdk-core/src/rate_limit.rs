//! `X-RateLimit-*` headers into a [`RateLimit`].

use reqwest::header::{HeaderMap, HeaderName};

use crate::models::RateLimit;

// Named once: a header name given as text is parsed on every lookup.
const LIMIT: [HeaderName; 2] = [
    HeaderName::from_static("x-ratelimit-limit"),
    HeaderName::from_static("ratelimit-limit"),
];
const REMAINING: [HeaderName; 2] = [
    HeaderName::from_static("x-ratelimit-remaining"),
    HeaderName::from_static("ratelimit-remaining"),
];
const RESET: [HeaderName; 2] = [
    HeaderName::from_static("x-ratelimit-reset"),
    HeaderName::from_static("ratelimit-reset"),
];

fn number(headers: &HeaderMap, names: &[HeaderName]) -> Option<u64> {
    if headers.is_empty() {
        return None;
    }
    names.iter().find_map(|n| {
        let v = headers.get(n)?.to_str().ok()?.trim();
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
    let limit = number(headers, &LIMIT);
    let remaining = number(headers, &REMAINING);
    let reset = number(headers, &RESET).and_then(|r| {
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
