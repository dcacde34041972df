#!/usr/bin/env bash
# Builds the orgkit Python extension into a virtualenv, type-checks the
# examples and the typing test file with mypy --strict, and runs the pytest
# suite against the orgkit-mock server. Runnable from any directory; safe to
# run repeatedly (the virtualenv in target/venv is reused).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PKG="$(dirname "$HERE")"
REPO="$(dirname "$PKG")"
VENV="${ORGKIT_VENV:-$REPO/target/venv}"
PYTHON="${PYTHON:-python3}"

cd "$REPO"

if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating virtualenv $VENV"
    "$PYTHON" -m venv "$VENV"
fi
# shellcheck disable=SC1091
source "$VENV/bin/activate"

echo "==> installing dev tools (requirements-dev.txt)"
python -m pip install --quiet --disable-pip-version-check -r "$PKG/requirements-dev.txt"

echo "==> maturin develop"
(cd "$PKG" && maturin develop --quiet)

echo "==> building orgkit-mock"
cargo build --quiet -p orgkit-mock
export ORGKIT_MOCK_BIN="${ORGKIT_MOCK_BIN:-$REPO/target/x86_64-unknown-linux-gnu/debug/orgkit-mock}"

echo "==> mypy --strict"
(cd "$PKG" && mypy --strict --no-incremental python/orgkit "$REPO/examples/python" tests/typing_usage.py)

echo "==> pytest"
(cd "$PKG" && python -m pytest -q "$@")
