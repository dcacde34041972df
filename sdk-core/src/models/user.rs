use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use super::fields::{DecodeResult, Fields, Val};
use super::{Decode, Id, Role};

/// A user account. Password hashes and API keys some providers return
/// (pm415) are dropped while decoding.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct User {
    pub id: Id,
    pub email: Option<String>,
    pub username: Option<String>,
    pub name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub role: Option<Role>,
    pub is_active: Option<bool>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub extra: Map<String, Value>,
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
