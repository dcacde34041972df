//! Scenario model and runner; see the crate tests.
