use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use super::fields::{DecodeResult, Fields};
use super::{FromJson, User};
use crate::Secret;

/// What a login returns. The client already uses `token` for its later calls.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub token: Secret,
    pub user: Option<User>,
    pub extra: Map<String, Value>,
}

impl FromJson for Session {
    fn from_json(value: Value) -> DecodeResult<Self> {
        let mut f = Fields::new(value, "login response")?;
        // pm415 `token`, achieveapex `accessToken`, others `access_token`/`jwt`;
        // Feathers may also nest it under `authentication`.
        let nested = match f.peek("authentication") {
            Some(Value::Object(o)) => o
                .get("accessToken")
                .and_then(Value::as_str)
                .map(str::to_string),
            _ => None,
        };
        let token = match f.take(&["token", "accessToken", "access_token", "jwt"]) {
            Some((_, Value::String(s))) => s,
            Some((name, _)) => return Err(format!("login response.{name}: expected a string")),
            None => nested.ok_or("login response: no token in it")?,
        };
        let user = match f.raw(&["user"]) {
            Some(v @ Value::Object(_)) => Some(User::from_json(v)?),
            _ => None,
        };
        let mut extra = f.rest();
        extra.remove("authentication");
        extra.remove("success");
        Ok(Session {
            token: Secret::new(token),
            user,
            extra,
        })
    }
}

/// Rate-limit state from the last response that carried it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RateLimit {
    pub limit: Option<u64>,
    pub remaining: Option<u64>,
    /// When the window resets.
    pub reset: Option<DateTime<Utc>>,
}
