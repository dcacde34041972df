//! Enumerations that never fail to decode: an unknown value is kept as
//! `Other(String)` so a provider adding a status breaks nobody.

/// Declares an open enum with its wire spellings (matched case-insensitively,
/// ignoring `-`/`_`/space differences).
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($variant,)+
            /// A value this version of orgkit does not know, kept verbatim.
            Other(String),
        }

        impl $name {
            /// The canonical lowercase spelling.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Other(s) => s.as_str(),
                }
            }

            pub fn parse(value: &str) -> Self {
                $(if $crate::models::open_enum::same(value, $wire) {
                    return $name::$variant;
                })+
                $name::Other(value.to_string())
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

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Ok($name::parse(&s))
            }
        }
    };
}

pub(crate) use open_enum;

pub(crate) fn normalize(value: &str) -> String {
    normalized(value).collect()
}

/// The characters of [`normalize`], without allocating.
pub(crate) fn normalized(value: &str) -> impl Iterator<Item = char> + '_ {
    value
        .trim()
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
}

/// `normalize(a) == normalize(b)`, without allocating (and without
/// per-character case mapping when both are ASCII).
pub(crate) fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if !(a.is_ascii() && b.is_ascii()) {
        return normalized(a).eq(normalized(b));
    }
    let kept = |c: &u8| !matches!(c, b'-' | b'_' | b' ');
    let mut a = a.bytes().filter(kept).map(|c| c.to_ascii_lowercase());
    let mut b = b.bytes().filter(kept).map(|c| c.to_ascii_lowercase());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (x, y) if x != y => return false,
            _ => {}
        }
    }
}
