//! `orgkit-mock [--port N] [--host 127.0.0.1] [--rate-limit N] [--rate-window SECS]`
//!
//! Prints `http://HOST:PORT` as its first stdout line (test fixtures read it),
//! then the seeded credentials it accepts, then serves until SIGINT/SIGTERM,
//! or until its stdin pipe closes so that a crashed parent never leaves it
//! running. Exits 0. `--help` and `--version` print and exit.

use std::io::Write;
use std::net::ToSocketAddrs;
use std::process::ExitCode;
use std::time::Duration;

use orgkit_mock::shutdown::{stdin_closed, stop_signal};
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
