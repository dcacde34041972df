use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::decode::{DecodeResult, Fields, Val};
use super::model::model;
use super::{Decode, Id, Role};

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

impl Decode for User {
    fn decode(value: Val<'_>) -> DecodeResult<Self> {
        let mut f = Fields::new(value, "user")?;
        Ok(User {
            id: f.required_id(&["id", "userId", "user_id", "_id"])?,
            email: f.string(&["email"])?,
            username: f.string(&["username"])?,
            name: f.string(&["name", "fullName"])?,
            first_name: f.string(&["first_name", "firstName"])?,
            last_name: f.string(&["last_name", "lastName"])?,
            role: f.enumeration(&["role"])?,
            is_active: f.bool(&["is_active", "isActive"])?,
            created_at: f.time(&["created_at", "createdAt"])?,
            updated_at: f.time(&["updated_at", "updatedAt"])?,
            extra: f.rest(),
        })
    }
}
