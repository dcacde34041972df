use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::model::model;
use super::stream::streamed;
use super::{Id, Role};

model! {
    /// A user account. Password hashes and API keys some providers return
    /// (pm415) are dropped while decoding.
    pub struct User {
        /// Its id.
        pub id: Id,
        /// The email address.
        pub email: Option<String>,
        /// The login name (orgstack).
        pub username: Option<String>,
        /// The full name.
        pub name: Option<String>,
        /// First name.
        pub first_name: Option<String>,
        /// Last name.
        pub last_name: Option<String>,
        /// The user's role.
        pub role: Option<Role>,
        /// Whether the account is active.
        pub is_active: Option<bool>,
        /// When it was created.
        pub created_at: Option<DateTime<Utc>>,
        /// When it last changed.
        pub updated_at: Option<DateTime<Utc>>,
        /// Provider fields orgkit has no name for.
        pub extra: Map<String, Value>,
    }
}

streamed! { User as "user" {
    id: ["id", "userId", "user_id", "_id"],
    email: ["email"],
    username: ["username"],
    name: ["name", "fullName"],
    first_name: ["first_name", "firstName"],
    last_name: ["last_name", "lastName"],
    role: ["role"],
    is_active: ["is_active", "isActive"],
    created_at: ["created_at", "createdAt"],
    updated_at: ["updated_at", "updatedAt"],
} }
