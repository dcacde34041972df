#!/usr/bin/env bash
# orgkit's benchmarks, every language against the same server in one run:
#
#   bash tests/bench/run.sh
#
# Builds release binaries (the bench crate, the Python wheel into its own
# virtualenv target/bench-venv, the Node addon staged as an installed package
# in target/bench-node/node_modules/orgkit), measures the two native
# libraries' sizes, starts one `orgkit-bench serve`, runs the Rust, Python and
# Node runners against it (throughput, memory, cold start), and writes
# tests/bench/results/latest.{json,md}. A language whose binding fails to
# build is skipped and says why in the results. Not part of the tests.
#
# Environment: REPS (default 3; Rust runs 5), LANGS (default "rust python node"),
# COLDSTART (fresh processes per cold-start row, default 15; 0 skips them),
# SKIP_BUILD=1 to reuse what is built.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
cd "$REPO"

REPS="${REPS:-3}"
COLDSTART="${COLDSTART:-15}"
LANGS="${LANGS:-rust python node}"
TRIPLE="x86_64-unknown-linux-gnu"
BIN="$REPO/target/$TRIPLE/release/orgkit-bench"
VENV="$REPO/target/bench-venv"
NODE_OUT="$REPO/target/bench-node"
NODE_PKG="$NODE_OUT/node_modules/orgkit"
RESULTS="$HERE/results"
RAW="$RESULTS/raw"
LOGS="$RESULTS/logs"
mkdir -p "$RAW" "$LOGS"
rm -f "$RAW"/*.json

started=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
log() { echo "==> [$(($(date +%s) - started))s] $*" >&2; }
skip() { # language, reason
    log "$1: SKIPPED — $2"
    printf '{"reason": %s}\n' "$(printf '%s' "$2" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')" \
        >"$RAW/$1.skipped.json"
}
want() { [[ " $LANGS " == *" $1 "* ]]; }

# --- CPU pinning: server on CPU 0, clients on CPU 1, when there are two ------
ncpu=$(nproc)
if [ "$ncpu" -ge 2 ] && command -v taskset >/dev/null; then
    SERVER_PIN=(taskset -c 0)
    CLIENT_PIN=(taskset -c 1)
    pinning="server on CPU 0, client on CPU 1 (taskset)"
else
    SERVER_PIN=()
    CLIENT_PIN=()
    pinning="not pinned ($ncpu CPU)"
fi

# --- build -------------------------------------------------------------------
if [ -z "${SKIP_BUILD:-}" ]; then
    log "building orgkit-bench (release)"
    cargo build --release --quiet -p orgkit-bench
fi

py_ok=""
if want python; then
    if [ -z "${SKIP_BUILD:-}" ]; then
        log "python: virtualenv $VENV, release wheel, peers"
        # `set -e` does not apply inside an `if` condition: every step is chained with &&.
        if {
            { [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"; } &&
                "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
                    -r "$HERE/python/requirements.txt" &&
                rm -rf "$REPO/target/bench-wheels" &&
                (cd bindings-python && "$VENV/bin/maturin" build --release --quiet \
                    --interpreter "$VENV/bin/python" --out "$REPO/target/bench-wheels") &&
                "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
                    --force-reinstall --no-deps "$REPO"/target/bench-wheels/orgkit-*.whl
        } >"$LOGS/python-build.log" 2>&1; then
            py_ok=1
        else
            skip python "the binding did not build or install (tail of results/logs/python-build.log: $(tail -3 "$LOGS/python-build.log" | tr '\n' ' '))"
        fi
    else
        py_ok=1
    fi
    if [ -n "$py_ok" ] && ! "$VENV/bin/python" -c 'import orgkit' >>"$LOGS/python-build.log" 2>&1; then
        py_ok=""
        skip python "import orgkit failed (see results/logs/python-build.log)"
    fi
fi

node_ok=""
if want node; then
    if [ -z "${SKIP_BUILD:-}" ]; then
        log "node: release addon and its loader, staged as a package in $NODE_PKG; undici"
        # Built and staged outside bindings-node, which stays as it is: the napi
        # CLI is the bench's own (pinned in node/package.json), the addon and
        # its generated loader (native.js) go to $NODE_OUT, and the package's
        # own files (its package.json "files") are copied beside them, as
        # `npm install` would lay them out.
        if {
            (cd "$HERE/node" && npm ci --no-audit --no-fund) &&
                rm -rf "$NODE_OUT" &&
                (cd bindings-node && "$HERE/node/node_modules/.bin/napi" build --platform --release \
                    --output-dir "$NODE_OUT" --js native.js --dts native.d.ts) &&
                [ -f "$NODE_OUT/orgkit.linux-x64-gnu.node" ] &&
                mkdir -p "$NODE_PKG" &&
                (cd bindings-node && node -e '
                    const { cpSync, existsSync } = require("node:fs")
                    const dest = process.argv[1]
                    cpSync("package.json", dest + "/package.json")
                    for (const f of require("./package.json").files ?? [])
                        if (!f.includes("*") && existsSync(f)) cpSync(f, dest + "/" + f, { recursive: true })
                ' "$NODE_PKG") &&
                cp "$NODE_OUT"/native.js "$NODE_OUT"/native.d.ts "$NODE_OUT"/orgkit.linux-x64-gnu.node "$NODE_PKG"/
        } >"$LOGS/node-build.log" 2>&1; then
            node_ok=1
        else
            skip node "the addon did not build (tail of results/logs/node-build.log: $(tail -3 "$LOGS/node-build.log" | tr '\n' ' '))"
        fi
    else
        node_ok=1
    fi
fi
export ORGKIT_NODE="$NODE_PKG"

# --- binary sizes: as built, and a stripped copy (the build is left as it is) --
native_libs=() # language=path
if [ -n "$py_ok" ]; then
    so=$("$VENV/bin/python" -c 'import orgkit._native as n; print(n.__file__)' 2>/dev/null || true)
    [ -f "$so" ] && native_libs+=("python=$so")
fi
if [ -n "$node_ok" ] && [ -f "$NODE_PKG/orgkit.linux-x64-gnu.node" ]; then
    native_libs+=("node=$NODE_PKG/orgkit.linux-x64-gnu.node")
fi
python3 - "$RAW/sizes.json" "$REPO" "${native_libs[@]}" <<'PY'
import json, os, subprocess, sys, tempfile
out, repo, rows = sys.argv[1], sys.argv[2], []
for arg in sys.argv[3:]:
    language, path = arg.split("=", 1)
    row = {"language": language, "file": os.path.basename(path),
           "path": os.path.relpath(path, repo), "bytes": os.path.getsize(path), "stripped_bytes": None}
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, row["file"])
        p = subprocess.run(["strip", "-o", copy, path], capture_output=True, text=True)
        if p.returncode == 0:
            row["stripped_bytes"] = os.path.getsize(copy)
        else:
            row["error"] = f"strip failed: {p.stderr.strip()[-300:]}"
    rows.append(row)
with open(out, "w") as f:
    json.dump(rows, f, indent=2)
PY

# --- one server for everything ---------------------------------------------
log "starting the server (${pinning})"
coproc SERVER { exec "${SERVER_PIN[@]}" "$BIN" serve --port 0 --total 100000 2>"$LOGS/server.log"; }
read -r URL <&"${SERVER[0]}"
log "server at $URL"
stop_server() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true; }
trap stop_server EXIT

build_done=$(date +%s)

# --- runners -----------------------------------------------------------------
if want rust; then
    log "rust workloads"
    "${CLIENT_PIN[@]}" "$BIN" rust --url "$URL" --reps "$((REPS > 5 ? REPS : 5))" \
        --out "$RAW/rust.json" 2> >(tee "$LOGS/rust.log" >&2) ||
        skip rust "the Rust runner failed (see results/logs/rust.log)"
fi
if [ -n "$py_ok" ]; then
    log "python workloads"
    "${CLIENT_PIN[@]}" "$VENV/bin/python" "$HERE/python/bench.py" run --url "$URL" --reps "$REPS" \
        --coldstart "$COLDSTART" --out "$RAW/python.json" 2> >(tee "$LOGS/python.log" >&2) ||
        skip python "the Python runner failed (see results/logs/python.log)"
fi
if [ -n "$node_ok" ]; then
    log "node workloads"
    "${CLIENT_PIN[@]}" node "$HERE/node/bench.mjs" run --url "$URL" --reps "$REPS" \
        --coldstart "$COLDSTART" --out "$RAW/node.json" 2> >(tee "$LOGS/node.log" >&2) ||
        skip node "the Node runner failed (see results/logs/node.log)"
fi

# --- report ------------------------------------------------------------------
server_in=${SERVER[1]}
exec {server_in}>&- # closing its stdin stops the server
wait "$SERVER_PID" 2>/dev/null || true
finished=$(date +%s)
cat >"$RAW/meta.json" <<EOF
{
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "git": "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- sdk-core bindings-python bindings-node tests/bench ':(exclude)tests/bench/results' 2>/dev/null || echo ' + uncommitted changes')",
  "machine": "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $ncpu CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB",
  "pinning": "$pinning",
  "load average (1/5/15 min) at start": "$load_start",
  "load average at end": "$(cut -d' ' -f1-3 /proc/loadavg)",
  "build seconds": $((build_done - started)),
  "benchmark seconds": $((finished - build_done)),
  "rust": "$(rustc --version)",
  "python": "$("$VENV/bin/python" --version 2>&1 || echo none)",
  "node": "$(node --version 2>&1 || echo none)"
}
EOF
"$BIN" report --raw "$RAW" --out "$RESULTS"
log "done: $RESULTS/latest.md"
cat "$RESULTS/latest.md"
