#!/bin/sh
# Runs every fuzz target for $1 seconds (default 60), one process each,
# crashes kept going (-fork=1 -ignore_crashes=1) so one run finds several.
# Needs cargo-fuzz; RUSTC_BOOTSTRAP=1 lets the stable toolchain build it.
set -u
cd "$(dirname "$0")"
SECS=${1:-60}
export RUSTC_BOOTSTRAP=1
[ -d corpus ] || python3 seed_corpus.py
for t in decode_ourganize decode_orgstack decode_achieveapex decode_kaana decode_pm415 webhook_verify args; do
  mkdir -p corpus/$t
  echo "== $t"
  cargo fuzz run "$t" -- -max_total_time="$SECS" -fork=1 -ignore_crashes=1 \
    -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 2>&1 \
    > "/tmp/orgkit-fuzz-$t.log" 2>&1
  grep -E "^#[0-9]+: cov" "/tmp/orgkit-fuzz-$t.log" | tail -1
  grep -E "(crash|timeout|oom|leak)-[0-9a-f]+" "/tmp/orgkit-fuzz-$t.log" | sort -u
done
