//! `Client`: the handle users hold — provider, credentials, rate-limit
//! state, the raw-request escape hatch, the generic call entry point.
//! Building one is in `builder.rs`; the resources (`client.projects()`,
//! …) are in `api`; running a call is in `exec`.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use reqwest::Method;
use serde_json::{Map, Value};

use crate::api::{Request, What};
use crate::config::{Credentials, Provider};
use crate::error::Result;
use crate::exec::Engine;
use crate::models::RateLimit;
use crate::operation::{Operation, Output};
use crate::route::{Read, Wire};
use crate::secret::Secret;

/// A client for one provider. Cheap to clone (an `Arc` inside); clones
/// share credentials, connection pool and rate-limit state.
///
/// ```
/// use orgkit::{Client, Provider};
/// let client = Client::builder(Provider::Ourganize).api_key("ogz_…").build()?;
/// assert!(client.capabilities().contains(&"projects.list"));
/// assert!(!format!("{client:?}").contains("ogz_"));
/// # Ok::<(), orgkit::Error>(())
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) engine: Arc<Engine>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("provider", &self.engine.config.provider)
            .field("base_url", &self.engine.config.base_url.as_str())
            .field("credentials", &self.engine.credentials())
            .finish()
    }
}

impl Client {
    /// The provider this client speaks to.
    pub fn provider(&self) -> Provider {
        self.engine.config.provider
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &url::Url {
        &self.engine.config.base_url
    }

    /// Whether the provider has `op`.
    pub fn supports(&self, op: Operation) -> bool {
        self.engine.dialect.supports(op)
    }

    /// Fails with `Unsupported` (and sends nothing) when the provider lacks `op`.
    pub fn ensure_supported(&self, op: Operation) -> Result<()> {
        self.engine.check_supported(op)
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
            .engine
            .rate_limit
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    /// Replaces the bearer token for this client and all its clones.
    pub fn set_token(&self, token: impl Into<Secret>) {
        self.engine.set_token(token.into());
    }

    /// The credentials this client sends now (a login or pm415 org switch
    /// replaces the token). Lets a binding rebuild the client, e.g. in a
    /// forked child process whose inherited connections are unusable.
    pub fn current_credentials(&self) -> Credentials {
        self.engine.credentials()
    }

    /// Closes the client (and every clone): idle connections are dropped,
    /// and later calls fail at once with an `InvalidArgument` error naming
    /// `client`. Calls already running finish.
    pub fn close(&self) {
        self.engine.closed.store(true, Ordering::Release);
        self.engine.http.close();
    }

    /// Whether [`Client::close`] was called.
    pub fn is_closed(&self) -> bool {
        self.engine.closed.load(Ordering::Acquire)
    }

    /// Any request the typed surface lacks: same auth, retries and errors;
    /// the JSON body comes back as it is (`Null` for an empty body).
    ///
    /// ```no_run
    /// # async fn demo(client: orgkit::Client) -> orgkit::Result<()> {
    /// let health = client.request(orgkit::Method::GET, "/health?deep=1", None).await?;
    /// # Ok(()) }
    /// ```
    pub fn request(&self, method: Method, path: &str, body: Option<Value>) -> Request<Value> {
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (
                p.to_string(),
                url::form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .collect(),
            ),
            None => (path.to_string(), Vec::new()),
        };
        let mut wire = Wire::any(method, path).read(Read::At(&[]));
        wire.query = query;
        wire.body = body;
        Request::new(self.clone(), What::Raw(wire))
    }

    /// Any operation by name, with its arguments as JSON (flattened:
    /// `{"organization_id": 1, "person": 4, "role": "admin"}`): what the
    /// bindings, the CLI and the test runners call. Arguments are checked
    /// like the typed methods' (a misspelt one is an `InvalidArgument`).
    ///
    /// ```no_run
    /// # async fn demo(client: orgkit::Client) -> orgkit::Result<()> {
    /// use orgkit::{Operation, Output};
    /// let args = serde_json::json!({"id": 42});
    /// let out = client.call(Operation::ProjectsGet, args.as_object().unwrap().clone()).await?;
    /// if let Output::One(project) = out { println!("{}", serde_json::to_string(&project).unwrap()); }
    /// # Ok(()) }
    /// ```
    pub fn call(&self, operation: Operation, args: Map<String, Value>) -> Request<Output> {
        Request::new(self.clone(), What::Args { operation, args })
    }
}
