//! Lazy lists: `for x in client.organizations.list()`, `async for …`,
//! `.pages()` and `.first_page()`. A page is fetched only when the caller
//! reaches it, through the core's `Page::next_page`; its items are
//! converted to Python objects with the GIL held, on the caller's thread.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use futures::future::BoxFuture;
use orgkit::{Model, Output, Page, ResponseInfo};
use pyo3::exceptions::{PyRuntimeError, PyStopAsyncIteration, PyStopIteration};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

use crate::errors::to_py;
use crate::log::PyLog;
use crate::runtime::{self, Finish};
use crate::ser;

/// A page converted to Python objects, and how to fetch the one after it.
pub struct RawPage {
    items: Vec<Py<PyAny>>,
    total: Option<u64>,
    info: Option<ResponseInfo>,
    next: Option<Lister>,
}

type PageFinish = Box<dyn FnOnce(Python<'_>) -> PyResult<RawPage> + Send>;
type PageJob = BoxFuture<'static, PageFinish>;

/// Starts fetching one page (each call starts a new request).
pub type Lister = Arc<dyn Fn() -> PageJob + Send + Sync>;

/// The lister of a list call's first page: `make` starts the call.
pub fn lister<F, Fut>(log: Arc<PyLog>, make: F) -> Lister
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = orgkit::Result<Output>> + Send + 'static,
{
    Arc::new(move || {
        let fut = make();
        let log = log.clone();
        Box::pin(async move {
            match fut.await {
                Ok(Output::Page(page)) => finish_page(log, page),
                Ok(_) => failed(
                    log,
                    orgkit::Error::new(orgkit::ErrorKind::Decode, "internal: a list gave no page"),
                ),
                Err(e) => failed(log, e),
            }
        }) as PageJob
    })
}

fn failed(log: Arc<PyLog>, e: orgkit::Error) -> PageFinish {
    Box::new(move |py: Python<'_>| {
        log.flush(py);
        Err(to_py(py, e))
    })
}

/// From this many items, a converted page's Rust copies are freed on a
/// worker thread, not by the caller with the GIL held. Callgrind, bench
/// projects: on a 1000-item page the caller's thread runs 0.84M fewer
/// instructions (27.3M → 26.5M, 3%) and the workers 1.1M more; at 32 items
/// the caller saves 35k and the workers spend 24k, so below that the
/// hand-over is hardly worth its task.
const FREE_ON_WORKER_FROM: usize = 32;

fn finish_page(log: Arc<PyLog>, mut page: Page<Model>) -> PageFinish {
    let items = std::mem::take(&mut page.items);
    let total = page.total;
    let info = page.info.take();
    // An empty page ends the walk even if the server claims more.
    let next: Option<Lister> = if items.is_empty() || !page.has_next() {
        None
    } else {
        let page = Arc::new(page);
        let log = log.clone();
        Some(Arc::new(move || {
            let fut = page.next_page();
            let log = log.clone();
            Box::pin(async move {
                match fut.await {
                    Ok(Some(p)) => finish_page(log, p),
                    Ok(None) => finish_page(log, Page::single(Vec::new())),
                    Err(e) => failed(log, e),
                }
            }) as PageJob
        }))
    };
    Box::new(move |py: Python<'_>| {
        log.flush(py);
        let converted = ser::to_py_each(py, &items)?;
        if items.len() >= FREE_ON_WORKER_FROM {
            runtime::drop_on_worker(items);
        }
        Ok(RawPage {
            items: converted,
            total,
            info,
            next,
        })
    })
}

/// A page already fetched as an `orgkit.Page` (the raw response of a list).
pub fn first_page_object(py: Python<'_>, page: Page<Model>) -> PyResult<Py<PyAny>> {
    let finish = finish_page(Arc::new(PyLog::new(None)), page);
    Ok(page_object(py, finish(py)?)?.0)
}

/// `orgkit.models.Page` and `orgkit.models.ResponseInfo`, looked up once.
static CLASSES: PyOnceLock<(Py<PyAny>, Py<PyAny>)> = PyOnceLock::new();

/// A fetched page as an `orgkit.Page`, and the lister of the page after it.
fn page_object(py: Python<'_>, page: RawPage) -> PyResult<(Py<PyAny>, Option<Lister>)> {
    let (page_class, info_class) = CLASSES.get_or_try_init(py, || -> PyResult<_> {
        let m = py.import("orgkit.models")?;
        Ok((
            m.getattr("Page")?.unbind(),
            m.getattr("ResponseInfo")?.unbind(),
        ))
    })?;
    let kwargs = PyDict::new(py);
    kwargs.set_item(intern!(py, "items"), page.items)?;
    kwargs.set_item(intern!(py, "total"), page.total)?;
    kwargs.set_item(intern!(py, "has_next"), page.next.is_some())?;
    let response = match &page.info {
        Some(info) => {
            let r = PyDict::new(py);
            r.set_item("status_code", info.status)?;
            r.set_item("headers", crate::raw::headers(py, info)?)?;
            r.set_item("request_id", info.request_id.clone())?;
            r.set_item("attempts", info.attempts)?;
            match &info.rate_limit {
                Some(rl) => r.set_item("rate_limit", ser::to_py(py, rl)?)?,
                None => r.set_item("rate_limit", py.None())?,
            }
            info_class.bind(py).call((), Some(&r))?.unbind()
        }
        None => py.None(),
    };
    kwargs.set_item(intern!(py, "response"), response)?;
    Ok((
        page_class.bind(py).call((), Some(&kwargs))?.unbind(),
        page.next,
    ))
}

/// Where a walk is: items fetched but not yet handed out, and the next fetch.
struct Cursor {
    buffer: VecDeque<Py<PyAny>>,
    next: Option<Lister>,
}

impl Cursor {
    fn new(first: &Lister) -> Self {
        Cursor {
            buffer: VecDeque::new(),
            next: Some(first.clone()),
        }
    }
    /// Takes in a fetched page; an empty one ends the walk.
    fn absorb(&mut self, page: RawPage) {
        self.next = if page.items.is_empty() {
            None
        } else {
            page.next
        };
        self.buffer.extend(page.items);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Items of a list across pages (blocking client). Iterate it; `.pages()`
/// walks page by page; `.first_page()` fetches only the first.
#[pyclass(module = "orgkit._native", frozen)]
pub struct ItemIterator {
    first: Lister,
    cursor: Mutex<Cursor>,
}

impl ItemIterator {
    pub fn new(first: Lister) -> Self {
        let cursor = Mutex::new(Cursor::new(&first));
        ItemIterator { first, cursor }
    }
}

#[pymethods]
impl ItemIterator {
    #[classmethod]
    fn __class_getitem__(cls: &Bound<'_, PyType>, _item: &Bound<'_, PyAny>) -> Py<PyType> {
        cls.clone().unbind()
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        loop {
            let fetch = {
                let mut c = lock(&self.cursor);
                if let Some(item) = c.buffer.pop_front() {
                    return Ok(Some(item));
                }
                match c.next.clone() {
                    Some(l) => l,
                    None => return Ok(None),
                }
            };
            let page = runtime::wait(py, fetch())?(py)?;
            lock(&self.cursor).absorb(page);
        }
    }

    /// Page by page, from the first.
    fn pages(&self) -> PageIterator {
        PageIterator {
            next: Mutex::new(Some(self.first.clone())),
        }
    }

    /// The first page only.
    fn first_page(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let page = runtime::wait(py, (self.first)())?(py)?;
        Ok(page_object(py, page)?.0)
    }
}

/// Pages of a list (blocking client), each an `orgkit.Page`.
#[pyclass(module = "orgkit._native", frozen)]
pub struct PageIterator {
    next: Mutex<Option<Lister>>,
}

#[pymethods]
impl PageIterator {
    #[classmethod]
    fn __class_getitem__(cls: &Bound<'_, PyType>, _item: &Bound<'_, PyAny>) -> Py<PyType> {
        cls.clone().unbind()
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let Some(fetch) = lock(&self.next).clone() else {
            return Ok(None);
        };
        let page = runtime::wait(py, fetch())?(py)?;
        if page.items.is_empty() {
            *lock(&self.next) = None;
            return Ok(None);
        }
        let (obj, next) = page_object(py, page)?;
        *lock(&self.next) = next;
        Ok(Some(obj))
    }
}

/// Items of a list across pages (asyncio client): `async for item in …`.
#[pyclass(module = "orgkit._native", frozen)]
pub struct AsyncItemIterator {
    first: Lister,
    cursor: Arc<tokio::sync::Mutex<Cursor>>,
}

impl AsyncItemIterator {
    pub fn new(first: Lister) -> Self {
        let cursor = Arc::new(tokio::sync::Mutex::new(Cursor::new(&first)));
        AsyncItemIterator { first, cursor }
    }
}

fn stop_async() -> Finish {
    Box::new(|_py: Python<'_>| Err(PyStopAsyncIteration::new_err(())))
}

#[pymethods]
impl AsyncItemIterator {
    #[classmethod]
    fn __class_getitem__(cls: &Bound<'_, PyType>, _item: &Bound<'_, PyAny>) -> Py<PyType> {
        cls.clone().unbind()
    }

    fn __aiter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __anext__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        // Fast path: an item of a page already fetched needs no trip through
        // the runtime, only an awaitable that is already done. (When the lock
        // is busy, a fetch is under way: wait for it in turn, below.)
        if let Ok(mut c) = self.cursor.try_lock() {
            if let Some(item) = c.buffer.pop_front() {
                let ready = Ready::new(item, Some(self.cursor.clone()));
                return Ok(Py::new(py, ready)?.into_any());
            }
        }
        let cursor = self.cursor.clone();
        runtime::coroutine(
            py,
            Box::pin(async move {
                // Held until the page is taken in, so concurrent `__anext__`
                // calls never fetch the same page twice.
                let mut c = cursor.lock_owned().await;
                if let Some(item) = c.buffer.pop_front() {
                    return Box::new(move |_py: Python<'_>| Ok(item)) as Finish;
                }
                let Some(fetch) = c.next.clone() else {
                    return stop_async();
                };
                let finish = fetch().await;
                Box::new(move |py: Python<'_>| {
                    c.absorb(finish(py)?);
                    match c.buffer.pop_front() {
                        Some(item) => Ok(item),
                        None => Err(PyStopAsyncIteration::new_err(())),
                    }
                }) as Finish
            }),
        )
    }

    /// Page by page, from the first: `async for page in ….pages()`.
    fn pages(&self) -> AsyncPageIterator {
        AsyncPageIterator {
            next: Arc::new(tokio::sync::Mutex::new(Some(self.first.clone()))),
        }
    }

    /// The first page only (a coroutine).
    fn first_page(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let fetch = self.first.clone();
        runtime::coroutine(
            py,
            Box::pin(async move {
                let finish = fetch().await;
                Box::new(move |py: Python<'_>| Ok(page_object(py, finish(py)?)?.0)) as Finish
            }),
        )
    }
}

/// A coroutine that is already finished: awaiting it gives its value at
/// once, without a trip through the event loop or the runtime. (Registered
/// as a `collections.abc.Coroutine` by `orgkit._aio`, so tasks accept it.)
#[pyclass(module = "orgkit._native", name = "_Ready", frozen)]
pub struct Ready {
    value: Mutex<Option<Py<PyAny>>>,
    /// Where an item goes back if its coroutine is closed unawaited.
    cursor: Option<Arc<tokio::sync::Mutex<Cursor>>>,
}

impl Ready {
    fn new(value: Py<PyAny>, cursor: Option<Arc<tokio::sync::Mutex<Cursor>>>) -> Self {
        Ready {
            value: Mutex::new(Some(value)),
            cursor,
        }
    }

    /// Never awaited: the item is handed back, as if `__anext__` was not called.
    fn give_back(&self) {
        if let Some(v) = lock(&self.value).take() {
            if let Some(mut c) = self.cursor.as_ref().and_then(|c| c.try_lock().ok()) {
                c.buffer.push_front(v);
            }
        }
    }

    fn finish(&self) -> PyErr {
        match lock(&self.value).take() {
            Some(v) => PyStopIteration::new_err((v,)),
            None => PyRuntimeError::new_err("cannot reuse an already awaited coroutine"),
        }
    }
}

#[pymethods]
impl Ready {
    fn __await__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self) -> PyResult<Py<PyAny>> {
        Err(self.finish())
    }

    fn send(&self, _value: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        Err(self.finish())
    }

    #[pyo3(signature = (typ, val=None, _tb=None))]
    fn throw(
        &self,
        typ: &Bound<'_, PyAny>,
        val: Option<&Bound<'_, PyAny>>,
        _tb: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        lock(&self.value).take();
        let exc = match val {
            Some(v) if !v.is_none() => v.clone(),
            _ if typ.is_instance_of::<PyType>() => typ.call0()?,
            _ => typ.clone(),
        };
        Err(PyErr::from_value(exc))
    }

    fn close(&self) {
        self.give_back();
    }
}

impl Drop for Ready {
    fn drop(&mut self) {
        self.give_back();
    }
}

/// Pages of a list (asyncio client): `async for page in ….pages()`.
#[pyclass(module = "orgkit._native", frozen)]
pub struct AsyncPageIterator {
    next: Arc<tokio::sync::Mutex<Option<Lister>>>,
}

#[pymethods]
impl AsyncPageIterator {
    #[classmethod]
    fn __class_getitem__(cls: &Bound<'_, PyType>, _item: &Bound<'_, PyAny>) -> Py<PyType> {
        cls.clone().unbind()
    }

    fn __aiter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __anext__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let next = self.next.clone();
        runtime::coroutine(
            py,
            Box::pin(async move {
                let mut slot = next.lock_owned().await;
                let Some(fetch) = slot.clone() else {
                    return stop_async();
                };
                let finish = fetch().await;
                Box::new(move |py: Python<'_>| {
                    let page = finish(py)?;
                    if page.items.is_empty() {
                        *slot = None;
                        return Err(PyStopAsyncIteration::new_err(()));
                    }
                    let (obj, after) = page_object(py, page)?;
                    *slot = after;
                    Ok(obj)
                }) as Finish
            }),
        )
    }
}
