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
