#!/usr/bin/env bash
# Runs the real backends (Prometheus, Alertmanager, etcd, optionally VictoriaMetrics) as plain processes
# on 127.0.0.1. Used by `npm run demo`, the tests and CI.
#
#   deploy/local-stack.sh up      install what is missing (apt, when root), start, wait until ready
#   deploy/local-stack.sh down    stop exactly the processes this STACK_DIR started (by PID file)
#   deploy/local-stack.sh status
#
# Settings (environment):
#   STACK_DIR        state dir (data, logs, pids, rendered configs)   default .stack/demo
#   COMPONENTS       which to run                                     default "prometheus alertmanager etcd"
#                    (add "victoria" for VictoriaMetrics)
#   PROM_PORT AM_PORT ETCD_PORT VM_PORT                              default 19090 19093 12379 18428
#   PROM_CONFIG      Prometheus config template                       default deploy/prometheus/demo.yml
#   AM_CONFIG        Alertmanager config template                     default deploy/alertmanager/alertmanager.yml
#   PROM_BACKFILL    OpenMetrics file loaded with promtool before Prometheus starts (blocks are only
#                    picked up at start, so backfill must come first)
#   VM_IMPORT        Prometheus text-format file with timestamps imported into VictoriaMetrics after start
#   DEMO_PORT        the dashboard's port, which the demo Prometheus scrapes   default 3000
# Templates may use @STACK_DIR@, @PROM_PORT@, @AM_PORT@, @ETCD_PORT@, @DEMO_PORT@, @ROOT@.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STACK_DIR=${STACK_DIR:-$ROOT/.stack/demo}
COMPONENTS=${COMPONENTS:-"prometheus alertmanager etcd"}
PROM_PORT=${PROM_PORT:-19090}
AM_PORT=${AM_PORT:-19093}
ETCD_PORT=${ETCD_PORT:-12379}
ETCD_PEER_PORT=${ETCD_PEER_PORT:-$((ETCD_PORT + 1))}
VM_PORT=${VM_PORT:-18428}
DEMO_PORT=${DEMO_PORT:-3000}
PROM_CONFIG=${PROM_CONFIG:-$ROOT/deploy/prometheus/demo.yml}
AM_CONFIG=${AM_CONFIG:-$ROOT/deploy/alertmanager/alertmanager.yml}
mkdir -p "$STACK_DIR"
STACK_DIR=$(cd "$STACK_DIR" && pwd)
PIDS=$STACK_DIR/pids
LOGS=$STACK_DIR/logs

log() { echo "[local-stack] $*" >&2; }
has() { [[ " $COMPONENTS " == *" $1 "* ]]; }

ensure_packages() {
  local missing=()
  has prometheus && ! command -v prometheus >/dev/null && missing+=(prometheus)
  has prometheus && ! command -v promtool >/dev/null && missing+=(prometheus)
  has alertmanager && ! command -v prometheus-alertmanager >/dev/null && missing+=(prometheus-alertmanager)
  has etcd && ! command -v etcd >/dev/null && missing+=(etcd-server etcd-client)
  has victoria && ! command -v victoria-metrics >/dev/null && missing+=(victoria-metrics)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})"
    exit 1
  fi
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

render() { # template → STACK_DIR/<name>
  sed -e "s#@STACK_DIR@#$STACK_DIR#g" -e "s#@PROM_PORT@#$PROM_PORT#g" -e "s#@AM_PORT@#$AM_PORT#g" \
      -e "s#@ETCD_PORT@#$ETCD_PORT#g" -e "s#@DEMO_PORT@#$DEMO_PORT#g" -e "s#@ROOT@#$ROOT#g" "$1" > "$STACK_DIR/$2"
}

# A zombie still answers kill -0, and PID 1 here can take over a second to reap what it inherits.
running() { kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != Z ]; }

alive() { # name → 0 if its recorded process runs
  local f=$PIDS/$1.pid
  [ -f "$f" ] && running "$(cat "$f")"
}

start() { # name, cmd...
  local name=$1; shift
  if alive "$name"; then log "$name already running (pid $(cat "$PIDS/$name.pid"))"; return 0; fi
  mkdir -p "$PIDS" "$LOGS"
  setsid "$@" >"$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$PIDS/$name.pid"
}

wait_ready() { # name url
  local i
  for i in $(seq 1 150); do
    if curl -sf -o /dev/null "$2"; then log "$1 ready at ${2%/*}"; return 0; fi
    if ! alive "$1"; then log "$1 exited; last log lines:"; tail -20 "$LOGS/$1.log" >&2; return 1; fi
    sleep 0.2
  done
  log "$1 not ready after 30 s: $2"; tail -20 "$LOGS/$1.log" >&2; return 1
}

up() {
  ensure_packages
  if has prometheus; then
    render "$PROM_CONFIG" prometheus.yml
    mkdir -p "$STACK_DIR/prom" "$STACK_DIR/targets" "$LOGS"
    if [ -n "${PROM_BACKFILL:-}" ] && ! alive prometheus; then
      rm -rf "$STACK_DIR/prom"; mkdir -p "$STACK_DIR/prom"
      promtool tsdb create-blocks-from openmetrics "$PROM_BACKFILL" "$STACK_DIR/prom" >"$LOGS/backfill.log" 2>&1 \
        || { mkdir -p "$LOGS"; log "backfill failed:"; cat "$LOGS/backfill.log" >&2; exit 1; }
    fi
    start prometheus prometheus --config.file="$STACK_DIR/prometheus.yml" --storage.tsdb.path="$STACK_DIR/prom" \
      --web.listen-address=127.0.0.1:$PROM_PORT --web.external-url=http://127.0.0.1:$PROM_PORT \
      --web.enable-lifecycle --web.enable-remote-write-receiver --rules.alert.resend-delay=1s \
      --storage.tsdb.retention.time=10y
  fi
  if has alertmanager; then
    render "$AM_CONFIG" alertmanager.yml
    start alertmanager prometheus-alertmanager --config.file="$STACK_DIR/alertmanager.yml" \
      --storage.path="$STACK_DIR/am" --web.listen-address=127.0.0.1:$AM_PORT \
      --web.external-url=http://127.0.0.1:$AM_PORT --cluster.listen-address=
  fi
  if has etcd; then
    start etcd etcd --name switchyard --data-dir "$STACK_DIR/etcd" \
      --listen-client-urls http://127.0.0.1:$ETCD_PORT --advertise-client-urls http://127.0.0.1:$ETCD_PORT \
      --listen-peer-urls http://127.0.0.1:$ETCD_PEER_PORT --initial-advertise-peer-urls http://127.0.0.1:$ETCD_PEER_PORT \
      --initial-cluster switchyard=http://127.0.0.1:$ETCD_PEER_PORT --initial-cluster-state new \
      --logger=zap --log-level=warn --unsafe-no-fsync
  fi
  if has victoria; then
    start victoria victoria-metrics -httpListenAddr=127.0.0.1:$VM_PORT -storageDataPath="$STACK_DIR/vm" \
      -retentionPeriod=100y -search.latencyOffset=0s -search.disableCache
  fi
  has prometheus && wait_ready prometheus "http://127.0.0.1:$PROM_PORT/-/ready"
  has alertmanager && wait_ready alertmanager "http://127.0.0.1:$AM_PORT/-/ready"
  has etcd && wait_ready etcd "http://127.0.0.1:$ETCD_PORT/health"
  if has victoria; then
    wait_ready victoria "http://127.0.0.1:$VM_PORT/health"
    if [ -n "${VM_IMPORT:-}" ]; then
      curl -sf --data-binary "@$VM_IMPORT" "http://127.0.0.1:$VM_PORT/api/v1/import/prometheus" \
        || { log "VictoriaMetrics import failed"; exit 1; }
      curl -sf -o /dev/null "http://127.0.0.1:$VM_PORT/internal/force_flush" || true
    fi
  fi
  return 0
}

down() {
  [ -d "$PIDS" ] || return 0
  local f pid name
  for f in "$PIDS"/*.pid; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .pid); pid=$(cat "$f")
    if running "$pid"; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do running "$pid" || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      log "stopped $name (pid $pid)"
    fi
    rm -f "$f"
  done
}

status() {
  local f
  for f in "$PIDS"/*.pid; do
    [ -e "$f" ] || { echo "nothing running in $STACK_DIR"; return 0; }
    if kill -0 "$(cat "$f")" 2>/dev/null; then echo "$(basename "$f" .pid) running (pid $(cat "$f"))"
    else echo "$(basename "$f" .pid) dead"; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
