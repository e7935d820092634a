#!/usr/bin/env bash
# `npm run demo`: Prometheus, Alertmanager and etcd (deploy/local-stack.sh), the demo fleet (demo/) and
# the dashboard, all on 127.0.0.1, from a clean state. Prints the URLs, stays in the foreground, and on
# Ctrl-C / SIGTERM / SIGINT / exit stops exactly what it started. Playwright runs it as its webServer.
#
# Settings (environment):
#   DEMO_PORT             dashboard (next start)                                  default 3000
#   PROM_PORT             Prometheus                                              default 19090
#   AM_PORT               Alertmanager                                            default 19093
#   ETCD_PORT             etcd client port (the peer port is ETCD_PORT+1)         default 12379
#   DEMO_BASE_PORT        first fleet instance; the 12 instances take consecutive ports from here
#                                                                                 default 18100
#   DEMO_CONTROL_PORT     fleet control API (demo/README.md)                      default 18099
#   DEMO_GRPC_PORT        the dashboard's gRPC PolicyWatch stream (docs/policies.md) default 18098
#   STACK_DIR             state: backend data, logs, pid files, Prometheus targets, the SLOs edited in the UI
#                         (wiped of the previous run's state at start)            default .stack/demo
#   DEMO_SKIP_BUILD       1 = reuse an existing build (.next/BUILD_ID) instead of `next build`
#   DEMO_RPS              fleet load, requests per second into the gateway        default 20
#   DEMO_REGISTRY_PREFIX  etcd key prefix of the registry                         default /microservices/
#   DEMO_LEASE_TTL_S      registry lease TTL of each instance, seconds            default 10
#   DEMO_READY_TIMEOUT_S  how long each part may take to become ready             default 90
#
# Logs: $STACK_DIR/logs/ (build.log, fleet.log, dashboard.log, fleet/<instance>.log and the backends').
#
# Stopping: the fleet launcher and the dashboard run in their own sessions (so a Ctrl-C reaches them
# only through this script, in order), with their PIDs in $STACK_DIR/demo-pids/. A watchdog in a
# session of its own runs the same cleanup if this script is killed without a chance to trap
# (SIGKILL, or Playwright killing its process group), so nothing outlives the demo either way.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export NEXT_TELEMETRY_DISABLED=1
export DEMO_PORT=${DEMO_PORT:-3000}
export PROM_PORT=${PROM_PORT:-19090}
export AM_PORT=${AM_PORT:-19093}
export ETCD_PORT=${ETCD_PORT:-12379}
export DEMO_BASE_PORT=${DEMO_BASE_PORT:-18100}
export DEMO_CONTROL_PORT=${DEMO_CONTROL_PORT:-18099}
export DEMO_GRPC_PORT=${DEMO_GRPC_PORT:-18098}
export DEMO_REGISTRY_PREFIX=${DEMO_REGISTRY_PREFIX:-/microservices/}
export DEMO_RPS=${DEMO_RPS:-20}
export DEMO_LEASE_TTL_S=${DEMO_LEASE_TTL_S:-10}
READY_TIMEOUT_S=${DEMO_READY_TIMEOUT_S:-90}
export COMPONENTS="prometheus alertmanager etcd"
STACK_DIR=${STACK_DIR:-.stack/demo}
mkdir -p "$STACK_DIR"
STACK_DIR=$(cd "$STACK_DIR" && pwd)
export STACK_DIR
PIDS=$STACK_DIR/demo-pids
LOGS=$STACK_DIR/logs
FLEET_INSTANCES=12 # every instance in demo/topology.ts

log() { echo "[demo] $*" >&2; }

# A zombie still answers kill -0; PID 1 here may take a second or more to reap what it inherits.
running() { kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" | cut -c1)" != Z ]; }
alive() { [ -f "$PIDS/$1.pid" ] && running "$(cat "$PIDS/$1.pid")"; }

stop_part() { # name pattern: SIGTERM its leader, then SIGKILL whatever is left of the session it leads
  local f=$PIDS/$1.pid pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  rm -f "$f"
  if running "$pid"; then
    # A PID file left by an earlier run may name a process that has since been reused by another program.
    ps -o args= -p "$pid" | grep -q -- "$2" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do running "$pid" || break; sleep 0.1; done
  fi
  # The leader was started with setsid, so its process group id is its PID and holds only its own
  # descendants (fleet instances, Next's workers); Linux does not hand that id to anyone else while
  # a member lives.
  kill -KILL -- "-$pid" 2>/dev/null || true
  log "stopped $1"
}

cleanup() {
  stop_part dashboard next
  stop_part fleet demo/launcher.ts
  bash "$ROOT/deploy/local-stack.sh" down || true
}

# --- watchdog mode: `demo.sh --watchdog <pid>` waits for that demo.sh to vanish, then cleans up. ---
if [ "${1:-}" = "--watchdog" ]; then
  while kill -0 "$2" 2>/dev/null; do sleep 1; done
  mkdir -p "$LOGS"
  cleanup >>"$LOGS/watchdog.log" 2>&1
  rm -f "$PIDS/watchdog.pid"
  exit 0
fi

tail_log() { # file: last lines, indented, to stderr
  [ -f "$1" ] && { echo "--- last lines of $1:" >&2; tail -n 25 "$1" | sed 's/^/    /' >&2; }
  return 0
}

die() { log "$*"; exit 1; }

if [ -f "$PIDS/demo.pid" ] && kill -0 "$(cat "$PIDS/demo.pid")" 2>/dev/null \
  && ps -o args= -p "$(cat "$PIDS/demo.pid")" | grep -q demo.sh; then
  die "a demo is already running with STACK_DIR=$STACK_DIR (pid $(cat "$PIDS/demo.pid")); stop it or use another STACK_DIR"
fi

fg_job=
run() { # "$@" in a process group of its own, waited for in the background so a signal is handled at once
  setsid "$@" &
  fg_job=$!
  local rc=0
  wait "$fg_job" || rc=$?
  fg_job=
  return "$rc"
}

cleaned=0
on_exit() {
  local rc=$?
  set +e
  trap '' INT TERM HUP
  if [ "$cleaned" = 0 ]; then
    cleaned=1
    [ -n "$fg_job" ] && kill -TERM -- "-$fg_job" 2>/dev/null
    log "stopping everything this demo started"
    cleanup
    [ -f "$PIDS/watchdog.pid" ] && kill "$(cat "$PIDS/watchdog.pid")" 2>/dev/null
    rm -f "$PIDS/watchdog.pid" "$PIDS/demo.pid"
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # name url part logfile: until the URL answers 2xx, or the process exits, or the timeout
  local name=$1 url=$2 part=$3 logfile=$4 i
  for i in $(seq 1 $((READY_TIMEOUT_S * 5))); do
    curl -sf -o /dev/null --max-time 2 "$url" && return 0
    alive "$part" || { log "$name exited during start-up"; tail_log "$logfile"; return 1; }
    sleep 0.2
  done
  log "$name: not ready after ${READY_TIMEOUT_S}s ($url)"; tail_log "$logfile"; return 1
}

# --- 1. dependencies and a clean slate ---
run bash "$ROOT/deploy/ensure-deps.sh"
# Whatever a previous run in this STACK_DIR left behind (its trap never ran) goes first, then its
# state: an etcd data dir from another port set, for one, would refuse to start.
cleanup 2>/dev/null
rm -rf "$STACK_DIR"/{prom,am,etcd,targets,logs,pids,demo-pids} "$STACK_DIR"/prometheus.yml "$STACK_DIR"/alertmanager.yml "$STACK_DIR"/slos-edited.yaml
mkdir -p "$PIDS" "$LOGS" "$STACK_DIR/targets"
echo $$ >"$PIDS/demo.pid"

busy=()
for v in DEMO_PORT PROM_PORT AM_PORT ETCD_PORT DEMO_CONTROL_PORT DEMO_GRPC_PORT; do port_free "${!v}" || busy+=("$v=${!v}"); done
port_free $((ETCD_PORT + 1)) || busy+=("ETCD_PORT+1=$((ETCD_PORT + 1))")
for ((k = 0; k < FLEET_INSTANCES; k++)); do port_free $((DEMO_BASE_PORT + k)) || busy+=("DEMO_BASE_PORT+$k=$((DEMO_BASE_PORT + k))"); done
[ ${#busy[@]} -eq 0 ] || die "ports already in use: ${busy[*]} (another demo running? set other ports, see the header of $0)"

setsid bash "$0" --watchdog $$ </dev/null >/dev/null 2>&1 &
echo $! >"$PIDS/watchdog.pid"

# --- 2. the dashboard build ---
if [ "${DEMO_SKIP_BUILD:-}" = 1 ] && [ -f .next/BUILD_ID ]; then
  log "reusing the existing build (.next/BUILD_ID $(cat .next/BUILD_ID))"
else
  log "building the dashboard (next build, about 30 s; log: $LOGS/build.log)"
  run npx next build >"$LOGS/build.log" 2>&1 || { log "next build failed"; tail_log "$LOGS/build.log"; exit 1; }
fi

# --- 3. backends ---
log "starting Prometheus, Alertmanager and etcd"
run bash "$ROOT/deploy/local-stack.sh" up || die "the backends did not start (logs: $LOGS/)"

# --- 4. the fleet ---
log "starting the demo fleet ($FLEET_INSTANCES instances from port $DEMO_BASE_PORT)"
DEMO_ETCD_ENDPOINTS=http://127.0.0.1:$ETCD_PORT \
  setsid node --import tsx demo/launcher.ts </dev/null >"$LOGS/fleet.log" 2>&1 &
echo $! >"$PIDS/fleet.pid"
wait_for "the fleet" "http://127.0.0.1:$DEMO_CONTROL_PORT/" fleet "$LOGS/fleet.log" || exit 1

# --- 5. the dashboard ---
log "starting the dashboard"
SWITCHYARD_CONFIG=deploy/switchyard.demo.json \
  SWITCHYARD_PROMETHEUS_URL=http://127.0.0.1:$PROM_PORT \
  SWITCHYARD_ALERTMANAGER_URL=http://127.0.0.1:$AM_PORT \
  SWITCHYARD_ETCD_ENDPOINTS=http://127.0.0.1:$ETCD_PORT \
  SWITCHYARD_ETCD_PREFIX=$DEMO_REGISTRY_PREFIX \
  SWITCHYARD_GRPC_LISTEN=127.0.0.1:$DEMO_GRPC_PORT \
  SWITCHYARD_SLO_EDITABLE_FILE="$STACK_DIR/slos-edited.yaml" \
  setsid node_modules/.bin/next start -H 127.0.0.1 -p "$DEMO_PORT" </dev/null >"$LOGS/dashboard.log" 2>&1 &
echo $! >"$PIDS/dashboard.pid"
wait_for "the dashboard" "http://127.0.0.1:$DEMO_PORT/api/readyz" dashboard "$LOGS/dashboard.log" || exit 1

cat >&2 <<EOF

  Switchyard demo is running (Ctrl-C stops everything)
    dashboard       http://127.0.0.1:$DEMO_PORT
    Prometheus      http://127.0.0.1:$PROM_PORT
    Alertmanager    http://127.0.0.1:$AM_PORT
    etcd            http://127.0.0.1:$ETCD_PORT   (registry prefix $DEMO_REGISTRY_PREFIX)
    fleet control   http://127.0.0.1:$DEMO_CONTROL_PORT   (see demo/README.md)
    policy stream   127.0.0.1:$DEMO_GRPC_PORT   (gRPC PolicyWatch, docs/policies.md)
    logs            $LOGS/

EOF

# --- 6. foreground until a signal, or until the fleet or the dashboard dies ---
declare -A down_reported=()
while true; do
  alive fleet || { log "the fleet launcher exited"; tail_log "$LOGS/fleet.log"; exit 1; }
  alive dashboard || { log "the dashboard exited"; tail_log "$LOGS/dashboard.log"; exit 1; }
  # A backend that dies is news, not a reason to stop: the dashboard is built to show a dead backend
  # per panel, and that is worth seeing in a demo. Say so once, and again when it is back.
  for b in prometheus alertmanager etcd; do
    if [ -f "$STACK_DIR/pids/$b.pid" ] && running "$(cat "$STACK_DIR/pids/$b.pid")"; then
      [ -n "${down_reported[$b]:-}" ] && { log "$b is running again"; unset "down_reported[$b]"; }
    elif [ -z "${down_reported[$b]:-}" ]; then
      down_reported[$b]=1
      log "$b exited; the dashboard keeps running and shows it as unavailable (start it again: STACK_DIR=$STACK_DIR PROM_PORT=$PROM_PORT AM_PORT=$AM_PORT ETCD_PORT=$ETCD_PORT DEMO_PORT=$DEMO_PORT COMPONENTS=$b bash deploy/local-stack.sh up)"
      tail_log "$LOGS/$b.log"
    fi
  done
  # sleep in the background and wait for it, so a signal is handled at once rather than after it
  run sleep 2 || true
done
