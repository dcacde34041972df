#!/usr/bin/env bash
# Builds the Node package (debug native addon into the shared target/),
# the mock server, checks the generated files are fresh, type-checks the
# typed files, then runs the quickstart and the node:test suite. Runnable
# from any directory.
set -euo pipefail

pkg="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$pkg/.." && pwd)"
cd "$pkg"

# npm ci installs exactly the committed lock and never rewrites it (the
# platform packages @orgkit/* are added only to the published manifest, by
# tests/release/npm_packages.mjs, so there is nothing optional to fetch).
# Skipped when node_modules is newer than package.json and the lock.
stamp=node_modules/.package-lock.json
if [[ ! -f $stamp || package.json -nt $stamp || package-lock.json -nt $stamp ]]; then
  npm ci --no-audit --no-fund
fi

npm run build

# lib/resources.js, lib/models.js and surface.d.ts are what the SDK's surface gives.
(cd "$root" && cargo xtask codegen --check)

cargo build -p orgkit-mock --manifest-path "$root/Cargo.toml"
export ORGKIT_MOCK_BIN="${ORGKIT_MOCK_BIN:-$root/target/x86_64-unknown-linux-gnu/debug/orgkit-mock}"

# The examples resolve `orgkit` through node_modules, as `npm install` there would link it.
mkdir -p "$root/examples/node/node_modules"
ln -sfn ../../../bindings-node "$root/examples/node/node_modules/orgkit"

node_modules/.bin/tsc -p tsconfig.json --strict --noEmit

node "$root/examples/node/quickstart.mjs"

# Last, so that the runner's summary closes the output.
node --test __test__/
