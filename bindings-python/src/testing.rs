//! `orgkit.testing.MockServer`'s native half: the in-process emulator of
//! the five providers (`orgkit::testing`, the same `orgkit-mock` the test
//! suites use) on a free loopback port, on its own thread.

use std::sync::Mutex;
use std::time::Duration;

use orgkit::testing::{self as mock, Config, Fault};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::py_to_json;
use crate::ser;

/// A running mock server (see `orgkit.testing.MockServer`).
#[pyclass(module = "orgkit._native", name = "MockServer", frozen)]
pub struct NativeMock {
    server: Mutex<Option<mock::MockServer>>,
    url: String,
}

impl NativeMock {
    fn with<T>(&self, f: impl FnOnce(&mock::MockServer) -> T) -> PyResult<T> {
        let guard = self.server.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_ref() {
            Some(s) => Ok(f(s)),
            None => Err(PyRuntimeError::new_err("the mock server is closed")),
        }
    }
}

#[pymethods]
impl NativeMock {
    /// Starts a server; `rate_limit` / `rate_window` (seconds) set ourganize's limit.
    #[new]
    #[pyo3(signature = (*, rate_limit=None, rate_window=None))]
    fn new(py: Python<'_>, rate_limit: Option<u32>, rate_window: Option<u64>) -> PyResult<Self> {
        let mut config = Config::default();
        if let Some(n) = rate_limit {
            config.rate_limit = n;
        }
        if let Some(s) = rate_window {
            config.rate_window = Duration::from_secs(s);
        }
        let server = py
            .detach(|| mock::spawn_on_thread(config))
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start the mock server: {e}")))?;
        let url = server.url();
        Ok(NativeMock {
            server: Mutex::new(Some(server)),
            url,
        })
    }

    /// `http://127.0.0.1:PORT`.
    #[getter]
    fn url(&self) -> String {
        self.url.clone()
    }

    /// The base URL of one provider (`http://127.0.0.1:PORT/pm415`).
    fn base_url(&self, provider: &str) -> PyResult<String> {
        if !mock::PROVIDERS.contains(&provider) {
            return Err(PyValueError::new_err(format!(
                "unknown provider {provider:?}"
            )));
        }
        self.with(|s| s.base_url(provider))
    }

    /// Queues a fault (the mock's JSON fault format, as a dict).
    fn inject(&self, fault: &Bound<'_, PyAny>) -> PyResult<()> {
        let fault = Fault::from_json(&py_to_json(fault)?).map_err(PyValueError::new_err)?;
        self.with(|s| s.inject(fault))
    }

    /// Every request received since the last reset, oldest first.
    fn requests(&self, py: Python<'_>) -> PyResult<Vec<Py<PyAny>>> {
        let requests = self.with(|s| s.requests())?;
        requests
            .iter()
            .map(|r| {
                let d = PyDict::new(py);
                d.set_item("provider", &r.provider)?;
                d.set_item("method", &r.method)?;
                d.set_item("path", &r.path)?;
                d.set_item("query", r.query.clone())?;
                d.set_item("headers", r.headers.clone())?;
                d.set_item("body", ser::to_py(py, &r.body)?)?;
                d.set_item("at_ms", r.at_ms)?;
                Ok(d.into_any().unbind())
            })
            .collect()
    }

    /// Requests whose method matches and whose path starts with `path_prefix`.
    fn request_count(&self, method: &str, path_prefix: &str) -> PyResult<usize> {
        self.with(|s| s.request_count(method, path_prefix))
    }

    /// Back to the seeded state: data, tokens, rate limit, faults, request log.
    fn reset(&self) -> PyResult<()> {
        self.with(|s| s.reset())
    }

    /// The seeded credentials: `[(provider, who, kind, value), …]`.
    #[staticmethod]
    fn credentials() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
        mock::seed::credentials()
            .into_iter()
            .map(|c| (c.provider, c.who, c.kind, c.value))
            .collect()
    }

    /// Stops the server.
    fn close(&self, py: Python<'_>) {
        let server = self.server.lock().unwrap_or_else(|p| p.into_inner()).take();
        py.detach(move || drop(server));
    }
}
