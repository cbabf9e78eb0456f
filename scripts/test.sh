#!/usr/bin/env bash
# Runs Süzgeç's whole test suite: every crate's unit, integration and doc tests.
# Needs only a Rust toolchain (1.90 or newer); crates come from the package registry on first run.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null 2>&1; then
  echo "scripts/test.sh: cargo not found; install a Rust toolchain (1.90 or newer) first" >&2
  exit 2
fi
cargo test --workspace --all-features --locked
