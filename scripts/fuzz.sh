#!/usr/bin/env bash
# Fuzzes Süzgeç, both ways it takes input:
#   scripts/fuzz.sh [CASES] [EXAMPLES]
# 1. CASES mutated comments (default 1,000,000; seeded with the naughty strings, the functional
#    suite and the lexicons' test sentences, then typed into, cut, pasted together, re-cased and
#    repeated) through the whole check of the built-in policy, release build, one process per core:
#    no panic, every verdict valid against the schema, every span inside the text and naming it,
#    every fix a comment that checks again (crates/suzgec-core/tests/contract.rs). Set
#    SUZGEC_FUZZ_ENCODER=1 to run the abuse encoder too (tens of milliseconds a comment).
# 2. schemathesis's coverage, fuzzing and stateful phases against the HTTP API, EXAMPLES per
#    operation (default 500), with each token role, on SQLite and, when SUZGEC_TEST_POSTGRES_URL is
#    set, PostgreSQL (crates/suzgec-server/tests/contract.rs): no 5xx, no answer outside the
#    OpenAPI document.
# CI runs a short slice of both with scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-1000000}
examples=${2:-500}
shards=$(nproc)
echo "== $cases mutated comments in $shards processes"
cargo test --release --locked -p suzgec-core --test contract --no-run 2>/dev/null
start=$(date +%s)
pids=()
for ((i = 0; i < shards; i++)); do
  SUZGEC_FUZZ_CASES=$(( (cases + shards - 1) / shards )) \
    cargo test --release --locked -p suzgec-core --test contract mutated -q > "target/fuzz-$i.log" 2>&1 &
  pids+=($!)
done
failed=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    failed=1
    cat "target/fuzz-$i.log"
  fi
done
echo "   $(( $(date +%s) - start )) s"
[[ $failed -eq 0 ]] || { echo "fuzz: the check broke its contract (above)"; exit 1; }
echo "== schemathesis, $examples examples per operation"
python=$(scripts/install-test-python.sh)
SUZGEC_TEST_SCHEMATHESIS="$(dirname "$python")/schemathesis" SUZGEC_TEST_SCHEMATHESIS_EXAMPLES=$examples \
  cargo test --release --locked -p suzgec-server --test contract -q
echo "fuzz: no finding"
