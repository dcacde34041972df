//! `{{http_date:+Ns}}` placeholders in fault JSON, expanded just before the
//! faults are queued (README.md, "Placeholders").

use orgkit::chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::Value;

/// A copy of `value` with every placeholder string replaced.
pub fn expand(value: &Value, now: DateTime<Utc>) -> Result<Value, String> {
    Ok(match value {
        Value::String(s) => Value::String(expand_str(s, now)?),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| expand(v, now))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| Ok((k.clone(), expand(v, now)?)))
                .collect::<Result<_, String>>()?,
        ),
        other => other.clone(),
    })
}

fn expand_str(s: &str, now: DateTime<Utc>) -> Result<String, String> {
    let Some(inner) = s.strip_prefix("{{").and_then(|r| r.strip_suffix("}}")) else {
        return Ok(s.to_string());
    };
    let Some(offset) = inner.strip_prefix("http_date:") else {
        return Err(format!("unknown placeholder {s:?}"));
    };
    let secs: i64 = offset
        .strip_suffix('s')
        .and_then(|n| n.strip_prefix('+').unwrap_or(n).parse().ok())
        .ok_or_else(|| format!("bad offset in placeholder {s:?}"))?;
    Ok(http_date(now, secs))
}

/// The IMF-fixdate of `now` rounded up to a whole second, plus `secs`, so a
/// positive offset is never cut short by the format's whole seconds.
pub fn http_date(now: DateTime<Utc>, secs: i64) -> String {
    let whole = now.timestamp() + i64::from(now.timestamp_subsec_nanos() > 0);
    let at = Utc
        .timestamp_opt(whole, 0)
        .single()
        .unwrap_or(now)
        .checked_add_signed(Duration::seconds(secs))
        .unwrap_or(now);
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn expands_http_dates() {
        let now = DateTime::parse_from_rfc3339("2026-01-01T00:00:00.250Z")
            .unwrap()
            .with_timezone(&Utc);
        let v = expand(
            &json!({"h": {"Retry-After": "{{http_date:+1s}}"}, "x": "{{http_date:-5s}}", "n": 3}),
            now,
        )
        .unwrap();
        assert_eq!(v["h"]["Retry-After"], "Thu, 01 Jan 2026 00:00:02 GMT");
        assert_eq!(v["x"], "Wed, 31 Dec 2025 23:59:56 GMT");
        assert_eq!(v["n"], 3);
        assert!(expand(&json!("{{nope}}"), now).is_err());
    }
}
