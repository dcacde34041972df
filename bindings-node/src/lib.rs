//! `orgkit-node`: the napi-rs layer under the `orgkit` npm package. It is
//! type conversion only — nothing here is per operation: every operation
//! goes through one generic entry (`NativeClient::call` / `list`), and the
//! JS layer (`lib/resources.js`, generated from the SDK's surface) gives
//! each its method.
//!
//! Every module has one job:
//! - [`call`]: runs SDK futures as Promises, each cancellable by a call id;
//! - [`error`]: SDK errors as JS errors carrying a machine-readable kind;
//! - [`json`]: values as JSON in their JS shape (camelCase fields, exact big integers);
//! - [`options`]: client and per-request options (milliseconds) into the SDK's;
//! - [`log`]: the SDK's log events to a JS `logger`;
//! - [`client`]: the native client;
//! - [`page`]: a page of a list that fetches the next one;
//! - [`webhooks`]: Standard Webhooks sign/verify;
//! - [`testing`]: the in-process mock server behind `orgkit/testing`.

/// Models are decoded on tokio's threads and dropped on the JS thread (when
/// a page is collected); glibc's malloc spends much of a large page's time
/// consolidating and moving chunks between its per-thread arenas.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod call;
mod client;
mod error;
mod json;
mod log;
mod options;
mod page;
mod testing;
mod webhooks;

/// The version of the native addon (the same as the package's).
#[napi_derive::napi(catch_unwind)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Runs the `orgkit` command line (`argv` with the program name first) on
/// this thread and returns its exit code (the package's `orgkit` bin).
#[napi_derive::napi(catch_unwind)]
pub fn run_cli(argv: Vec<String>) -> i32 {
    orgkit::cli::run(argv)
}

/// The SDK's machine-readable surface as JSON (`orgkit::api::surface()`):
/// resources, operations and their parameters, models, enums, error kinds.
#[napi_derive::napi(catch_unwind)]
pub fn surface() -> String {
    serde_json::to_string(&orgkit::api::surface()).unwrap_or_else(|_| "null".to_string())
}
