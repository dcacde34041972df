//! Unified operation name + JSON arguments → the Rust SDK's one generic
//! entry point ([`orgkit::Client::call`]) → its result as JSON (the same
//! JSON the other languages' `to_dict()` / `toJSON()` give), or the SDK's
//! error. Only the three `client.*` calls, which are not operations, are
//! spelled out.

use orgkit::{Client, Method, Model, Operation, Output};
use serde_json::{Map, Value};

/// What an SDK call gave.
pub type Outcome = Result<Value, orgkit::Error>;

/// A broken scenario (an unknown call), as opposed to an SDK failure.
pub type ArgResult<T> = Result<T, String>;

/// The most items a list walk collects before giving up (a runaway pager).
pub const MAX_ITEMS: usize = 10_000;

/// Runs `call` with `args`.
pub async fn dispatch(
    client: &Client,
    call: &str,
    args: &Map<String, Value>,
) -> ArgResult<Outcome> {
    match call {
        "client.capabilities" => Ok(Ok(
            serde_json::to_value(client.capabilities()).map_err(|e| e.to_string())?
        )),
        "client.rate_limit" => Ok(Ok(client
            .rate_limit()
            .map(|rl| serde_json::to_value(rl).unwrap_or(Value::Null))
            .unwrap_or(Value::Null))),
        "client.request" => {
            let text = |k: &str| {
                args.get(k)
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .ok_or_else(|| format!("argument {k:?} is required"))
            };
            let method = Method::from_bytes(text("method")?.to_ascii_uppercase().as_bytes())
                .map_err(|e| format!("argument \"method\": {e}"))?;
            let body = args.get("body").cloned();
            Ok(client.request(method, &text("path")?, body).await)
        }
        name => {
            let op: Operation = name.parse().map_err(|_| format!("unknown call {name:?}"))?;
            Ok(match client.call(op, args.clone()).await {
                Ok(out) => to_json(out).await,
                Err(e) => Err(e),
            })
        }
    }
}

fn model_json(m: &Model) -> Value {
    serde_json::to_value(m)
        .unwrap_or_else(|e| serde_json::json!({ "unserializable": e.to_string() }))
}

/// An operation's result as JSON; a list is walked to its end.
async fn to_json(out: Output) -> Outcome {
    Ok(match out {
        Output::Nothing => Value::Null,
        Output::One(m) => model_json(&m),
        Output::Many(items) => Value::Array(items.iter().map(model_json).collect()),
        Output::Page(page) => {
            let items = page.collect_all(MAX_ITEMS).await?;
            Value::Array(items.iter().map(model_json).collect())
        }
        Output::Json(v) => v,
        _ => Value::Null,
    })
}
