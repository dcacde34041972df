//! Identifiers: providers use integers or strings, and an id must go back
//! out exactly as it came in — the same digits, and a number when it was one.

use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::Number;

use super::decode::Val;

/// An integer or string identifier.
///
/// ```
/// use orgkit::Id;
/// assert_eq!(Id::from(42).to_string(), "42");
/// assert_eq!(Id::from("org_7"), Id::Str("org_7".into()));
/// // An integer too big for an i64 keeps every digit, and stays a number.
/// let big: Id = "18446744073709551617".parse::<Id>().unwrap();
/// assert_eq!(big.to_body_json().to_string(), "18446744073709551617");
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
    /// numbers even when the caller gave them as strings.
    pub fn to_body_json(&self) -> serde_json::Value {
        match self {
            Id::Int(n) => (*n).into(),
            Id::BigInt(digits) => Number::from_string_unchecked(digits.clone()).into(),
            Id::Str(s) if is_integer_literal(s) => match s.parse::<i64>() {
                Ok(n) => n.into(),
                Err(_) => Number::from_string_unchecked(s.clone()).into(),
            },
            Id::Str(s) => s.clone().into(),
        }
    }

    /// The id of a JSON number; `None` for a number that is not an integer.
    pub(crate) fn from_number(n: &Number) -> Option<Id> {
        if let Some(i) = n.as_i64() {
            return Some(Id::Int(i));
        }
        let text = n.as_str();
        is_integer_literal(text).then(|| Id::BigInt(text.to_string()))
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
            Id::BigInt(digits) => s.serialize_newtype_struct(
                ID_NEWTYPE,
                &Number::from_string_unchecked(digits.clone()),
            ),
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
            let n: Number = serde_json::from_str(text).unwrap();
            let id = Id::from_number(&n).unwrap();
            assert_eq!(id.to_string(), text);
            assert_eq!(serde_json::to_string(&id).unwrap(), text);
            assert_eq!(id.to_body_json().to_string(), text);
        }
        let n: Number = serde_json::from_str("1.5").unwrap();
        assert_eq!(Id::from_number(&n), None);
        assert_eq!(Id::from(u64::MAX), Id::BigInt(u64::MAX.to_string()));
        assert_eq!("007".parse::<Id>().unwrap(), Id::Str("007".into()));
        assert_eq!(
            Id::Str("18446744073709551617".into())
                .to_body_json()
                .to_string(),
            "18446744073709551617"
        );
        assert_eq!(Id::Str("42".into()).to_body_json(), serde_json::json!(42));
        assert_eq!(
            Id::Str("007".into()).to_body_json(),
            serde_json::json!("007")
        );
    }
}
