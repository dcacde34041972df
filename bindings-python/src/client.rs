//! `orgkit._native.NativeClient`: the one native object the Python clients
//! wrap. It runs any operation by name with its arguments as a dict
//! (`call("members.set_role", {"organization_id": 1, "person": 4, "role":
//! "admin"})`), blocking with the GIL released or as a coroutine; nothing
//! here is written per operation. The typed resources around it are
//! generated (`orgkit/_resources.py`).

use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError};

use futures::future::BoxFuture;
use orgkit::{ClientBuilder, Method, Operation, Output, Provider, RequestOptions, Response};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::{Map, Value};

use crate::convert::{py_to_json, seconds};
use crate::errors::{invalid_argument, to_py};
use crate::log::PyLog;
use crate::pages::{lister, AsyncItemIterator, ItemIterator};
use crate::raw::RawResponse;
use crate::runtime::{self, Finish};
use crate::ser;

/// The core client for this process, rebuilt in a forked child (the
/// parent's pooled connections belong to the parent's runtime).
pub struct Core {
    builder: ClientBuilder,
    provider: Provider,
    base_url: String,
    current: Mutex<(u32, orgkit::Client)>,
    pub log: Arc<PyLog>,
}

impl Core {
    pub fn client(&self) -> orgkit::Client {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        let pid = std::process::id();
        if current.0 != pid {
            let credentials = current.1.current_credentials();
            if let Ok(fresh) = self.builder.clone().credentials(credentials).build() {
                // Dropping the parent's client here could deregister sockets
                // from the epoll instance the parent still shares: leak it.
                std::mem::forget(std::mem::replace(&mut current.1, fresh));
                current.0 = pid;
            }
        }
        current.1.clone()
    }
}

/// The arguments dict as the core's JSON arguments.
fn args_json(args: Option<&Bound<'_, PyDict>>) -> PyResult<Map<String, Value>> {
    match args {
        None => Ok(Map::new()),
        Some(d) => match py_to_json(d.as_any())? {
            Value::Object(m) => Ok(m),
            _ => Err(PyTypeError::new_err("arguments must be a dict")),
        },
    }
}

/// Per-request options from `{timeout, deadline, max_retries, headers, idempotency_key}`.
pub fn request_options(
    py: Python<'_>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<RequestOptions> {
    let mut o = RequestOptions::default();
    let Some(d) = options else {
        return Ok(o);
    };
    for (k, v) in d.iter() {
        if v.is_none() {
            continue;
        }
        let key: String = k.extract()?;
        match key.as_str() {
            "timeout" => o.timeout = seconds(py, "timeout", Some(v.extract()?))?,
            "deadline" => o.deadline = seconds(py, "deadline", Some(v.extract()?))?,
            "max_retries" => {
                let n: i64 = v.extract()?;
                o.max_retries = Some(u32::try_from(n).map_err(|_| {
                    invalid_argument(py, "max_retries", format!("must be 0 or more, got {n}"))
                })?);
            }
            "headers" => {
                for item in v.call_method0("items")?.try_iter()? {
                    let (name, value): (String, String) = item?.extract().map_err(|_| {
                        PyTypeError::new_err("headers must map str names to str values")
                    })?;
                    o.headers.push((name, value));
                }
            }
            "idempotency_key" => o.idempotency_key = Some(v.extract()?),
            other => {
                return Err(invalid_argument(
                    py,
                    other,
                    "unknown request option; expected timeout, deadline, max_retries, headers or idempotency_key",
                ))
            }
        }
    }
    Ok(o)
}

fn operation(py: Python<'_>, name: &str) -> PyResult<Operation> {
    Operation::from_str(name).map_err(|e| to_py(py, e))
}

/// A finished call's result as Python objects (converted with the GIL held).
fn output_to_py(py: Python<'_>, out: Output) -> PyResult<Py<PyAny>> {
    Ok(match out {
        Output::Nothing => py.None(),
        Output::One(m) => ser::to_py(py, &m)?.unbind(),
        Output::Many(items) => ser::to_py(py, &items)?.unbind(),
        Output::Json(v) => ser::to_py(py, &v)?.unbind(),
        // A raw list call: its first page (`parse()` of the raw response).
        Output::Page(p) => crate::pages::first_page_object(py, p)?,
        _ => py.None(),
    })
}

/// A call started on the runtime, ending in what to hand to Python; the
/// client's log events are handed over with it.
fn job(
    log: Arc<PyLog>,
    fut: impl std::future::Future<Output = orgkit::Result<Response<Output>>> + Send + 'static,
    raw: bool,
) -> BoxFuture<'static, Finish> {
    Box::pin(async move {
        let result = fut.await;
        Box::new(move |py: Python<'_>| {
            log.flush(py);
            match result {
                Ok(r) if raw => Ok(Py::new(
                    py,
                    RawResponse::new(r.info, output_to_py(py, r.data)?),
                )?
                .into_any()),
                Ok(r) => output_to_py(py, r.data),
                Err(e) => Err(to_py(py, e)),
            }
        }) as Finish
    })
}

#[pyclass(module = "orgkit._native", frozen)]
/// A client of one provider. Use `orgkit.Client` / `orgkit.AsyncClient`.
pub struct NativeClient {
    core: Arc<Core>,
}

#[pymethods]
impl NativeClient {
    #[new]
    #[pyo3(signature = (provider, base_url=None, *, token=None, api_key=None,
                        session_cookie=None, timeout=None, deadline=None, max_retries=None,
                        user_agent=None, headers=None, idempotency_keys=false,
                        system_roots=false, from_env=true, logger=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        provider: &str,
        base_url: Option<String>,
        token: Option<String>,
        api_key: Option<String>,
        session_cookie: Option<String>,
        timeout: Option<f64>,
        deadline: Option<f64>,
        max_retries: Option<i64>,
        user_agent: Option<String>,
        headers: Option<&Bound<'_, PyAny>>,
        idempotency_keys: bool,
        system_roots: bool,
        from_env: bool,
        logger: Option<Py<PyAny>>,
    ) -> PyResult<Self> {
        let provider = Provider::from_str(provider).map_err(|e| to_py(py, e))?;
        let mut b = ClientBuilder::new(provider);
        if let Some(url) = base_url {
            b = b.base_url(url);
        }
        if let Some(t) = token {
            b = b.token(t);
        }
        if let Some(k) = api_key {
            b = b.api_key(k);
        }
        if let Some(c) = session_cookie {
            b = b.session_cookie(c);
        }
        if let Some(t) = seconds(py, "timeout", timeout)? {
            b = b.timeout(t);
        }
        if let Some(d) = seconds(py, "deadline", deadline)? {
            b = b.deadline(d);
        }
        if let Some(n) = max_retries {
            let n = u32::try_from(n).map_err(|_| {
                invalid_argument(py, "max_retries", format!("must be 0 or more, got {n}"))
            })?;
            b = b.max_retries(n);
        }
        b = b.user_agent(
            user_agent
                .unwrap_or_else(|| concat!("orgkit-python/", env!("CARGO_PKG_VERSION")).into()),
        );
        if let Some(h) = headers.filter(|h| !h.is_none()) {
            for item in h.call_method0("items")?.try_iter()? {
                let (k, v): (String, String) = item?.extract().map_err(|_| {
                    PyTypeError::new_err("headers must map str names to str values")
                })?;
                b = b.header(k, v);
            }
        }
        let log = Arc::new(PyLog::new(logger));
        b = b
            .idempotency_keys(idempotency_keys)
            .system_roots(system_roots)
            .from_env(from_env)
            .log_sink(log.clone());
        let client = b.clone().build().map_err(|e| to_py(py, e))?;
        Ok(NativeClient {
            core: Arc::new(Core {
                builder: b,
                provider,
                base_url: client.base_url().to_string(),
                current: Mutex::new((std::process::id(), client)),
                log,
            }),
        })
    }

    /// The provider id: `"pm415"`, `"ourganize"`, ….
    #[getter]
    fn provider(&self) -> &'static str {
        self.core.provider.as_str()
    }

    /// The base URL requests go to.
    #[getter]
    fn base_url(&self) -> String {
        self.core.base_url.clone()
    }

    /// The rate-limit state the last response reported, or `None`.
    #[getter]
    fn rate_limit(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self.core.client().rate_limit() {
            Some(r) => Ok(ser::to_py(py, &r)?.unbind()),
            None => Ok(py.None()),
        }
    }

    /// The operations this provider supports, like `"organizations.list"`.
    fn capabilities(&self) -> Vec<&'static str> {
        self.core.client().capabilities()
    }

    /// Runs `operation` with `args` and waits for it (the GIL released).
    #[pyo3(signature = (operation, args=None, options=None, raw=false))]
    fn call(
        &self,
        py: Python<'_>,
        operation: &str,
        args: Option<&Bound<'_, PyDict>>,
        options: Option<&Bound<'_, PyDict>>,
        raw: bool,
    ) -> PyResult<Py<PyAny>> {
        let fut = self.start(py, operation, args, options, raw)?;
        runtime::wait(py, fut)?(py)
    }

    /// Runs `operation` with `args` as a coroutine.
    #[pyo3(signature = (operation, args=None, options=None, raw=false))]
    fn call_async(
        &self,
        py: Python<'_>,
        operation: &str,
        args: Option<&Bound<'_, PyDict>>,
        options: Option<&Bound<'_, PyDict>>,
        raw: bool,
    ) -> PyResult<Py<PyAny>> {
        let fut = self.start(py, operation, args, options, raw)?;
        runtime::coroutine(py, fut)
    }

    /// A lazy list of `operation`'s items (blocking iteration). Raises
    /// `UnsupportedError` now, before any request, when the provider lacks it.
    #[pyo3(signature = (operation, args=None, options=None))]
    fn list(
        &self,
        py: Python<'_>,
        operation: &str,
        args: Option<&Bound<'_, PyDict>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<ItemIterator> {
        Ok(ItemIterator::new(
            self.lister(py, operation, args, options)?,
        ))
    }

    /// A lazy list of `operation`'s items (`async for`). Raises
    /// `UnsupportedError` now, before any request, when the provider lacks it.
    #[pyo3(signature = (operation, args=None, options=None))]
    fn list_async(
        &self,
        py: Python<'_>,
        operation: &str,
        args: Option<&Bound<'_, PyDict>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<AsyncItemIterator> {
        Ok(AsyncItemIterator::new(
            self.lister(py, operation, args, options)?,
        ))
    }

    /// Any request the typed surface lacks, with the same auth, retries and
    /// errors; the JSON answer (blocking).
    #[pyo3(signature = (method, path, json=None, options=None, raw=false))]
    fn request(
        &self,
        py: Python<'_>,
        method: &str,
        path: &str,
        json: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
        raw: bool,
    ) -> PyResult<Py<PyAny>> {
        let fut = self.start_request(py, method, path, json, options, raw)?;
        runtime::wait(py, fut)?(py)
    }

    /// [`NativeClient::request`] as a coroutine.
    #[pyo3(signature = (method, path, json=None, options=None, raw=false))]
    fn request_async(
        &self,
        py: Python<'_>,
        method: &str,
        path: &str,
        json: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
        raw: bool,
    ) -> PyResult<Py<PyAny>> {
        let fut = self.start_request(py, method, path, json, options, raw)?;
        runtime::coroutine(py, fut)
    }

    /// Closes the client: idle connections are dropped and later calls fail at once.
    fn close(&self) {
        self.core.client().close();
    }

    /// Whether `close()` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.core.client().is_closed()
    }

    fn __repr__(&self) -> String {
        format!(
            "NativeClient(provider='{}', base_url='{}')",
            self.core.provider.as_str(),
            self.core.base_url
        )
    }
}

impl NativeClient {
    fn start(
        &self,
        py: Python<'_>,
        operation: &str,
        args: Option<&Bound<'_, PyDict>>,
        options: Option<&Bound<'_, PyDict>>,
        raw: bool,
    ) -> PyResult<BoxFuture<'static, Finish>> {
        let op = self::operation(py, operation)?;
        let args = args_json(args)?;
        let options = request_options(py, options)?;
        self.core.log.refresh(py);
        let request = self.core.client().call(op, args).with(options);
        Ok(job(self.core.log.clone(), request.with_response(), raw))
    }

    fn start_request(
        &self,
        py: Python<'_>,
        method: &str,
        path: &str,
        json: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
        raw: bool,
    ) -> PyResult<BoxFuture<'static, Finish>> {
        let method =
            Method::from_bytes(method.trim().to_ascii_uppercase().as_bytes()).map_err(|_| {
                invalid_argument(py, "method", format!("{method:?} is not an HTTP method"))
            })?;
        let body = json.filter(|j| !j.is_none()).map(py_to_json).transpose()?;
        let options = request_options(py, options)?;
        self.core.log.refresh(py);
        let request = self.core.client().request(method, path, body).with(options);
        let fut = async move { request.with_response().await.map(|r| r.map(Output::Json)) };
        Ok(job(self.core.log.clone(), fut, raw))
    }

    fn lister(
        &self,
        py: Python<'_>,
        operation: &str,
        args: Option<&Bound<'_, PyDict>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<crate::pages::Lister> {
        let op = self::operation(py, operation)?;
        let client = self.core.client();
        let args = args_json(args)?;
        // Raised now, before any request: an operation the provider lacks,
        // or arguments it would refuse.
        client
            .check_call(op, &args, orgkit::Style::Snake)
            .map_err(|e| to_py(py, e))?;
        let options = request_options(py, options)?;
        self.core.log.refresh(py);
        Ok(lister(self.core.log.clone(), move || {
            client.call(op, args.clone()).with(options.clone())
        }))
    }
}
