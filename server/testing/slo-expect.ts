import 'server-only';
import { expect } from 'vitest';
import { Slo, type SloIndicator, type SloWindow } from '@/lib/schemas/slo';
import type { SloStatus } from '@/lib/schemas/slo-status';
import { DAY_S, HOUR_S, MIN_S, errorRatio, type CaseName } from './slo-fixture';

/**
 * Expected SLO numbers for the SLO fixture, from its closed-form event counts (slo-fixture.ts events())
 * and the formulas of docs/slo.md written out here again: never from PromQL or server/slo/.
 */
export const WINDOW_S: Record<string, number> = { '5m': 5 * MIN_S, '30m': 30 * MIN_S, '1h': HOUR_S, '2h': 2 * HOUR_S, '6h': 6 * HOUR_S, '1d': DAY_S, '3d': 3 * DAY_S };
/** The Workbook rows for a 30-day period: [severity, long, short, factor]. */
const ROWS_30D: Array<[string, string, string, number]> = [
  ['page', '1h', '5m', 14.4],
  ['page', '6h', '30m', 6],
  ['ticket', '1d', '2h', 3],
  ['ticket', '3d', '6h', 1],
];

export function makeSlo(id: string, indicator: SloIndicator | Record<string, unknown>, opts: { window?: SloWindow; objective?: number; service?: string; name?: string } = {}): Slo {
  return Slo.parse({
    id,
    name: opts.name ?? `SLO ${id}`,
    service: opts.service ?? 'svc',
    objective: opts.objective ?? 0.99,
    window: opts.window ?? { kind: 'rolling', days: 30 },
    indicator,
    source: { format: 'switchyard', file: 'test' },
  });
}

export const ratioSlo = (id: string, c: CaseName, opts: Parameters<typeof makeSlo>[2] = {}) =>
  makeSlo(id, { kind: 'ratio', bad: `sum(rate(slofx_errors_total{case="${c}"}[{{.window}}]))`, total: `sum(rate(slofx_requests_total{case="${c}"}[{{.window}}]))` }, opts);

export interface Expectation {
  /** Error ratio over each alert window and over the SLO window, null = no events. */
  windows: Record<string, number | null>;
  period: number | null;
  periodS: number;
  objective: number;
  coverage: number | null;
  /** Burn-rate factors of the four rows (30-day table unless given). */
  factors?: number[];
}

/** The expectation for a fixture case at t (seconds relative to E) over a window of windowS. */
export function caseExpectation(c: CaseName, tS: number, o: { windowS: number; periodS?: number; objective: number; coverage: number | null; scale?: number }): Expectation {
  const scaled = (r: number | null) => (r === null ? null : r * (o.scale ?? 1));
  return {
    windows: Object.fromEntries(Object.entries(WINDOW_S).map(([w, s]) => [w, scaled(errorRatio(c, tS - s, tS))])),
    period: scaled(errorRatio(c, tS - o.windowS, tS)),
    periodS: o.periodS ?? o.windowS,
    objective: o.objective,
    coverage: o.coverage,
  };
}

const REL = 1e-6;

export function expectClose(actual: number | null | undefined, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, `${what} should be null (no data)`).toBeNull();
    return;
  }
  expect(actual, `${what} should be a number`).toEqual(expect.any(Number));
  const err = expected === 0 ? Math.abs(actual!) : Math.abs(actual! - expected) / Math.abs(expected);
  expect(err, `${what}: got ${actual}, expected ${expected}`).toBeLessThan(expected === 0 ? 1e-12 : REL);
}

/** Checks every number of a status against an expectation, by the formulas of docs/slo.md. */
export function expectStatus(s: SloStatus | undefined, e: Expectation): void {
  expect(s, 'status present').toBeDefined();
  const st = s!;
  const budget = 1 - e.objective;
  const burn = (r: number | null) => (r === null ? null : r / budget);
  expect(st.problems).toEqual([]);
  for (const w of Object.keys(WINDOW_S)) expectClose(st.burnRates[w as keyof typeof st.burnRates], burn(e.windows[w]!), `${st.id} burn ${w}`);
  expectClose(st.errorRatio, e.period, `${st.id} error ratio over the window`);
  expectClose(st.sli, e.period === null ? null : 1 - e.period, `${st.id} SLI`);
  const remaining = e.period === null ? null : 1 - e.period / budget;
  expectClose(st.budgetRemaining, remaining, `${st.id} budget remaining`);
  expectClose(st.periodBurn, burn(e.period), `${st.id} period burn`);
  const current = burn(e.windows['1h']!);
  expectClose(st.currentBurn, current, `${st.id} current burn`);
  let tte: number | null = null;
  if (remaining !== null && remaining <= 0) tte = 0;
  else if (remaining !== null && current !== null && current > 0) tte = (remaining * e.periodS * 1000) / current;
  expectClose(st.timeToExhaustionMs, tte, `${st.id} time to exhaustion`);
  expect(st.periodMs).toBe(e.periodS * 1000);
  if (e.coverage === null) expect(st.coverage).toBeNull();
  else expectClose(st.coverage, e.coverage, `${st.id} coverage`);
  const factors = e.factors ?? ROWS_30D.map((r) => r[3]);
  ROWS_30D.forEach(([severity, long, short], i) => {
    const row = st.alerts[i]!;
    expect([row.severity, row.longWindow, row.shortWindow]).toEqual([severity, long, short]);
    expectClose(row.factor, factors[i]!, `${st.id} factor ${long}`);
    const thr = factors[i]! * budget;
    const l = e.windows[long]!;
    const sh = e.windows[short]!;
    expect(row.firing, `${st.id} row ${long}/${short}: ${l} and ${sh} vs ${thr}`).toBe(l !== null && sh !== null && l > thr && sh > thr);
  });
  const firing = (sev: string) => st.alerts.some((a) => a.firing && a.severity === sev);
  expect(st.alertState).toBe(firing('page') ? 'page' : firing('ticket') ? 'ticket' : e.period === null ? 'no-data' : 'ok');
}
