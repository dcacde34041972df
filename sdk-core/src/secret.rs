//! Credential values, and the set of every secret a client has held, which
//! is scrubbed out of anything it shows (errors, kept bodies, logs).

use std::fmt;
use std::sync::RwLock;

/// A credential value: kept out of `Debug`, `Display` and error messages.
///
/// ```
/// let key = orgkit::Secret::new("sk_live_123");
/// assert_eq!(format!("{key:?}"), "[redacted]");
/// assert_eq!(key.expose(), "sk_live_123");
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret text itself; the only way to read it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret::new(s)
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret(s)
    }
}

impl From<&String> for Secret {
    fn from(s: &String) -> Self {
        Secret(s.clone())
    }
}

/// What a scrubbed secret is replaced by.
pub const REDACTED: &str = "[redacted]";

/// Secrets shorter than this are not scrubbed from text: replacing every
/// `"abc"` in a message would mangle ordinary words and numbers. Such a
/// credential is still never printed by orgkit itself.
pub const MIN_SCRUBBED_LEN: usize = 4;

/// How many secrets a client remembers besides its pinned credentials;
/// past this the oldest learned one is forgotten.
const MAX_LEARNED: usize = 256;

/// Every secret value a client has held: its credentials (pinned), and the
/// passwords, tokens and invite tokens it has sent or received since.
#[derive(Default)]
pub struct Secrets {
    inner: RwLock<Known>,
}

#[derive(Default)]
struct Known {
    pinned: Vec<String>,
    learned: std::collections::VecDeque<String>,
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known = self.inner.read().unwrap_or_else(|p| p.into_inner());
        write!(
            f,
            "Secrets({} pinned, {} learned)",
            known.pinned.len(),
            known.learned.len()
        )
    }
}

/// The forms a value may appear in: as is, URL-encoded (a token in a
/// query string or a confirm link), and inside a JSON string as common
/// writers escape it (serde and JS; PHP's `\/`; Python's `\u00e9`), for
/// text that is not JSON to unescape, such as a body cut short.
fn forms(value: &str) -> impl Iterator<Item = String> {
    let encoded: String = url::form_urlencoded::byte_serialize(value.as_bytes()).collect();
    let percent = encoded.replace('+', "%20");
    let json = json_escaped(value);
    let ascii = ascii_escaped(&json);
    let mut out = vec![value.to_string()];
    for f in [
        encoded,
        percent,
        json.replace('/', "\\/"),
        ascii.replace('/', "\\/"),
        json,
        ascii,
    ] {
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out.into_iter()
}

/// `value` as it stands between the quotes of a JSON string.
fn json_escaped(value: &str) -> String {
    let quoted = serde_json::to_string(value).unwrap_or_default();
    let inner = quoted.strip_prefix('"').and_then(|q| q.strip_suffix('"'));
    inner.unwrap_or(value).to_string()
}

/// Escaped JSON text with every non-ASCII character as `\uXXXX` (UTF-16,
/// lowercase hex, as Python's `json.dumps` writes it).
fn ascii_escaped(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

impl Secrets {
    /// A set holding these credentials for the client's whole life.
    pub fn pinned<'a>(values: impl IntoIterator<Item = &'a str>) -> Self {
        let s = Secrets::default();
        {
            let mut known = s.inner.write().unwrap_or_else(|p| p.into_inner());
            for v in values {
                if v.len() >= MIN_SCRUBBED_LEN {
                    for f in forms(v) {
                        if !known.pinned.contains(&f) {
                            known.pinned.push(f);
                        }
                    }
                }
            }
        }
        s
    }

    /// Remembers one more secret (a password sent, a token received).
    pub fn learn(&self, value: &str) {
        if value.len() < MIN_SCRUBBED_LEN {
            return;
        }
        let mut known = self.inner.write().unwrap_or_else(|p| p.into_inner());
        for f in forms(value) {
            if known.pinned.contains(&f) || known.learned.contains(&f) {
                continue;
            }
            if known.learned.len() >= MAX_LEARNED {
                known.learned.pop_front();
            }
            known.learned.push_back(f);
        }
    }

    /// `text` with every known secret replaced by `[redacted]`.
    pub fn scrub(&self, text: &str) -> String {
        let known = self.inner.read().unwrap_or_else(|p| p.into_inner());
        let mut out = text.to_string();
        // Longest first, so a secret containing another is replaced whole.
        let mut all: Vec<&String> = known.pinned.iter().chain(known.learned.iter()).collect();
        all.sort_by_key(|s| std::cmp::Reverse(s.len()));
        for secret in all {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), REDACTED);
            }
        }
        out
    }

    /// Whether any known secret appears in `text`.
    pub fn appears_in(&self, text: &str) -> bool {
        let known = self.inner.read().unwrap_or_else(|p| p.into_inner());
        known
            .pinned
            .iter()
            .chain(known.learned.iter())
            .any(|s| text.contains(s.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_exact_and_url_encoded_values_but_not_short_ones() {
        let s = Secrets::pinned(["sk_live_abc/+=", "abc"]);
        s.learn("hunter2!");
        let text = "key sk_live_abc/+= or sk_live_abc%2F%2B%3D, pw hunter2! hunter2%21, abc stays";
        assert_eq!(
            s.scrub(text),
            "key [redacted] or [redacted], pw [redacted] [redacted], abc stays"
        );
        assert!(!s.appears_in(&s.scrub(text)));
    }

    #[test]
    fn scrubs_the_forms_json_writers_escape_a_value_to() {
        let s = Secrets::pinned([r#"pässwörd/"q"\😀"#]);
        let text = [
            r#"pässwörd/\"q\"\\😀"#,                      // serde, JS
            r#"pässwörd\/\"q\"\\😀"#,                     // PHP
            r#"p\u00e4ssw\u00f6rd/\"q\"\\\ud83d\ude00"#,  // Python
            r#"p\u00e4ssw\u00f6rd\/\"q\"\\\ud83d\ude00"#, // PHP, ASCII only
        ]
        .join(" ");
        assert_eq!(s.scrub(&text), ["[redacted]"; 4].join(" "));
    }

    #[test]
    fn learned_secrets_are_bounded_but_pinned_ones_stay() {
        let s = Secrets::pinned(["pinned-credential"]);
        for i in 0..(MAX_LEARNED + 10) {
            s.learn(&format!("learned-{i:04}"));
        }
        assert_eq!(s.scrub("pinned-credential"), REDACTED);
        assert_eq!(s.scrub("learned-0000"), "learned-0000");
        let last = format!("learned-{:04}", MAX_LEARNED + 9);
        assert_eq!(s.scrub(&last), REDACTED);
    }
}
