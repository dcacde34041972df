//! `orgkit.webhooks.sign` / `verify` (Standard Webhooks, as the core does it).

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

use orgkit::webhooks::{WebhookData, WebhookEvent};
use pyo3::sync::PyOnceLock;

use crate::convert::time_from_py;
use crate::errors::to_py;
use crate::ser;

static EVENT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A verified event as an `orgkit.models.WebhookEvent`.
fn event_to_py(py: Python<'_>, event: WebhookEvent) -> PyResult<Py<PyAny>> {
    let class = EVENT.get_or_try_init(py, || -> PyResult<_> {
        Ok(py
            .import("orgkit.models")?
            .getattr("WebhookEvent")?
            .unbind())
    })?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("id", &event.id)?;
    kwargs.set_item("event_type", ser::to_py(py, &event.event_type)?)?;
    kwargs.set_item(
        "timestamp",
        crate::convert::utc_to_py(py, &event.timestamp)?,
    )?;
    let data = match &event.data {
        WebhookData::Project(p) => ser::to_py(py, p)?,
        WebhookData::Task(t) => ser::to_py(py, t)?,
        WebhookData::Invite(i) => ser::to_py(py, i)?,
        WebhookData::Other(v) => ser::to_py(py, v)?,
    };
    kwargs.set_item("data", data)?;
    kwargs.set_item("payload", ser::to_py(py, &event.payload)?)?;
    Ok(class.bind(py).call((), Some(&kwargs))?.unbind())
}

fn body_bytes(body: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = body.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(s) = body.cast::<PyString>() {
        return Ok(s.to_str()?.as_bytes().to_vec());
    }
    if let Ok(v) = body.extract::<Vec<u8>>() {
        return Ok(v);
    }
    Err(PyTypeError::new_err("body must be bytes or str"))
}

/// The three Standard Webhooks headers for `body`, as a dict.
#[pyfunction]
#[pyo3(signature = (secret, msg_id, body, timestamp=None))]
pub fn sign(
    py: Python<'_>,
    secret: &str,
    msg_id: &str,
    body: &Bound<'_, PyAny>,
    timestamp: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyDict>> {
    let body = body_bytes(body)?;
    let ts = timestamp
        .filter(|t| !t.is_none())
        .map(|t| time_from_py("timestamp", t))
        .transpose()?;
    let headers = orgkit::webhooks::sign(secret, msg_id, &body, ts).map_err(|e| to_py(py, e))?;
    let dict = PyDict::new(py);
    for (k, v) in headers.to_vec() {
        dict.set_item(k, v)?;
    }
    Ok(dict.unbind())
}

/// Verifies a delivery (as of `now`, default the current time) and returns
/// its typed `WebhookEvent`; raises `WebhookVerificationError` when it does
/// not verify.
#[pyfunction]
#[pyo3(signature = (secret, headers, body, now=None))]
pub fn verify(
    py: Python<'_>,
    secret: &str,
    headers: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    now: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let now = now
        .filter(|t| !t.is_none())
        .map(|t| time_from_py("now", t))
        .transpose()?
        .unwrap_or_else(chrono::Utc::now);
    let body = body_bytes(body)?;
    let items = match headers.cast::<PyDict>() {
        Ok(d) => d.items().into_any(),
        Err(_) if headers.hasattr("items")? => headers.call_method0("items")?,
        Err(_) => headers.clone(),
    };
    let mut pairs: Vec<(String, String)> = Vec::new();
    for item in items.try_iter().map_err(|_| {
        PyTypeError::new_err("headers must be a mapping or a list of (name, value) pairs")
    })? {
        let (k, v): (String, String) = item?
            .extract()
            .map_err(|_| PyTypeError::new_err("headers must map str names to str values"))?;
        pairs.push((k, v));
    }
    let event = orgkit::webhooks::verify_at(
        secret,
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        &body,
        now,
    )
    .map_err(|e| to_py(py, e))?;
    event_to_py(py, event)
}
