//! `orgkit webhooks sign` and `orgkit webhooks verify`: Standard Webhooks
//! signatures of ourganize deliveries, through [`crate::webhooks`].

use std::io::Read as _;

use chrono::{DateTime, TimeZone, Utc};
use clap::{Arg, ArgAction, ArgMatches, Command};
use serde_json::{json, Value};

use super::errors::{bad_arg, CliError};
use super::output::{Format, Printer};
use crate::models::Model;
use crate::webhooks::{self, WebhookData};

fn secret_arg() -> Arg {
    Arg::new("secret")
        .long("secret")
        .value_name("SECRET")
        .help("The endpoint's signing secret (whsec_…) [env ORGKIT_WEBHOOK_SECRET]")
}

fn body_args() -> [Arg; 2] {
    [
        Arg::new("data")
            .long("data")
            .value_name("BODY")
            .help("The body as text (default: stdin)")
            .conflicts_with("file"),
        Arg::new("file")
            .long("file")
            .value_name("PATH")
            .help("Read the body from a file (default: stdin)"),
    ]
}

/// `orgkit webhooks …`.
pub(crate) fn command() -> Command {
    Command::new("webhooks")
        .about("Sign and verify ourganize webhook deliveries (Standard Webhooks)")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("verify")
                .about("Verifies a delivery and prints its typed event")
                .long_about(
                    "Verifies a delivery: its body (stdin, --data or --file) against the \
                     webhook-id, webhook-timestamp and webhook-signature headers given with \
                     --header. Prints the typed event; exits 1 when the signature, the \
                     timestamp (more than 5 minutes off) or a header is wrong.\n\n  \
                     orgkit webhooks verify --secret whsec_… --header 'webhook-id: msg_1' \\\n    \
                     --header 'webhook-timestamp: 1700000000' --header 'webhook-signature: v1,…' < body.json",
                )
                .arg(secret_arg())
                .arg(
                    Arg::new("header")
                        .long("header")
                        .short('H')
                        .value_name("NAME: VALUE")
                        .action(ArgAction::Append)
                        .help("A header of the delivery (repeat for each)"),
                )
                .args(body_args())
                .arg(
                    Arg::new("at")
                        .long("at")
                        .value_name("TIME")
                        .help("Check the timestamp as of this time (unix seconds or RFC 3339), for replays"),
                ),
        )
        .subcommand(
            Command::new("sign")
                .about("Signs a body; prints the three webhook headers")
                .arg(secret_arg())
                .arg(
                    Arg::new("id")
                        .long("id")
                        .value_name("MSG_ID")
                        .help("The webhook-id (default: msg_ and a random UUID)"),
                )
                .arg(
                    Arg::new("timestamp")
                        .long("timestamp")
                        .value_name("TIME")
                        .help("When it was sent (unix seconds or RFC 3339; default: now)"),
                )
                .args(body_args()),
        )
}

fn secret(m: &ArgMatches) -> Result<String, CliError> {
    m.get_one::<String>("secret")
        .cloned()
        .or_else(|| super::config::env_nonempty("ORGKIT_WEBHOOK_SECRET"))
        .ok_or_else(|| bad_arg("--secret", "is required (or set ORGKIT_WEBHOOK_SECRET)"))
}

fn body(m: &ArgMatches) -> Result<Vec<u8>, CliError> {
    if let Some(d) = m.get_one::<String>("data") {
        return Ok(d.clone().into_bytes());
    }
    if let Some(path) = m.get_one::<String>("file") {
        return std::fs::read(path)
            .map_err(|e| CliError::Failed(format!("cannot read {path}: {e}")));
    }
    let mut buf = Vec::new();
    std::io::stdin().read_to_end(&mut buf)?;
    Ok(buf)
}

fn time(raw: &str, flag: &str) -> Result<DateTime<Utc>, CliError> {
    let t = raw.trim();
    if let Ok(secs) = t.parse::<i64>() {
        if let Some(dt) = Utc.timestamp_opt(secs, 0).single() {
            return Ok(dt);
        }
    }
    DateTime::parse_from_rfc3339(t)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| {
            bad_arg(
                flag,
                format!("expected unix seconds or an RFC 3339 time, got {raw:?}"),
            )
        })
}

/// Runs `webhooks <sub>`; the secret is added to `secrets` to be hidden.
pub(crate) fn run(
    sub: &str,
    m: &ArgMatches,
    printer: &mut Printer<'_>,
    secrets: &mut Vec<String>,
) -> Result<(), CliError> {
    let secret = secret(m)?;
    secrets.push(secret.clone());
    let body = body(m)?;
    match sub {
        "sign" => {
            let id = m
                .get_one::<String>("id")
                .cloned()
                .unwrap_or_else(|| format!("msg_{}", uuid::Uuid::new_v4().simple()));
            let at = m
                .get_one::<String>("timestamp")
                .map(|t| time(t, "--timestamp"))
                .transpose()?;
            let headers = webhooks::sign(&secret, &id, &body, at)?;
            if printer.format == Format::Table {
                let mut text = String::new();
                for (name, value) in headers.to_vec() {
                    text.push_str(&format!("{name}: {value}\n"));
                }
                printer.text(&text)?;
                printer.flush()?;
            } else {
                let v: serde_json::Map<String, Value> = headers
                    .to_vec()
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), Value::String(v)))
                    .collect();
                printer.one(None, &Value::Object(v))?;
            }
            Ok(())
        }
        _ => {
            let raw: Vec<String> = m
                .get_many::<String>("header")
                .map(|v| v.cloned().collect())
                .unwrap_or_default();
            let mut headers = Vec::new();
            for h in &raw {
                let (name, value) = h.split_once(':').ok_or_else(|| {
                    bad_arg("--header", format!("expected NAME: VALUE, got {h:?}"))
                })?;
                headers.push((name.trim(), value.trim()));
            }
            let event = match m.get_one::<String>("at") {
                Some(at) => webhooks::verify_at(&secret, headers, &body, time(at, "--at")?)?,
                None => webhooks::verify(&secret, headers, &body)?,
            };
            let data = match event.data {
                WebhookData::Project(p) => printer.model_value(&Model::Project(p)),
                WebhookData::Task(t) => printer.model_value(&Model::Task(t)),
                WebhookData::Invite(i) => printer.model_value(&Model::Invite(i)),
                WebhookData::Other(v) => printer.json_value(v),
            };
            let v = json!({
                "id": event.id,
                "type": event.event_type.as_str(),
                "timestamp": event.timestamp.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                "data": data,
            });
            printer.one(Some("WebhookEvent"), &v)?;
            Ok(())
        }
    }
}
