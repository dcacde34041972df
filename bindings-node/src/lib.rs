//! `orgkit-node`: the napi-rs layer under the `orgkit` npm package.
//!
//! Every module has one job:
//! - [`call`]: runs SDK futures as Promises, each cancellable by a call id;
//! - [`error`]: turns SDK errors into JS errors carrying a machine-readable kind;
//! - [`options`]: `new Client({...})` options into a `ClientBuilder`;
//! - [`inputs`]: JS argument objects into SDK inputs;
//! - [`json`]: SDK models as JSON for `JSON.parse` in `lib/models.js` (the fast path);
//! - [`models`]: SDK models into plain JS objects (camelCase, `Date`s), the
//!   types of `native.d.ts` and the path for what JSON cannot carry exactly;
//! - [`page`]: one class per list type, fetching the next page on demand;
//! - [`client`]: the native client, one method per unified operation;
//! - [`webhooks`]: Standard Webhooks sign/verify.
//!
//! The JS layer (`index.js`, `errors.js`) builds the public API on top.

/// Models are decoded on tokio's threads and dropped on the JS thread (when
/// a page is collected); glibc's malloc spends much of a large page's time
/// consolidating and moving chunks between its per-thread arenas.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod call;
mod client;
mod error;
mod inputs;
mod json;
mod models;
mod options;
mod page;
mod webhooks;

/// The version of the native addon (the same as the package's).
#[napi_derive::napi(catch_unwind)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
