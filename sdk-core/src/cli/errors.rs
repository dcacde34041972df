//! What a failed command prints, and the exit code each kind of failure
//! gets. The table below is the one `orgkit --help` and the README show.

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::terminal_text;
use crate::error::{Error, ErrorKind};
use crate::secret::Secrets;

/// The exit codes, with what each means: `(code, name, meaning)`.
pub const EXIT_CODES: &[(i32, &str, &str)] = &[
    (0, "ok", "the command did what it was asked"),
    (
        1,
        "other",
        "anything else: a config file problem, I/O, a webhook that fails verification",
    ),
    (
        2,
        "usage",
        "bad arguments: an unknown or malformed flag, a missing value (InvalidArgument)",
    ),
    (
        3,
        "auth",
        "the credentials are missing, wrong or not allowed (Unauthorized, Forbidden)",
    ),
    (4, "not found", "the object does not exist (NotFound)"),
    (
        5,
        "rate limited",
        "too many requests; see the retry-after in the message (RateLimited)",
    ),
    (
        6,
        "unavailable",
        "the server failed or could not be reached in time (Server, Connection, Timeout)",
    ),
    (
        7,
        "unsupported",
        "the provider has no such operation; nothing was sent (Unsupported)",
    ),
    (8, "decode", "the answer could not be read (Decode)"),
    (
        9,
        "rejected",
        "the server refused the request as it stands (BadRequest, Conflict, Validation)",
    ),
];

/// The exit code of a failure of `kind` (see [`EXIT_CODES`]).
///
/// ```
/// use orgkit::{cli::exit_code, ErrorKind};
/// assert_eq!(exit_code(ErrorKind::NotFound), 4);
/// assert_eq!(exit_code(ErrorKind::Forbidden), 3);
/// ```
pub fn exit_code(kind: ErrorKind) -> i32 {
    match kind {
        ErrorKind::InvalidArgument => 2,
        ErrorKind::Unauthorized | ErrorKind::Forbidden => 3,
        ErrorKind::NotFound => 4,
        ErrorKind::RateLimited => 5,
        ErrorKind::Server | ErrorKind::Connection | ErrorKind::Timeout => 6,
        ErrorKind::Unsupported => 7,
        ErrorKind::Decode => 8,
        ErrorKind::BadRequest | ErrorKind::Conflict | ErrorKind::Validation => 9,
        ErrorKind::WebhookVerification => 1,
    }
}

/// The exit-code table as help text.
pub(crate) fn exit_code_help() -> String {
    let mut s = String::from("Exit codes:\n");
    for (code, name, meaning) in EXIT_CODES {
        let _ = writeln!(s, "  {code}  {name:<12} {meaning}");
    }
    s
}

/// Why a command failed.
#[derive(Debug)]
pub(crate) enum CliError {
    /// A typed error from the SDK (or one the CLI made in its terms).
    Api(Error),
    /// Bad usage found by the CLI itself (exit 2).
    Usage(String),
    /// Anything else (exit 1): the config file, I/O.
    Failed(String),
    /// stdout was closed by its reader (`| head`): stop quietly, exit 0.
    Closed,
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        CliError::Api(e)
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            CliError::Closed
        } else {
            CliError::Failed(e.to_string())
        }
    }
}

/// A bad argument, named the way the user typed it (`--limit`, `<PERSON>`).
pub(crate) fn bad_arg(shown: &str, message: impl Into<String>) -> CliError {
    CliError::Api(Error::invalid_argument(shown, message))
}

impl CliError {
    /// Its exit code.
    pub(crate) fn code(&self) -> i32 {
        match self {
            CliError::Api(e) => exit_code(e.kind()),
            CliError::Usage(_) => 2,
            CliError::Failed(_) => 1,
            CliError::Closed => 0,
        }
    }

    /// Prints it on stderr, as text or (with `json`) as one JSON object,
    /// with every secret in `secrets` hidden. `rename` spells an argument
    /// the SDK named (`settings.is_public`) as the CLI's flag.
    pub(crate) fn report(&self, json: bool, secrets: &Secrets, rename: &dyn Fn(&str) -> String) {
        let text = match self {
            CliError::Closed => return,
            CliError::Api(e) if json => terminal_text::json(error_json(e, rename).to_string()),
            CliError::Api(e) => error_text(e, rename),
            CliError::Usage(m) | CliError::Failed(m) if json => terminal_text::json(
                json!({"error": {"kind": if self.code() == 2 { "Usage" } else { "Other" },
                                     "message": m, "exit_code": self.code()}})
                .to_string(),
            ),
            CliError::Usage(m) | CliError::Failed(m) => {
                format!("error: {}", terminal_text::cell(m))
            }
        };
        eprintln!("{}", secrets.scrub(&text));
    }
}

/// The message with the argument an InvalidArgument names spelt as a flag.
fn message(e: &Error, rename: &dyn Fn(&str) -> String) -> String {
    let msg = e.message().to_string();
    if e.kind() != ErrorKind::InvalidArgument {
        return msg;
    }
    match e.field_errors().first() {
        Some(fe) => {
            let prefix = format!("{}: ", fe.field);
            match msg.strip_prefix(&prefix) {
                Some(rest) => format!("{}: {rest}", rename(&fe.field)),
                None => msg,
            }
        }
        None => msg,
    }
}

/// `error: NotFound (404) in projects.get on GET host/path after 1 attempt: … [CODE]`
/// and a line with the request id, then any field errors. What the server
/// wrote (message, code, request id, field errors) has its control
/// characters and line breaks escaped, so it stays on its own line and
/// cannot drive the terminal.
fn error_text(e: &Error, rename: &dyn Fn(&str) -> String) -> String {
    use terminal_text::line;
    let mut s = format!("error: {}", e.kind());
    if let Some(status) = e.status() {
        let _ = write!(s, " ({status})");
    }
    if let Some(op) = e.operation() {
        let _ = write!(s, " in {op}");
    }
    if let (Some(m), Some(h), Some(p)) = (e.method(), e.host(), e.path()) {
        let _ = write!(s, " on {m} {h}{p}");
    }
    if let Some(n) = e.attempts() {
        let _ = write!(s, " after {n} attempt{}", if n == 1 { "" } else { "s" });
    }
    let _ = write!(s, ": {}", line(&message(e, rename)));
    if let Some(code) = e.code() {
        let _ = write!(s, " [{}]", line(code));
    }
    let mut details = Vec::new();
    if let Some(status) = e.status() {
        details.push(format!("status {status}"));
    }
    if let Some(code) = e.code() {
        details.push(format!("code {}", line(code)));
    }
    if let Some(id) = e.request_id() {
        details.push(format!("request id {}", line(id)));
    }
    if let Some(after) = e.retry_after() {
        details.push(format!("retry after {}s", after.as_secs()));
    }
    if !details.is_empty() {
        let _ = write!(s, "\n  {}", details.join(" · "));
    }
    if e.kind() != ErrorKind::InvalidArgument {
        for fe in e.field_errors() {
            let _ = write!(s, "\n  - {}: {}", line(&fe.field), line(&fe.message));
        }
    }
    match e.kind() {
        ErrorKind::Unauthorized => s.push_str(
            "\n  hint: log in with `orgkit auth login`, or pass --token / --api-key / --session-cookie",
        ),
        ErrorKind::Unsupported => {
            s.push_str("\n  hint: `orgkit capabilities` lists what the provider supports")
        }
        _ => {}
    }
    s
}

fn error_json(e: &Error, rename: &dyn Fn(&str) -> String) -> Value {
    let field_errors: Vec<Value> = e
        .field_errors()
        .iter()
        .map(|fe| {
            let field = if e.kind() == ErrorKind::InvalidArgument {
                rename(&fe.field)
            } else {
                fe.field.clone()
            };
            json!({"field": field, "message": fe.message})
        })
        .collect();
    json!({"error": {
        "kind": e.kind().as_str(),
        "status": e.status(),
        "code": e.code(),
        "message": message(e, rename),
        "request_id": e.request_id(),
        "retry_after": e.retry_after().map(|d| d.as_secs()),
        "provider": e.provider(),
        "operation": e.operation(),
        "field_errors": field_errors,
        "exit_code": exit_code(e.kind()),
    }})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_documented_code() {
        for kind in ErrorKind::ALL {
            let code = exit_code(*kind);
            assert!(EXIT_CODES.iter().any(|(c, ..)| *c == code), "{kind:?}");
            if code > 1 {
                let (.., meaning) = EXIT_CODES.iter().find(|(c, ..)| *c == code).unwrap();
                if *kind != ErrorKind::InvalidArgument {
                    assert!(meaning.contains(kind.as_str()), "{kind:?} in {meaning}");
                }
            }
        }
    }

    #[test]
    fn invalid_argument_names_the_flag() {
        let e = Error::invalid_argument("settings.is_public", "expected true or false");
        let text = error_text(&e, &|f| format!("--{}", f.replace('_', "-")));
        assert_eq!(
            text,
            "error: InvalidArgument: --settings.is-public: expected true or false"
        );
    }
}
