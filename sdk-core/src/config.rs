//! What a client is configured with: which provider, where, which
//! credentials, and how patient it is.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use crate::error::Error;
use crate::secret::Secret;

/// The five services orgkit speaks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Provider {
    /// ourganize: projects, tasks, users; `{success, data, meta}` envelopes.
    Ourganize,
    /// orgstack: multi-tenant organizations (self-hosted; give a base URL).
    Orgstack,
    /// achieveapex: a FeathersJS service with `$limit`/`$skip` paging.
    Achieveapex,
    /// kaana: organizations with members, projects, tasks and documents.
    Kaana,
    /// pm415: organizations, org switching, invites, admin grants.
    Pm415,
}

impl Provider {
    /// All five, in the order the docs list them.
    pub const ALL: [Provider; 5] = [
        Provider::Ourganize,
        Provider::Orgstack,
        Provider::Achieveapex,
        Provider::Kaana,
        Provider::Pm415,
    ];

    /// The provider's id as used in every language (`"pm415"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Ourganize => "ourganize",
            Provider::Orgstack => "orgstack",
            Provider::Achieveapex => "achieveapex",
            Provider::Kaana => "kaana",
            Provider::Pm415 => "pm415",
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Provider {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let wanted = s.trim().to_ascii_lowercase();
        Provider::ALL
            .into_iter()
            .find(|p| p.as_str() == wanted)
            .ok_or_else(|| {
                Error::invalid_argument(
                    "provider",
                    format!(
                        "unknown provider {s:?}; expected one of ourganize, orgstack, achieveapex, kaana, pm415"
                    ),
                )
            })
    }
}

/// At most one credential of each kind; the provider decides how each is sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Credentials {
    /// Sent as `Authorization: Bearer`; replaced by login and pm415's org switch.
    pub token: Option<Secret>,
    /// achieveapex: `x-api-key`; elsewhere `Authorization: Bearer`.
    pub api_key: Option<Secret>,
    /// kaana: the `connect.sid` session cookie.
    pub session_cookie: Option<Secret>,
}

/// How often and how long a failed call is tried again.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Attempts after the first one.
    pub max_retries: u32,
    /// First backoff; doubles each attempt, with full jitter.
    pub initial_backoff: Duration,
    /// The longest backoff.
    pub max_backoff: Duration,
    /// A server's `Retry-After` above this is not waited for: the error is returned.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// Everything a [`crate::Client`] was built with.
#[derive(Clone)]
pub struct Config {
    /// The provider.
    pub provider: Provider,
    /// Where its API is.
    pub base_url: url::Url,
    /// The credentials given at build time.
    pub credentials: Credentials,
    /// Per attempt.
    pub timeout: Option<Duration>,
    /// For the whole call: every attempt and every backoff sleep.
    pub deadline: Option<Duration>,
    /// When and how often to retry.
    pub retry: RetryPolicy,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Extra headers sent with every request.
    pub headers: Vec<(String, String)>,
    /// Send an `Idempotency-Key` on every POST/PATCH (reused across its
    /// retries), which makes those calls retryable.
    pub idempotency_keys: bool,
    /// Responses longer than this fail with a Decode error instead of being buffered.
    pub max_response_bytes: usize,
}

impl fmt::Debug for Config {
    // Hand-written: extra header values may be credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("provider", &self.provider)
            .field("base_url", &self.base_url.as_str())
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("idempotency_keys", &self.idempotency_keys)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

/// Extra headers for `Debug`: names only, values redacted.
pub(crate) struct RedactedHeaders<'a>(pub &'a [(String, String)]);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(name, _)| (name, "[redacted]")))
            .finish()
    }
}

pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
pub(crate) const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

pub(crate) fn default_user_agent() -> String {
    format!("orgkit-rust/{}", env!("CARGO_PKG_VERSION"))
}
