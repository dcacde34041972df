//! Runs an SDK future as a JS Promise. Each call may carry an id (from
//! [`new_call_id`]); [`cancel`] with that id drops the future — the HTTP
//! request and any retry backoff sleep with it — and the Promise rejects
//! with kind `Aborted`.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

use futures::future::{AbortHandle, Abortable};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::error::{to_js, Failure};

fn registry() -> &'static Mutex<HashMap<u32, AbortHandle>> {
    static CALLS: OnceLock<Mutex<HashMap<u32, AbortHandle>>> = OnceLock::new();
    CALLS.get_or_init(Default::default)
}

fn calls() -> std::sync::MutexGuard<'static, HashMap<u32, AbortHandle>> {
    registry().lock().unwrap_or_else(|p| p.into_inner())
}

/// A fresh id to pass to a call so that it can be cancelled later.
#[napi(catch_unwind)]
pub fn new_call_id() -> u32 {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Cancels the call with this id, if it is still running; returns whether it was.
#[napi(catch_unwind)]
pub fn cancel(call_id: u32) -> bool {
    match calls().remove(&call_id) {
        Some(handle) => {
            handle.abort();
            true
        }
        None => false,
    }
}

/// How many calls are running with an id (for tests: nothing leaks).
#[napi(catch_unwind)]
pub fn pending_calls() -> u32 {
    calls().len() as u32
}

/// Unregisters a call's id when its future ends or is dropped.
struct Registered(Option<u32>);

impl Drop for Registered {
    fn drop(&mut self) {
        if let Some(id) = self.0 {
            calls().remove(&id);
        }
    }
}

/// Spawns `fut` on the addon's tokio runtime and returns its Promise.
pub fn spawn<'env, T, F>(
    env: &'env Env,
    call_id: Option<u32>,
    fut: F,
) -> Result<PromiseRaw<'env, T>>
where
    T: ToNapiValue + Send + 'static,
    F: Future<Output = std::result::Result<T, Failure>> + Send + 'static,
{
    // A call without an id cannot be cancelled: no abort handle, no registry.
    let Some(id) = call_id else {
        let run = async move { Ok::<_, napi::Error>(fut.await) };
        return env
            .spawn_future_with_callback(run, |env, outcome| outcome.map_err(|f| to_js(env, f)));
    };
    let (handle, registration) = AbortHandle::new_pair();
    calls().insert(id, handle);
    let guard = Registered(Some(id));
    let run = async move {
        let _guard = guard;
        let outcome = match Abortable::new(fut, registration).await {
            Ok(result) => result,
            Err(_aborted) => Err(Failure::Aborted),
        };
        Ok::<_, napi::Error>(outcome)
    };
    env.spawn_future_with_callback(run, |env, outcome| outcome.map_err(|f| to_js(env, f)))
}
