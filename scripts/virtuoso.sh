#!/usr/bin/env bash
# A private Virtuoso for tests and measurements:
#   scripts/virtuoso.sh install|start|stop|status|url|clean
#
# Everything lives under build/virtuoso/ (database, log, ini, pid file); the system
# database in /var/lib/virtuoso-opensource-7 is never touched. The server listens on
# loopback only. `start` makes a fresh database each time (the tests clear it anyway),
# waits until the SPARQL endpoint answers and sets the dba password; `stop` shuts it
# down and waits until the process is gone.
#
# `install` puts the server binary in place if it is missing: Debian's
# virtuoso-opensource-7-bin, the part of virtuoso-opensource that holds virtuoso-t and
# isql-vt. The full virtuoso-opensource package would also install and start the
# system service (ports 1111/8890, database in /var/lib), which the tests never use.
#
# Settings (environment):
#   VIRTUOSO_DIR        build/virtuoso         folder of the private database
#   VIRTUOSO_PORT       21111                  SQL (isql) port, on 127.0.0.1
#   VIRTUOSO_HTTP_PORT  28890                  HTTP port (SPARQL endpoints), on 127.0.0.1
#   VIRTUOSO_PASSWORD   dba                    password set for the dba user
#   VIRTUOSO_BUFFERS    40000                  NumberOfBuffers (8 KB pages: 40000 = 320 MB)
#   VIRTUOSO_BIN        virtuoso-t from PATH or /usr/bin
#   VIRTUOSO_PACKAGE    virtuoso-opensource-7-bin   what `install` installs
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${VIRTUOSO_DIR:-$ROOT/build/virtuoso}"
PORT="${VIRTUOSO_PORT:-21111}"
HTTP_PORT="${VIRTUOSO_HTTP_PORT:-28890}"
PASSWORD="${VIRTUOSO_PASSWORD:-dba}"
BUFFERS="${VIRTUOSO_BUFFERS:-40000}"
BIN="${VIRTUOSO_BIN:-$(command -v virtuoso-t || echo /usr/bin/virtuoso-t)}"
ISQL="$(command -v isql-vt || command -v isql || echo /usr/bin/isql-vt)"
PACKAGE="${VIRTUOSO_PACKAGE:-virtuoso-opensource-7-bin}"
PIDFILE="$DIR/virtuoso.pid"
START_TIMEOUT=120
STOP_TIMEOUT=60

die() { echo "virtuoso.sh: $*" >&2; exit 1; }

running_pid() {
    # The pid of our server, if it is alive (and really is virtuoso-t).
    [[ -f "$PIDFILE" ]] || return 1
    local pid
    pid="$(cat "$PIDFILE")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    grep -q virtuoso "/proc/$pid/cmdline" 2>/dev/null || return 1
    echo "$pid"
}

port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

write_ini() {
    mkdir -p "$DIR/vsp"
    cat >"$DIR/virtuoso.ini" <<EOF
; Written by scripts/virtuoso.sh: a private, loopback-only Virtuoso for claimgraph tests.
[Database]
DatabaseFile       = $DIR/virtuoso.db
ErrorLogFile       = $DIR/virtuoso.log
LockFile           = $DIR/virtuoso.lck
TransactionFile    = $DIR/virtuoso.trx
xa_persistent_file = $DIR/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $DIR/virtuoso-temp.db
TransactionFile    = $DIR/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:$PORT
LiteMode                 = 0
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 20
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
CheckpointAuditTrail     = 0
AllowOSCalls             = 0
SchedulerInterval        = 10
DirsAllowed              = ., $DIR
ThreadCleanupInterval    = 0
ThreadThreshold          = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize        = 100000
SingleCPU                = 0
PrefixResultNames        = 0
RdfFreeTextRulesSize     = 100
IndexTreeMaps            = 64
MaxMemPoolSize           = 200000000
MaxQueryMem              = 1G
VectorSize               = 1000
MaxVectorSize            = 1000000
AdjustVectorSize         = 0
ThreadsPerQuery          = 4
AsyncQueueMaxThreads     = 10
NumberOfBuffers          = $BUFFERS
; claimgraph pages with LIMIT/OFFSET after ORDER BY; allow deep pages.
MaxSortedTopRows         = 1000000
MaxDirtyBuffers          = $((BUFFERS * 3 / 4))

[HTTPServer]
ServerPort                  = 127.0.0.1:$HTTP_PORT
ServerRoot                  = $DIR/vsp
MaxClientConnections        = 20
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
TempASPXDir                 = 0
ServerThreads               = 20
MaxKeepAlives               = 20
KeepAliveTimeout            = 10
MaxCachedProxyConnections   = 10
ProxyConnectionCacheTimeout = 15
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
EnabledGzipContent          = 1

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[SPARQL]
; claimgraph's API caps SELECT results at its own max_rows (100000 by default);
; the server must not cut results shorter than that, silently.
ResultSetMaxRows           = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 120
DefaultGraph               =
EOF
}

isql() {
    "$ISQL" "127.0.0.1:$PORT" dba "$1" "EXEC=$2" >/dev/null
}

cmd_install() {
    if [[ -x "$BIN" ]]; then
        echo "virtuoso: $BIN ($("$BIN" -? 2>&1 | grep -m1 -o 'Version [0-9.]*' || true))"
        return 0
    fi
    command -v apt-get >/dev/null \
        || die "Virtuoso is not installed and there is no apt-get: install Virtuoso 7 and set VIRTUOSO_BIN"
    [[ "$(id -u)" == 0 ]] \
        || die "Virtuoso is not installed, and installing it needs root: sudo apt-get install $PACKAGE"
    echo "installing $PACKAGE (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$PACKAGE"
    [[ -x "$BIN" ]] || BIN=/usr/bin/virtuoso-t
    [[ -x "$BIN" ]] || die "$PACKAGE is installed but there is no virtuoso-t"
}

cmd_start() {
    [[ -x "$BIN" ]] || die "no virtuoso-t at $BIN: apt-get install virtuoso-opensource"
    if pid="$(running_pid)"; then
        echo "virtuoso already running (pid $pid) on 127.0.0.1:$HTTP_PORT"
        return 0
    fi
    for p in "$PORT" "$HTTP_PORT"; do
        port_busy "$p" && die "port $p on 127.0.0.1 is in use (set VIRTUOSO_PORT / VIRTUOSO_HTTP_PORT)"
    done
    # A fresh private database every start.
    rm -rf "$DIR"
    mkdir -p "$DIR"
    write_ini
    (cd "$DIR" && exec "$BIN" +configfile "$DIR/virtuoso.ini" +foreground \
        </dev/null >"$DIR/stdout.log" 2>&1) &
    echo $! >"$PIDFILE"
    local pid deadline
    pid="$(cat "$PIDFILE")"
    deadline=$((SECONDS + START_TIMEOUT))
    until curl -fsS -o /dev/null "http://127.0.0.1:$HTTP_PORT/sparql?query=ASK%7B%7D" 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 20 "$DIR/virtuoso.log" "$DIR/stdout.log" >&2 || true
            die "virtuoso exited while starting (log: $DIR/virtuoso.log)"
        fi
        if ((SECONDS > deadline)); then
            cmd_stop || true
            die "virtuoso did not answer on port $HTTP_PORT within ${START_TIMEOUT}s"
        fi
        sleep 0.5
    done
    # A fresh database has dba/dba; set the password we were given explicitly.
    if [[ "$PASSWORD" != dba ]]; then
        isql dba "USER_SET_PASSWORD('dba', '$PASSWORD');"
    fi
    echo "virtuoso started (pid $pid): http://127.0.0.1:$HTTP_PORT/sparql, update via /sparql-auth (digest, dba)"
}

cmd_stop() {
    local pid deadline
    if ! pid="$(running_pid)"; then
        rm -f "$PIDFILE"
        echo "virtuoso not running"
        return 0
    fi
    # SIGTERM makes virtuoso-t shut down cleanly; wait for it, then insist.
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS > deadline)); then
            echo "virtuoso.sh: pid $pid ignored SIGTERM for ${STOP_TIMEOUT}s, killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
        sleep 0.2
    done
    rm -f "$PIDFILE"
    echo "virtuoso stopped (pid $pid)"
}

cmd_status() {
    if pid="$(running_pid)"; then
        echo "running (pid $pid): http://127.0.0.1:$HTTP_PORT/sparql"
    else
        echo "not running"
        return 3
    fi
}

case "${1:-}" in
    install) cmd_install ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) echo "sparql+http://127.0.0.1:$HTTP_PORT/sparql?update=/sparql-auth&user=dba&password=$PASSWORD&auth=digest" ;;
    clean) cmd_stop && rm -rf "$DIR" ;;
    *) echo "usage: $0 install|start|stop|status|url|clean" >&2; exit 2 ;;
esac
