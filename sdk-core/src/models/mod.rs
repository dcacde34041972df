//! The unified models every provider's answers decode into.

pub(crate) mod fields;
pub(crate) mod open_enum;

mod document;
mod enums;
mod id;
mod inputs;
mod invite;
mod member;
mod organization;
mod project;
mod session;
mod task;
mod user;

pub use document::Document;
pub use enums::{
    InviteStatus, OrganizationStatus, OrganizationType, ProjectStatus, Role, SortOrder,
    SubscriptionStatus, TaskStatus,
};
pub use fields::parse_time;
pub use id::Id;
pub(crate) use inputs::BodyFields;
pub use inputs::{
    Login, NewInvite, NewOrganization, NewProject, NewTask, OrganizationPatch, ProjectPatch,
    TaskPatch, UserPatch,
};
pub use invite::Invite;
pub use member::Member;
pub use organization::Organization;
pub use project::{Project, ProjectSettings};
pub use session::{RateLimit, Session};
pub use task::Task;
pub use user::User;

/// Decoding from any of the JSON shapes the providers send.
pub trait FromJson: Sized {
    /// Reads one value; the error says which field was wrong.
    fn from_json(value: serde_json::Value) -> Result<Self, String>;
}

impl FromJson for serde_json::Value {
    fn from_json(value: serde_json::Value) -> Result<Self, String> {
        Ok(value)
    }
}

/// The lenient reading every model's [`FromJson`] goes through, from a
/// [`fields::Val`] that may borrow from the response body (so the client
/// can decode straight from the bytes).
pub(crate) trait Decode: FromJson {
    fn decode(value: fields::Val<'_>) -> fields::DecodeResult<Self>;
}

impl Decode for serde_json::Value {
    fn decode(value: fields::Val<'_>) -> fields::DecodeResult<Self> {
        Ok(value.into_value())
    }
}

/// `FromJson` for a model with a [`Decode`] impl.
macro_rules! from_json_via_decode {
    ($($t:ty),+) => {$(
        impl FromJson for $t {
            fn from_json(value: serde_json::Value) -> Result<Self, String> {
                <$t as Decode>::decode(fields::Val::from(value))
            }
        }
    )+};
}

from_json_via_decode!(
    Document,
    Invite,
    Member,
    Organization,
    Project,
    ProjectSettings,
    Session,
    Task,
    User
);
