//! Enumerations that never fail to decode: an unknown value is kept as
//! `Other(String)` so a provider adding a status breaks nobody.

/// The serde newtype name prefix an enum value is wrapped in, so a
/// binding's serializer can make the language's enum object
/// (`"$orgkit::enum::Role"`).
pub const ENUM_NEWTYPE_PREFIX: &str = "$orgkit::enum::";

/// Declares an open enum with its wire spellings (matched case-insensitively,
/// ignoring `-`/`_`/space differences).
macro_rules! open_enum {
    ($(#[doc = $doc:literal])* $name:ident { $($variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[doc = $doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $(
                #[doc = concat!("`", $wire, "`")]
                $variant,
            )+
            /// A value this version of orgkit does not know, kept verbatim.
            Other(String),
        }

        impl $name {
            /// The known values' wire spellings.
            pub const KNOWN: &'static [&'static str] = &[$($wire,)+];

            /// The canonical lowercase spelling.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Other(s) => s.as_str(),
                }
            }

            /// Reads a value leniently; an unknown one becomes `Other`.
            pub fn parse(value: &str) -> Self {
                // The exact spelling first: what servers send, and a
                // comparison of bytes instead of a trimmed, case-folded
                // walk per variant. It gives what the loose loop would:
                // no two spellings of an enum are loosely the same (a test
                // checks every enum).
                match value {
                    $($wire => return $name::$variant,)+
                    _ => {}
                }
                $(if $crate::names::same(value, $wire) {
                    return $name::$variant;
                })+
                $name::Other(value.to_string())
            }

            /// Whether this version of orgkit knows the value.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }

            /// The enum's place in the machine-readable description.
            pub fn spec() -> $crate::models::describe::EnumSpec {
                $crate::models::describe::EnumSpec {
                    name: stringify!($name),
                    doc: $crate::models::describe::doc_text(&[$($doc),*]),
                    values: Self::KNOWN.to_vec(),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name::parse(s)
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name::parse(&s)
            }
        }

        impl $crate::models::describe::Describe for $name {
            fn ty() -> $crate::models::describe::Ty {
                $crate::models::describe::Ty::Enum(stringify!($name))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_newtype_struct(
                    concat!("$orgkit::enum::", stringify!($name)),
                    self.as_str(),
                )
            }
        }

        impl $crate::models::model::FieldValue for $name {
            fn ser<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(self, s)
            }
        }

        impl $crate::models::args::Arg for $name {
            fn from_arg(value: &serde_json::Value, name: &$crate::models::args::ArgName<'_>) -> $crate::Result<Self> {
                match $crate::models::args::plain_text(value) {
                    Some(s) if !s.trim().is_empty() => Ok($name::parse(s)),
                    _ => Err(name.wrong(concat!("a ", stringify!($name), " name"), value)),
                }
            }
            fn to_body(&self) -> Option<serde_json::Value> {
                Some(self.as_str().into())
            }
        }

        impl $crate::models::stream::Scalar for $name {
            const WANT: &'static str = "a string";
            fn read<'de>(
                p: &mut $crate::models::json::Parser<'de>,
            ) -> Result<$crate::models::stream::Read<'de, Self>, String> {
                $crate::models::stream::read_enum(p)
            }
        }
    };
}

pub(crate) use open_enum;
