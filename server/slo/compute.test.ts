import 'server-only';
import { describe, expect, inject, it } from 'vitest';
import type { Slo } from '@/lib/schemas/slo';
import type { SloStatusResponse } from '@/lib/schemas/slo-status';
import { PRESETS } from '@/server/profiles/presets';
import { createPrometheusSource } from '@/server/sources/prometheus/client';
import type { PrometheusSource } from '@/server/sources/prometheus/port';
import { DAY_S, HOUR_S, events, type CaseName } from '@/server/testing/slo-fixture';
import { caseExpectation, expectClose, expectStatus, makeSlo, ratioSlo } from '@/server/testing/slo-expect';
import { computeSloStatus, type SloDeps } from './compute';

const { promUrl, endS } = inject('sloStack');
const E = endS * 1000;
const D30 = 30 * DAY_S;

function recording(prom: PrometheusSource): { deps: SloDeps; queries: string[] } {
  const queries: string[] = [];
  const prometheus: PrometheusSource = { ...prom, instant: (q, o) => (queries.push(q), prom.instant(q, o)), range: (q, o) => (queries.push(q), prom.range(q, o)) };
  return { deps: { prometheus, profile: PRESETS['otel-http'] }, queries };
}
const prom = createPrometheusSource({ url: promUrl, timeoutMs: 60_000 });
const byId = (r: SloStatusResponse) => new Map(r.slos.map((s) => [s.id, s]));

describe('SLO numbers against a known 35-day history', () => {
  it('computes exact SLI, burn rates, budget and time to exhaustion, with resets, gaps and zero traffic', async () => {
    const slos: Slo[] = [
      ratioSlo('steady', 'steady'),
      makeSlo('steady-good', { kind: 'ratio', good: 'sum(rate(slofx_good_total{case="steady"}[{{.window}}]))', total: 'sum(rate(slofx_requests_total{case="steady"}[{{.window}}]))' }),
      ratioSlo('reset', 'reset'),
      ratioSlo('gap', 'gap'),
      ratioSlo('idle', 'idle'),
      ratioSlo('clean', 'clean'),
      ratioSlo('steady-999', 'steady', { objective: 0.999 }),
    ];
    const { deps, queries } = recording(prom);
    const res = await computeSloStatus(deps, slos, E);
    expect(res.errors).toEqual([]);
    expect(res.atMs).toBe(E);
    const s = byId(res);
    const at0 = (c: CaseName, objective = 0.99, coverage: number | null = 1) => caseExpectation(c, 0, { windowS: D30, objective, coverage });

    expectStatus(s.get('steady'), at0('steady'));
    expectStatus(s.get('steady-good'), at0('steady'));
    expectStatus(s.get('steady-999'), at0('steady', 0.999));
    // The restarts lose no events: the same numbers as the steady case, from counters that fell to 0.
    expectStatus(s.get('reset'), at0('reset'));
    expect(events('reset', 'bad', -D30, 0)).toBe(events('steady', 'bad', -D30, 0));
    // Six hours without samples: windows around the gap are exact (the counters kept counting); the
    // day holding the gap still has data, so coverage (in days) stays 1.
    expectStatus(s.get('gap'), at0('gap'));
    // No traffic for 3 hours: windows inside are "no data", never 100 % or NaN; the 6h window is exact.
    expectStatus(s.get('idle'), at0('idle'));
    expect(s.get('idle')!.burnRates['1h']).toBeNull();
    expect(s.get('idle')!.burnRates['6h']).toBeCloseTo(0.05 / 0.01, 9);
    expect(s.get('idle')!.timeToExhaustionMs).toBeNull();
    // No error series at all: zero errors, not "no data".
    expectStatus(s.get('clean'), at0('clean'));
    expect(s.get('clean')!.sli).toBe(1);
    expect(s.get('clean')!.budgetRemaining).toBe(1);

    // Hand-checked against the fixture profile: the 1h window holds 40 min at 2/10 and 20 min at 0.1/10 errors.
    expect(s.get('steady')!.burnRates['1h']).toBeCloseTo(4920 / 36000 / 0.01, 9);
    expect(s.get('steady')!.alertState).toBe('page'); // 6h/30m row: 6.73× and 7.33× against 6×

    // A fixed number of queries: the recorded ratios (none here), one per alert window (7), one error
    // ratio and one coverage per window size (1).
    expect(queries).toHaveLength(1 + 9);
  });

  it('says how much of a window longer than the data is covered, and computes the SLI over what exists', async () => {
    const slos = [
      ratioSlo('young-30', 'young'),
      ratioSlo('young-28', 'young', { window: { kind: 'rolling', days: 28 } }),
      ratioSlo('young-7', 'young', { window: { kind: 'rolling', days: 7 } }),
    ];
    const { deps, queries } = recording(prom);
    const s = byId(await computeSloStatus(deps, slos, E));
    // Metrics exist for the last 10 days: 10 of 30 daily steps, 10 of 28, and all 28 six-hour steps of 7 days.
    expectStatus(s.get('young-30'), caseExpectation('young', 0, { windowS: D30, objective: 0.99, coverage: 1 / 3 }));
    expectStatus(s.get('young-28'), {
      ...caseExpectation('young', 0, { windowS: 28 * DAY_S, objective: 0.99, coverage: 10 / 28 }),
      factors: [13.44, 5.6, 2.8, 0.9333333333333333],
    });
    expectStatus(s.get('young-7'), { ...caseExpectation('young', 0, { windowS: 7 * DAY_S, objective: 0.99, coverage: 1 }), factors: [3.36, 1.4, 0.7, 0.23333333333333334] });
    expect(queries).toHaveLength(1 + 7 + 3 * 2);
  });

  it('reads latency SLOs from histogram buckets however `le` is spelled', async () => {
    const lat = (id: string, c: CaseName, threshold: number) => makeSlo(id, { kind: 'latency', histogram: 'slofx_latency_seconds', threshold, matchers: [`case="${c}"`] });
    const slos = [lat('lat-025', 'lat', 0.25), lat('lat3-025', 'lat3', 0.25), lat('lat-1', 'lat', 1), lat('lat3-1', 'lat3', 1), lat('lat3-05', 'lat3', 0.5), lat('lat-03', 'lat', 0.3)];
    const { deps } = recording(prom);
    const s = byId(await computeSloStatus(deps, slos, E));
    const exp = (scale: number) => caseExpectation('lat', 0, { windowS: D30, objective: 0.99, coverage: 1, scale });
    // Slower than 0.25 s are exactly the profile's bad events; slower than 0.5 s half and than 1 s a quarter of them.
    expectStatus(s.get('lat-025'), exp(1));
    expectStatus(s.get('lat3-025'), exp(1)); // le="2.5e-01"
    expectStatus(s.get('lat-1'), exp(0.25)); // le="1"
    expectStatus(s.get('lat3-1'), exp(0.25)); // le="1.0"
    expectStatus(s.get('lat3-05'), exp(0.5)); // le="5.0e-01"
    // 0.3 is no bucket bound: no data, rather than an invented SLI.
    expect(s.get('lat-03')!.sli).toBeNull();
    expect(s.get('lat-03')!.coverage).toBe(1);
    expect(s.get('lat-03')!.problems).toEqual(['threshold 0.3 is not a bucket bound (le) of slofx_latency_seconds: there is no good-event count to read']);
  });

  it('evaluates calendar months in their time zone', async () => {
    const cal = (id: string, timeZone: string) => ratioSlo(id, 'steady', { window: { kind: 'calendar-month', timeZone } });
    const { deps, queries } = recording(prom);
    const s = byId(await computeSloStatus(deps, [cal('utc', 'UTC'), cal('ny', 'America/New_York'), cal('ktm', 'Asia/Kathmandu')], E));
    // E is 10 March 2026 00:00 UTC. Month starts written out: UTC midnight; New York EST (−5); Kathmandu +05:45.
    // March lasts 31 days, less the hour New York loses to DST on the 8th.
    const cases: Array<[string, number, number]> = [
      ['utc', Date.UTC(2026, 2, 1), 31 * DAY_S],
      ['ny', Date.UTC(2026, 2, 1, 5), 31 * DAY_S - HOUR_S],
      ['ktm', Date.UTC(2026, 1, 28, 18, 15), 31 * DAY_S],
    ];
    for (const [id, startMs, periodS] of cases) {
      const windowS = (E - startMs) / 1000;
      expect(s.get(id)!.windowStartMs).toBe(startMs);
      expectStatus(s.get(id), caseExpectation('steady', 0, { windowS, periodS, objective: 0.99, coverage: 1 }));
    }
    // Calendar months have no recorded period, so no read of the recording rules' series.
    expect(queries).toHaveLength(7 + 3 * 2);
  });

  it('sees the gap from inside it: windows without samples are no data', async () => {
    const t = E - 16 * HOUR_S * 1000;
    const { deps } = recording(prom);
    const s = byId(await computeSloStatus(deps, [ratioSlo('gap', 'gap'), ratioSlo('steady', 'steady')], t));
    const gap = s.get('gap')!;
    for (const w of ['5m', '30m', '1h', '2h'] as const) expect(gap.burnRates[w], w).toBeNull();
    expect(gap.currentBurn).toBeNull();
    expect(gap.timeToExhaustionMs).toBeNull();
    // The steady twin at the same time: exact everywhere (windows ending 16 h before E).
    expectStatus(s.get('steady'), caseExpectation('steady', -16 * HOUR_S, { windowS: D30, objective: 0.99, coverage: 1 }));
  });

  it('keeps /slos at 1 + 9 queries for 500 SLOs, with every SLO exact', async () => {
    const cases: CaseName[] = ['steady', 'reset', 'gap', 'idle', 'clean'];
    const slos = Array.from({ length: 500 }, (_, i) => ratioSlo(`slo-${i}`, cases[i % cases.length]!, { objective: [0.99, 0.995, 0.999][i % 3] }));
    const { deps, queries } = recording(prom);
    const res = await computeSloStatus(deps, slos, E);
    expect(res.errors).toEqual([]);
    expect(queries).toHaveLength(1 + 9);
    // Each query carries every SLO; the POST body stays in the hundreds of kilobytes.
    const bytes = Math.max(...queries.map((q) => new URLSearchParams({ query: q }).toString().length));
    expect(bytes).toBeLessThan(400_000);
    res.slos.forEach((st, i) => {
      const c = cases[i % cases.length]!;
      expectStatus(st, caseExpectation(c, 0, { windowS: D30, objective: [0.99, 0.995, 0.999][i % 3]!, coverage: 1 }));
    });
  }, 240_000);

  it('isolates an SLO whose query Prometheus rejects, and computes the others', async () => {
    const broken = makeSlo('broken', { kind: 'ratio', bad: 'sum(rate(slofx_errors_total{case="steady"}[{{.window}}])', total: 'sum(rate(slofx_requests_total[{{.window}}]))' });
    const slos = [ratioSlo('a', 'steady'), broken, ratioSlo('b', 'clean'), ratioSlo('c', 'idle')];
    const { deps } = recording(prom);
    const res = await computeSloStatus(deps, slos, E);
    expect(res.errors).toEqual([]);
    const s = byId(res);
    expect(s.get('broken')!.problems).toEqual([expect.stringMatching(/^prometheus rejected the SLO's query: bad_data: .*parse error/)]);
    expect(s.get('broken')!.sli).toBeNull();
    expectStatus(s.get('a'), caseExpectation('steady', 0, { windowS: D30, objective: 0.99, coverage: 1 }));
    expectStatus(s.get('c'), caseExpectation('idle', 0, { windowS: D30, objective: 0.99, coverage: 1 }));
  });

  it('reports a dead Prometheus as a source error, not a crash', async () => {
    const dead = createPrometheusSource({ url: 'http://127.0.0.1:9', timeoutMs: 2000 });
    const res = await computeSloStatus({ prometheus: dead, profile: PRESETS['otel-http'] }, [ratioSlo('a', 'steady')], E);
    expect(res.errors).toEqual([{ source: 'prometheus', kind: 'unavailable', message: expect.any(String) }]);
    expect(res.slos[0]).toMatchObject({ sli: null, budgetRemaining: null, coverage: null, alertState: 'no-data' });
  });

  it('reports an unknown time zone against its SLO only', async () => {
    const { deps } = recording(prom);
    const res = await computeSloStatus(deps, [ratioSlo('mars', 'steady', { window: { kind: 'calendar-month', timeZone: 'Mars/Olympus' } }), ratioSlo('a', 'steady')], E);
    expect(res.slos.map((x) => x.id)).toEqual(['mars', 'a']);
    expect(res.slos[0]).toMatchObject({ sli: null, coverage: null, alertState: 'no-data', problems: [expect.stringContaining('Mars/Olympus')] });
    expectClose(res.slos[1]!.sli, 1 - caseExpectation('steady', 0, { windowS: D30, objective: 0.99, coverage: 1 }).period!, 'a SLI');
  });
});
