//! Identifiers: providers use integers or strings, and an id must go back
//! out exactly as it came in — the same digits, and a number when it was one.

use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;

use super::decode::{Num, Val};

/// An integer or string identifier.
///
/// ```
/// use orgkit::Id;
/// assert_eq!(Id::from(42).to_string(), "42");
/// assert_eq!(Id::from("org_7"), Id::Str("org_7".into()));
/// // An integer too big for 64 bits keeps every digit, and stays a number.
/// let big: Id = "18446744073709551617".parse::<Id>().unwrap();
/// assert_eq!(serde_json::to_string(&big).unwrap(), "18446744073709551617");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Id {
    /// A JSON number that fits an `i64`.
    Int(i64),
    /// A JSON string.
    Str(String),
    /// A JSON integer outside the `i64` range, as its exact decimal digits
    /// (an optional `-` and digits only).
    BigInt(String),
}

/// Whether `s` is a JSON integer literal: an optional `-`, then digits
/// without a leading zero (or a lone `0`).
fn is_integer_literal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
}

impl Id {
    /// The id as a JSON value for a request body: numeric ids go out as
    /// numbers even when the caller gave them as strings. An integer beyond
    /// 64 bits is marked so that [`body_bytes`] writes it as that number.
    pub fn to_body_json(&self) -> Value {
        let digits = match self {
            Id::Int(n) => return (*n).into(),
            Id::Str(s) if !is_integer_literal(s) => return s.clone().into(),
            Id::Str(s) | Id::BigInt(s) => s,
        };
        if let Ok(n) = digits.parse::<i64>() {
            return n.into();
        }
        if let Ok(n) = digits.parse::<u64>() {
            return n.into();
        }
        Value::String(format!("{}{digits}", marker()))
    }

    /// The id of a JSON number; `None` for a number that is not an integer.
    pub(crate) fn from_number(n: &Num<'_>) -> Option<Id> {
        if let Some(i) = n.as_i64() {
            return Some(Id::Int(i));
        }
        let text = n.text();
        is_integer_literal(text).then(|| Id::BigInt(text.to_string()))
    }

    /// The id of a `serde_json` number (an argument); `None` for a fraction.
    pub(crate) fn from_json_number(n: &serde_json::Number) -> Option<Id> {
        if let Some(i) = n.as_i64() {
            return Some(Id::Int(i));
        }
        n.as_u64().map(Id::from)
    }

    /// Reads an id out of a scalar the lenient decoder read.
    pub(crate) fn from_val(value: &Val<'_>) -> Option<Id> {
        match value {
            Val::Num(n) => Id::from_number(n),
            Val::Str(s) => Some(Id::Str(s.to_string())),
            _ => None,
        }
    }

    /// The id as an `i64`, when it is (or spells) one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Id::Int(n) => Some(*n),
            Id::Str(s) => s.parse().ok(),
            Id::BigInt(_) => None,
        }
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Id::Int(n) => write!(f, "{n}"),
            Id::Str(s) | Id::BigInt(s) => f.write_str(s),
        }
    }
}

/// `"42"` → `Id::Int(42)`, `"18446744073709551617"` → `Id::BigInt`, anything
/// else → `Id::Str`. Never fails.
impl std::str::FromStr for Id {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.parse::<i64>() {
            Ok(n) if n.to_string() == s => Id::Int(n),
            _ if is_integer_literal(s) => Id::BigInt(s.to_string()),
            _ => Id::Str(s.to_string()),
        })
    }
}

macro_rules! from_small_int {
    ($($t:ty),+) => {$(
        impl From<$t> for Id {
            fn from(n: $t) -> Self {
                Id::Int(n.into())
            }
        }
    )+};
}
from_small_int!(i64, i32, u32, i16, u16, i8, u8);

macro_rules! from_wide_int {
    ($($t:ty),+) => {$(
        impl From<$t> for Id {
            fn from(n: $t) -> Self {
                i64::try_from(n)
                    .map(Id::Int)
                    .unwrap_or_else(|_| Id::BigInt(n.to_string()))
            }
        }
    )+};
}
from_wide_int!(u64, i128, u128, usize);

impl From<&str> for Id {
    fn from(s: &str) -> Self {
        Id::Str(s.to_string())
    }
}
impl From<String> for Id {
    fn from(s: String) -> Self {
        Id::Str(s)
    }
}
impl From<&Id> for Id {
    fn from(id: &Id) -> Self {
        id.clone()
    }
}

/// The serde name an id is wrapped in, so a binding's serializer can tell
/// an id from any other number (Node turns unsafe integers into strings).
pub const ID_NEWTYPE: &str = "$orgkit::Id";

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Id::Int(n) => s.serialize_newtype_struct(ID_NEWTYPE, n),
            Id::Str(v) => s.serialize_newtype_struct(ID_NEWTYPE, v),
            // The digits as a raw JSON number (a binding's serializer sees
            // `serde_json`'s raw-value struct and reads its text).
            Id::BigInt(digits) => match RawValue::from_string(digits.clone()) {
                Ok(raw) => s.serialize_newtype_struct(ID_NEWTYPE, &raw),
                Err(_) => s.serialize_newtype_struct(ID_NEWTYPE, digits),
            },
        }
    }
}

/// Marks a string in a request body as an integer beyond 64 bits, which a
/// `serde_json::Value` cannot hold ([`Id::to_body_json`] and
/// [`big_integer_arg`] make one; [`body_bytes`] writes it as the number).
/// It ends in a number drawn once per process, so no text a caller or a
/// server gives can pass for one.
fn marker() -> &'static str {
    static MARKER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    MARKER.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        let nonce = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        format!("\u{1}orgkit:integer:{nonce:016x}:")
    })
}

/// An integer beyond 64 bits (`digits`: an optional `-` and digits, no
/// leading zero) as an argument value, for a binding whose language has
/// such integers (Python): where an id is expected it reads as
/// [`Id::BigInt`], anywhere in a JSON body it is sent as that number, and
/// any other argument refuses it as a number. `None` if `digits` is not an
/// integer literal.
///
/// ```
/// let v = orgkit::big_integer_arg("18446744073709551617").unwrap();
/// assert!(v.is_string()); // marked: serde_json's numbers stop at 64 bits
/// assert!(orgkit::big_integer_arg("1e3").is_none());
/// ```
pub fn big_integer_arg(digits: &str) -> Option<Value> {
    is_integer_literal(digits).then(|| Value::String(format!("{}{digits}", marker())))
}

/// The digits of a marked integer, if `text` is one.
pub(crate) fn marked_integer(text: &str) -> Option<&str> {
    text.strip_prefix(marker())
        .filter(|digits| is_integer_literal(digits))
}

/// A request body as JSON text, with every marked integer written as the
/// number it is.
pub(crate) fn body_bytes(value: &Value) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(&Body(value))
}

struct Body<'a>(&'a Value);

impl Serialize for Body<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self.0 {
            Value::String(text) => match marked_integer(text) {
                Some(digits) => RawValue::from_string(digits.to_string())
                    .map_err(serde::ser::Error::custom)?
                    .serialize(s),
                None => s.serialize_str(text),
            },
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Body(item))?;
                }
                seq.end()
            }
            Value::Object(map) => {
                let mut m = s.serialize_map(Some(map.len()))?;
                for (k, v) in map {
                    m.serialize_entry(k, &Body(v))?;
                }
                m.end()
            }
            other => other.serialize(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_integers_keep_their_digits_and_stay_numbers() {
        for text in [
            "9007199254740993",
            "18446744073709551617",
            "-9223372036854775809",
        ] {
            let Ok(Val::Num(n)) = crate::models::json::parse(text.as_bytes()) else {
                panic!("{text}")
            };
            let id = Id::from_number(&n).unwrap();
            assert_eq!(id.to_string(), text);
            assert_eq!(serde_json::to_string(&id).unwrap(), text);
            let body = serde_json::json!({"people": [id.to_body_json()], "n": 1});
            assert_eq!(
                String::from_utf8(body_bytes(&body).unwrap()).unwrap(),
                format!(r#"{{"people":[{text}],"n":1}}"#)
            );
        }
        let Ok(Val::Num(n)) = crate::models::json::parse(b"1.5") else {
            panic!()
        };
        assert_eq!(Id::from_number(&n), None);
        assert_eq!(Id::from(u64::MAX), Id::BigInt(u64::MAX.to_string()));
        assert_eq!(
            Id::from(u64::MAX).to_body_json(),
            serde_json::json!(u64::MAX)
        );
        assert_eq!("007".parse::<Id>().unwrap(), Id::Str("007".into()));
        assert_eq!(Id::Str("42".into()).to_body_json(), serde_json::json!(42));
        assert_eq!(
            Id::Str("007".into()).to_body_json(),
            serde_json::json!("007")
        );
    }

    #[test]
    fn only_a_marked_run_of_digits_is_written_raw() {
        let fake = serde_json::json!({
            "a": format!("{}1,2]", marker()),
            "b": "\u{1}orgkit:x",
            // The marker of another process (or a guess) is only text.
            "c": "\u{1}orgkit:integer:5",
            "d": "\u{1}orgkit:integer:0000000000000000:5",
        });
        let text = String::from_utf8(body_bytes(&fake).unwrap()).unwrap();
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, fake, "anything else stays a string");
    }
}
