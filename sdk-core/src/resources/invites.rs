use std::future::Future;

use super::{require_email, require_text};
use crate::client::Client;
use crate::error::Result;
use crate::models::{Invite, NewInvite, Organization, Session};
use crate::operation::Call;

/// `client.invites()`.
#[derive(Clone, Debug)]
pub struct Invites {
    client: Client,
}

impl Invites {
    pub(crate) fn new(client: Client) -> Self {
        Invites { client }
    }

    /// Invites `email`. Fields the provider does not echo back (pm415 only
    /// returns the link) are filled from the request.
    pub fn create(&self, new: NewInvite) -> impl Future<Output = Result<Invite>> + Send + 'static {
        let client = self.client.clone();
        async move {
            require_email("email", &new.email)?;
            let mut invite: Invite = client.run_decode(Call::InvitesCreate(&new)).await?;
            invite.email.get_or_insert_with(|| new.email.clone());
            if invite.organization.is_none() {
                invite.organization = new.organization_id.clone().map(Organization::from_id);
            }
            if invite.role.is_none() {
                invite.role = new.role.clone();
            }
            Ok(invite)
        }
    }

    /// pm415: who an invite token belongs to (no credentials needed).
    pub fn validate(
        &self,
        token: impl Into<String>,
    ) -> impl Future<Output = Result<Invite>> + Send + 'static {
        let (client, token) = (self.client.clone(), token.into());
        async move {
            require_text("token", &token)?;
            let mut invite: Invite = client.run_decode(Call::InvitesValidate(&token)).await?;
            invite.token.get_or_insert(token);
            Ok(invite)
        }
    }

    /// pm415: accepts the invite by logging in with it; the client then uses
    /// the returned token.
    pub fn accept(
        &self,
        token: impl Into<String>,
        email: impl Into<String>,
        password: impl Into<crate::Secret>,
    ) -> impl Future<Output = Result<Session>> + Send + 'static {
        let (client, token, email, password) = (
            self.client.clone(),
            token.into(),
            email.into(),
            password.into(),
        );
        async move {
            require_text("token", &token)?;
            require_email("email", &email)?;
            require_text("password", password.expose())?;
            let call = Call::InvitesAccept {
                token: &token,
                email: &email,
                password: password.expose(),
            };
            let session: Session = client.run_decode(call).await?;
            client.set_token(session.token.clone());
            Ok(session)
        }
    }
}
