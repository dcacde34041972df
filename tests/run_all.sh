#!/usr/bin/env bash
# Every test suite: Rust (format, lints, unit + wiremock + mock-server
# tests, the quickstart), Python and Node. Installs what it needs itself
# (a virtualenv under target/, the npm packages, the native builds).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step "rust: format"
cargo fmt --all -- --check

step "rust: clippy"
# The two cdylib crates have no test targets (napi's macros register nothing
# under cfg(test)), so they are linted as libraries only.
cargo clippy --workspace --all-targets --exclude orgkit-node --exclude orgkit-python -- -D warnings
cargo clippy -p orgkit-node -p orgkit-python -- -D warnings

step "codegen: generated files are fresh"
# The bindings' generated files (Python resources/models/stubs, Node
# resource layer and d.ts) must be what `cargo xtask codegen` writes.
cargo xtask codegen --check

step "rust: tests"
cargo test --workspace

step "rust: quickstart"
cargo run -q -p orgkit-examples --example quickstart >target/quickstart.out
tail -n 1 target/quickstart.out

if [ -f bindings-python/scripts/test.sh ]; then
  step "python"
  bash bindings-python/scripts/test.sh
fi

if [ -f bindings-node/scripts/test.sh ]; then
  step "node"
  bash bindings-node/scripts/test.sh
fi
