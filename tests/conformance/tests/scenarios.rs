//! Runs every scenario in `scenarios/` with the Rust SDK, each against its
//! own mock server, one after the other (the timing expectations need an
//! unloaded machine); reports every failure, not just the first.

use orgkit::{Client, ErrorKind, Provider};
use orgkit_conformance::{
    calls_by_provider, expected_error_kinds, load_dir, run_scenario, scenario_dir,
};

fn scenarios() -> Vec<orgkit_conformance::Scenario> {
    load_dir(&scenario_dir()).unwrap_or_else(|e| panic!("cannot load the scenarios: {e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_scenario_passes() {
    // ORGKIT_SCENARIO=text runs only the scenarios whose name contains it.
    let only = std::env::var("ORGKIT_SCENARIO").unwrap_or_default();
    let all: Vec<_> = scenarios()
        .into_iter()
        .filter(|s| s.name.contains(only.as_str()))
        .collect();
    assert!(
        !all.is_empty(),
        "no scenarios found in {:?}",
        scenario_dir()
    );
    let mut failures = Vec::new();
    let mut passed = 0;
    for scenario in &all {
        let s = scenario.clone();
        match tokio::spawn(async move { run_scenario(&s).await }).await {
            Ok(f) if f.is_empty() => passed += 1,
            Ok(f) => failures.extend(f),
            Err(e) => failures.push(format!("[{}] panicked: {e}", scenario.name)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scenarios passed; failures:\n{}",
        passed,
        all.len(),
        failures.join("\n")
    );
}

/// Every operation a provider supports is called in at least one of that
/// provider's scenarios, and every provider has an Unsupported check.
#[test]
fn every_supported_operation_is_covered() {
    let calls = calls_by_provider(&scenarios());
    let mut missing = Vec::new();
    for provider in Provider::ALL {
        let client = Client::builder(provider)
            .base_url("http://127.0.0.1:9")
            .build()
            .unwrap();
        let covered = calls.get(provider.as_str()).cloned().unwrap_or_default();
        for op in client.capabilities() {
            if !covered.contains(op) {
                missing.push(format!("{provider}: {op}"));
            }
        }
        let unsupported = covered
            .iter()
            .any(|c| !c.starts_with("client.") && !client.capabilities().contains(&c.as_str()));
        if !unsupported {
            missing.push(format!("{provider}: no call of an unsupported operation"));
        }
    }
    assert!(missing.is_empty(), "not covered:\n{}", missing.join("\n"));
}

#[test]
fn every_error_kind_is_covered() {
    let kinds = expected_error_kinds(&scenarios());
    let wanted = [
        ErrorKind::BadRequest,
        ErrorKind::Unauthorized,
        ErrorKind::Forbidden,
        ErrorKind::NotFound,
        ErrorKind::Conflict,
        ErrorKind::Validation,
        ErrorKind::RateLimited,
        ErrorKind::Server,
        ErrorKind::Timeout,
        ErrorKind::Connection,
        ErrorKind::Decode,
        ErrorKind::Unsupported,
        ErrorKind::InvalidArgument,
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .map(|k| k.as_str())
        .filter(|k| !kinds.contains(*k))
        .collect();
    assert!(missing.is_empty(), "no scenario expects {missing:?}");
}
