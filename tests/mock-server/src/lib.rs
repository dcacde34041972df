//! `orgkit-mock`: one in-process (or subprocess) HTTP server that emulates
//! the five org-management APIs orgkit speaks — ourganize, orgstack,
//! achieveapex, kaana and pm415 — each under its own path prefix, with
//! seeded state, each provider's own envelopes and errors, and injectable
//! faults.
//!
//! ```no_run
//! # async fn demo() {
//! use orgkit_mock::{seed, Fault};
//!
//! let server = orgkit_mock::spawn().await;
//! let base = server.base_url("pm415"); // http://127.0.0.1:PORT/pm415
//! server.inject(Fault::status(503).provider("pm415").times(2));
//! // … point a client at `base` with `seed::PM415_ADMIN_API_KEY` …
//! assert_eq!(server.request_count("GET", "/pm415/api/org"), 0);
//! # let _ = (base, seed::PM415_ADMIN_API_KEY);
//! # }
//! ```

mod control;
mod faults;
mod fields;
mod message;
mod providers;
pub mod seed;
mod server;
pub mod shutdown;
mod state;
mod time;
mod token;

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;

pub use faults::{Fault, FaultAction};
pub use state::RecordedRequest;

use server::Shared;
use state::{Limits, World};

/// The provider names, which are also their path prefixes.
pub const PROVIDERS: [&str; 5] = ["ourganize", "orgstack", "achieveapex", "kaana", "pm415"];

/// How to start a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Where to listen; the default is an ephemeral loopback port.
    pub addr: SocketAddr,
    /// ourganize requests allowed per window before it answers 429.
    pub rate_limit: u32,
    /// Length of ourganize's rate-limit window.
    pub rate_window: Duration,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            addr: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            rate_limit: seed::OURGANIZE_DEFAULT_RATE_LIMIT,
            rate_window: Duration::from_secs(seed::OURGANIZE_RATE_WINDOW_SECS),
        }
    }
}

impl Config {
    fn limits(&self) -> Limits {
        Limits {
            ourganize_rate_limit: self.rate_limit,
            ourganize_rate_window_secs: self.rate_window.as_secs().max(1),
        }
    }
}

/// A running mock server. It stops when dropped. Derefs to [`Handle`], so
/// `server.inject(..)`, `server.requests()` etc. work directly.
#[derive(Debug)]
pub struct MockServer {
    addr: SocketAddr,
    handle: Handle,
    shutdown: watch::Sender<bool>,
}

impl MockServer {
    /// `http://IP:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://IP:PORT/{provider}`: the base URL to give a client for that provider.
    pub fn base_url(&self, provider: &str) -> String {
        format!("{}/{}", self.url(), provider.trim_matches('/'))
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A cloneable handle that outlives borrows of the server (it does not keep it running).
    pub fn handle(&self) -> Handle {
        self.handle.clone()
    }
}

impl std::ops::Deref for MockServer {
    type Target = Handle;

    fn deref(&self) -> &Handle {
        &self.handle
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

/// Controls a server's state from Rust: the same operations as `/__mock/…`.
#[derive(Clone)]
pub struct Handle {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handle").finish_non_exhaustive()
    }
}

impl Handle {
    /// Back to the seed state: data, tokens issued, rate limit, faults and request log.
    pub fn reset(&self) {
        self.shared.world().reset();
    }

    /// Queues a fault; faults fire in the order they were queued.
    pub fn inject(&self, fault: Fault) {
        self.shared.world().inject(fault);
    }

    /// The faults still queued (with their remaining `times`).
    pub fn faults(&self) -> Vec<Fault> {
        self.shared.world().faults.list().to_vec()
    }

    pub fn clear_faults(&self) {
        self.shared.world().faults.clear();
    }

    /// Every provider request received since the last reset or clear,
    /// including those a fault answered.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.world().log.clone()
    }

    pub fn clear_requests(&self) {
        self.shared.world().log.clear();
    }

    /// How many recorded requests have `method` (`""` or `"*"`: any) and a
    /// path under `path_prefix`, given provider-relative (`/projects`) or in
    /// full (`/ourganize/projects`).
    pub fn request_count(&self, method: &str, path_prefix: &str) -> usize {
        self.shared
            .world()
            .log
            .iter()
            .filter(|r| r.matches(method, path_prefix))
            .count()
    }

    /// Sets ourganize's requests per window and starts a fresh window.
    pub fn set_rate_limit(&self, limit: u32) {
        self.shared
            .world()
            .providers
            .ourganize
            .set_rate_limit(limit, None);
    }

    /// Sets ourganize's limit and window length (at least one second), starting a fresh window.
    pub fn set_rate_limit_window(&self, limit: u32, window: Duration) {
        self.shared
            .world()
            .providers
            .ourganize
            .set_rate_limit(limit, Some(window.as_secs().max(1)));
    }
}

/// Starts a server on an ephemeral loopback port with the default config,
/// on the current tokio runtime.
///
/// # Panics
/// If no loopback port can be bound at all (the test environment is broken);
/// use [`spawn_with`] to handle that case.
pub async fn spawn() -> MockServer {
    match spawn_with(Config::default()).await {
        Ok(server) => server,
        Err(e) => panic!("orgkit-mock: cannot bind 127.0.0.1:0: {e}"),
    }
}

/// Starts a server with `config` on the current tokio runtime.
pub async fn spawn_with(config: Config) -> io::Result<MockServer> {
    let listener = TcpListener::bind(config.addr).await?;
    let (server, shared, shutdown) = prepare(&config, listener.local_addr()?);
    tokio::spawn(server::run(listener, shared, shutdown));
    Ok(server)
}

/// Starts a server on its own thread and runtime, for callers without a
/// tokio runtime (blocking tests, benchmarks). It stops when dropped.
pub fn spawn_on_thread(config: Config) -> io::Result<MockServer> {
    let listener = std::net::TcpListener::bind(config.addr)?;
    listener.set_nonblocking(true)?;
    let (server, shared, shutdown) = prepare(&config, listener.local_addr()?);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    std::thread::Builder::new()
        .name("orgkit-mock".into())
        .spawn(move || {
            runtime.block_on(async move {
                if let Ok(listener) = TcpListener::from_std(listener) {
                    server::run(listener, shared, shutdown).await;
                }
            });
        })?;
    Ok(server)
}

fn prepare(config: &Config, addr: SocketAddr) -> (MockServer, Arc<Shared>, watch::Receiver<bool>) {
    let shared = Arc::new(Shared::new(World::new(config.limits())));
    let (shutdown, receiver) = watch::channel(false);
    let server = MockServer {
        addr,
        handle: Handle {
            shared: shared.clone(),
        },
        shutdown,
    };
    (server, shared, receiver)
}
