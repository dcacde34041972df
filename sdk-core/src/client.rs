//! `Client`: the handle users hold — provider, credentials, rate-limit
//! state, the resource handles and the raw-request escape hatch. Building it
//! is in `builder.rs`; running a call end to end is in `execute.rs`.

use std::sync::Arc;

use futures::future::BoxFuture;
use reqwest::Method;
use serde_json::Value;

use crate::builder::ClientBuilder;
use crate::config::{Credentials, Provider, Secret};
use crate::error::{Error, Result};
use crate::models::{Id, RateLimit};
use crate::operation::Operation;
use crate::providers::{self, Read};
use crate::resources::{Auth, Documents, Invites, Members, Organizations, Projects, Tasks, Users};
use crate::transport::Transport;

/// A client for one provider. Cheap to clone (an `Arc` inside); clones
/// share credentials, connection pool and rate-limit state.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Transport>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("provider", &self.inner.config.provider)
            .field("base_url", &without_password(&self.inner.config.base_url))
            .field(
                "credentials",
                &*self
                    .inner
                    .credentials
                    .read()
                    .unwrap_or_else(|p| p.into_inner()),
            )
            .finish()
    }
}

/// The URL as text with any password in it hidden (for `Debug`).
pub(crate) fn without_password(url: &url::Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        let _ = shown.set_password(Some("[redacted]"));
    }
    shown.to_string()
}

impl Client {
    pub fn builder(provider: Provider) -> ClientBuilder {
        ClientBuilder::new(provider)
    }

    pub fn provider(&self) -> Provider {
        self.inner.config.provider
    }

    pub fn base_url(&self) -> &url::Url {
        &self.inner.config.base_url
    }

    pub fn supports(&self, op: Operation) -> bool {
        self.inner.spec.supports(op)
    }

    /// The operations this provider supports, as `"organizations.list"` strings.
    pub fn capabilities(&self) -> Vec<&'static str> {
        Operation::ALL
            .iter()
            .filter(|op| self.supports(**op))
            .map(|op| op.as_str())
            .collect()
    }

    /// The rate-limit state the last response reported, if any did.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        *self
            .inner
            .rate_limit
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    /// Replaces the bearer token for this client and all its clones.
    pub fn set_token(&self, token: impl Into<Secret>) {
        self.inner
            .credentials
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .token = Some(token.into());
    }

    /// The credentials this client sends now (a login or pm415 org switch
    /// replaces the token). Lets a binding rebuild the client, e.g. in a
    /// forked child process whose inherited connections are unusable.
    pub fn current_credentials(&self) -> Credentials {
        self.inner
            .credentials
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn organizations(&self) -> Organizations {
        Organizations::new(self.clone())
    }
    pub fn members(&self, organization: impl Into<Id>) -> Members {
        Members::new(self.clone(), organization.into())
    }
    pub fn invites(&self) -> Invites {
        Invites::new(self.clone())
    }
    pub fn projects(&self) -> Projects {
        Projects::new(self.clone())
    }
    pub fn tasks(&self) -> Tasks {
        Tasks::new(self.clone())
    }
    pub fn documents(&self, organization: impl Into<Id>) -> Documents {
        Documents::new(self.clone(), organization.into())
    }
    pub fn users(&self) -> Users {
        Users::new(self.clone())
    }
    pub fn auth(&self) -> Auth {
        Auth::new(self.clone())
    }

    /// Any request the typed surface lacks: same auth, retries and errors;
    /// the JSON body comes back as it is (`Null` for an empty body).
    pub fn request(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> BoxFuture<'static, Result<Value>> {
        let client = self.clone();
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (
                p.to_string(),
                url::form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .collect(),
            ),
            None => (path.to_string(), Vec::new()),
        };
        Box::pin(async move {
            let wire = providers::Wire {
                method,
                path,
                query,
                body,
                authenticated: true,
                read: Read::At(&[]),
            };
            let answer = client
                .with_deadline(client.inner.send(&wire, client.deadline_at()))
                .await?;
            if answer.body.iter().all(u8::is_ascii_whitespace) {
                return Ok(Value::Null);
            }
            let value: Value = serde_json::from_slice(&answer.body).map_err(|e| {
                Error::decode(format!("the response is not JSON: {e}"), &answer.body)
            })?;
            // A 2xx whose envelope says `success: false` is an error here too.
            if value.get("success") == Some(&Value::Bool(false)) {
                return client.read(Read::At(&[]), answer).map(|_| value);
            }
            Ok(value)
        })
    }
}
