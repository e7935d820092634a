#!/usr/bin/env bash
# `npm test`: every check CI runs, in order, on real backends. Ends with one line "N passed, N failed"
# totalled over vitest and Playwright. Lint and type errors fail the run before any test starts.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export NEXT_TELEMETRY_DISABLED=1
bash deploy/ensure-deps.sh --browser || exit 1
mkdir -p .stack/reports
rm -f .stack/reports/vitest.json .stack/reports/playwright.json

step() { echo; echo "=== $* ==="; }
status=0

step "lint (ESLint, including the dependency-direction rules)"
npx eslint --max-warnings=0 . || { echo "lint failed"; exit 1; }
step "typecheck"
npx tsc --noEmit -p . || { echo "typecheck failed"; exit 1; }

step "unit and integration tests (vitest, real Prometheus/VictoriaMetrics/etcd/Alertmanager)"
npx vitest run || status=1

step "build"
npx next build || { echo "next build failed"; node deploy/test-summary.mjs; exit 1; }

step "end-to-end tests (Playwright in Debian Chromium, against the demo fleet)"
npx playwright test || status=1
# Playwright signals demo.sh, which stops what it started; this catches a demo killed before its trap ran.
STACK_DIR=.stack/e2e bash deploy/local-stack.sh down || true

echo
node deploy/test-summary.mjs || status=1
exit $status
