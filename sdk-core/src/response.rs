//! What an HTTP answer said besides its body: status, headers, request id,
//! how many attempts it took, and the rate-limit state it reported.

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderValue};

use crate::models::RateLimit;
use crate::names::normalize;
use crate::secret::{Secrets, REDACTED};

/// The HTTP side of one answer.
#[derive(Clone, Default)]
pub struct ResponseInfo {
    /// The HTTP status of the last attempt.
    pub status: u16,
    pub(crate) headers: HeaderMap,
    /// The server's request id (`x-request-id`, …), if it sent one.
    pub request_id: Option<String>,
    /// How many attempts the call took (1 when no retry was needed).
    pub attempts: u32,
    /// The rate-limit state this answer reported, if any.
    pub rate_limit: Option<RateLimit>,
    /// The client's secrets, for `Debug` to hide where a header echoes one.
    pub(crate) secrets: Option<Arc<Secrets>>,
}

/// The first value of each of `names` (lowercase) in `headers`, read in
/// one pass: an answer has a handful of headers, and hashing each name to
/// look it up costs more than comparing them all.
pub(crate) fn first_values<'h, const N: usize>(
    headers: &'h HeaderMap,
    names: [&str; N],
) -> [Option<&'h HeaderValue>; N] {
    let mut found = [None; N];
    for (name, value) in headers {
        let name = name.as_str();
        if let Some(i) = names.iter().position(|n| *n == name) {
            found[i].get_or_insert(value);
        }
    }
    found
}

/// Whether `Debug` shows a header's name only: one named like a credential
/// (`set-cookie`, `authorization`, `x-api-key`, `x-auth-token`, …), or one
/// whose value holds a secret the client knows (a server echoing its key).
fn hidden_in_debug(name: &str, value: &str, secrets: Option<&Secrets>) -> bool {
    let name = normalize(name);
    ["cookie", "authorization"].iter().any(|n| name.contains(n))
        || ["token", "key", "secret", "password"]
            .iter()
            .any(|n| name.ends_with(n))
        || secrets.is_some_and(|known| known.appears_in(value))
}

impl ResponseInfo {
    /// The first value of a header (`name` in any case), if it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// Every header as `(lowercase name, value)`, in order; values that are
    /// not text are left out.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.headers
            .iter()
            .filter_map(|(k, v)| Some((k.as_str(), v.to_str().ok()?)))
    }
}

impl PartialEq for ResponseInfo {
    fn eq(&self, other: &Self) -> bool {
        self.status == other.status
            && self.headers == other.headers
            && self.request_id == other.request_id
            && self.attempts == other.attempts
            && self.rate_limit == other.rate_limit
    }
}

impl fmt::Debug for ResponseInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers()
            .map(|(k, v)| {
                (
                    k,
                    if hidden_in_debug(k, v, self.secrets.as_deref()) {
                        REDACTED
                    } else {
                        v
                    },
                )
            })
            .collect();
        f.debug_struct("ResponseInfo")
            .field("status", &self.status)
            .field("headers", &headers)
            .field("request_id", &self.request_id)
            .field("attempts", &self.attempts)
            .field("rate_limit", &self.rate_limit)
            .finish()
    }
}

/// A typed result with the HTTP answer it came from
/// (`client.projects().get(1).with_response().await?`).
#[derive(Clone, Debug)]
pub struct Response<T> {
    /// The typed result.
    pub data: T,
    /// The HTTP side of the answer.
    pub info: ResponseInfo,
}

impl<T> Response<T> {
    /// The same answer with its data mapped.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            data: f(self.data),
            info: self.info,
        }
    }
}
