//! One HTTP attempt: send a request, read its body within a size cap.
//! Behind the [`Http`] trait so tests and fuzz targets can answer instead
//! of a server; the real implementation is reqwest over rustls.
//!
//! Redirects are followed only within the origin (scheme, host and port)
//! the request was sent to, at most [`MAX_REDIRECTS`] times: a redirect to
//! another origin (https → http included) is not followed, so a credential
//! header can never travel there, and is reported as an error.

use std::error::Error as _;
use std::sync::Mutex;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures::future::BoxFuture;
use reqwest::header::HeaderMap;
use reqwest::Method;

use crate::error::{Error, ErrorKind};

/// How many redirects one attempt follows.
pub const MAX_REDIRECTS: usize = 10;

/// One request to send.
#[derive(Clone, Debug)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL.
    pub url: url::Url,
    /// Every header (credentials marked sensitive).
    pub headers: HeaderMap,
    /// The JSON body, if any.
    pub body: Option<Bytes>,
    /// How long this attempt may take.
    pub timeout: Duration,
    /// A longer body fails with `Decode` instead of being buffered.
    pub max_response_bytes: usize,
}

/// An answer, whatever its status.
#[derive(Clone, Debug)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// The headers.
    pub headers: HeaderMap,
    /// The whole body.
    pub body: Bytes,
}

/// An attempt that got no (usable) answer.
#[derive(Debug)]
pub struct HttpFailure {
    /// What went wrong (`Connection`, `Timeout`, `Decode` for an oversize body).
    pub error: Error,
    /// Whether the request may have reached the server (a POST is then not retried).
    pub reached_server: bool,
}

/// Sends one attempt. Implemented by reqwest for real use; a test can put
/// its own in with `ClientBuilder::http` (feature `test-http`).
pub trait Http: Send + Sync + 'static {
    /// Sends `request` and reads the whole answer.
    fn send(&self, request: HttpRequest) -> BoxFuture<'static, Result<HttpResponse, HttpFailure>>;

    /// Drops idle connections: the client was closed.
    fn close(&self) {}
}

/// Which certificates a client trusts.
#[derive(Clone, Debug, Default)]
pub(crate) struct Roots {
    /// Trusted besides the built-in set.
    pub extra: Vec<reqwest::Certificate>,
    /// The operating system's store instead of the bundled Mozilla set.
    pub system: bool,
}

/// Mozilla's root set (webpki-root-certs), parsed once per process.
fn webpki_roots() -> &'static [reqwest::Certificate] {
    static ROOTS: std::sync::OnceLock<Vec<reqwest::Certificate>> = std::sync::OnceLock::new();
    ROOTS.get_or_init(|| {
        webpki_root_certs::TLS_SERVER_ROOT_CERTS
            .iter()
            .filter_map(|der| reqwest::Certificate::from_der(der).ok())
            .collect()
    })
}

fn origin(url: &url::Url) -> (String, Option<String>, Option<u16>) {
    (
        url.scheme().to_string(),
        url.host_str().map(str::to_ascii_lowercase),
        url.port_or_known_default(),
    )
}

/// Follows a redirect only to the origin the request was first sent to.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let first = attempt.previous().first().map(origin);
        if first.as_ref() != Some(&origin(attempt.url())) {
            attempt.stop()
        } else if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error(TooManyRedirects)
        } else {
            attempt.follow()
        }
    })
}

#[derive(Debug)]
struct TooManyRedirects;

impl std::fmt::Display for TooManyRedirects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "more than {MAX_REDIRECTS} redirects")
    }
}

impl std::error::Error for TooManyRedirects {}

/// The reqwest client one runtime's connection pool is. By default it
/// trusts the bundled webpki roots only: the same on every machine, and no
/// trust store to read from disk for each client.
pub(crate) fn reqwest_client(roots: &Roots) -> reqwest::Result<reqwest::Client> {
    install_crypto_provider();
    let http = reqwest::Client::builder()
        .pool_idle_timeout(Duration::from_secs(60))
        .redirect(same_origin_redirects());
    let extra = roots.extra.iter().cloned();
    let http = if roots.system {
        http.tls_certs_merge(extra)
    } else {
        http.tls_certs_only(webpki_roots().iter().cloned().chain(extra))
    };
    http.build()
}

/// Makes ring rustls' process-wide crypto provider, unless the program
/// installed one (then that one is used): reqwest takes its TLS
/// cryptography from there. A program that installs its own provider must
/// do so before it builds its first orgkit client.
pub fn install_crypto_provider() {
    // `Err`: a provider is installed already, which is all that is needed.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Runtimes whose connection pools are kept; past this the oldest goes.
const MAX_POOLS: usize = 16;

/// [`Http`] over reqwest, with one connection pool per tokio runtime.
pub(crate) struct Reqwest {
    /// The pool built with the client; the first runtime to send uses it.
    /// `None` once closed.
    first: std::sync::RwLock<Option<reqwest::Client>>,
    first_runtime: std::sync::OnceLock<tokio::runtime::Id>,
    /// One pool per further runtime that sent.
    pools: Mutex<Vec<(tokio::runtime::Id, reqwest::Client)>>,
    roots: Roots,
}

impl Reqwest {
    pub(crate) fn new(roots: Roots) -> reqwest::Result<Self> {
        Ok(Reqwest {
            first: std::sync::RwLock::new(Some(reqwest_client(&roots)?)),
            first_runtime: std::sync::OnceLock::new(),
            pools: Mutex::new(Vec::new()),
            roots,
        })
    }

    /// The pool for the runtime this runs on. A pooled connection is
    /// driven by a task of the runtime that opened it: when one `Client` is
    /// shared by several runtimes (a current-thread runtime per thread), a
    /// connection of a runtime that is idle or gone would hang or fail with
    /// "dispatch task is gone". So each runtime gets its own pool.
    fn pool(&self) -> reqwest::Client {
        let first = || {
            self.first
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .clone()
                .or_else(|| reqwest_client(&self.roots).ok())
        };
        let Ok(handle) = tokio::runtime::Handle::try_current() else {
            if let Some(c) = first() {
                return c;
            }
            return reqwest::Client::new();
        };
        let id = handle.id();
        // The common case — one runtime — costs no contended lock.
        if *self.first_runtime.get_or_init(|| id) == id {
            if let Some(c) = first() {
                return c;
            }
        }
        let lock = || self.pools.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, http)) = lock().iter().find(|(i, _)| *i == id) {
            return http.clone();
        }
        let Ok(fresh) = reqwest_client(&self.roots) else {
            return first().unwrap_or_default();
        };
        let mut pools = lock();
        if let Some((_, http)) = pools.iter().find(|(i, _)| *i == id) {
            return http.clone();
        }
        if pools.len() >= MAX_POOLS {
            pools.remove(0);
        }
        pools.push((id, fresh.clone()));
        fresh
    }
}

impl Http for Reqwest {
    fn close(&self) {
        // In-flight requests hold their own handle on the pool; the idle
        // connections go when the last one does.
        *self.first.write().unwrap_or_else(|p| p.into_inner()) = None;
        self.pools.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    fn send(&self, req: HttpRequest) -> BoxFuture<'static, Result<HttpResponse, HttpFailure>> {
        let pool = self.pool();
        // The attempt's timeout covers the answer and its whole body, as
        // reqwest's own would. Kept here rather than given to reqwest,
        // whose timeout boxes its timer and boxes the body again to carry
        // it: 1.2k fewer instructions per GET (tests/bench/README.md).
        let timeout = req.timeout;
        Box::pin(async move {
            within(timeout, || attempt(pool, req))
                .await
                .unwrap_or_else(|| {
                    Err(HttpFailure {
                        error: timed_out(timeout),
                        // It may have: a POST that timed out is not sent again.
                        reached_server: true,
                    })
                })
        })
    }
}

/// `work`'s output, or `None` once `limit` has passed: `tokio::time::timeout`
/// with the deadline polled before the work, so its timer is registered
/// before the work wakes a connection's task. The other way round, the
/// woken worker can preempt the caller while the caller holds tokio's timer
/// lock, and block on it: ~0.4 context switches per sequential GET
/// (tests/bench/README.md, step 18). An output ready on the very poll where
/// the deadline passes counts as too late.
///
/// `work` makes the future rather than being it: a future passed in would
/// be kept twice in this one's state, as the argument and as the pinned
/// local (rust-lang/rust#62958), and every call's future holds one of
/// these per attempt, and one more when the call has a deadline (step 22).
pub(crate) async fn within<W, F>(limit: Duration, work: W) -> Option<F::Output>
where
    W: FnOnce() -> F,
    F: std::future::Future,
{
    let deadline = tokio::time::sleep(limit);
    let work = work();
    tokio::pin!(deadline, work);
    tokio::select! {
        biased;
        () = &mut deadline => None,
        output = &mut work => Some(output),
    }
}

/// `req` as reqwest's request. Built whole rather than through a
/// RequestBuilder, which would copy the headers one by one into an empty
/// map; and in a plain function, so that neither request is kept in the
/// attempt's future while it waits.
fn reqwest_request(req: HttpRequest) -> reqwest::Request {
    let mut request = reqwest::Request::new(req.method, req.url);
    *request.headers_mut() = req.headers;
    *request.body_mut() = req.body.map(Into::into);
    request
}

/// One attempt without its timeout: the answer and its whole body.
async fn attempt(pool: reqwest::Client, req: HttpRequest) -> Result<HttpResponse, HttpFailure> {
    let cap = req.max_response_bytes;
    let mut response = pool
        .execute(reqwest_request(req))
        .await
        .map_err(|e| HttpFailure {
            reached_server: !e.is_connect(),
            error: transport_error(e),
        })?;
    let status = response.status().as_u16();
    // Moved out, not copied: nothing below reads them.
    let headers = std::mem::take(response.headers_mut());
    if response.content_length().is_some_and(|n| n > cap as u64) {
        return Err(HttpFailure {
            error: too_large(cap, status),
            reached_server: true,
        });
    }
    // An answer read in one chunk is kept as that chunk: hyper hands it
    // over without a copy. A body of several chunks is copied into one
    // buffer, sized once from Content-Length (already checked against the
    // cap) instead of copied at every doubling.
    let expected = response.content_length().map_or(0, |n| n as usize).min(cap);
    let mut only: Option<Bytes> = None;
    let mut joined = BytesMut::new();
    let mut len = 0usize;
    // Once hyper has counted out a Content-Length body it is complete: the
    // end-of-body signal is not awaited. It comes from the connection's
    // task right after the last chunk, and waiting for it costs a second
    // wake of the caller's task and, on a busy CPU, a context switch.
    // Chunked bodies (no exact length) are read to their end.
    while response.content_length() != Some(0) {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let n = chunk.len();
                if len + n > cap {
                    return Err(HttpFailure {
                        error: too_large(cap, status),
                        reached_server: true,
                    });
                }
                if len == 0 {
                    only = Some(chunk);
                } else {
                    if let Some(first) = only.take() {
                        joined.reserve(expected.max(len + n));
                        joined.extend_from_slice(&first);
                    }
                    joined.extend_from_slice(&chunk);
                }
                len += n;
            }
            Ok(None) => break,
            Err(e) => {
                // A cut-off body is a transport failure, not an API error:
                // no status on it, so the retry logic treats it as one.
                let error = transport_error(e);
                return Err(HttpFailure {
                    error: Error::new(
                        error.kind(),
                        format!("response body interrupted: {}", error.message()),
                    ),
                    reached_server: true,
                });
            }
        }
    }
    let body = only.unwrap_or_else(|| joined.freeze());
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}

/// An attempt that ran past its timeout.
fn timed_out(timeout: Duration) -> Error {
    Error::new(
        ErrorKind::Timeout,
        format!(
            "no complete answer within the {:.3}s timeout",
            timeout.as_secs_f64()
        ),
    )
}

/// An oversize answer: a `Decode` error that says the cap.
pub(crate) fn too_large(cap: usize, status: u16) -> Error {
    Error::new(
        ErrorKind::Decode,
        format!("response larger than the {cap}-byte limit"),
    )
    .with_status(status)
}

/// A reqwest failure as an orgkit error. The URL is left out: it can carry
/// an invite token in its query.
fn transport_error(e: reqwest::Error) -> Error {
    let redirect = e.is_redirect();
    let kind = if e.is_timeout() {
        ErrorKind::Timeout
    } else {
        ErrorKind::Connection
    };
    let e = e.without_url();
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    let error = Error::new(kind, message);
    if redirect {
        // A redirect loop stays a loop: trying again only costs requests.
        error.with_code(Some("too_many_redirects".into())).final_()
    } else {
        error
    }
}
