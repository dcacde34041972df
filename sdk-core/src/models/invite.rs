use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::decode::{DecodeResult, Fields, Val};
use super::model::model;
use super::{Decode, Id, InviteStatus, Organization, Role};

model! {
    /// An invitation. `token` and `confirm_url` (which embeds the token) are
    /// secrets: `Debug`, Python's `repr` and Node's `inspect` hide them.
    pub struct Invite {
        /// Its id, where the provider has one.
        pub id: Option<Id>,
        /// Who is invited.
        pub email: Option<String>,
        /// The organization invited to, when the answer names it by object or id.
        pub organization: Option<Organization>,
        /// The organization's name when that is all the answer gives (pm415's
        /// invite check sends `"organization": "my-org"`).
        pub organization_name: Option<String>,
        /// The role the invitee gets.
        pub role: Option<Role>,
        /// The invite token (a secret).
        pub token: Option<String> [secret],
        /// The link that accepts the invite (a secret: it carries the token).
        pub confirm_url: Option<String> [secret],
        /// When the invite expires.
        pub expires_at: Option<DateTime<Utc>>,
        /// pending, accepted, expired, revoked, or the provider's own.
        pub status: Option<InviteStatus>,
        /// When it was created.
        pub created_at: Option<DateTime<Utc>>,
        /// Provider fields orgkit has no name for.
        pub extra: Map<String, Value>,
    }
}

impl Decode for Invite {
    fn decode(value: Val<'_>) -> DecodeResult<Self> {
        let mut f = Fields::new(value, "invite")?;
        let mut organization_name = None;
        let organization = match f.raw(&["organization", "org"]) {
            // A bare non-numeric string is a name, not an id.
            Some(Val::Str(name)) if name.parse::<i64>().is_err() => {
                organization_name = Some(name.into_owned());
                None
            }
            Some(v) => Some(Organization::decode(v)?),
            None => f
                .id(&["organization_id", "organizationId"])?
                .map(Organization::from_id),
        };
        let confirm_url = f.string(&["confirmUrl", "confirm_url", "url", "link"])?;
        let token = match f.string(&["token", "inviteToken"])? {
            Some(t) => Some(t),
            None => confirm_url.as_deref().and_then(token_from_url),
        };
        Ok(Invite {
            id: f.id(&["id"])?,
            email: f.string(&["email"])?,
            organization,
            organization_name,
            role: f.enumeration(&["role"])?,
            token,
            confirm_url,
            expires_at: f.time(&["expires_at", "expiresAt"])?,
            status: f.enumeration(&["status"])?,
            created_at: f.time(&["created_at", "createdAt"])?,
            extra: f.rest(),
        })
    }
}

fn token_from_url(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let token = parsed
        .query_pairs()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned());
    token
}
