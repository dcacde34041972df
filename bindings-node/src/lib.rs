//! `orgkit-node`: the napi-rs layer under the `orgkit` npm package.
//!
//! Every module has one job:
//! - [`call`]: runs SDK futures as Promises, each cancellable by a call id;
//! - [`error`]: turns SDK errors into JS errors carrying a machine-readable kind;
//! - [`options`]: `new Client({...})` options into a `ClientBuilder`;
//! - [`inputs`]: JS argument objects into SDK inputs;
//! - [`models`]: SDK models into plain JS objects (camelCase, `Date`s);
//! - [`page`]: one class per list type, fetching the next page on demand;
//! - [`client`]: the native client, one method per unified operation;
//! - [`webhooks`]: Standard Webhooks sign/verify.
//!
//! The JS layer (`index.js`, `errors.js`) builds the public API on top.

mod call;
mod client;
mod error;
mod inputs;
mod models;
mod options;
mod page;
mod webhooks;

/// The version of the native addon (the same as the package's).
#[napi_derive::napi(catch_unwind)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
