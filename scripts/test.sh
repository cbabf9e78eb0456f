#!/usr/bin/env bash
# Runs Süzgeç's whole test suite: every crate's unit, integration and doc tests, the server's tests
# over real HTTP, and the browser test in headless Chromium.
#
# Needs a Rust toolchain (1.90 or newer); crates come from the package registry on first run.
# Chromium and chromedriver are installed from Debian's packages when missing (as root or with
# sudo); without them the browser test says that it skipped. The server's PostgreSQL tests run when
# SUZGEC_TEST_POSTGRES_URL names a server (e.g. postgres://postgres@127.0.0.1:5432/test); without
# it they say that they skipped. OpenAI's `openai` Python SDK and schemathesis are installed into
# target/test-python for the test of the OpenAI-compatible endpoint and the API contract test.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null 2>&1; then
  echo "scripts/test.sh: cargo not found; install a Rust toolchain (1.90 or newer) first" >&2
  exit 2
fi
if [[ ! -x /usr/bin/chromedriver ]]; then
  scripts/install-browser.sh || echo "scripts/test.sh: no browser; the browser test will be skipped" >&2
fi
if python=$(scripts/install-test-python.sh); then
  export SUZGEC_TEST_OPENAI_PYTHON="$python"
  export SUZGEC_TEST_SCHEMATHESIS="$(dirname "$python")/schemathesis"
else
  echo "scripts/test.sh: no test Python; the openai SDK and contract tests will be skipped (and fail under CI)" >&2
fi
cargo test --workspace --all-features --locked
