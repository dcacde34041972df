//! The client option `logger`: the SDK's log events handed to a JS
//! function through a threadsafe function. Events are queued without ever
//! blocking a call (a full queue drops the event), and the function does
//! not keep the process alive.

use napi::bindgen_prelude::*;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use orgkit::log::{LogEvent, LogLevel, LogSink};
use serde_json::{Map, Value};

use crate::error::invalid;

/// Events waiting for the JS thread at most; more are dropped.
const QUEUE: usize = 1024;

/// `(eventJson) => void` on the JS thread, weak (unref'd).
type LogFn = ThreadsafeFunction<String, (), String, Status, false, true, QUEUE>;

/// Hands events at or above `level` to JS as
/// `["info", "request finished", {"operation": "projects.get", "durationMs": 12.5, …}]`.
pub struct JsLogger {
    tsfn: LogFn,
    level: LogLevel,
}

/// What reaches the logger: `logLevel`, else `ORGKIT_LOG`, else `warn`; `None` for `off`.
pub fn level(option: Option<&str>) -> orgkit::Result<Option<LogLevel>> {
    match option {
        Some(s) if s.trim().eq_ignore_ascii_case("off") => Ok(None),
        Some(s) => LogLevel::parse(s).map(Some).ok_or_else(|| {
            invalid(
                "logLevel",
                format!("expected debug, info, warn or off, got {s:?}"),
            )
        }),
        None => Ok(Some(LogLevel::from_env().unwrap_or(LogLevel::Warn))),
    }
}

impl JsLogger {
    pub fn new(f: Function<'_, String, ()>, level: LogLevel) -> Result<Self> {
        let tsfn = f
            .build_threadsafe_function::<String>()
            .weak::<true>()
            .max_queue_size::<QUEUE>()
            .build()?;
        Ok(JsLogger { tsfn, level })
    }
}

/// A field's value as JSON: a number when it reads as one (status,
/// attempt, durations), else the text.
fn field_value(text: &str) -> Value {
    match text.parse::<f64>() {
        Ok(n) if n.is_finite() && !text.starts_with('+') => serde_json::Number::from_f64(n)
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(text.to_string())),
        _ => Value::String(text.to_string()),
    }
}

impl LogSink for JsLogger {
    fn enabled(&self, level: LogLevel) -> bool {
        level >= self.level
    }

    fn log(&self, event: LogEvent) {
        let fields: Map<String, Value> = event
            .fields
            .iter()
            .map(|(k, v)| (orgkit::camel_case(k), field_value(v)))
            .collect();
        let text = Value::Array(vec![
            event.level.as_str().into(),
            event.message.into(),
            Value::Object(fields),
        ])
        .to_string();
        // Non-blocking: when the JS thread is behind, the event is dropped.
        let _ = self
            .tsfn
            .call(text, ThreadsafeFunctionCallMode::NonBlocking);
    }
}
