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

mod builder;
mod client;
mod config;
mod error;
mod execute;
mod fast;
pub mod models;
mod operation;
mod pagination;
mod providers;
mod rate_limit;
mod resources;
mod retry;
mod transport;
pub mod webhooks;

/// Not public API: hooks for the fuzz targets and fuzz regression tests.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
#[path = "fuzz_hooks.rs"]
pub mod __fuzz;

pub use builder::ClientBuilder;
pub use client::Client;
pub use config::{Config, Credentials, Provider, RetryPolicy, Secret};
pub use error::{Error, ErrorKind, FieldError, Result, MAX_ERROR_BODY};
pub use models::*;
pub use operation::{Operation, TaskScope};
pub use pagination::{ListParams, Page};
pub use reqwest::Method;
pub use resources::{Auth, Documents, Invites, Members, Organizations, Projects, Tasks, Users};
pub use retry::parse_retry_after;

/// The date-time type of every model timestamp.
pub type DateTime = chrono::DateTime<chrono::Utc>;
pub use chrono;
