#!/usr/bin/env bash
# Builds the release artifacts this machine can build into target/dist/:
#   - the Python abi3 wheel (manylinux2014 / glibc 2.17, via zig) and sdist,
#   - the npm main package `orgkit` and `@orgkit/linux-x64-gnu` (glibc 2.17,
#     via cargo-zigbuild), packed as npm would publish them,
#   - the crates `orgkit-mock` and `orgkit` (cargo package),
# checks them (auditwheel, twine, glibc symbol versions) and prints a table.
# Everything else (arm64, musl, macOS, Windows) is built by
# .github/workflows/release.yml. Tools come from tests/release/requirements.txt
# into target/release-venv. Runnable from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$PWD"
DIST="$ROOT/target/dist"
VENV="$ROOT/target/release-venv"
TRIPLE=x86_64-unknown-linux-gnu
GLIBC=2.17

# Never let a missing toolchain turn into a download: maturin's PEP 517
# backend would fetch Rust (puccinialin) and rustup a toolchain otherwise.
export MATURIN_NO_INSTALL_RUST=1 RUSTUP_AUTO_INSTALL=0

say() { printf '==> %s\n' "$*"; }

# --- tools -----------------------------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
  say "creating $VENV"
  python3 -m venv "$VENV"
fi
stamp="$VENV/.requirements"
if ! cmp -s "$ROOT/tests/release/requirements.txt" "$stamp"; then
  say "installing release tools (tests/release/requirements.txt)"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
    -r "$ROOT/tests/release/requirements.txt"
  cp "$ROOT/tests/release/requirements.txt" "$stamp"
fi
# maturin, zig (python -m ziglang), cargo-zigbuild, auditwheel, twine.
export PATH="$VENV/bin:$PATH"

# The licence files are copies of one text in each published package.
for d in tests/mock-server bindings-python bindings-node; do
  for f in LICENSE-MIT LICENSE-APACHE; do
    cmp -s "sdk-core/$f" "$d/$f" || { echo "$d/$f differs from sdk-core/$f" >&2; exit 1; }
  done
done

rm -rf "$DIST"
mkdir -p "$DIST"

# --- Python ----------------------------------------------------------------
say "python: wheel (maturin --zig, manylinux2014)"
maturin build --quiet --release --zig --compatibility manylinux2014 --target "$TRIPLE" \
  -m bindings-python/Cargo.toml --out "$DIST"
say "python: sdist"
maturin sdist -m bindings-python/Cargo.toml --out "$DIST"
wheel=$(ls "$DIST"/orgkit-*.whl)
sdist=$(ls "$DIST"/orgkit-*.tar.gz)
auditwheel show "$wheel" | tee "$DIST/auditwheel.txt"
tr -s ' \n' ' ' <"$DIST/auditwheel.txt" |
  grep -q 'consistent with the following platform tag: "manylinux_2_17_x86_64"' || {
  echo "auditwheel does not agree with the manylinux2014 (manylinux_2_17) tag" >&2
  exit 1
}
twine check --strict "$wheel" "$sdist"
# (Only test suites: the mock server's sources may ship once orgkit's
# `testing` feature depends on it.)
if tar tzf "$sdist" | grep -E '^[^/]+/tests/[^/]+\.py$|/(bindings-python|sdk-core|tests/mock-server)/tests/|/tests/(conformance|bench)/|/scripts/|conftest\.py' >&2; then
  echo "the sdist carries tests or scripts (above)" >&2
  exit 1
fi

# --- Node ------------------------------------------------------------------
say "node: @orgkit/linux-x64-gnu (napi build -x, cargo-zigbuild, glibc $GLIBC)"
NAPI_OUT="$DIST/napi"
(
  cd bindings-node
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund
  fi
  node_modules/.bin/napi build --platform --release --cross-compile \
    --target "$TRIPLE.$GLIBC" --output-dir "$NAPI_OUT" --js native.js --dts native.d.ts
)
# The npm/<platform>/package.json files are generated: regenerate, and the
# test command's clean-tree check catches a stale commit.
node tests/release/npm_packages.mjs dirs
node tests/release/npm_packages.mjs stage "$DIST/npm" "$NAPI_OUT" >/dev/null
for p in "$DIST"/npm/*/; do
  (cd "$p" && npm pack --silent --pack-destination "$DIST" >/dev/null)
done

# --- Rust ------------------------------------------------------------------
# Packaged here; tests/release/smoke.sh verifies them (cargo publish --dry-run
# builds both from the packaged sources).
say "rust: cargo package"
cargo package --quiet --no-verify --allow-dirty -p orgkit-mock -p orgkit
cp target/package/orgkit-mock-*.crate target/package/orgkit-[0-9]*.crate "$DIST/"

# --- checks and table ------------------------------------------------------
so_in_wheel="$DIST/wheel-native.so"
"$VENV/bin/python" - "$wheel" "$so_in_wheel" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    name = next(n for n in z.namelist() if n.endswith(".so"))
    open(sys.argv[2], "wb").write(z.read(name))
EOF
node_bin=$(ls "$NAPI_OUT"/orgkit.linux-x64-gnu.node)

# Highest GLIBC_x.y symbol version a binary needs, and whether symbols remain.
glibc_of() { objdump -T "$1" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n 1; }
stripped_of() { if readelf -S "$1" | grep -q '\.symtab'; then echo "NOT stripped"; else echo "stripped"; fi; }
for bin in "$so_in_wheel" "$node_bin"; do
  need=$(glibc_of "$bin")
  if [ "$(printf '%s\n%s\n' "GLIBC_$GLIBC" "$need" | sort -V | tail -n 1)" != "GLIBC_$GLIBC" ]; then
    echo "$bin needs $need, more than glibc $GLIBC" >&2
    exit 1
  fi
  [ "$(stripped_of "$bin")" = stripped ] || { echo "$bin is not stripped" >&2; exit 1; }
done

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.2f MB", b / 1000000 }'; }
budget() { awk -v b="$(stat -c %s "$1")" 'BEGIN { print (b <= 5000000 ? "within 5 MB" : "OVER 5 MB") }'; }
tags_of_tgz() {
  tar xzf "$1" -O package/package.json | node -e '
    const m = JSON.parse(require("fs").readFileSync(0, "utf8"))
    const t = [`${m.name}@${m.version}`]
    for (const k of ["os", "cpu", "libc"]) if (m[k]) t.push(`${k}=${m[k].join("|")}`)
    if (m.optionalDependencies) t.push(`optional: ${Object.keys(m.optionalDependencies).length} platform packages`)
    console.log(t.join(" "))'
}
{
  printf '%-72s %9s  %s\n' artifact size tags
  printf '%-72s %9s  %s\n' "$(basename "$wheel")" "$(mb "$wheel")" \
    "abi3 cp310+, auditwheel: manylinux_2_17_x86_64, twine ok"
  printf '%-72s %9s  %s\n' "  └ $(unzip -Z1 "$wheel" | grep '\.so$')" "$(mb "$so_in_wheel")" \
    "$(glibc_of "$so_in_wheel"), $(stripped_of "$so_in_wheel"), $(budget "$so_in_wheel")"
  printf '%-72s %9s  %s\n' "$(basename "$sdist")" "$(mb "$sdist")" "sdist, twine ok, no tests"
  for t in "$DIST"/*.tgz; do
    printf '%-72s %9s  %s\n' "$(basename "$t")" "$(mb "$t")" "$(tags_of_tgz "$t")"
  done
  printf '%-72s %9s  %s\n' "  └ $(basename "$node_bin")" "$(mb "$node_bin")" \
    "$(glibc_of "$node_bin"), $(stripped_of "$node_bin"), $(budget "$node_bin")"
  for c in "$DIST"/*.crate; do
    printf '%-72s %9s  %s\n' "$(basename "$c")" "$(mb "$c")" "crate ($(tar tzf "$c" | wc -l) files)"
  done
} | tee "$DIST/artifacts.txt"
rm -f "$so_in_wheel"
