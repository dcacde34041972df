//! Python values into JSON arguments, and durations and timestamps both
//! ways. (Models go the other way in `ser.rs`.)

use std::time::Duration;

use chrono::{DateTime, Datelike, Timelike, Utc};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple,
};
use serde_json::{Map, Number, Value};

use crate::errors::invalid_argument;

/// Nesting beyond this is refused rather than followed (cycles, abuse).
const MAX_DEPTH: usize = 128;

/// `obj` as JSON. A value that cannot be sent is a `TypeError` or
/// `ValueError` that names the top-level key it is under (an argument's
/// name, a body's field).
pub fn py_to_json(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    to_json(obj, 0)
}

/// `e` with `key: ` before its message, when it is one of to_json's own.
fn naming(py: Python<'_>, key: &str, e: PyErr) -> PyErr {
    let message = || format!("{key}: {}", e.value(py));
    if e.is_instance_of::<PyTypeError>(py) {
        PyTypeError::new_err(message())
    } else if e.is_instance_of::<PyValueError>(py) {
        PyValueError::new_err(message())
    } else {
        e
    }
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
        // Beyond 64 bits: the core's mark for such an integer (an id where
        // one is expected, the same number in a JSON body, refused as a
        // number anywhere else), not its digits as a string.
        let digits = obj.str()?;
        let digits = digits.to_str()?;
        return orgkit::big_integer_arg(digits)
            .ok_or_else(|| PyValueError::new_err(format!("{digits} is not an integer")));
    }
    if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract()?;
        return Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err("NaN and infinity cannot be sent as JSON"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return match s.to_str() {
            Ok(text) => Ok(Value::String(text.to_string())),
            // UTF-8 cannot carry it (a lone surrogate such as "\ud800").
            Err(_) => Err(PyValueError::new_err(
                "text with a lone surrogate cannot be sent as JSON",
            )),
        };
    }
    // Sequences of ints to Python, but not JSON: json.dumps refuses them,
    // where a list of their bytes would be another value.
    if obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
        || obj.is_instance_of::<PyMemoryView>()
    {
        return Err(PyTypeError::new_err(
            "bytes cannot be sent as JSON; decode them to str (or base64-encode them) first",
        ));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in dict.iter() {
            let key = k
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("JSON object keys must be str"))?;
            let key = key.to_str()?.to_string();
            let value = match to_json(&v, depth + 1) {
                // Named by the top-level key only: an argument, a body's field.
                Err(e) if depth == 0 => return Err(naming(obj.py(), &key, e)),
                other => other?,
            };
            map.insert(key, value);
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
    // A datetime as ISO 8601 text; the core refuses one without a time zone,
    // naming the argument.
    if obj.hasattr(intern!(obj.py(), "isoformat"))? && obj.hasattr(intern!(obj.py(), "tzinfo"))? {
        let text: String = obj
            .call_method0(intern!(obj.py(), "isoformat"))?
            .extract()?;
        return Ok(Value::String(text));
    }
    // A model given as an argument (`settings=ProjectSettings(...)`).
    if obj.hasattr(intern!(obj.py(), "to_dict"))? {
        return to_json(&obj.call_method0(intern!(obj.py(), "to_dict"))?, depth + 1);
    }
    if let Ok(mapping) = obj.cast::<pyo3::types::PyMapping>() {
        let mut map = Map::new();
        for item in mapping.items()?.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            let key = k
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("JSON object keys must be str"))?;
            map.insert(key.to_str()?.to_string(), to_json(&v, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.cast::<pyo3::types::PySequence>().is_ok() {
        let mut items = Vec::new();
        for item in obj.try_iter()? {
            items.push(to_json(&item?, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    Err(PyTypeError::new_err(format!(
        "cannot send a value of type {} as JSON",
        obj.get_type().name()?
    )))
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

/// `datetime.datetime` and `datetime.timezone.utc`, looked up once.
static DATETIME: PyOnceLock<(Py<PyAny>, Py<PyAny>)> = PyOnceLock::new();

/// An aware UTC `datetime`.
pub fn utc_to_py<'py>(py: Python<'py>, t: &DateTime<Utc>) -> PyResult<Bound<'py, PyAny>> {
    let (class, utc) = DATETIME.get_or_try_init(py, || -> PyResult<_> {
        let module = py.import("datetime")?;
        let utc = module.getattr("timezone")?.getattr("utc")?.unbind();
        Ok((module.getattr("datetime")?.unbind(), utc))
    })?;
    let (class, utc) = (class.bind(py), utc.bind(py));
    // Read as a naive UTC time: `DateTime`'s own accessors add the (zero)
    // offset again for every field.
    let t = t.naive_utc();
    // A leap second (nanoseconds past 1e9) is truncated to the second's end.
    let micro = (t.nanosecond() / 1_000).min(999_999);
    match u16::try_from(t.year()) {
        // `datetime`'s pickled state, the ten bytes `pickle` rebuilds one
        // from (a stable format: old pickles must still load). Read as is,
        // it skips parsing eight arguments, most of the cost of making a
        // datetime through the limited API. The constructor does not check
        // the state's ranges, so only years datetime holds take this way.
        Ok(year @ 1..=9999) => {
            let [y1, y0] = year.to_be_bytes();
            let [_, u2, u1, u0] = micro.to_be_bytes();
            let field = |n: u32| n as u8; // month, day, hour, minute, second: all < 60
            let state = [
                y1,
                y0,
                field(t.month()),
                field(t.day()),
                field(t.hour()),
                field(t.minute()),
                field(t.second()),
                u2,
                u1,
                u0,
            ];
            class.call1((PyBytes::new(py, &state), utc))
        }
        // Any other year: the ordinary call, which raises datetime's own
        // "year … is out of range".
        _ => class.call1((
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            micro,
            utc,
        )),
    }
}

/// A timestamp argument: an aware `datetime`, or unix seconds.
pub fn time_from_py(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
    let py = obj.py();
    if obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyFloat>() {
        let secs: f64 = obj.extract()?;
        // `as` would turn NaN into 0, the epoch: a value silently changed.
        if !secs.is_finite() {
            return Err(invalid_argument(
                py,
                name,
                format!("must be a finite number of seconds, got {secs}"),
            ));
        }
        return DateTime::from_timestamp_millis((secs * 1000.0) as i64)
            .ok_or_else(|| invalid_argument(py, name, "is out of range"));
    }
    obj.extract::<DateTime<Utc>>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{name} must be a timezone-aware datetime or unix seconds"
        ))
    })
}
