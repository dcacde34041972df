//! `orgkit-mock [--port N] [--host 127.0.0.1] [--rate-limit N] [--rate-window SECS]`
//!
//! Prints `http://HOST:PORT` as its first stdout line (test fixtures read it),
//! then the seeded credentials it accepts, then serves until SIGINT/SIGTERM,
//! or until its stdin pipe closes so that a crashed parent never leaves it
//! running. Exits 0. `--help` and `--version` print and exit.

use std::io::{Read, Write};
use std::net::ToSocketAddrs;
use std::process::ExitCode;
use std::time::Duration;

use orgkit_mock::Config;

const USAGE: &str =
    "usage: orgkit-mock [--port N] [--host 127.0.0.1] [--rate-limit N] [--rate-window SECS]
       orgkit-mock --help | --version

Serves ourganize, orgstack, achieveapex, kaana and pm415 under /{provider}/,
and the control API under /__mock/. Prints the base URL on the first line of
stdout, then the seeded credentials it accepts. Stops on SIGINT, SIGTERM, or
when stdin (if it is a pipe) closes.";

struct Args {
    host: String,
    port: u16,
    rate_limit: Option<u32>,
    rate_window: Option<u64>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        host: "127.0.0.1".into(),
        port: 0,
        rate_limit: None,
        rate_window: None,
    };
    let mut iter = std::env::args().skip(1);
    while let Some(arg) = iter.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_string(), Some(value.to_string())),
            None => (arg.clone(), None),
        };
        if flag == "--help" || flag == "-h" {
            return Err(String::new());
        }
        if flag == "--version" || flag == "-V" {
            return Err("--version".into());
        }
        let value = inline
            .or_else(|| iter.next())
            .ok_or_else(|| format!("{flag} needs a value"))?;
        let number = |what: &str| format!("{flag} expects {what}, got {value:?}");
        match flag.as_str() {
            "--host" => args.host = value,
            "--port" => args.port = value.parse().map_err(|_| number("a port number"))?,
            "--rate-limit" => {
                args.rate_limit = Some(value.parse().map_err(|_| number("a number"))?)
            }
            "--rate-window" => {
                args.rate_window = Some(value.parse().map_err(|_| number("seconds"))?)
            }
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(args)
}

/// Only a pipe or socket on stdin means "a parent is holding it open for
/// us"; /dev/null or a terminal would otherwise end the server at once or
/// never, so those are not watched.
#[cfg(unix)]
fn stdin_is_pipe() -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata("/dev/stdin")
        .map(|m| m.file_type().is_fifo() || m.file_type().is_socket())
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn stdin_is_pipe() -> bool {
    false
}

async fn stdin_closed() {
    if !stdin_is_pipe() {
        return std::future::pending().await;
    }
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    // A plain thread, not spawn_blocking: the runtime must not wait for it at exit.
    let spawned = std::thread::Builder::new()
        .name("stdin-watch".into())
        .spawn(move || {
            let mut sink = [0u8; 1024];
            let mut stdin = std::io::stdin();
            while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
            let _ = tx.send(());
        });
    match spawned {
        Ok(_) => {
            let _ = rx.await;
        }
        Err(_) => std::future::pending().await,
    }
}

/// Resolves on SIGINT or SIGTERM. The handlers are installed when this is
/// called, not when first polled, so a signal that arrives right after the
/// URL is printed is not fatal.
fn stop_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = terminate.recv() => {}
                    }
                }
                _ => std::future::pending().await,
            }
        }
    }
    #[cfg(not(unix))]
    async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) if message.is_empty() => {
            println!(
                "{USAGE}\n\nSeeded credentials:\n{}",
                orgkit_mock::seed::credentials_text()
            );
            return ExitCode::SUCCESS;
        }
        Err(message) if message == "--version" => {
            println!("orgkit-mock {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("orgkit-mock: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let addr = match (args.host.as_str(), args.port)
        .to_socket_addrs()
        .ok()
        .and_then(|mut addrs| addrs.next())
    {
        Some(addr) => addr,
        None => {
            eprintln!("orgkit-mock: cannot resolve host {:?}", args.host);
            return ExitCode::from(2);
        }
    };
    let mut config = Config {
        addr,
        ..Config::default()
    };
    if let Some(limit) = args.rate_limit {
        config.rate_limit = limit;
    }
    if let Some(secs) = args.rate_window {
        config.rate_window = Duration::from_secs(secs);
    }
    let server = match orgkit_mock::spawn_with(config).await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("orgkit-mock: cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let stopped = stop_signal();
    let mut stdout = std::io::stdout();
    if writeln!(stdout, "{}", server.url())
        .and_then(|_| stdout.flush())
        .is_err()
    {
        eprintln!("orgkit-mock: cannot write the URL to stdout");
        return ExitCode::FAILURE;
    }
    // For people: a program that reads only the URL line and closes the
    // pipe does not stop the server.
    let _ = write!(
        stdout,
        "seeded credentials (provider, who, kind, value):\n{}",
        orgkit_mock::seed::credentials_text()
    )
    .and_then(|_| stdout.flush());
    tokio::select! {
        _ = stopped => {}
        _ = stdin_closed() => {}
    }
    drop(server);
    ExitCode::SUCCESS
}
