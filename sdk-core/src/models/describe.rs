//! The machine-readable description of orgkit's types: every model, input,
//! field and enumeration, with its documentation. The bindings' generated
//! files (Python stubs and models, the Node resource layer and `.d.ts`) and
//! the CLI are derived from it; see [`crate::api::surface`].

use serde::Serialize;

/// The type of a field or parameter, in terms every language can map.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "of", rename_all = "snake_case")]
pub enum Ty {
    /// An [`crate::Id`]: an integer of any size, or a string.
    Id,
    /// Text.
    Str,
    /// `true` / `false`.
    Bool,
    /// A non-negative integer (counts, page numbers).
    Int,
    /// A date-time with a time zone.
    Time,
    /// Any JSON value, kept as sent.
    Json,
    /// A credential; never shown.
    Secret,
    /// An open enumeration (by name): unknown values are kept, not rejected.
    Enum(&'static str),
    /// A model (by name).
    Model(&'static str),
    /// Absent or `T`.
    Optional(Box<Ty>),
    /// A list of `T`.
    List(Box<Ty>),
    /// An object of string keys to `T`.
    Map(Box<Ty>),
}

/// One field of a model or input.
#[derive(Clone, Debug, Serialize)]
pub struct FieldSpec {
    /// The field's name, snake_case (`created_at`); Node spells it camelCase.
    pub name: &'static str,
    /// Its documentation.
    pub doc: String,
    /// Its type.
    pub ty: Ty,
    /// Whether it holds a secret: hidden from `Debug`, `repr` and `inspect`.
    pub secret: bool,
    /// Whether a caller must give it (inputs only).
    pub required: bool,
}

/// A model orgkit returns, or an input it takes.
#[derive(Clone, Debug, Serialize)]
pub struct ModelSpec {
    /// The type's name (`Organization`).
    pub name: &'static str,
    /// Its documentation.
    pub doc: String,
    /// Its fields, in order.
    pub fields: Vec<FieldSpec>,
}

/// An open enumeration.
#[derive(Clone, Debug, Serialize)]
pub struct EnumSpec {
    /// The enum's name (`Role`).
    pub name: &'static str,
    /// Its documentation.
    pub doc: String,
    /// The known values' wire spellings (`"admin"`, …).
    pub values: Vec<&'static str>,
}

/// A type's place in the description.
pub trait Describe {
    /// The type as the description spells it.
    fn ty() -> Ty;
}

macro_rules! describe_as {
    ($($t:ty => $ty:expr),+ $(,)?) => {$(
        impl Describe for $t {
            fn ty() -> Ty {
                $ty
            }
        }
    )+};
}

describe_as! {
    super::Id => Ty::Id,
    String => Ty::Str,
    bool => Ty::Bool,
    u32 => Ty::Int,
    u64 => Ty::Int,
    chrono::DateTime<chrono::Utc> => Ty::Time,
    serde_json::Value => Ty::Json,
    serde_json::Map<String, serde_json::Value> => Ty::Map(Box::new(Ty::Json)),
    crate::Secret => Ty::Secret,
    Vec<(String, String)> => Ty::Map(Box::new(Ty::Str)),
}

impl<T: Describe> Describe for Option<T> {
    fn ty() -> Ty {
        Ty::Optional(Box::new(T::ty()))
    }
}

impl<T: Describe> Describe for Vec<T> {
    fn ty() -> Ty {
        Ty::List(Box::new(T::ty()))
    }
}

/// Doc comment lines (`#[doc]` attributes) as one text: the one leading
/// space `///` leaves is dropped, lines are joined with newlines.
pub(crate) fn doc_text(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}
