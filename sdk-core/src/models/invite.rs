use std::fmt;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use super::fields::{DecodeResult, Fields, Val};
use super::{Decode, Id, InviteStatus, Organization, Role};

/// An invitation. `token` and `confirm_url` (which embeds the token) are
/// secrets: `Debug` hides them.
#[derive(Clone, PartialEq, Serialize)]
pub struct Invite {
    pub id: Option<Id>,
    pub email: Option<String>,
    /// The organization invited to, when the answer names it by object or id.
    pub organization: Option<Organization>,
    /// The organization's name when that is all the answer gives (pm415's
    /// invite check sends `"organization": "my-org"`).
    pub organization_name: Option<String>,
    pub role: Option<Role>,
    pub token: Option<String>,
    pub confirm_url: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
    pub status: Option<InviteStatus>,
    pub created_at: Option<DateTime<Utc>>,
    pub extra: Map<String, Value>,
}

impl fmt::Debug for Invite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hide = |v: &Option<String>| v.as_ref().map(|_| "[redacted]");
        f.debug_struct("Invite")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("organization", &self.organization)
            .field("organization_name", &self.organization_name)
            .field("role", &self.role)
            .field("token", &hide(&self.token))
            .field("confirm_url", &hide(&self.confirm_url))
            .field("expires_at", &self.expires_at)
            .field("status", &self.status)
            .field("created_at", &self.created_at)
            .field("extra", &self.extra)
            .finish()
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
