//! orgkit errors into the exception classes of `orgkit/errors.py`, chosen
//! by the core's `ErrorKind` (the Python side maps kind → class).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;

static MAKE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn make(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    let make = MAKE.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("orgkit.errors")?.getattr("_make")?.unbind())
    })?;
    Ok(make.bind(py))
}

fn build(py: Python<'_>, e: &orgkit::Error) -> PyResult<PyErr> {
    let make = make(py)?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("status", e.status())?;
    kwargs.set_item("code", e.code())?;
    kwargs.set_item("request_id", e.request_id())?;
    kwargs.set_item("retry_after", e.retry_after().map(|d| d.as_secs_f64()))?;
    kwargs.set_item("provider", e.provider())?;
    kwargs.set_item("operation", e.operation())?;
    kwargs.set_item("method", e.method())?;
    kwargs.set_item("host", e.host())?;
    kwargs.set_item("path", e.path())?;
    kwargs.set_item("attempts", e.attempts())?;
    kwargs.set_item("retryable", e.is_retryable())?;
    kwargs.set_item("body", e.body())?;
    // `str(e)`: the core's whole line (operation, request, attempts, message, code).
    kwargs.set_item("text", e.to_string())?;
    let field_errors: Vec<(&str, &str)> = e
        .field_errors()
        .iter()
        .map(|f| (f.field.as_str(), f.message.as_str()))
        .collect();
    let exc = make.call(
        (e.kind().as_str(), e.message(), field_errors),
        Some(&kwargs),
    )?;
    Ok(PyErr::from_value(exc))
}

/// The Python exception for an orgkit error.
pub fn to_py(py: Python<'_>, e: orgkit::Error) -> PyErr {
    build(py, &e).unwrap_or_else(|failure| failure)
}

/// An `InvalidArgumentError` naming `field`, for checks done in the binding.
pub fn invalid_argument(py: Python<'_>, field: &str, message: impl std::fmt::Display) -> PyErr {
    let message = message.to_string();
    let made = make(py).and_then(|make| {
        make.call1((
            orgkit::ErrorKind::InvalidArgument.as_str(),
            format!("{field}: {message}"),
            vec![(field, message.as_str())],
        ))
    });
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}
