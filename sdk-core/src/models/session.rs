use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::decode::{DecodeResult, Fields, Val};
use super::model::model;
use super::{Decode, User};
use crate::Secret;

model! {
    /// What a login returns. The client already uses `token` for its later
    /// calls (and every clone of it does).
    pub struct Session {
        /// The token the provider issued (a secret).
        pub token: Secret [secret],
        /// Who logged in, when the answer says.
        pub user: Option<User>,
        /// Provider fields orgkit has no name for.
        pub extra: Map<String, Value>,
    }
}

impl Decode for Session {
    fn decode(value: Val<'_>) -> DecodeResult<Self> {
        let mut f = Fields::new(value, "login response")?;
        // pm415 `token`, achieveapex `accessToken`, others `access_token`/`jwt`;
        // Feathers may also nest it under `authentication`.
        let nested = match f.peek("authentication") {
            Some(o @ Val::Obj(_)) => o
                .get("accessToken")
                .and_then(Val::as_str)
                .map(str::to_string),
            _ => None,
        };
        let token = match f.take(&["token", "accessToken", "access_token", "jwt"]) {
            Some((_, Val::Str(s))) => s.into_owned(),
            Some((name, _)) => return Err(format!("login response.{name}: expected a string")),
            None => nested.ok_or("login response: no token in it")?,
        };
        let user = match f.raw(&["user"]) {
            Some(v @ Val::Obj(_)) => Some(User::decode(v)?),
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

model! {
    #[derive(Copy, Default, Eq)]
    /// Rate-limit state from the last response that carried it.
    pub struct RateLimit {
        /// Requests allowed per window.
        pub limit: Option<u64>,
        /// Requests left in this window.
        pub remaining: Option<u64>,
        /// When the window resets.
        pub reset: Option<DateTime<Utc>>,
    }
}
