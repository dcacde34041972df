//! `X-RateLimit-*` headers into a [`RateLimit`].

use reqwest::header::{HeaderMap, HeaderValue};

use crate::models::RateLimit;
use crate::response::first_values;

/// Each number's headers, the preferred one first.
const NAMES: [&str; 6] = [
    "x-ratelimit-limit",
    "ratelimit-limit",
    "x-ratelimit-remaining",
    "ratelimit-remaining",
    "x-ratelimit-reset",
    "ratelimit-reset",
];

/// The first of `values` that reads as a whole number (a fraction is cut;
/// one beyond `u64` is not read, rather than clamped to `u64::MAX`).
fn number(values: &[Option<&HeaderValue>]) -> Option<u64> {
    /// 2^64: the first float `as u64` would saturate.
    const BEYOND_U64: f64 = 18_446_744_073_709_551_616.0;
    values.iter().flatten().find_map(|v| {
        let v = v.to_str().ok()?.trim();
        v.parse::<u64>().ok().or_else(|| {
            v.parse::<f64>()
                .ok()
                .filter(|f| (0.0..BEYOND_U64).contains(f))
                .map(|f| f as u64)
        })
    })
}

/// The rate-limit state a response's headers describe, if any.
pub(crate) fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
    if headers.is_empty() {
        return None;
    }
    let found = first_values(headers, NAMES);
    let limit = number(&found[0..2]);
    let remaining = number(&found[2..4]);
    let reset = number(&found[4..6]).and_then(|r| {
        // Small numbers are "seconds from now" (IETF draft); large ones unix time.
        let secs = if r < 1_000_000_000 {
            chrono::Utc::now().timestamp() + r as i64
        } else {
            // Beyond i64 `as` would wrap to a date before 1970.
            i64::try_from(r).ok()?
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

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &[u8])]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_bytes(v).unwrap());
        }
        h
    }

    #[test]
    fn the_preferred_header_wins_and_an_unreadable_one_falls_back() {
        let rl = from_headers(&headers(&[
            ("ratelimit-limit", b"50"),
            ("x-ratelimit-limit", b"abc"),
            ("ratelimit-remaining", b"3"),
            ("x-ratelimit-remaining", b"7.9"),
            ("x-ratelimit-remaining", b"1"),
            ("content-type", b"application/json"),
        ]))
        .unwrap();
        assert_eq!(rl.limit, Some(50));
        // The x- name first, its first value, a fraction cut.
        assert_eq!(rl.remaining, Some(7));
        assert_eq!(rl.reset, None);
        let rl = from_headers(&headers(&[("ratelimit-reset", b"1900000000")])).unwrap();
        assert_eq!(rl.reset.map(|t| t.timestamp()), Some(1_900_000_000));
        assert_eq!(rl.limit, None);
    }

    #[test]
    fn no_rate_limit_headers_no_rate_limit() {
        assert!(from_headers(&HeaderMap::new()).is_none());
        let h = headers(&[("x-ratelimit-limit", b"-1"), ("date", b"today")]);
        assert!(from_headers(&h).is_none());
    }

    #[test]
    fn a_number_beyond_u64_is_unread_not_clamped() {
        // `as u64` saturates: 1e20 would read as 18446744073709551615.
        for big in [
            &b"1e20"[..],
            b"99999999999999999999",
            b"18446744073709551616.5",
        ] {
            let h = headers(&[("x-ratelimit-limit", big), ("x-ratelimit-remaining", b"4")]);
            assert_eq!(from_headers(&h).unwrap().limit, None, "{big:?}");
        }
        let h = headers(&[("x-ratelimit-limit", b"18446744073709551615")]);
        assert_eq!(from_headers(&h).unwrap().limit, Some(u64::MAX));
        let h = headers(&[("x-ratelimit-reset", b"18446744073709551615")]);
        assert_eq!(from_headers(&h), None, "not 1969-12-31T23:59:59Z");
        let h = headers(&[("x-ratelimit-limit", b"1.8e19")]);
        assert_eq!(
            from_headers(&h).unwrap().limit,
            Some(18_000_000_000_000_000_000)
        );
    }
}
