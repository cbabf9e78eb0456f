#!/usr/bin/env bash
# Soak test of `suzgec serve` (issue: hardening): a release server on a fresh SQLite file (or
# PostgreSQL with SOAK_POSTGRES_URL) holds a mixed load for DURATION seconds (default 600) at RATE
# requests/s (default 50): moderation, new comments, article pages, comment lists, reports,
# moderator decisions, the queue and the live check (bench/paced_load.py says the shares). Resident
# memory is printed every 10 s. It fails when any request fails (a connection error, a 5xx or a
# status its route does not document), when memory grows by more than 5% after the first minute,
# when the server logs an error, or when it does not stop cleanly on SIGTERM.
#
# Usage: bash bench/soak.sh
#   env: DURATION=600 RATE=50 WORKERS=16 SOAK_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres
#        (a database suzgec_soak_<pid> is created there with psql and dropped afterwards)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-600}"
RATE="${RATE:-50}"
WORKERS="${WORKERS:-16}"
TR_DATA="$ROOT/../shared/datasets/offenseval2020-tr/dev.jsonl"
EN_DATA="$ROOT/../shared/datasets/olid2019-en/dev.jsonl"
DEMO_SLUG="kutuphaneler-gece-de-acik"
NAME=soak
# shellcheck source=bench/server.sh
source "$ROOT/bench/server.sh"

for tool in python3 curl; do
    command -v "$tool" >/dev/null || { log "$tool is needed"; exit 1; }
done
for data in "$TR_DATA" "$EN_DATA"; do
    [[ -f "$data" ]] || { log "$data is missing (the shared datasets sit beside the repository)"; exit 1; }
done
build_binary

if [[ -n "${SOAK_POSTGRES_URL:-}" ]]; then
    create_postgres_database "$SOAK_POSTGRES_URL"
    DB_URL="$PG_URL"
else
    DB_URL="sqlite://$WORK/soak.db"
fi

# Texts: the first 2,000 Turkish and 500 English dev comments.
{ head -n 2000 "$TR_DATA"; head -n 500 "$EN_DATA"; } >"$WORK/texts.jsonl"

API_TOKEN="$("$BIN" token create soak-api --role api --database-url "$DB_URL" 2>/dev/null)"
MODERATOR_TOKEN="$("$BIN" token create soak-moderator --role moderator --database-url "$DB_URL" 2>/dev/null)"

start_server "$DB_URL"
log "server pid $SERVER_PID on $BASE (${DB_URL%%:*}); ${DURATION} s at ${RATE} requests/s"

status=0
python3 "$ROOT/bench/paced_load.py" --mix soak --base "$BASE" --pid "$SERVER_PID" --api-token "$API_TOKEN" \
    --moderator-token "$MODERATOR_TOKEN" --slug "$DEMO_SLUG" --texts "$WORK/texts.jsonl" \
    --duration "$DURATION" --rate "$RATE" --workers "$WORKERS" || status=$?

if stop_server; then
    log "the server stopped cleanly on SIGTERM"
else
    log "the server did not stop cleanly"; status=1
fi
errors="$(grep -c -E '\bERROR\b|panicked' "$WORK/server.log" || true)"
echo "server log: $(wc -l <"$WORK/server.log") lines, $errors errors"
if [[ "$errors" -gt 0 ]]; then
    grep -E '\bERROR\b|panicked' "$WORK/server.log" | head -n 10
    status=1
fi
echo "machine: $(nproc) cores; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
