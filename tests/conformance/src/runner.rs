//! Runs a scenario against a fresh in-process mock server with the Rust SDK
//! and returns every failed expectation (an empty list: it passed).

use std::time::{Duration, Instant};

use orgkit::{Client, Provider};
use orgkit_mock::{seed, Fault, MockServer, RecordedRequest};
use serde_json::Value;

use crate::dispatch::{dispatch, Outcome};
use crate::matching::{check, short};
use crate::placeholder;
use crate::scenario::{ClientOptions, ErrorExpect, Expect, ItemsExpect, RequestsExpect, Scenario};

/// Runs one scenario; each failure names the scenario and the step.
pub async fn run_scenario(scenario: &Scenario) -> Vec<String> {
    let server = orgkit_mock::spawn().await;
    let prefix = |step: Option<(usize, &str)>| match step {
        Some((i, call)) => format!("[{}] step {} ({call})", scenario.name, i + 1),
        None => format!("[{}]", scenario.name),
    };
    let client = match setup(&server, scenario) {
        Ok(c) => c,
        Err(e) => return vec![format!("{}: {e}", prefix(None))],
    };
    let mut failures = Vec::new();
    for (i, step) in scenario.steps.iter().enumerate() {
        server.clear_requests();
        let label = prefix(Some((i, &step.call)));
        if let Err(e) = queue_faults(&server, &step.faults) {
            failures.push(format!("{label}: {e}"));
            continue;
        }
        let started = Instant::now();
        let outcome = dispatch(&client, &step.call, &step.args).await;
        let elapsed = started.elapsed();
        let outcome = match outcome {
            Ok(o) => o,
            Err(e) => {
                failures.push(format!("{label}: broken scenario: {e}"));
                continue;
            }
        };
        // What a step's own faults left unused must not hit the next step.
        if !step.faults.is_empty() {
            server.clear_faults();
        }
        let mut errors = Vec::new();
        check_step(
            &step.expect,
            &outcome,
            elapsed,
            &server.requests(),
            &mut errors,
        );
        failures.extend(errors.into_iter().map(|e| format!("{label}: {e}")));
    }
    failures
}

fn setup(server: &MockServer, scenario: &Scenario) -> Result<Client, String> {
    let provider: Provider = scenario
        .provider
        .parse()
        .map_err(|e: orgkit::Error| e.to_string())?;
    if let Some(config) = &scenario.mock_config {
        let limit = config
            .ourganize_rate_limit
            .unwrap_or(seed::OURGANIZE_DEFAULT_RATE_LIMIT);
        let window = config
            .ourganize_rate_window_secs
            .unwrap_or(seed::OURGANIZE_RATE_WINDOW_SECS);
        server.set_rate_limit_window(limit, Duration::from_secs(window));
    }
    let client = build_client(
        provider,
        &server.base_url(provider.as_str()),
        &scenario.client,
    )
    .map_err(|e| format!("cannot build the client: {e}"))?;
    queue_faults(server, &scenario.faults)?;
    Ok(client)
}

pub fn build_client(
    provider: Provider,
    base_url: &str,
    o: &ClientOptions,
) -> orgkit::Result<Client> {
    let mut b = Client::builder(provider).base_url(base_url);
    if let Some(t) = &o.token {
        b = b.token(t.as_str());
    }
    if let Some(k) = &o.api_key {
        b = b.api_key(k.as_str());
    }
    if let Some(s) = &o.session_cookie {
        b = b.session_cookie(s.as_str());
    }
    if let Some(t) = o.timeout {
        b = b.timeout(Duration::from_secs_f64(t));
    }
    if let Some(d) = o.deadline {
        b = b.deadline(Duration::from_secs_f64(d));
    }
    if let Some(n) = o.max_retries {
        b = b.max_retries(n);
    }
    if let Some(on) = o.idempotency_keys {
        b = b.idempotency_keys(on);
    }
    if let Some(ua) = &o.user_agent {
        b = b.user_agent(ua.as_str());
    }
    for (name, value) in &o.headers {
        let value = value
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| value.to_string());
        b = b.header(name.as_str(), value);
    }
    b.build()
}

fn queue_faults(server: &MockServer, faults: &[Value]) -> Result<(), String> {
    let now = orgkit::chrono::Utc::now();
    for raw in faults {
        let expanded = placeholder::expand(raw, now)?;
        let fault = Fault::from_json(&expanded).map_err(|e| format!("bad fault {raw}: {e}"))?;
        server.inject(fault);
    }
    Ok(())
}

/// Every expectation of one step against what happened.
pub fn check_step(
    expect: &Expect,
    outcome: &Outcome,
    elapsed: Duration,
    requests: &[RecordedRequest],
    errors: &mut Vec<String>,
) {
    match (&expect.error, outcome) {
        (Some(want), Err(e)) => check_error(want, e, errors),
        (Some(want), Ok(v)) => errors.push(format!(
            "expected a {} error, got a result: {}",
            want.kind,
            short(v)
        )),
        (None, Err(e)) => errors.push(format!(
            "unexpected {} error: {e} (status {:?})",
            e.kind(),
            e.status()
        )),
        (None, Ok(v)) => {
            if let Some(want) = &expect.result {
                check(want, v, "result", errors);
            }
            if let Some(items) = &expect.items {
                check_items(items, v, errors);
            }
        }
    }
    for want in &expect.requests {
        check_requests(want, requests, errors);
    }
    if let Some(count) = &expect.total_requests {
        if !count.check(requests.len() as u64) {
            errors.push(format!(
                "expected {count} requests in all, the mock received {}: {}",
                requests.len(),
                list_requests(requests.iter())
            ));
        }
    }
    if let Some(min) = expect.elapsed.as_ref().map(|e| e.min) {
        if elapsed.as_secs_f64() < min {
            errors.push(format!(
                "took {:.3}s, expected at least {min}s",
                elapsed.as_secs_f64()
            ));
        }
    }
}

fn check_error(want: &ErrorExpect, e: &orgkit::Error, errors: &mut Vec<String>) {
    let what = format!("error {e} ");
    if e.kind().as_str() != want.kind {
        errors.push(format!(
            "{what}: expected kind {}, got {}",
            want.kind,
            e.kind()
        ));
    }
    if let Some(status) = &want.status {
        let got = e.status().map_or(Value::Null, Value::from);
        if &got != status {
            errors.push(format!("{what}: expected status {status}, got {got}"));
        }
    }
    if let Some(code) = &want.code {
        let got = e.code().map_or(Value::Null, Value::from);
        if &got != code {
            errors.push(format!("{what}: expected code {code}, got {got}"));
        }
    }
    if let Some(needle) = &want.message_contains {
        if !e.message().contains(needle.as_str()) {
            errors.push(format!(
                "{what}: expected the message to contain {needle:?}, got {:?}",
                e.message()
            ));
        }
    }
    if let Some(bounds) = &want.retry_after {
        let got = e.retry_after().map(|d| d.as_secs_f64());
        match (bounds, got) {
            (Value::Null, None) => {}
            (Value::Null, Some(s)) => {
                errors.push(format!("{what}: expected no retry_after, got {s}s"))
            }
            (b, Some(s)) => {
                let min = b.get("min").and_then(Value::as_f64).unwrap_or(f64::MIN);
                let max = b.get("max").and_then(Value::as_f64).unwrap_or(f64::MAX);
                if s < min || s > max {
                    errors.push(format!("{what}: retry_after {s}s is not within {b}"));
                }
            }
            (b, None) => errors.push(format!("{what}: expected retry_after {b}, got none")),
        }
    }
    if let Some(fields) = &want.field_errors {
        let actual: Vec<Value> = e
            .field_errors()
            .iter()
            .map(|f| serde_json::to_value(f).unwrap_or_default())
            .collect();
        for f in fields {
            let found = actual.iter().any(|a| {
                let mut sub = Vec::new();
                check(f, a, "field_error", &mut sub);
                sub.is_empty()
            });
            if !found {
                errors.push(format!(
                    "{what}: no field error matches {f}; got {}",
                    Value::Array(actual.clone())
                ));
            }
        }
    }
}

fn check_items(want: &ItemsExpect, actual: &Value, errors: &mut Vec<String>) {
    let Value::Array(items) = actual else {
        errors.push(format!("expected a list, got {}", short(actual)));
        return;
    };
    if let Some(count) = &want.count {
        if !count.check(items.len() as u64) {
            errors.push(format!("expected {count} items, got {}", items.len()));
        }
    }
    let ends = [
        ("first", &want.first, items.first()),
        ("last", &want.last, items.last()),
    ];
    for (name, want, have) in ends {
        if let Some(w) = want {
            match have {
                Some(h) => check(w, h, &format!("items.{name}"), errors),
                None => errors.push(format!("items.{name}: the list is empty")),
            }
        }
    }
    if let Some(ids) = &want.ids {
        let have: Vec<Value> = items
            .iter()
            .map(|i| i.get("id").cloned().unwrap_or(Value::Null))
            .collect();
        check(
            &Value::Array(ids.clone()),
            &Value::Array(have),
            "items.ids",
            errors,
        );
    }
    if let Some(each) = &want.each {
        for (i, item) in items.iter().enumerate() {
            check(each, item, &format!("items[{i}]"), errors);
        }
    }
}

fn check_requests(want: &RequestsExpect, all: &[RecordedRequest], errors: &mut Vec<String>) {
    let method = want.method.as_deref().unwrap_or("");
    let path = want.path.as_deref().unwrap_or("/");
    let selected: Vec<&RecordedRequest> = all.iter().filter(|r| r.matches(method, path)).collect();
    let label = format!(
        "requests {} {path}",
        if method.is_empty() { "*" } else { method }
    );
    if let Some(count) = &want.count {
        if !count.check(selected.len() as u64) {
            errors.push(format!(
                "{label}: expected {count}, the mock received {}: {}",
                selected.len(),
                list_requests(all.iter())
            ));
        }
    }
    for (n, r) in selected.iter().enumerate() {
        let at = format!("{label} #{}", n + 1);
        for (name, matcher) in &want.headers {
            let got = r
                .headers
                .get(&name.to_ascii_lowercase())
                .map_or(Value::Null, |v| Value::String(v.clone()));
            check(matcher, &got, &format!("{at} header {name}"), errors);
        }
        if let Some(q) = &want.query {
            let got = serde_json::to_value(&r.query).unwrap_or_default();
            check(q, &got, &format!("{at} query"), errors);
        }
        if let Some(b) = &want.body {
            check(b, &r.body, &format!("{at} body"), errors);
        }
    }
    if let Some(queries) = &want.queries {
        if queries.len() != selected.len() {
            errors.push(format!(
                "{label}: {} queries expected, {} requests selected",
                queries.len(),
                selected.len()
            ));
        }
        for (n, (q, r)) in queries.iter().zip(&selected).enumerate() {
            let got = serde_json::to_value(&r.query).unwrap_or_default();
            check(q, &got, &format!("{label} #{} query", n + 1), errors);
        }
    }
    for name in &want.same_headers {
        let values: Vec<Option<&String>> = selected
            .iter()
            .map(|r| r.headers.get(&name.to_ascii_lowercase()))
            .collect();
        let first = values.first().copied().flatten();
        if selected.is_empty() || first.is_none() || values.iter().any(|v| *v != first) {
            errors.push(format!(
                "{label}: expected one identical {name} header on every request, got {values:?}"
            ));
        }
    }
}

fn list_requests<'a>(reqs: impl Iterator<Item = &'a RecordedRequest>) -> String {
    let parts: Vec<String> = reqs
        .map(|r| {
            if r.raw_query.is_empty() {
                format!("{} {}", r.method, r.path)
            } else {
                format!("{} {}?{}", r.method, r.path, r.raw_query)
            }
        })
        .collect();
    format!("[{}]", parts.join(", "))
}
