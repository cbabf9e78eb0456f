# Shared by the bench scripts that run `suzgec serve` (sourced, not run): the release binary, a work
# folder removed on exit, a PostgreSQL database of their own, and a server with its rate limits
# raised. The sourcing script sets ROOT (the repository) and NAME (for messages and names) first.

log() { echo "$NAME: $*" >&2; }

# Builds the release binary; sets BIN.
build_binary() {
    log "building the release binary"
    (cd "$ROOT" && cargo build --release -q -p suzgec)
    BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/suzgec"
    [[ -x "$BIN" ]] || { log "no binary at $BIN"; exit 1; }
}

SERVER_PID=""
PG_ADMIN_URL=""
PG_DB=""
WORK="$(mktemp -d "${TMPDIR:-/tmp}/suzgec-$NAME.XXXXXX")"
cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ -n "$PG_DB" ]]; then
        psql "$PG_ADMIN_URL" -q -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# Creates a database suzgec_NAME_PID on the PostgreSQL server at $1 (dropped on exit); sets
# PG_URL.
create_postgres_database() {
    command -v psql >/dev/null || { log "psql is needed for PostgreSQL"; exit 1; }
    PG_ADMIN_URL="$1"
    PG_DB="suzgec_${NAME//-/_}_$$"
    psql "$PG_ADMIN_URL" -q -c "CREATE DATABASE $PG_DB" >/dev/null
    local base="${PG_ADMIN_URL%%\?*}"
    PG_URL="${base%/*}/$PG_DB"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Starts the server on the database URL $1 with its rate limits raised, the loopback trusted as a
# proxy (unless ONE_CLIENT=1) and its log in $WORK/server.log; sets SERVER_PID and BASE.
start_server() {
    local url="$1" port
    port="$(free_port)"
    BASE="http://127.0.0.1:$port"
    SUZGEC_LIMITS__COMMENTS_PER_MINUTE=100000000 \
    SUZGEC_LIMITS__COMMENTS_PER_AUTHOR_PER_HOUR=100000000 \
    SUZGEC_LIMITS__CHECKS_PER_MINUTE=100000000 \
    SUZGEC_LIMITS__REPORTS_PER_HOUR=100000000 \
    SUZGEC_TRUSTED_PROXIES="$([[ "${ONE_CLIENT:-0}" == 1 ]] && echo '[]' || echo '["127.0.0.1"]')" \
    RUST_LOG=warn \
        "$BIN" serve --listen "127.0.0.1:$port" --database-url "$url" \
        >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 300); do
        if curl -fsS "$BASE/healthz" >/dev/null 2>&1; then return 0; fi
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; log "server died"; exit 1; }
        sleep 0.1
    done
    cat "$WORK/server.log" >&2
    log "server did not answer on $BASE"
    exit 1
}

# Stops the server with SIGTERM; fails when it does not exit cleanly.
stop_server() {
    local status=0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || status=$?
    SERVER_PID=""
    return "$status"
}
