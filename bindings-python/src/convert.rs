//! Plain values between Rust and Python: JSON, ids, roles, durations,
//! timestamps. (pythonize does not support this pyo3 version.)

use std::time::Duration;

use chrono::{DateTime, Datelike, Timelike, Utc};
use orgkit::Id;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use crate::errors::invalid_argument;

/// Nesting beyond this is refused rather than followed (cycles, abuse).
const MAX_DEPTH: usize = 128;

pub fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => map_to_py(py, map)?.into_any(),
    })
}

pub fn map_to_py<'py>(py: Python<'py>, map: &Map<String, Value>) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (k, v) in map {
        dict.set_item(k, json_to_py(py, v)?)?;
    }
    Ok(dict)
}

pub fn py_to_json(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    to_json(obj, 0)
}

fn to_json(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(PyValueError::new_err(
            "the value is nested too deeply (or contains itself) to send as JSON",
        ));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(PyValueError::new_err("an integer is too large for JSON"));
    }
    if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract()?;
        return Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err("NaN and infinity cannot be sent as JSON"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_string()));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in dict.iter() {
            let key = k
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("JSON object keys must be str"))?;
            map.insert(key.to_str()?.to_string(), to_json(&v, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for item in obj.try_iter()? {
            items.push(to_json(&item?, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    if let Ok(t) = obj.extract::<DateTime<Utc>>() {
        return Ok(Value::String(
            t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        ));
    }
    Err(PyTypeError::new_err(format!(
        "cannot send a {} as JSON",
        obj.get_type().name()?
    )))
}

pub fn id_to_py<'py>(py: Python<'py>, id: &Id) -> PyResult<Bound<'py, PyAny>> {
    Ok(match id {
        Id::Int(n) => n.into_pyobject(py)?.into_any(),
        Id::Str(s) => PyString::new(py, s).into_any(),
    })
}

pub fn opt_id_to_py<'py>(py: Python<'py>, id: &Option<Id>) -> PyResult<Bound<'py, PyAny>> {
    match id {
        Some(id) => id_to_py(py, id),
        None => Ok(py.None().into_bound(py)),
    }
}

/// An id argument: an `int` or a `str` (a `bool` is refused).
pub fn id_from_py(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Id> {
    let py = obj.py();
    if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{name} must be an int or str id, not bool"
        )));
    }
    if obj.is_instance_of::<PyInt>() {
        return obj
            .extract::<i64>()
            .map(Id::Int)
            .map_err(|_| invalid_argument(py, name, "the id does not fit in 64 bits"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_str()?;
        if s.trim().is_empty() {
            return Err(invalid_argument(py, name, "must not be empty"));
        }
        return Ok(Id::Str(s.to_string()));
    }
    Err(PyTypeError::new_err(format!(
        "{name} must be an int or str id, not {}",
        obj.get_type().name()?
    )))
}

pub fn opt_id_from_py(name: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Id>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => id_from_py(name, o).map(Some),
    }
}

/// A list of people: ids, or a single id.
pub fn ids_from_py(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<Id>> {
    if obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyString>() {
        return Ok(vec![id_from_py(name, obj)?]);
    }
    let mut out = Vec::new();
    for item in obj
        .try_iter()
        .map_err(|_| PyTypeError::new_err(format!("{name} must be a list of int or str ids")))?
    {
        out.push(id_from_py(name, &item?)?);
    }
    Ok(out)
}

/// Seconds (int or float, > 0) into a duration; `None` keeps the default.
pub fn seconds(py: Python<'_>, name: &str, value: Option<f64>) -> PyResult<Option<Duration>> {
    match value {
        None => Ok(None),
        Some(s) if !s.is_finite() || s <= 0.0 => Err(invalid_argument(
            py,
            name,
            format!("must be a positive number of seconds, got {s}"),
        )),
        Some(s) => Duration::try_from_secs_f64(s)
            .map(Some)
            .map_err(|_| invalid_argument(py, name, "is too large")),
    }
}

pub fn time_to_py<'py>(py: Python<'py>, t: &Option<DateTime<Utc>>) -> PyResult<Bound<'py, PyAny>> {
    match t {
        Some(t) => utc_to_py(py, t),
        None => Ok(py.None().into_bound(py)),
    }
}

/// `datetime.datetime` and `datetime.timezone.utc`, looked up once.
static DATETIME: PyOnceLock<(Py<PyAny>, Py<PyAny>)> = PyOnceLock::new();

/// An aware UTC `datetime`, made with one positional call (the limited
/// API's generic conversion builds a keyword dict per timestamp).
pub fn utc_to_py<'py>(py: Python<'py>, t: &DateTime<Utc>) -> PyResult<Bound<'py, PyAny>> {
    let (class, utc) = DATETIME.get_or_try_init(py, || -> PyResult<_> {
        let module = py.import("datetime")?;
        let utc = module.getattr("timezone")?.getattr("utc")?.unbind();
        Ok((module.getattr("datetime")?.unbind(), utc))
    })?;
    // A leap second (nanoseconds past 1e9) is truncated to the second's end.
    let micro = (t.nanosecond() / 1_000).min(999_999);
    class.bind(py).call1((
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        micro,
        utc.bind(py),
    ))
}

/// A timestamp argument: an aware `datetime`, or unix seconds.
pub fn time_from_py(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
    let py = obj.py();
    if obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyFloat>() {
        let secs: f64 = obj.extract()?;
        return DateTime::from_timestamp_millis((secs * 1000.0) as i64)
            .ok_or_else(|| invalid_argument(py, name, "is out of range"));
    }
    obj.extract::<DateTime<Utc>>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{name} must be a timezone-aware datetime or unix seconds"
        ))
    })
}
