#!/usr/bin/env bash
# Installs what the tests and the demo need on a fresh Debian machine: node modules (npm ci when
# node_modules is missing or older than the lockfile) and, with `--browser`, Debian's Chromium for
# Playwright (Playwright's own browser download cannot work here, and is not wanted).
# The backends (Prometheus, Alertmanager, etcd, VictoriaMetrics) are installed by local-stack.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" != 0 ]; then echo "[deps] Chromium is missing: sudo apt-get install chromium" >&2; exit 1; fi
  echo "[deps] installing Debian chromium" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
