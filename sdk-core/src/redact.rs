//! Which JSON keys hold secrets, and bodies with their values replaced.
//! Models drop these keys while decoding; error bodies and webhook payloads
//! shown in `Debug` have their values replaced by `[redacted]`.

use serde_json::Value;

use crate::models::decode::Val;
use crate::names::{normalize, same};
use crate::secret::{Secrets, REDACTED};

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

/// The body with the value of every secret-named key replaced and, given
/// the client's `secrets`, every secret it knows; `None` when nothing was
/// (then the body is kept byte for byte).
///
/// A JSON body is rewritten from its exact parse, so every other number
/// keeps its text; its strings and keys are searched after their escapes
/// are read (a server may write `/` as `\/`, any character as `\uXXXX`).
/// Text that is not JSON (cut short, broken) is scanned as JSON text, since
/// a cut login answer still carries its token, and searched for each
/// secret's literal, URL- and JSON-escaped forms.
pub(crate) fn hide_in_body(body: &[u8], secrets: Option<&Secrets>) -> Option<String> {
    match crate::models::json::parse(body) {
        Ok(mut value) => hide_in_val(&mut value, secrets).then(|| {
            let mut text = String::with_capacity(body.len());
            crate::models::json::write(&value, &mut text);
            text
        }),
        Err(_) => {
            let text = String::from_utf8_lossy(body);
            let redacted = redact_text(&text);
            let text = redacted.as_deref().unwrap_or(&text);
            match secrets.filter(|known| known.appears_in(text)) {
                Some(known) => Some(known.scrub(text)),
                None => redacted,
            }
        }
    }
}

/// [`redact_json`] on a parsed body, and every string and key in it
/// scrubbed of `secrets`; says whether anything was replaced.
fn hide_in_val(v: &mut Val<'_>, secrets: Option<&Secrets>) -> bool {
    let scrub = |s: &mut std::borrow::Cow<'_, str>| match secrets {
        Some(known) if known.appears_in(s) => {
            *s = known.scrub(s).into();
            true
        }
        _ => false,
    };
    match v {
        Val::Str(s) => scrub(s),
        Val::Obj(entries) => entries.iter_mut().fold(false, |changed, (k, v)| {
            let hidden = if is_shown_secret(k) && !v.is_null() {
                *v = Val::Str(REDACTED.into());
                true
            } else {
                hide_in_val(v, secrets)
            };
            scrub(k) | hidden | changed
        }),
        Val::Arr(items) => items
            .iter_mut()
            .fold(false, |changed, item| hide_in_val(item, secrets) | changed),
        _ => false,
    }
}

/// `text` read as far as it goes as JSON: the value after each secret key
/// (a `"key":` pair) becomes `"[redacted]"`, up to where that value ends or,
/// when the text stops inside it, to the end.
fn redact_text(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let (mut out, mut copied, mut i) = (String::new(), 0, 0);
    while i < b.len() {
        if b[i] != b'"' {
            i += 1;
            continue;
        }
        let end = string_end(b, i);
        let colon = skip_space(b, end);
        let is_key = end < b.len() && b.get(colon) == Some(&b':');
        let secret = is_key
            && serde_json::from_str::<String>(&text[i..end]).is_ok_and(|k| is_shown_secret(&k));
        if !secret {
            i = end;
            continue;
        }
        let start = skip_space(b, colon + 1);
        let stop = value_end(b, start);
        if !text[start..stop].starts_with("null") || stop == b.len() {
            out.push_str(&text[copied..start]);
            out.push('"');
            out.push_str(REDACTED);
            out.push('"');
            copied = stop;
        }
        i = stop.max(start + 1);
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&text[copied.min(text.len())..]);
    Some(out)
}

/// Just past the string that opens at `at` (a `"`), or the end of the text.
fn string_end(b: &[u8], at: usize) -> usize {
    let mut k = at + 1;
    while k < b.len() {
        match b[k] {
            b'\\' => k += 2,
            b'"' => return k + 1,
            _ => k += 1,
        }
    }
    b.len()
}

fn skip_space(b: &[u8], mut at: usize) -> usize {
    while at < b.len() && b[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

/// Just past the value that starts at `at`: a string, an object or array
/// (brackets counted outside strings), else a scalar up to `,` `}` `]` or
/// space; the end of the text when it stops first.
fn value_end(b: &[u8], at: usize) -> usize {
    match b.get(at) {
        None => b.len(),
        Some(b'"') => string_end(b, at),
        Some(b'{' | b'[') => {
            let (mut depth, mut k) = (0usize, at);
            while k < b.len() {
                match b[k] {
                    b'"' => {
                        k = string_end(b, k);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return k + 1;
                        }
                    }
                    _ => {}
                }
                k += 1;
            }
            b.len()
        }
        Some(_) => (at..b.len())
            .find(|&k| matches!(b[k], b',' | b'}' | b']') || b[k].is_ascii_whitespace())
            .unwrap_or(b.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redact_body(body: &[u8]) -> Option<String> {
        hide_in_body(body, None)
    }

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
        let known = Secrets::pinned(["sk_live_42/x"]);
        assert_eq!(
            hide_in_body(
                br#"{"m":"k sk_live_42\/x","token":"t","n":1.50}"#,
                Some(&known)
            )
            .unwrap(),
            r#"{"m":"k [redacted]","token":"[redacted]","n":1.50}"#
        );
        assert_eq!(
            hide_in_body(br#"{"m":"k sk_live_42\/x","token":"t"#, Some(&known)).unwrap(),
            r#"{"m":"k [redacted]","token":"[redacted]""#
        );
        // The rest of a redacted body is as sent: numbers, repeated keys, order.
        let body = br#"{"z":18446744073709551617,"token":"t","a":1.50,"token":"u","e":1e400}"#;
        assert_eq!(
            redact_body(body).unwrap(),
            r#"{"z":18446744073709551617,"token":"[redacted]","a":1.50,"token":"[redacted]","e":1e400}"#
        );
    }

    #[test]
    fn text_that_is_not_json_loses_its_secret_values_too() {
        let redacted = |t: &str| redact_body(t.as_bytes());
        for (cut, kept) in [
            (
                r#"{"token": "abc", "user": {"id": 1, "#,
                r#"{"token": "[redacted]", "user": {"id": 1, "#,
            ),
            (
                r#"{"ok":1,"accessToken":"ab\"c"#,
                r#"{"ok":1,"accessToken":"[redacted]""#,
            ),
            (
                r#"{"apiKey" : 12345, "x": "#,
                r#"{"apiKey" : "[redacted]", "x": "#,
            ),
            (
                r#"{"secret": {"a": "}", "b": [1]}, "n": "#,
                r#"{"secret": "[redacted]", "n": "#,
            ),
            (r#"{"secret": ["a", {"#, r#"{"secret": "[redacted]""#),
            (
                r#"{"jwt": null, "password":"#,
                r#"{"jwt": null, "password":"[redacted]""#,
            ),
            (r#"[{"name": "token", "x": "#, ""),
            (r#"{"é": "token", "résumé": "#, ""),
        ] {
            let got = redacted(cut);
            if kept.is_empty() {
                assert_eq!(got, None, "{cut}");
            } else {
                assert_eq!(got.as_deref(), Some(kept), "{cut}");
            }
        }
        // Never a panic, whatever the text stops on.
        let text = r#"{"token": "x\", "a": [{"secret": "y"}], "é": "\u00e9", "apiKey": 1"#;
        for end in 0..=text.len() {
            if let Some(cut) = text.get(..end) {
                let _ = redacted(cut);
            }
        }
        for end in 0..=text.len() {
            let _ = redact_body(&text.as_bytes()[..end]);
        }
        // Wherever a login answer is cut, no piece of its token is left.
        let login = r#"{"success":true,"data":{"accessToken":"eyJhbGciOi.sig","user":{"id":1}}}"#;
        let from = login.find("eyJ").unwrap();
        for end in from + 1..=login.len() {
            let shown = redacted(&login[..end]).unwrap_or_default();
            assert!(!shown.contains("eyJ"), "{shown}");
            assert!(shown.starts_with(r#"{"success":true,"data":{"accessToken":"[redacted]""#));
        }
    }
}
