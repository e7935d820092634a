import 'server-only';
import { describe, expect, inject, it } from 'vitest';
import { PRESETS } from '@/server/profiles/presets';
import { createPrometheusSource } from '@/server/sources/prometheus/client';
import { DAY_S, HOUR_S, MIN_S, errorRatio, type CaseName } from '@/server/testing/slo-fixture';
import { WINDOW_S, expectClose, ratioSlo } from '@/server/testing/slo-expect';
import { computeSloStatus } from './compute';
import { sloBudgetSeries, sloBurnSeries } from './series';

const { promUrl, endS } = inject('sloStack');
const E = endS * 1000;
const deps = { prometheus: createPrometheusSource({ url: promUrl, timeoutMs: 30_000 }), profile: PRESETS['otel-http'] };
const rel = (ms: number) => (ms - E) / 1000; // fixture-relative seconds

describe('error-budget chart', () => {
  it.each<[CaseName, number]>([
    ['steady', 30],
    ['reset', 30],
    ['young', 28],
    ['gap', 30],
  ])('draws the %s budget over a %i-day window with the tile formula at every point', async (c, days) => {
    const s = ratioSlo(c, c, { window: { kind: 'rolling', days } });
    const res = await sloBudgetSeries(deps, s, E);
    expect(res.errors).toEqual([]);
    expect(res.stepMs).toBe(HOUR_S * 1000);
    expect(res.points).toHaveLength(days * 24 + 1); // ≤ 1,100 for 30 days
    expect(res.points.map(([t]) => t)).toEqual(Array.from({ length: days * 24 + 1 }, (_, i) => E - days * DAY_S * 1000 + i * HOUR_S * 1000));
    for (const [t, v] of res.points) {
      const p = rel(t);
      // A window ending inside the gap has no sample at its end: rate() extrapolates there, so only the
      // points outside it are exact.
      if (c === 'gap' && p > -20 * HOUR_S && p < -14 * HOUR_S) continue;
      const r = errorRatio(c, p - days * DAY_S, p);
      expectClose(v, r === null ? null : 1 - r / 0.01, `${c} budget at ${p / HOUR_S} h`);
    }
    // The last point is the tile.
    const status = (await computeSloStatus(deps, [s], E)).slos[0]!;
    expect(res.points.at(-1)![1]).toBe(status.budgetRemaining);
  });

  it('accumulates a calendar month from its first day in the SLO time zone', async () => {
    const s = ratioSlo('month', 'steady', { window: { kind: 'calendar-month', timeZone: 'America/New_York' } });
    const res = await sloBudgetSeries(deps, s, E);
    const start = Date.UTC(2026, 2, 1, 5); // 1 March 2026 00:00 EST
    expect(res.errors).toEqual([]);
    expect(res.startMs).toBe(start);
    const hours = (E - start) / (HOUR_S * 1000);
    expect(res.points.map(([t]) => t)).toEqual(Array.from({ length: hours }, (_, i) => start + (i + 1) * HOUR_S * 1000));
    for (const [t, v] of res.points) {
      const r = errorRatio('steady', rel(start), rel(t));
      expectClose(v, r === null ? null : 1 - r / 0.01, `month budget at ${new Date(t).toISOString()}`);
    }
    const status = (await computeSloStatus(deps, [s], E)).slos[0]!;
    expect(res.points.at(-1)![1]).toBe(status.budgetRemaining);
  });

  it('reports a dead Prometheus instead of throwing', async () => {
    const dead = { ...deps, prometheus: createPrometheusSource({ url: 'http://127.0.0.1:9', timeoutMs: 2000 }) };
    const res = await sloBudgetSeries(dead, ratioSlo('x', 'steady'), E);
    expect(res.points).toEqual([]);
    expect(res.errors).toMatchObject([{ source: 'prometheus', kind: 'unavailable' }]);
  });
});

describe('burn-rate chart', () => {
  it.each<CaseName>(['steady', 'idle'])('draws exact burn rates of the %s case for every window at least a step long', async (c) => {
    const s = ratioSlo(c, c, { objective: 0.999 });
    const res = await sloBurnSeries(deps, s, E - DAY_S * 1000, E);
    expect(res.errors).toEqual([]);
    expect(res.stepMs).toBe(2 * MIN_S * 1000);
    expect(res.series.map((x) => x.window)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
    expect(res.thresholds.map((x) => x.factor)).toEqual([14.4, 6, 3, 1].map((f) => expect.closeTo(f, 12)));
    for (const { window, points } of res.series) {
      expect(points).toHaveLength(721);
      for (const [t, v] of points) {
        const r = errorRatio(c, rel(t) - WINDOW_S[window]!, rel(t));
        expectClose(v, r === null ? null : r / (1 - 0.999), `${c} ${window} burn at ${rel(t) / 60} min`);
      }
    }
  });

  it('keeps 30 days under 1,100 points and leaves out windows shorter than the step', async () => {
    const res = await sloBurnSeries(deps, ratioSlo('s', 'steady'), E - 30 * DAY_S * 1000, E);
    expect(res.stepMs).toBe(HOUR_S * 1000);
    expect(res.series.map((x) => x.window)).toEqual(['1h', '2h', '6h', '1d', '3d']);
    for (const x of res.series) expect(x.points.length).toBe(721);
  });
});
