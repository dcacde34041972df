//! Identifiers: providers use integers or strings, and an id must go back
//! out exactly as it came in.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An integer or string identifier.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Id {
    Int(i64),
    Str(String),
}

impl Id {
    /// The id as a JSON value for a request body: numeric ids go out as
    /// numbers even when the caller gave them as strings.
    pub fn to_body_json(&self) -> serde_json::Value {
        match self {
            Id::Int(n) => (*n).into(),
            Id::Str(s) => match s.parse::<i64>() {
                Ok(n) if n.to_string() == *s => n.into(),
                _ => s.clone().into(),
            },
        }
    }

    /// Reads an id out of a JSON scalar (number or string).
    pub fn from_json(value: &serde_json::Value) -> Option<Id> {
        match value {
            serde_json::Value::Number(n) => n
                .as_i64()
                .map(Id::Int)
                .or_else(|| Some(Id::Str(n.to_string()))),
            serde_json::Value::String(s) => Some(Id::Str(s.clone())),
            _ => None,
        }
    }

    /// [`Id::from_json`] for a value read by the lenient decoder.
    pub(crate) fn from_val(value: &super::fields::Val<'_>) -> Option<Id> {
        use super::fields::Val;
        match value {
            Val::Num(n) => n
                .as_i64()
                .map(Id::Int)
                .or_else(|| Some(Id::Str(n.to_string()))),
            Val::Str(s) => Some(Id::Str(s.to_string())),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Id::Int(n) => Some(*n),
            Id::Str(s) => s.parse().ok(),
        }
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Id::Int(n) => write!(f, "{n}"),
            Id::Str(s) => f.write_str(s),
        }
    }
}

impl From<i64> for Id {
    fn from(n: i64) -> Self {
        Id::Int(n)
    }
}
impl From<i32> for Id {
    fn from(n: i32) -> Self {
        Id::Int(n.into())
    }
}
impl From<u32> for Id {
    fn from(n: u32) -> Self {
        Id::Int(n.into())
    }
}
impl From<u64> for Id {
    fn from(n: u64) -> Self {
        i64::try_from(n)
            .map(Id::Int)
            .unwrap_or_else(|_| Id::Str(n.to_string()))
    }
}
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

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Id::Int(n) => s.serialize_i64(*n),
            Id::Str(v) => s.serialize_str(v),
        }
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer or string id")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Id, E> {
                Ok(Id::Int(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Id, E> {
                Ok(i64::try_from(v)
                    .map(Id::Int)
                    .unwrap_or(Id::Str(v.to_string())))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Id, E> {
                if v.fract() == 0.0 && v.abs() < 9.0e15 {
                    Ok(Id::Int(v as i64))
                } else {
                    Err(E::custom(format!("{v} is not an id")))
                }
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Id, E> {
                Ok(Id::Str(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Id, E> {
                Ok(Id::Str(v))
            }
        }
        d.deserialize_any(V)
    }
}
