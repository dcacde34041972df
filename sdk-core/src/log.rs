//! What a client tells about its calls, once, for every language: `tracing`
//! spans and events for Rust, and the same events handed to a [`LogSink`]
//! (Python's `logging`, a Node `logger`, or stderr when `ORGKIT_LOG` is
//! set). Events carry the operation, provider, method, host and path,
//! status, attempt, duration, retry reason and backoff — never a query
//! string, header, body or secret.
//!
//! `ORGKIT_LOG=debug|info|warn` means the same everywhere: `warn` reports
//! retries and failed calls, `info` adds every finished call, `debug` adds
//! every attempt.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use crate::error::Error;

/// How much an event matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LogLevel {
    /// Every attempt.
    Debug,
    /// Every finished call.
    Info,
    /// Retries and failed calls.
    Warn,
}

impl LogLevel {
    /// `"debug"`, `"info"`, `"warn"`.
    pub fn as_str(self) -> &'static str {
        match self {
            LogLevel::Debug => "debug",
            LogLevel::Info => "info",
            LogLevel::Warn => "warn",
        }
    }

    /// Reads `debug`, `info`, `warn` (or `warning`), in any case.
    pub fn parse(s: &str) -> Option<LogLevel> {
        match s.trim().to_ascii_lowercase().as_str() {
            "debug" | "trace" => Some(LogLevel::Debug),
            "info" => Some(LogLevel::Info),
            "warn" | "warning" => Some(LogLevel::Warn),
            _ => None,
        }
    }

    /// The level `ORGKIT_LOG` asks for, if it is set to one.
    pub fn from_env() -> Option<LogLevel> {
        std::env::var("ORGKIT_LOG")
            .ok()
            .and_then(|v| LogLevel::parse(&v))
    }
}

/// One event: a short message and its fields, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEvent {
    /// How much it matters.
    pub level: LogLevel,
    /// `"request finished"`, `"attempt"`, `"retrying"`, `"request failed"`.
    pub message: &'static str,
    /// `("operation", "projects.get")`, `("status", "200")`, ….
    pub fields: Vec<(&'static str, String)>,
}

impl std::fmt::Display for LogEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message)?;
        for (k, v) in &self.fields {
            write!(f, " {k}={v}")?;
        }
        Ok(())
    }
}

/// Where a client's events go besides `tracing` (a binding's logger).
pub trait LogSink: Send + Sync + 'static {
    /// Whether events of `level` are wanted (checked before building one).
    fn enabled(&self, level: LogLevel) -> bool;
    /// Takes one event.
    fn log(&self, event: LogEvent);
}

/// Writes events at or above a level to stderr (`ORGKIT_LOG`).
#[derive(Debug)]
pub struct StderrSink(pub LogLevel);

impl LogSink for StderrSink {
    fn enabled(&self, level: LogLevel) -> bool {
        level >= self.0
    }
    fn log(&self, event: LogEvent) {
        let mut line = format!("orgkit {}: ", event.level.as_str());
        let _ = write!(line, "{event}");
        eprintln!("{line}");
    }
}

/// A client's logger.
#[derive(Clone, Default)]
pub(crate) struct Logger {
    sink: Option<Arc<dyn LogSink>>,
}

/// A call being logged.
pub(crate) struct CallLog {
    /// When it started; read only when a finished or failed call is logged.
    started: Option<Instant>,
    span: tracing::Span,
    provider: &'static str,
    operation: &'static str,
}

impl CallLog {
    /// The span the call's future runs in.
    pub(crate) fn span(&self) -> tracing::Span {
        self.span.clone()
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

impl Logger {
    /// A logger handing events to `sink`; without one, to stderr when
    /// `ORGKIT_LOG` is set.
    pub(crate) fn new(sink: Option<Arc<dyn LogSink>>) -> Self {
        let sink = sink
            .or_else(|| LogLevel::from_env().map(|l| Arc::new(StderrSink(l)) as Arc<dyn LogSink>));
        Logger { sink }
    }

    /// Whether events of `level` go anywhere: to `tracing` or to the sink.
    pub(crate) fn enabled(&self, level: LogLevel) -> bool {
        let traced = match level {
            LogLevel::Debug => tracing::enabled!(target: "orgkit", tracing::Level::DEBUG),
            LogLevel::Info => tracing::enabled!(target: "orgkit", tracing::Level::INFO),
            LogLevel::Warn => tracing::enabled!(target: "orgkit", tracing::Level::WARN),
        };
        traced || self.sink.as_ref().is_some_and(|s| s.enabled(level))
    }

    fn emit(&self, level: LogLevel, event: impl FnOnce() -> LogEvent) {
        if let Some(sink) = &self.sink {
            if sink.enabled(level) {
                sink.log(event());
            }
        }
    }

    pub(crate) fn call(&self, provider: &'static str, operation: &'static str) -> CallLog {
        let timed = self.enabled(LogLevel::Info) || self.enabled(LogLevel::Warn);
        CallLog {
            started: timed.then(Instant::now),
            span: tracing::info_span!(target: "orgkit", "orgkit.call", operation, provider),
            provider,
            operation,
        }
    }

    pub(crate) fn call_done(&self, call: CallLog, error: Option<&Error>) {
        let took = call.started.map(|s| s.elapsed()).unwrap_or_default();
        let _enter = call.span.enter();
        match error {
            None => {
                tracing::info!(target: "orgkit", duration_ms = took.as_secs_f64() * 1000.0, "request finished");
                self.emit(LogLevel::Info, || LogEvent {
                    level: LogLevel::Info,
                    message: "request finished",
                    fields: vec![
                        ("operation", call.operation.into()),
                        ("provider", call.provider.into()),
                        ("duration_ms", ms(took)),
                    ],
                });
            }
            Some(e) => {
                tracing::warn!(
                    target: "orgkit",
                    kind = e.kind().as_str(),
                    status = e.status(),
                    duration_ms = took.as_secs_f64() * 1000.0,
                    "request failed"
                );
                self.emit(LogLevel::Warn, || {
                    let mut fields = vec![
                        ("operation", call.operation.into()),
                        ("provider", call.provider.into()),
                        ("kind", e.kind().as_str().into()),
                    ];
                    if let Some(s) = e.status() {
                        fields.push(("status", s.to_string()));
                    }
                    fields.push(("duration_ms", ms(took)));
                    LogEvent {
                        level: LogLevel::Warn,
                        message: "request failed",
                        fields,
                    }
                });
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn attempt(
        &self,
        operation: &'static str,
        method: &str,
        host: &str,
        path: &str,
        attempt: u32,
        status: Option<u16>,
        took: Duration,
    ) {
        tracing::debug!(
            target: "orgkit",
            method,
            host,
            path,
            attempt,
            status,
            duration_ms = took.as_secs_f64() * 1000.0,
            "attempt"
        );
        self.emit(LogLevel::Debug, || {
            let mut fields = vec![
                ("operation", operation.into()),
                ("method", method.into()),
                ("host", host.into()),
                ("path", path.into()),
                ("attempt", attempt.to_string()),
            ];
            if let Some(s) = status {
                fields.push(("status", s.to_string()));
            }
            fields.push(("duration_ms", ms(took)));
            LogEvent {
                level: LogLevel::Debug,
                message: "attempt",
                fields,
            }
        });
    }

    pub(crate) fn retry(
        &self,
        operation: &'static str,
        attempt: u32,
        reason: &str,
        wait: Duration,
    ) {
        tracing::warn!(
            target: "orgkit",
            attempt,
            reason,
            backoff_ms = wait.as_secs_f64() * 1000.0,
            "retrying"
        );
        self.emit(LogLevel::Warn, || LogEvent {
            level: LogLevel::Warn,
            message: "retrying",
            fields: vec![
                ("operation", operation.into()),
                ("attempt", attempt.to_string()),
                ("reason", reason.into()),
                ("backoff_ms", ms(wait)),
            ],
        });
    }
}
