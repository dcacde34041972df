//! The extension's own tokio runtime: built on first use, rebuilt in a
//! forked child (the parent's worker threads do not exist there), shut down
//! by an `atexit` hook so no worker thread touches a finalizing interpreter.
//! Also the two ways a Rust future meets Python: waited for with the GIL
//! released (blocking client), or wrapped in a coroutine (asyncio client).

use std::cell::OnceCell;
use std::future::Future;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use futures::FutureExt;
use pyo3::exceptions::PyRuntimeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3_async_runtimes::generic::{self, ContextExt, Runtime as GenericRuntime};
use pyo3_async_runtimes::TaskLocals;
use tokio::runtime::{Handle, Runtime};

struct Owned {
    pid: u32,
    runtime: Runtime,
}

static RUNTIME: Mutex<Option<Owned>> = Mutex::new(None);

/// How often a blocking wait wakes up to let Python handle signals (Ctrl-C).
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

fn build() -> std::io::Result<Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(4)
        .thread_name("orgkit-worker")
        .enable_all()
        .build()
}

/// A handle on the runtime of this process, building it if needed.
pub fn handle() -> std::io::Result<Handle> {
    let mut slot = RUNTIME.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(handle) = this_process(&slot) {
        return Ok(handle);
    }
    // First use, or a forked child holding its parent's runtime: its threads
    // are gone, so dropping it could block forever. Leak it instead.
    if let Some(stale) = slot.take() {
        std::mem::forget(stale);
    }
    let runtime = build()?;
    let handle = runtime.handle().clone();
    let pid = std::process::id();
    *slot = Some(Owned { pid, runtime });
    Ok(handle)
}

/// The runtime in `slot` if this process built it (not a forked parent's).
fn this_process(slot: &Option<Owned>) -> Option<Handle> {
    slot.as_ref()
        .filter(|owned| owned.pid == std::process::id())
        .map(|owned| owned.runtime.handle().clone())
}

/// Drops `value` on one of the runtime's worker threads when this process's
/// runtime is running, and here otherwise: for a value whose freeing the
/// thread holding the GIL need not wait for (a page's Rust copies once
/// converted, several allocations per item). Never starts a runtime, so
/// after `_shutdown`, or in a forked child before its first call rebuilds
/// the runtime, it simply drops `value` here.
pub fn drop_on_worker<T: Send + 'static>(value: T) {
    let running = this_process(&RUNTIME.lock().unwrap_or_else(PoisonError::into_inner));
    match running {
        Some(handle) => drop(handle.spawn(async move { drop(value) })),
        None => drop(value),
    }
}

fn py_handle() -> PyResult<Handle> {
    handle().map_err(|e| PyRuntimeError::new_err(format!("orgkit: cannot start its runtime: {e}")))
}

/// Registered with `atexit`: stops the worker threads while the interpreter
/// is still whole.
#[pyfunction]
pub fn _shutdown(py: Python<'_>) {
    let taken = RUNTIME
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    if let Some(owned) = taken {
        if owned.pid == std::process::id() {
            py.detach(move || owned.runtime.shutdown_timeout(Duration::from_secs(2)));
        } else {
            std::mem::forget(owned);
        }
    }
}

/// Runs `fut` to completion on the calling thread with the GIL released,
/// inside the runtime (its connections' tasks run on the workers); wakes
/// up regularly so Ctrl-C interrupts the wait (and cancels the call).
///
/// Polled here rather than spawned on a worker and waited for, as
/// `block_on` does in Rust: no task to spawn, and no thread to wake and
/// switch to when the answer is in. The thread parks with a timeout between
/// polls instead of arming a tokio timer for the signal check: a timer
/// earlier than the one the runtime's driver sleeps on wakes the driver
/// (a write to its eventfd and a round trip through a worker) on every
/// call.
pub fn wait<T: Send + 'static>(
    py: Python<'_>,
    fut: impl Future<Output = T> + Send + 'static,
) -> PyResult<T> {
    let handle = py_handle()?;
    let mut fut = std::pin::pin!(AssertUnwindSafe(fut).catch_unwind());
    let unpark = Arc::new(Unpark {
        thread: std::thread::current(),
        woken: AtomicBool::new(false),
    });
    let waker = Waker::from(unpark.clone());
    loop {
        let polled = py.detach(|| {
            let _inside = handle.enter();
            let mut cx = Context::from_waker(&waker);
            let check_at = Instant::now() + SIGNAL_CHECK;
            loop {
                if let Poll::Ready(done) = fut.as_mut().poll(&mut cx) {
                    return Some(done.map_err(drop));
                }
                // Sleep until woken or until the signal check is due; a
                // spurious return from `park_timeout` just goes round again.
                while !unpark.woken.swap(false, Ordering::Acquire) {
                    let left = check_at.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return None;
                    }
                    std::thread::park_timeout(left);
                }
            }
        });
        match polled {
            Some(Ok(value)) => return Ok(value),
            Some(Err(_panic)) => return Err(panicked()),
            // Returning drops the call's future: that cancels it.
            None => py.check_signals()?,
        }
    }
}

/// Wakes the thread waiting in [`wait`]. The flag, not the thread's park
/// token alone, says a wake came: code polled on that thread may park and
/// take the token itself.
struct Unpark {
    thread: std::thread::Thread,
    woken: AtomicBool,
}

impl std::task::Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::Release);
        self.thread.unpark();
    }
}

/// What a call that panicked inside orgkit raises (a bug, never a crash).
fn panicked() -> PyErr {
    PyRuntimeError::new_err("orgkit: the request task failed: it panicked")
}

/// A value produced with the GIL held once the Rust work is done.
pub type Finish = Box<dyn FnOnce(Python<'_>) -> PyResult<Py<PyAny>> + Send>;

/// Converts a [`Finish`] when pyo3-async-runtimes hands the result to asyncio
/// (it holds the GIL then), so worker threads never take the GIL themselves.
pub struct Deferred(Finish);

impl<'py> IntoPyObject<'py> for Deferred {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        (self.0)(py).map(|obj| obj.into_bound(py))
    }
}

/// pyo3-async-runtimes' view of our runtime.
pub struct OrgkitRuntime;

tokio::task_local! {
    static TASK_LOCALS: OnceCell<TaskLocals>;
}

impl GenericRuntime for OrgkitRuntime {
    type JoinError = tokio::task::JoinError;
    type JoinHandle = tokio::task::JoinHandle<()>;

    fn spawn<F>(fut: F) -> Self::JoinHandle
    where
        F: Future<Output = ()> + Send + 'static,
    {
        match handle() {
            Ok(h) => h.spawn(fut),
            // Cannot start threads at all: nothing sensible is left to do.
            Err(e) => panic!("orgkit: cannot start its runtime: {e}"),
        }
    }

    fn spawn_blocking<F>(f: F) -> Self::JoinHandle
    where
        F: FnOnce() + Send + 'static,
    {
        match handle() {
            Ok(h) => h.spawn_blocking(f),
            Err(e) => panic!("orgkit: cannot start its runtime: {e}"),
        }
    }
}

impl ContextExt for OrgkitRuntime {
    fn scope<F, R>(locals: TaskLocals, fut: F) -> Pin<Box<dyn Future<Output = R> + Send>>
    where
        F: Future<Output = R> + Send + 'static,
    {
        let cell = OnceCell::new();
        let _ = cell.set(locals);
        Box::pin(TASK_LOCALS.scope(cell, fut))
    }

    fn get_task_locals() -> Option<TaskLocals> {
        TASK_LOCALS
            .try_with(|c| c.get().cloned())
            .unwrap_or_default()
    }
}

static RUN_HELPER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A coroutine that, once awaited, runs `fut` on our runtime. Nothing starts
/// before the first await (so no event loop is needed to create it), and
/// cancelling the awaiting task drops the Rust future, which cancels the call.
/// (`orgkit._aio.run` awaits the [`Call`]: through the loop's [`Hub`] where
/// the loop can watch a file descriptor, else through pyo3-async-runtimes.)
pub fn coroutine(py: Python<'_>, fut: BoxFuture<'static, Finish>) -> PyResult<Py<PyAny>> {
    let call = Py::new(
        py,
        Call {
            job: Mutex::new(Some(fut)),
            abort: Mutex::new(None),
        },
    )?;
    let helper = RUN_HELPER.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("orgkit._aio")?.getattr("run")?.unbind())
    })?;
    Ok(helper.bind(py).call1((call,))?.unbind())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One call of the asyncio client, not started yet.
#[pyclass(module = "orgkit._native", name = "_Call", frozen)]
pub struct Call {
    job: Mutex<Option<BoxFuture<'static, Finish>>>,
    abort: Mutex<Option<tokio::task::AbortHandle>>,
}

impl Call {
    fn take(&self) -> PyResult<BoxFuture<'static, Finish>> {
        lock(&self.job).take().ok_or_else(|| {
            PyRuntimeError::new_err("cannot reuse an already awaited orgkit coroutine")
        })
    }
}

#[pymethods]
impl Call {
    /// Starts the call through pyo3-async-runtimes; returns an asyncio future.
    fn __call__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let fut = self.take()?;
        let fut = async move { Ok(Deferred(fut.await)) };
        Ok(generic::future_into_py::<OrgkitRuntime, _, _>(py, fut)?.unbind())
    }

    /// Starts the call; its outcome is set on `future` by `hub.drain()`.
    fn spawn(&self, hub: &Hub, future: Py<PyAny>) -> PyResult<()> {
        let fut = self.take()?;
        let inner = hub.inner.clone();
        let task = py_handle()?.spawn(async move {
            let finish = match AssertUnwindSafe(fut).catch_unwind().await {
                Ok(finish) => finish,
                Err(_panic) => {
                    Box::new(|_py: Python<'_>| -> PyResult<Py<PyAny>> { Err(panicked()) }) as Finish
                }
            };
            inner.complete(future, finish);
        });
        *lock(&self.abort) = Some(task.abort_handle());
        Ok(())
    }

    /// Drops the Rust future (the awaiting task was cancelled).
    fn cancel(&self) {
        lock(&self.job).take();
        if let Some(a) = lock(&self.abort).take() {
            a.abort();
        }
    }
}

/// Where the runtime's worker threads leave finished calls for one event
/// loop. A worker never takes the GIL: it queues the outcome and, when the
/// queue was empty, writes a byte to a socket the loop watches
/// (`loop.add_reader(hub.fileno(), hub.drain)`). The loop thread then sets
/// every queued outcome on its future in one go, converting to Python there.
#[pyclass(module = "orgkit._native", name = "_Hub", frozen)]
pub struct Hub {
    inner: Arc<HubInner>,
    reader: UnixStream,
}

struct HubInner {
    queue: Mutex<Vec<(Py<PyAny>, Finish)>>,
    writer: UnixStream,
}

impl HubInner {
    fn complete(&self, future: Py<PyAny>, finish: Finish) {
        let was_empty = {
            let mut q = lock(&self.queue);
            q.push((future, finish));
            q.len() == 1
        };
        if was_empty {
            // A full socket buffer already holds a wake-up: nothing to add.
            let _ = (&self.writer).write(&[1]);
        }
    }
}

#[pymethods]
impl Hub {
    #[new]
    fn new() -> PyResult<Self> {
        let (reader, writer) = UnixStream::pair()?;
        reader.set_nonblocking(true)?;
        writer.set_nonblocking(true)?;
        Ok(Hub {
            inner: Arc::new(HubInner {
                queue: Mutex::new(Vec::new()),
                writer,
            }),
            reader,
        })
    }

    fn fileno(&self) -> i32 {
        self.reader.as_raw_fd()
    }

    /// Sets the outcome of every finished call on its future.
    fn drain(&self, py: Python<'_>) {
        let mut buf = [0u8; 256];
        while let Ok(n) = (&self.reader).read(&mut buf) {
            if n < buf.len() {
                break;
            }
        }
        let done = std::mem::take(&mut *lock(&self.inner.queue));
        for (future, finish) in done {
            let future = future.bind(py);
            // A cancelled (done) future takes no outcome.
            let settled = future
                .call_method0(intern!(py, "done"))
                .and_then(|d| d.is_truthy())
                .unwrap_or(true);
            if settled {
                continue;
            }
            let set = match finish(py) {
                Ok(value) => future.call_method1(intern!(py, "set_result"), (value,)),
                Err(e) => future.call_method1(intern!(py, "set_exception"), (e.into_value(py),)),
            };
            if let Err(e) = set {
                e.write_unraisable(py, Some(future));
            }
        }
    }
}
