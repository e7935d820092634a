// Totals vitest's and Playwright's JSON reports into the one plain line CI reads: "N passed, N failed".
// A runner whose report is missing (it crashed before writing one) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

const vitest = '.stack/reports/vitest.json';
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(r);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else {
  console.error('vitest wrote no report');
  failed += 1;
}

const pw = '.stack/reports/playwright.json';
if (existsSync(pw)) {
  const s = JSON.parse(readFileSync(pw, 'utf8')).stats;
  passed += s.expected + (s.flaky ?? 0);
  failed += s.unexpected;
  skipped += s.skipped ?? 0;
  if (s.expected + s.unexpected + (s.flaky ?? 0) === 0) failed += 1; // Playwright ran nothing: webServer failed
} else {
  console.error('Playwright wrote no report');
  failed += 1;
}

// A suite that failed to load has no failed tests of its own; count it once.
function countSuitesWithFailedTests(r) {
  return (r.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).some((a) => a.status === 'failed')).length;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
