//! # orgkit
//!
//! One typed client for five organization-management REST APIs —
//! ourganize, orgstack, achieveapex, kaana and pm415 — with pagination,
//! auth, retries, rate limits and typed errors.
//!
//! ```no_run
//! use orgkit::{Client, ListParams, Login, Provider};
//! use futures::StreamExt;
//!
//! # async fn demo() -> orgkit::Result<()> {
//! let client = Client::builder(Provider::Pm415)
//!     .base_url("https://pm415.example.com")
//!     .build()?;
//! client.auth().login(Login::email("me@example.com", "hunter2")).await?;
//! let page = client.organizations().list(ListParams::new()).await?;
//! let mut orgs = std::pin::pin!(page.stream());
//! while let Some(org) = orgs.next().await {
//!     println!("{:?}", org?.name);
//! }
//! # Ok(()) }
//! ```
//!
//! An operation a provider lacks fails with [`ErrorKind::Unsupported`]
//! before any request is sent; [`Client::capabilities`] lists what works.
//!
//! Every operation is declared once (see [`Operation`]); the resource
//! methods, [`Client::call`], the Python and Node bindings and the CLI are
//! derived from that declaration through [`api::surface`].
#![deny(missing_docs)]

// Layers, low to high; a module uses only those above it in this list.
mod answer;
pub mod api;
mod builder;
#[cfg(feature = "cli")]
pub mod cli;
mod client;
mod config;
mod error;
mod exec;
pub mod http;
pub mod log;
pub mod models;
mod names;
mod operation;
mod options;
mod pagination;
mod providers;
mod rate_limit;
mod redact;
mod request_url;
mod response;
mod retry;
mod route;
mod secret;
pub mod webhooks;

/// Test your own code against all five providers without a network: the
/// in-process mock server (`orgkit-mock`), with seeded data and
/// credentials ([`testing::seed`]), fault injection and a request log.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> orgkit::Result<()> {
/// use orgkit::testing::{seed, Fault};
/// let server = orgkit::testing::spawn().await;
/// server.inject(Fault::status(503).provider("ourganize").times(1));
/// let client = orgkit::Client::builder(orgkit::Provider::Ourganize)
///     .base_url(server.base_url("ourganize"))
///     .api_key(seed::OURGANIZE_ADMIN_KEY)
///     .build()?;
/// let me = client.users().me().with_response().await?; // retried past the 503
/// assert_eq!(me.info.attempts, 2);
/// assert_eq!(server.request_count("GET", "/ourganize/user/profile"), 2);
/// # Ok(()) }
/// ```
#[cfg(feature = "testing")]
pub mod testing {
    pub use orgkit_mock::*;
}

/// Not public API: the fuzz targets' and fuzz regression tests' entry points.
#[cfg(feature = "test-http")]
#[doc(hidden)]
#[path = "fuzz.rs"]
pub mod __fuzz;

pub use api::Request;
pub use builder::ClientBuilder;
pub use client::Client;
pub use config::{Config, Credentials, Provider, RetryPolicy};
pub use error::{Error, ErrorKind, FieldError, Result, MAX_ERROR_BODY};
pub use models::*;
pub use names::camel_case;
pub use operation::{
    FromOutput, Operation, OperationSpec, Output, ParamSpec, ResourceSpec, Returns,
};
pub use options::RequestOptions;
pub use pagination::{ListParams, Page};
pub use reqwest::Method;
pub use response::{Response, ResponseInfo};
pub use retry::parse_retry_after;
pub use secret::{Secret, Secrets, REDACTED};

/// The date-time type of every model timestamp.
pub type DateTime = chrono::DateTime<chrono::Utc>;
pub use chrono;
