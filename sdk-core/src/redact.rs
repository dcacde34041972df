//! Which JSON keys hold secrets, and bodies with their values replaced.
//! Models drop these keys while decoding; error bodies and webhook payloads
//! shown in `Debug` have their values replaced by `[redacted]`.

use serde_json::Value;

use crate::names::{normalize, same};
use crate::secret::REDACTED;

/// Keys whose values are credentials or password hashes: never kept in a model.
const SECRET_KEYS: &[&str] = &[
    "password",
    "passwordhash",
    "apikey",
    "accesstoken",
    "refreshtoken",
    "secret",
];

/// Whether a model drops this key (a password hash, an API key, …).
pub(crate) fn is_secret_key(key: &str) -> bool {
    SECRET_KEYS.iter().any(|s| same(key, s))
}

/// Whether a value shown in a body must be hidden: the model secrets plus
/// any token and invite link.
fn is_shown_secret(key: &str) -> bool {
    let norm = normalize(key);
    is_secret_key(key)
        || norm.ends_with("token")
        || matches!(norm.as_str(), "jwt" | "confirmurl" | "invitelink")
}

/// Replaces the values of secret keys anywhere in `v`; says whether
/// anything was replaced.
pub(crate) fn redact_json(v: &mut Value) -> bool {
    let mut changed = false;
    match v {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if is_shown_secret(k) && !v.is_null() {
                    *v = Value::String(REDACTED.into());
                    changed = true;
                } else {
                    changed |= redact_json(v);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                changed |= redact_json(item);
            }
        }
        _ => {}
    }
    changed
}

/// The JSON body with the values of secret keys replaced, or `None` when
/// it is not JSON or holds no secret key (then it is kept byte for byte).
pub(crate) fn redact_body(body: &[u8]) -> Option<Vec<u8>> {
    let mut value: Value = serde_json::from_slice(body).ok()?;
    redact_json(&mut value).then(|| serde_json::to_vec(&value).ok())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hides_secret_keys_at_any_depth() {
        let mut v = serde_json::json!({
            "user": {"email": "a@b.c", "password": "x", "apiKey": "k"},
            "token": "t", "items": [{"confirmUrl": "u", "name": "n"}], "jwt": null
        });
        assert!(redact_json(&mut v));
        assert_eq!(
            v,
            serde_json::json!({
                "user": {"email": "a@b.c", "password": REDACTED, "apiKey": REDACTED},
                "token": REDACTED, "items": [{"confirmUrl": REDACTED, "name": "n"}], "jwt": null
            })
        );
        assert_eq!(redact_body(b"{\"a\":1}"), None);
        assert_eq!(redact_body(b"<html>"), None);
    }
}
