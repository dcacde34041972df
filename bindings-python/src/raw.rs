//! `RawResponse`: a result with the HTTP answer it came from
//! (`client.with_raw_response.projects.get(1)`).

use orgkit::ResponseInfo;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::ser;

/// The HTTP side of an answer, and the typed result it carried (`parse()`).
#[pyclass(module = "orgkit._native", frozen)]
pub struct RawResponse {
    info: ResponseInfo,
    parsed: Py<PyAny>,
}

impl RawResponse {
    pub fn new(info: ResponseInfo, parsed: Py<PyAny>) -> Self {
        RawResponse { info, parsed }
    }
}

#[pymethods]
impl RawResponse {
    /// The typed result, as the plain call would have returned it.
    fn parse(&self, py: Python<'_>) -> Py<PyAny> {
        self.parsed.clone_ref(py)
    }

    /// The HTTP status of the last attempt.
    #[getter]
    fn status_code(&self) -> u16 {
        self.info.status
    }

    /// The response headers (names lowercase; repeated ones joined with `, `).
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        headers(py, &self.info)
    }

    /// The server's request id, if it sent one.
    #[getter]
    fn request_id(&self) -> Option<String> {
        self.info.request_id.clone()
    }

    /// How many attempts the call took.
    #[getter]
    fn attempts(&self) -> u32 {
        self.info.attempts
    }

    /// The rate-limit state this answer reported, or `None`.
    #[getter]
    fn rate_limit(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match &self.info.rate_limit {
            Some(r) => Ok(ser::to_py(py, r)?.unbind()),
            None => Ok(py.None()),
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "RawResponse(status_code={}, attempts={}, request_id={:?})",
            self.info.status, self.info.attempts, self.info.request_id
        )
    }
}

/// A response's headers as a dict (repeated names joined with `, `).
pub fn headers<'py>(py: Python<'py>, info: &ResponseInfo) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (k, v) in info.headers() {
        match dict.get_item(k)? {
            Some(prev) => {
                let joined = format!("{}, {v}", prev.extract::<String>()?);
                dict.set_item(k, joined)?;
            }
            None => dict.set_item(k, v)?,
        }
    }
    Ok(dict)
}
