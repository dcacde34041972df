#!/usr/bin/env bash
# Uses the artifacts of tests/release/dist.sh as a user would, on this
# machine:
#   - Python: the wheel into a fresh virtualenv with no cargo/rustc on PATH,
#     then examples/python/quickstart.py against the mock; the sdist builds
#     (with Rust), and without Rust it fails at once instead of downloading
#     a toolchain;
#   - Node: the packed `orgkit` and `@orgkit/linux-x64-gnu` tarballs into a
#     fresh folder, then the quickstart as ESM and a CommonJS check;
#   - Rust: cargo publish --dry-run of orgkit-mock and orgkit;
#   - the release workflow passes actionlint.
# Runnable from any directory, after dist.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$PWD"
DIST="$ROOT/target/dist"
VENV="$ROOT/target/release-venv"
export MATURIN_NO_INSTALL_RUST=1 RUSTUP_AUTO_INSTALL=0

say() { printf '==> %s\n' "$*"; }
passed=0
ok() { passed=$((passed + 1)); printf 'ok - %s\n' "$*"; }

wheel=$(ls "$DIST"/orgkit-*.whl)
sdist=$(ls "$DIST"/orgkit-*.tar.gz)
work=$(mktemp -d "${TMPDIR:-/tmp}/orgkit-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The mock is built (debug, like the test suites use it) before PATH loses cargo.
cargo build --quiet -p orgkit-mock
export ORGKIT_MOCK_BIN="$ROOT/target/x86_64-unknown-linux-gnu/debug/orgkit-mock"

# A PATH without Rust: the system directories only, checked.
NORUST_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
norust() { env -i HOME="$HOME" PATH="$NORUST_PATH" LANG=C.UTF-8 \
  MATURIN_NO_INSTALL_RUST=1 RUSTUP_AUTO_INSTALL=0 ORGKIT_MOCK_BIN="$ORGKIT_MOCK_BIN" "$@"; }
if norust sh -c 'command -v cargo || command -v rustc || command -v rustup'; then
  echo "cargo/rustc is on the system PATH; the no-Rust checks would prove nothing" >&2
  exit 1
fi

# --- Python ----------------------------------------------------------------
say "python: wheel into a fresh venv, no Rust on PATH"
python3 -m venv "$work/py"
norust "$work/py/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"
(cd "$work" && norust "$work/py/bin/python" - <<'EOF'
import os, sys, orgkit
where = os.path.dirname(orgkit.__file__)
assert where.startswith(sys.prefix), f"orgkit imported from {where}, not the smoke venv"
print("orgkit", orgkit.__version__ if hasattr(orgkit, "__version__") else "", "from", where)
EOF
)
(cd "$work" && norust "$work/py/bin/python" "$ROOT/examples/python/quickstart.py" >"$work/py-quickstart.out")
tail -n 1 "$work/py-quickstart.out"
ok "python: wheel installed without Rust, quickstart ran"

say "python: the sdist without Rust fails at once (no toolchain download)"
if norust "$VENV/bin/python" -m pip wheel --quiet --no-deps --no-build-isolation \
    -w "$work/sdist-norust" "$sdist" >"$work/sdist-norust.log" 2>&1; then
  echo "the sdist built without Rust?" >&2
  exit 1
fi
grep -q "Cargo, the Rust package manager, is not installed" "$work/sdist-norust.log" || {
  cat "$work/sdist-norust.log" >&2
  exit 1
}
if grep -qi "installing into a temporary directory\|puccinialin" "$work/sdist-norust.log"; then
  echo "maturin tried to install Rust" >&2
  exit 1
fi
ok "python: sdist without Rust fails fast, no toolchain download"

say "python: the sdist builds (dev profile, the shared target dir)"
# The dev profile reuses the test run's dependencies; the release build
# itself is what dist.sh just did.
PATH="$VENV/bin:$PATH" CARGO_TARGET_DIR="$ROOT/target" MATURIN_PEP517_ARGS="--profile dev" \
  "$VENV/bin/python" -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation \
  -w "$work/sdist-wheel" "$sdist"
ls "$work/sdist-wheel"/orgkit-*.whl
ok "python: sdist builds"

# --- Node ------------------------------------------------------------------
say "node: npm install the packed orgkit + @orgkit/linux-x64-gnu into a fresh folder"
mkdir -p "$work/node"
cp "$ROOT/examples/node/quickstart.mjs" "$work/node/"
(
  cd "$work/node"
  echo '{ "name": "orgkit-smoke", "private": true }' >package.json
  norust npm install --silent --no-audit --no-fund "$DIST"/orgkit-0*.tgz "$DIST"/orgkit-linux-x64-gnu-*.tgz
  [ ! -e node_modules/orgkit/orgkit.linux-x64-gnu.node ] || { echo "the main package carries a .node" >&2; exit 1; }
  norust node quickstart.mjs >"$work/node-quickstart.out"
  tail -n 1 "$work/node-quickstart.out"
  cat >check.cjs <<'EOF'
const assert = require('node:assert/strict')
const orgkit = require('orgkit')
const { Client, UnsupportedError, OrgkitError } = orgkit
const loaded = Object.keys(require.cache).filter((f) => f.endsWith('.node'))
assert.deepEqual(loaded.map((f) => f.split('node_modules/')[1]), ['@orgkit/linux-x64-gnu/orgkit.linux-x64-gnu.node'])
const client = new Client({ provider: 'pm415', baseUrl: 'http://127.0.0.1:9' })
// A list the provider lacks fails at once, before anything is sent.
assert.throws(() => client.projects.list(), (e) => e instanceof UnsupportedError && e instanceof OrgkitError)
console.log(`CommonJS: orgkit ${orgkit.version} from ${loaded[0].split('node_modules/')[1]}`)
EOF
  norust node check.cjs
  # ESM and CJS entries give the same classes.
  norust node --input-type=module -e "
    import { createRequire } from 'node:module'
    import * as esm from 'orgkit'
    const cjs = createRequire(process.cwd() + '/')('orgkit')
    if (esm.Client !== cjs.Client || esm.NotFoundError !== cjs.NotFoundError) throw new Error('ESM and CJS differ')
    console.log('ESM and CommonJS share one module')"
)
ok "node: tarballs installed, quickstart (ESM) and CommonJS check ran"

# --- Rust ------------------------------------------------------------------
say "rust: cargo publish --dry-run -p orgkit-mock -p orgkit"
cargo publish --quiet --dry-run --allow-dirty -p orgkit-mock -p orgkit
ok "rust: cargo publish --dry-run"

# --- the release workflow --------------------------------------------------
say "actionlint .github/workflows/release.yml"
"$VENV/bin/actionlint" .github/workflows/release.yml
ok "release workflow: actionlint"
echo "smoke: $passed passed, 0 failed"
