//! `orgkit mock`: the embedded emulator of the five providers
//! ([`crate::testing`]), with its base URL on the first line of stdout and
//! the seeded credentials after it. Runs until interrupted (SIGINT,
//! SIGTERM), or until stdin closes when stdin is a pipe, so a parent that
//! dies never leaves it behind.

use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};

use clap::{Arg, ArgMatches, Command};
use serde_json::json;

use super::errors::{bad_arg, CliError};
use super::output::Format;
use crate::testing::shutdown::{stdin_closed, stop_signal};
use crate::testing::{seed, Config};

/// `orgkit mock`.
pub(crate) fn command() -> Command {
    Command::new("mock")
        .about("Runs the embedded mock server of all five providers until interrupted")
        .long_about(
            "Runs orgkit-mock, the stateful emulator of all five providers, in this process. \
             The first line of stdout is its base URL; the seeded credentials follow (with \
             --json: one JSON object). Provider P is served under <URL>/P. Stops on Ctrl-C, \
             SIGTERM, or when stdin closes if it is a pipe.",
        )
        .arg(
            Arg::new("port")
                .long("port")
                .value_name("PORT")
                .help("The port (default: any free one)"),
        )
        .arg(
            Arg::new("host")
                .long("host")
                .value_name("IP")
                .help("The address to listen on (default 127.0.0.1)"),
        )
        .arg(
            Arg::new("rate_limit")
                .long("rate-limit")
                .value_name("N")
                .help("ourganize requests per window before 429 (default 1000 an hour)"),
        )
}

/// How to log in to each provider of the mock: `(provider, env var suffix,
/// value, what the other seeded users are)`.
fn credentials() -> [(&'static str, &'static str, &'static str, String); 5] {
    [
        (
            "ourganize",
            "API_KEY",
            seed::OURGANIZE_ADMIN_KEY,
            format!("admin; member key {}", seed::OURGANIZE_MEMBER_KEY),
        ),
        (
            "orgstack",
            "TOKEN",
            seed::ORGSTACK_ADMIN_TOKEN,
            format!(
                "admin; or auth login --username {} --password {}",
                seed::ORGSTACK_ADMIN_USERNAME,
                seed::ORGSTACK_ADMIN_PASSWORD
            ),
        ),
        (
            "achieveapex",
            "API_KEY",
            seed::ACHIEVEAPEX_API_KEY,
            format!(
                "owner; or auth login --email {} --password {}",
                seed::ACHIEVEAPEX_OWNER_EMAIL,
                seed::ACHIEVEAPEX_OWNER_PASSWORD
            ),
        ),
        (
            "kaana",
            "SESSION_COOKIE",
            seed::KAANA_ADMIN_SID,
            format!("admin; API key {}", seed::KAANA_API_KEY),
        ),
        (
            "pm415",
            "API_KEY",
            seed::PM415_ADMIN_API_KEY,
            format!(
                "admin; or auth login --email {} --password {}",
                seed::PM415_ADMIN_EMAIL,
                seed::PM415_ADMIN_PASSWORD
            ),
        ),
    ]
}

/// Runs the server until it is told to stop.
pub(crate) async fn run(m: &ArgMatches, format: Format) -> Result<(), CliError> {
    let host: IpAddr = match m.get_one::<String>("host") {
        Some(h) => h
            .parse()
            .map_err(|_| bad_arg("--host", format!("expected an IP address, got {h:?}")))?,
        None => IpAddr::from([127, 0, 0, 1]),
    };
    let port: u16 = match m.get_one::<String>("port") {
        Some(p) => p
            .parse()
            .map_err(|_| bad_arg("--port", format!("expected a port number, got {p:?}")))?,
        None => 0,
    };
    let mut config = Config {
        addr: SocketAddr::new(host, port),
        ..Config::default()
    };
    if let Some(n) = m.get_one::<String>("rate_limit") {
        config.rate_limit = n.parse().map_err(|_| {
            bad_arg(
                "--rate-limit",
                format!("expected a whole number, got {n:?}"),
            )
        })?;
    }
    let stop = stop_signal();
    let server = crate::testing::spawn_with(config.clone())
        .await
        .map_err(|e| CliError::Failed(format!("cannot listen on {}: {e}", config.addr)))?;
    let url = server.url();
    let mut out = std::io::stdout().lock();
    if format == Format::Table {
        writeln!(out, "{url}")?;
        writeln!(
            out,
            "\norgkit-mock is serving the five providers; Ctrl-C stops it.\n"
        )?;
        for (p, suffix, value, others) in credentials() {
            writeln!(out, "{p:<12} {}", server.base_url(p))?;
            writeln!(
                out,
                "{:<12} export ORGKIT_{}_BASE_URL={} ORGKIT_{}_{suffix}={value}",
                "",
                p.to_ascii_uppercase(),
                server.base_url(p),
                p.to_ascii_uppercase()
            )?;
            writeln!(out, "{:<12} ({others})", "")?;
        }
        writeln!(
            out,
            "\nthen, e.g.: orgkit --provider ourganize projects list"
        )?;
    } else {
        let providers: Vec<_> = credentials()
            .into_iter()
            .map(|(p, suffix, value, others)| {
                json!({
                    "provider": p,
                    "base_url": server.base_url(p),
                    "env": {
                        format!("ORGKIT_{}_BASE_URL", p.to_ascii_uppercase()): server.base_url(p),
                        format!("ORGKIT_{}_{suffix}", p.to_ascii_uppercase()): value,
                    },
                    "notes": others,
                })
            })
            .collect();
        writeln!(out, "{url}")?;
        writeln!(out, "{}", json!({"url": url, "providers": providers}))?;
    }
    out.flush()?;
    drop(out);
    tokio::select! {
        _ = stop => {}
        _ = stdin_closed() => {}
    }
    drop(server);
    Ok(())
}
