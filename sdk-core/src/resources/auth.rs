use std::future::Future;

use super::require_text;
use crate::client::Client;
use crate::error::Result;
use crate::models::{Login, Session};
use crate::operation::Call;

/// `client.auth()`.
#[derive(Clone, Debug)]
pub struct Auth {
    client: Client,
}

impl Auth {
    pub(crate) fn new(client: Client) -> Self {
        Auth { client }
    }

    /// Logs in; on success this client (and its clones) send the returned token.
    pub fn login(&self, login: Login) -> impl Future<Output = Result<Session>> + Send + 'static {
        let client = self.client.clone();
        async move {
            require_text(
                if matches!(login, Login::Email { .. }) {
                    "email"
                } else {
                    "username"
                },
                login.identity(),
            )?;
            require_text("password", login.password())?;
            let session: Session = client.run_decode(Call::AuthLogin(&login)).await?;
            client.set_token(session.token.clone());
            Ok(session)
        }
    }
}
