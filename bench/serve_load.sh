#!/usr/bin/env bash
# Load benchmark of `suzgec serve` on this machine (loopback only):
#   1. POST /api/v1/moderate with real comment texts (Turkish OffensEval 2020 and English OLID
#      2019 dev sets): requests/s, p50 and p99 latency;
#   2. POST /api/v1/articles/{slug}/comments with a new author each request: stored comments/s
#      on SQLite (durable writes), and on PostgreSQL when SUZGEC_BENCH_POSTGRES_URL is set
#      (e.g. postgres://postgres@127.0.0.1:5432/postgres: a fresh database suzgec_bench_<pid> is
#      created there with psql and dropped afterwards);
#   3. the server's resident memory (VmRSS, VmHWM) after the runs.
# Each measurement runs RUNS times (default 3); the table shows the median and the spread
# (min..max). The load tool is wrk (installed with apt-get when missing), 2 threads and 32
# connections for DURATION seconds (default 20).
#
# Usage: bash bench/serve_load.sh
#   env: RUNS=3 DURATION=20 THREADS=2 CONNECTIONS=32 SUZGEC_BENCH_POSTGRES_URL=… CARGO_TARGET_DIR=…
#        RATE=200: moderate at that fixed rate (bench/paced_load.py, CONNECTIONS workers; latency
#        counted from when each request was due) instead of wrk's as-fast-as-it-answers loop.
#        ONE_CLIENT=1: send every comment as one client address (default: the server lists the
#        loopback in trusted_proxies and each request names another address from 198.18.0.0/15,
#        the range set aside for benchmarks; it is only a header value, nothing is sent there).
#        With one address the per-address flood check counts every comment of the last minute on
#        each submission.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-20}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
TR_DATA="${TR_DATA:-$ROOT/../shared/datasets/offenseval2020-tr/dev.jsonl}"
EN_DATA="${EN_DATA:-$ROOT/../shared/datasets/olid2019-en/dev.jsonl}"
[[ -f "$TR_DATA" ]] || TR_DATA=/work/shared/datasets/offenseval2020-tr/dev.jsonl
[[ -f "$EN_DATA" ]] || EN_DATA=/work/shared/datasets/olid2019-en/dev.jsonl
DEMO_SLUG="kutuphaneler-gece-de-acik"
NAME=serve-load
# shellcheck source=bench/server.sh
source "$ROOT/bench/server.sh"

# --- tools --------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
    log "installing wrk with apt-get"
    sudo_cmd=()
    [[ "$(id -u)" -ne 0 ]] && command -v sudo >/dev/null && sudo_cmd=(sudo -n)
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq wrk >/dev/null
fi
for tool in wrk python3 curl; do
    command -v "$tool" >/dev/null || { log "$tool is needed"; exit 1; }
done

build_binary

# --- texts: JSON string literals, one a line ------------------------------------------------------
python3 - "$TR_DATA" "$EN_DATA" "$WORK/texts.jsonl" <<'EOF'
import json, sys
tr, en, out = sys.argv[1:4]
def texts(path, n):
    found = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"].strip()
            if text:
                found.append(text)
            if len(found) == n:
                break
    return found
mixed = texts(tr, 200) + texts(en, 50)
with open(out, "w", encoding="utf-8") as f:
    for text in mixed:
        f.write(json.dumps(text, ensure_ascii=False) + "\n")
print(f"{len(mixed)} texts", file=sys.stderr)
EOF

memory() { # VmRSS and VmHWM of the server, in MiB
    awk '/^VmRSS|^VmHWM/ {printf "%s %.1f MiB  ", $1, $2/1024}' "/proc/$SERVER_PID/status"
}

# Runs wrk RUNS times (or, for moderate with RATE set, bench/paced_load.py at RATE requests/s);
# appends "rps p50 p99 ok bad errors" per run to file $2.
measure() {
    local name="$1" out="$2" mode="$3" path="$4" token="${5:-}"
    : >"$out"
    for run in $(seq 1 "$RUNS"); do
        local line
        if [[ -n "${RATE:-}" && "$mode" == moderate ]]; then
            line="$(python3 "$ROOT/bench/paced_load.py" --mix moderate --rate "$RATE" \
                --duration "$DURATION" --base "$BASE" --pid "$SERVER_PID" --api-token "$token" \
                --texts "$WORK/texts.jsonl" --workers "$CONNECTIONS" --max-growth 1 | grep '^RESULT' || true)"
        else
        line="$(BENCH_SPREAD=$([[ "${ONE_CLIENT:-0}" == 1 ]] && echo 0 || echo 1) BENCH_MODE="$mode" BENCH_TEXTS="$WORK/texts.jsonl" BENCH_TOKEN="$token" \
            wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s \
                -s "$ROOT/bench/serve_load/post.lua" "$BASE$path" | grep '^RESULT')"
        fi
        log "$name run $run: ${line#RESULT }"
        echo "$line" | sed -E 's/.*rps=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+) ok=([0-9]+) bad=([0-9]+) errors=([0-9]+).*/\1 \2 \3 \4 \5 \6/' >>"$out"
    done
}

# One-off checks that the requests are what the benchmark thinks they are.
probe() {
    local body="$1" path="$2" token="${3:-}" status
    status="$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -X POST "$BASE$path" \
        -H 'Content-Type: application/json' ${token:+-H "Authorization: Bearer $token"} -d "$body")"
    log "probe $path -> $status $(head -c 200 "$WORK/probe.json")"
}

# Comments/s on the database at $1, labelled $2 (a server of its own); records its memory.
comments_on() {
    local url="$1" label="$2"
    start_server "$url"
    probe '{"author":"probe","text":"Kütüphanelerin gece de açık olması çok güzel bir haber."}' \
        "/api/v1/articles/$DEMO_SLUG/comments"
    measure "comments ($label)" "$WORK/comments-$label.txt" comment "/api/v1/articles/$DEMO_SLUG/comments"
    MEM["comments-$label"]="$(memory)"
    stop_server || log "the server did not stop cleanly"
}

declare -A MEM

# --- 1. moderate, and 2. comments on SQLite (one server: memory after both) ---------------------
SQLITE_URL="sqlite://$WORK/bench.db"
TOKEN="$("$BIN" token create bench --database-url "$SQLITE_URL" 2>/dev/null)"
start_server "$SQLITE_URL"
log "server pid $SERVER_PID on $BASE ($SQLITE_URL); $(memory)"
probe '{"text":"Bu uygulama cok guzel"}' /api/v1/moderate "$TOKEN"
measure moderate "$WORK/moderate.txt" moderate /api/v1/moderate "$TOKEN"
MEM[moderate]="$(memory)"
probe '{"author":"probe","text":"Kütüphanelerin gece de açık olması çok güzel bir haber."}' \
    "/api/v1/articles/$DEMO_SLUG/comments"
measure "comments (sqlite)" "$WORK/comments-sqlite.txt" comment "/api/v1/articles/$DEMO_SLUG/comments"
MEM[comments-sqlite]="$(memory)"
SQLITE_ROWS="$(python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(" ".join(f"{s}={n}" for s,n in c.execute("select machine_decision, count(*) from comments group by machine_decision")))' "$WORK/bench.db" 2>/dev/null || echo '?')"
stop_server || log "the server did not stop cleanly"

PG_ROWS=""
if [[ -n "${SUZGEC_BENCH_POSTGRES_URL:-}" ]]; then
    create_postgres_database "$SUZGEC_BENCH_POSTGRES_URL"
    comments_on "$PG_URL" postgres
    PG_ROWS="$(psql "$PG_URL" -At -F= -c "select machine_decision, count(*) from comments group by machine_decision" 2>/dev/null | tr '\n' ' ' || true)"
fi

# --- table ----------------------------------------------------------------------------------------
python3 - "$WORK" "$RUNS" "$DURATION" "$THREADS" "$CONNECTIONS" <<'EOF'
import os, statistics, sys
work, runs, duration, threads, conns = sys.argv[1:6]
clients = "one client address" if os.environ.get("ONE_CLIENT") == "1" else "many client addresses (X-Forwarded-For)"
print(f"\nsuzgec serve, wrk {threads} threads / {conns} connections / {duration} s, "
      f"{runs} runs each, comments from {clients}: median (min..max)")
if os.environ.get("RATE"):
    print(f"moderate at a fixed {os.environ['RATE']} requests/s (bench/paced_load.py), not wrk's loop")
print()
print(f"{'measurement':<22} {'req/s':>22} {'p50 ms':>20} {'p99 ms':>20} {'2xx':>8} {'non-2xx':>8} {'errors':>7}  (counts: all runs)")
for name, label in [("moderate", "moderate"), ("comments-sqlite", "comments (SQLite)"),
                    ("comments-postgres", "comments (PostgreSQL)")]:
    path = os.path.join(work, name + ".txt")
    if not os.path.exists(path):
        continue
    rows = [list(map(float, line.split())) for line in open(path) if line.strip()]
    def cell(i, fmt):
        values = [r[i] for r in rows]
        return f"{statistics.median(values):{fmt}} ({min(values):{fmt}}..{max(values):{fmt}})"
    ok = sum(r[3] for r in rows); bad = sum(r[4] for r in rows); err = sum(r[5] for r in rows)
    print(f"{label:<22} {cell(0, '.0f'):>22} {cell(1, '.2f'):>20} {cell(2, '.2f'):>20} {ok:>8.0f} {bad:>8.0f} {err:>7.0f}")
EOF
echo
for key in moderate comments-sqlite comments-postgres; do
    if [[ -n "${MEM[$key]:-}" ]]; then echo "server memory after $key runs: ${MEM[$key]}"; fi
done
echo "stored comments by machine decision (SQLite): $SQLITE_ROWS"
if [[ -n "$PG_ROWS" ]]; then echo "stored comments by machine decision (PostgreSQL): $PG_ROWS"; fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
