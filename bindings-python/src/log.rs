//! The core's log events into Python's `logging` (logger `orgkit`). The
//! runtime's worker threads never take the GIL for a log line: events are
//! queued and handed to Python when the call's result is (and by the
//! blocking wait loop), in order.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Mutex;

use orgkit::log::{LogEvent, LogLevel, LogSink};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// No level is enabled.
const OFF: u8 = u8::MAX;

fn rank(level: LogLevel) -> u8 {
    match level {
        LogLevel::Debug => 0,
        LogLevel::Info => 1,
        LogLevel::Warn => 2,
    }
}

/// A client's log sink. `logger` is `orgkit._logging.Sink`: `level()` gives
/// the lowest enabled orgkit level (0 debug, 1 info, 2 warn, 255 none) and
/// `emit(level, message, fields)` logs one event.
pub struct PyLog {
    logger: Option<Py<PyAny>>,
    min: AtomicU8,
    queue: Mutex<Vec<LogEvent>>,
}

impl PyLog {
    pub fn new(logger: Option<Py<PyAny>>) -> Self {
        PyLog {
            logger,
            min: AtomicU8::new(OFF),
            queue: Mutex::new(Vec::new()),
        }
    }

    /// Reads the `orgkit` logger's level again (called as each call starts,
    /// with the GIL held), so changing it takes effect on the next call.
    pub fn refresh(&self, py: Python<'_>) {
        let min = self
            .logger
            .as_ref()
            .and_then(|l| l.bind(py).call_method0("level").ok())
            .and_then(|v| v.extract::<u8>().ok())
            .unwrap_or(OFF);
        self.min.store(min, Ordering::Relaxed);
    }

    /// Hands the queued events to Python.
    pub fn flush(&self, py: Python<'_>) {
        let events = std::mem::take(&mut *self.queue.lock().unwrap_or_else(|p| p.into_inner()));
        let Some(logger) = &self.logger else {
            return;
        };
        for e in events {
            let fields = PyDict::new(py);
            for (k, v) in &e.fields {
                let _ = fields.set_item(k, v);
            }
            if let Err(err) = logger
                .bind(py)
                .call_method1("emit", (e.level.as_str(), e.message, fields))
            {
                err.write_unraisable(py, None);
            }
        }
    }
}

impl LogSink for PyLog {
    fn enabled(&self, level: LogLevel) -> bool {
        rank(level) >= self.min.load(Ordering::Relaxed)
    }

    fn log(&self, event: LogEvent) {
        self.queue
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(event);
    }
}
