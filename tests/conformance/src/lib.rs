//! The language-neutral conformance scenarios (`scenarios/*.json`, format in
//! README.md) and the Rust runner for them: `tests/scenarios.rs` runs every
//! scenario against a fresh `orgkit-mock` with the Rust SDK.

pub mod dispatch;
pub mod matching;
pub mod placeholder;
pub mod runner;
pub mod scenario;

use std::collections::{BTreeMap, BTreeSet};

pub use runner::run_scenario;
pub use scenario::{load_dir, scenario_dir, Scenario};

/// The calls each provider's scenarios make: provider → call names.
pub fn calls_by_provider(scenarios: &[Scenario]) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in scenarios {
        let calls = out.entry(s.provider.clone()).or_default();
        calls.extend(s.steps.iter().map(|step| step.call.clone()));
    }
    out
}

/// The error kinds the scenarios expect somewhere.
pub fn expected_error_kinds(scenarios: &[Scenario]) -> BTreeSet<String> {
    scenarios
        .iter()
        .flat_map(|s| &s.steps)
        .filter_map(|step| step.expect.error.as_ref().map(|e| e.kind.clone()))
        .collect()
}
