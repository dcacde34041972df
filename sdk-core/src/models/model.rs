//! How a model is declared: one struct, from which come its `Debug` (secret
//! fields hidden), its serialization (the same for JSON, Python and Node),
//! and its entry in the machine-readable description.

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::Id;
use crate::Secret;

/// The serde newtype name a timestamp is wrapped in, so a binding's
/// serializer can make a native date-time. Inside it a human-readable
/// serializer (JSON) gets the RFC 3339 text; one that is not gets an
/// `i128` to read with [`time_from_compact`], so nothing is formatted only
/// to be parsed back.
pub const TIME_NEWTYPE: &str = "$orgkit::DateTime";

/// A timestamp's compact form: the seconds since the epoch above 32 bits,
/// the nanoseconds (a leap second's included, < 2·10⁹) below.
fn time_to_compact(t: &DateTime<Utc>) -> i128 {
    (i128::from(t.timestamp()) << 32) | i128::from(t.timestamp_subsec_nanos())
}

/// The timestamp a non-human-readable serializer received inside
/// [`TIME_NEWTYPE`] (`None` if `compact` is not one).
///
/// ```
/// let t = orgkit::time_from_compact((1_710_000_000_i128 << 32) | 5).unwrap();
/// assert_eq!((t.timestamp(), t.timestamp_subsec_nanos()), (1_710_000_000, 5));
/// ```
pub fn time_from_compact(compact: i128) -> Option<DateTime<Utc>> {
    let secs = i64::try_from(compact >> 32).ok()?;
    let nanos = (compact & 0xFFFF_FFFF) as u32;
    DateTime::from_timestamp(secs, nanos)
}

/// A timestamp inside its newtype: text or compact, as the serializer wants.
struct TimeRepr<'a>(&'a DateTime<Utc>);

impl Serialize for TimeRepr<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&self.0.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
        } else {
            s.serialize_i128(time_to_compact(self.0))
        }
    }
}
/// The serde newtype name a secret field is wrapped in (its JSON form is the value).
pub const SECRET_NEWTYPE: &str = "$orgkit::Secret";

/// How one field's value is serialized. Implemented for the closed set of
/// field types models use, so timestamps can be marked for the bindings.
pub trait FieldValue {
    /// Serializes the value.
    fn ser<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error>;
}

/// A field value as `Serialize`.
pub struct Ser<'a, T: ?Sized>(pub &'a T);

impl<T: FieldValue + ?Sized> Serialize for Ser<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.ser(s)
    }
}

macro_rules! field_value_via_serialize {
    ($($t:ty),+) => {$(
        impl FieldValue for $t {
            fn ser<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.serialize(s)
            }
        }
    )+};
}
field_value_via_serialize!(Id, String, bool, u64, Value, Map<String, Value>);

impl FieldValue for DateTime<Utc> {
    fn ser<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(TIME_NEWTYPE, &TimeRepr(self))
    }
}

impl FieldValue for Secret {
    fn ser<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(SECRET_NEWTYPE, self.expose())
    }
}

impl<T: FieldValue> FieldValue for Option<T> {
    fn ser<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(v) => s.serialize_some(&Ser(v)),
            None => s.serialize_none(),
        }
    }
}

impl<T: FieldValue> FieldValue for Vec<T> {
    fn ser<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(Ser))
    }
}

/// A field for `Debug`: its value, or `[redacted]` for a secret one.
pub trait DebugField {
    fn shown(&self, secret: bool) -> &dyn std::fmt::Debug;
}

impl<T: std::fmt::Debug> DebugField for T {
    fn shown(&self, secret: bool) -> &dyn std::fmt::Debug {
        if secret {
            &"[redacted]"
        } else {
            self
        }
    }
}

/// Declares a model: the struct (with its docs), `Debug` with secret fields
/// hidden, `Serialize` under the wire names, and its description.
///
/// A field is `pub name: Type`, optionally `as "wire_name"` (the name it
/// has in every language when the Rust name must differ, `org_type` →
/// `type`) and `[secret]`.
macro_rules! model {
    (
        $(#[derive($($derive:ident),*)])?
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                pub $field:ident : $ty:ty $(as $wire:literal)? $([$flag:ident])?
            ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, PartialEq $($(, $derive)*)?)]
        pub struct $name {
            $(
                $(#[doc = $fdoc])*
                pub $field: $ty,
            )*
        }

        impl $name {
            /// The model's place in the machine-readable description.
            pub fn spec() -> $crate::models::describe::ModelSpec {
                $crate::models::describe::ModelSpec {
                    name: stringify!($name),
                    doc: $crate::models::describe::doc_text(&[$($doc),*]),
                    fields: vec![$(
                        $crate::models::args::field_spec::<$ty>(
                            $crate::models::model::wire_name(stringify!($field), &[$($wire)?]),
                            &[$($fdoc),*],
                            $crate::models::model::is_secret(&[$(stringify!($flag))?]),
                        ),
                    )*],
                }
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                use $crate::models::model::DebugField;
                f.debug_struct(stringify!($name))
                    $(.field(
                        stringify!($field),
                        self.$field.shown($crate::models::model::is_secret(&[$(stringify!($flag))?])),
                    ))*
                    .finish()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let mut st = s.serialize_struct(stringify!($name), [$(stringify!($field)),*].len())?;
                $(
                    st.serialize_field(
                        $crate::models::model::wire_name(stringify!($field), &[$($wire)?]),
                        &$crate::models::model::Ser(&self.$field),
                    )?;
                )*
                st.end()
            }
        }

        impl $crate::models::model::FieldValue for $name {
            fn ser<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(self, s)
            }
        }

        impl $crate::models::describe::Describe for $name {
            fn ty() -> $crate::models::describe::Ty {
                $crate::models::describe::Ty::Model(stringify!($name))
            }
        }
    };
}

pub(crate) use model;

/// The name a field goes by outside Rust: its `as "…"` name, else its own.
pub const fn wire_name(field: &'static str, wire: &[&'static str]) -> &'static str {
    match wire {
        [w] => w,
        _ => field,
    }
}

/// Whether a field's flags include `secret` (the only flag there is).
pub fn is_secret(flags: &[&str]) -> bool {
    flags.contains(&"secret")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compact_form_gives_back_every_timestamp_exactly() {
        let leap = chrono::NaiveDate::from_ymd_opt(2016, 12, 31)
            .unwrap()
            .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
            .unwrap()
            .and_utc();
        for t in [
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999999Z",
            "2024-03-09T15:04:05.123456789Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
        ]
        .map(|t| t.parse::<DateTime<Utc>>().unwrap())
        .into_iter()
        .chain([leap, DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC])
        {
            assert_eq!(time_from_compact(time_to_compact(&t)), Some(t), "{t:?}");
        }
        assert_eq!(time_from_compact(i128::MAX), None);
        assert_eq!(time_from_compact(0xFFFF_FFFF), None);
    }
}
