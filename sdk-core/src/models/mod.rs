//! The unified models every provider's answers decode into, the inputs
//! callers send, and their machine-readable description.

pub(crate) mod args;
pub(crate) mod decode;
pub mod describe;
pub(crate) mod inputs;
pub(crate) mod json;
pub(crate) mod model;
pub(crate) mod open_enum;
#[cfg(feature = "test-http")]
pub(crate) mod reference;
pub(crate) mod stream;

mod document;
mod enums;
pub(crate) mod id;
mod invite;
mod member;
mod organization;
mod project;
mod session;
mod task;
mod user;

pub use args::{Arg, ArgName, Args, Fields, Style};
pub use decode::parse_time;
pub use document::Document;
pub use enums::{
    InviteStatus, OrganizationStatus, OrganizationType, ProjectStatus, Role, SortOrder,
    SubscriptionStatus, TaskStatus,
};
pub use id::{big_integer_arg, Id, ID_NEWTYPE};

mod people;
pub use inputs::{
    Login, NewInvite, NewOrganization, NewProject, NewTask, OrganizationPatch, ProjectPatch,
    TaskPatch, TaskScope, UserPatch,
};
pub use invite::Invite;
pub use member::Member;
pub use model::{time_from_compact, SECRET_NEWTYPE, TIME_NEWTYPE};
pub use open_enum::ENUM_NEWTYPE_PREFIX;
pub use organization::Organization;
pub use people::People;
pub use project::{Project, ProjectSettings};
pub use session::{RateLimit, Session};
pub use task::Task;
pub use user::User;

/// Reading a model leniently out of a response body (see [`decode`]): from
/// its text as it streams past (lists, the hot path) or from a parsed value.
/// A model implements one and gets the other: [`stream::streamed`] models
/// read their text; the others read a value, and their text is parsed first.
pub(crate) trait Decode: Sized {
    /// From a parsed value.
    fn decode(value: decode::Val<'_>) -> decode::DecodeResult<Self>;

    /// From the reader, positioned at the model's value; top-level keys
    /// in `skip` (an envelope's `success`) are passed over.
    fn decode_next(p: &mut json::Parser<'_>, skip: &[&str]) -> decode::DecodeResult<Self> {
        let value = p.read_value()?;
        Self::decode(decode::without(value, skip))
    }
}

macro_rules! models {
    ($($name:ident),+ $(,)?) => {
        /// Any model orgkit returns, for code that handles every operation
        /// alike (the bindings, the CLI, the generic [`crate::Client::call`]).
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        // Unboxed: a model is moved out into its typed form right away, and a
        // box per list item would cost an allocation each.
        #[allow(clippy::large_enum_variant)]
        pub enum Model {
            $(
                #[doc = concat!("A [`", stringify!($name), "`].")]
                $name($name),
            )+
        }

        impl Model {
            /// The model's type name (`"Organization"`).
            pub fn name(&self) -> &'static str {
                match self { $(Model::$name(_) => stringify!($name),)+ }
            }
        }

        impl serde::Serialize for Model {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self { $(Model::$name(m) => m.serialize(s),)+ }
            }
        }

        $(
            impl $name {
                /// Reads one from JSON text, by the same lenient rules as an answer.
                ///
                /// ```
                /// let org = orgkit::Organization::from_json_slice(br#"{"id": 3, "name": "Acme"}"#)?;
                /// assert_eq!(org.name.as_deref(), Some("Acme"));
                /// # Ok::<(), orgkit::Error>(())
                /// ```
                pub fn from_json_slice(json: &[u8]) -> crate::Result<Self> {
                    let value = decode::parse(json)
                        .map_err(|e| crate::Error::new(crate::ErrorKind::Decode, format!("not valid JSON: {e}")))?;
                    <$name as Decode>::decode(value)
                        .map_err(|e| crate::Error::new(crate::ErrorKind::Decode, e))
                }
            }

            impl From<$name> for Model {
                fn from(m: $name) -> Self {
                    Model::$name(m)
                }
            }

            impl TryFrom<Model> for $name {
                type Error = Model;
                fn try_from(m: Model) -> Result<Self, Model> {
                    match m {
                        Model::$name(v) => Ok(v),
                        #[allow(unreachable_patterns)]
                        other => Err(other),
                    }
                }
            }
        )+

        /// Every model in the machine-readable description.
        pub(crate) fn specs() -> Vec<describe::ModelSpec> {
            vec![$($name::spec(),)+ ProjectSettings::spec(), RateLimit::spec()]
        }
    };
}

models!(
    Organization,
    Member,
    Invite,
    Project,
    Task,
    Document,
    User,
    Session
);

/// Every open enumeration in the machine-readable description.
pub(crate) fn enum_specs() -> Vec<describe::EnumSpec> {
    vec![
        Role::spec(),
        OrganizationType::spec(),
        OrganizationStatus::spec(),
        SubscriptionStatus::spec(),
        ProjectStatus::spec(),
        TaskStatus::spec(),
        InviteStatus::spec(),
        SortOrder::spec(),
    ]
}
