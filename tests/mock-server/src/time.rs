//! Timestamps in the one format every provider's docs show (`2023-01-01T00:00:00.000Z`).

use chrono::{DateTime, Duration, TimeZone, Utc};

fn format(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

pub fn now_iso() -> String {
    format(Utc::now())
}

/// `now` plus some seconds, for expiry fields.
pub fn iso_in(seconds: i64) -> String {
    format(Utc::now() + Duration::seconds(seconds))
}

/// Seeded rows get fixed times (2024-01-01 plus `hours`) so that sorting by
/// date is deterministic and tests can assert exact values.
pub fn seed_time(hours: i64) -> String {
    let base = Utc
        .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_else(Utc::now);
    format(base + Duration::hours(hours))
}

pub fn unix_now() -> u64 {
    u64::try_from(Utc::now().timestamp()).unwrap_or(0)
}

pub fn unix_now_ms() -> u64 {
    u64::try_from(Utc::now().timestamp_millis()).unwrap_or(0)
}
