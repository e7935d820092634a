import 'server-only';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Slo } from '@/lib/schemas/slo';
import type { SloStatus } from '@/lib/schemas/slo-status';
import { generateRules, rulesToYaml } from '@/lib/slo/rules';
import { PRESETS } from '@/server/profiles/presets';
import { createPrometheusSource } from '@/server/sources/prometheus/client';
import type { PrometheusSource } from '@/server/sources/prometheus/port';
import { caseExpectation, expectStatus, makeSlo, ratioSlo } from '@/server/testing/slo-expect';
import { DAY_S, HOUR_S } from '@/server/testing/slo-fixture';
import { evaluatedRecords, startRecordedPrometheus, type RecordedProm } from '@/server/testing/slo-recorded';
import { computeSloStatus } from './compute';

/**
 * The recording-rule fast path (recorded.ts) against the raw path: the same numbers at the same time.
 * The "recorded" Prometheus holds the SLO fixture plus the generated rules' series: evaluated exactly
 * at T1 and T2 (see server/testing/slo-recorded.ts for why that needs writing them), and by promtool's
 * rule backfill around T3. The raw path runs on the fixture's own Prometheus, which has no records.
 */
const fixture = inject('sloStack');
const profile = PRESETS['otel-http'];
const E = fixture.endS * 1000;
const T1 = E;
const T2 = E - 16 * HOUR_S * 1000;
// Two days back and 3 hours: every alert window inside one constant-rate stretch of the fixture.
const T3 = E - (2 * DAY_S + 3 * HOUR_S) * 1000;

const SLOS: Slo[] = [
  ratioSlo('steady', 'steady'),
  makeSlo('good', { kind: 'ratio', good: 'sum(rate(slofx_good_total{case="steady"}[{{.window}}]))', total: 'sum(rate(slofx_requests_total{case="steady"}[{{.window}}]))' }, { objective: 0.999 }),
  ratioSlo('reset', 'reset', { window: { kind: 'rolling', days: 28 } }),
  ratioSlo('gap', 'gap'),
  ratioSlo('idle', 'idle', { window: { kind: 'rolling', days: 7 } }),
  ratioSlo('young', 'young'),
  ratioSlo('clean', 'clean'),
  makeSlo('lat3', { kind: 'latency', histogram: 'slofx_latency_seconds', threshold: 0.25, matchers: ['case="lat3"'] }),
  // A calendar month has no period record: always raw.
  ratioSlo('month', 'reset', { window: { kind: 'calendar-month', timeZone: 'America/New_York' } }),
];
const ROLLING = SLOS.filter((s) => s.window.kind === 'rolling').map((s) => s.id);

let recordedProm: RecordedProm;
let fast: PrometheusSource;
const raw = createPrometheusSource({ url: fixture.promUrl, timeoutMs: 60_000 });

beforeAll(async () => {
  const rules = generateRules(SLOS, { profile });
  const om = await evaluatedRecords(raw, rules, [T2, T1]);
  recordedProm = startRecordedPrometheus(fixture.endS, om, rulesToYaml(rules), fixture.promUrl, T3 / 1000 - 300, T3 / 1000);
  fast = createPrometheusSource({ url: recordedProm.url, timeoutMs: 60_000 });
}, 180_000);

afterAll(() => recordedProm?.stop());

function counting(prom: PrometheusSource) {
  const queries: Array<{ kind: 'instant' | 'range'; query: string }> = [];
  const prometheus: PrometheusSource = {
    ...prom,
    instant: (query, o) => (queries.push({ kind: 'instant', query }), prom.instant(query, o)),
    range: (query, o) => (queries.push({ kind: 'range', query }), prom.range(query, o)),
  };
  return { deps: { prometheus, profile }, queries };
}

const withoutSource = ({ source: _source, ...rest }: SloStatus) => rest;

describe('the recording-rule fast path', () => {
  it.each([
    ['E', T1],
    ['E − 16 h (inside the gap)', T2],
  ])('gives the raw numbers at %s, exactly, and reads every rolling SLO from one selector', async (_, t) => {
    const f = counting(fast);
    const [viaRecords, viaRaw] = await Promise.all([computeSloStatus(f.deps, SLOS, t), computeSloStatus({ prometheus: raw, profile }, SLOS, t)]);
    expect(viaRecords.errors).toEqual([]);
    expect(viaRaw.errors).toEqual([]);
    expect(viaRecords.slos.filter((s) => s.source === 'recorded').map((s) => s.id)).toEqual(ROLLING);
    expect(viaRecords.slos.find((s) => s.id === 'month')!.source).toBe('raw');
    expect(viaRaw.slos.every((s) => s.source === 'raw')).toBe(true);
    // SLI, every burn rate, budget, period burn, time to exhaustion, alert rows, coverage: identical.
    expect(viaRecords.slos.map(withoutSource)).toEqual(viaRaw.slos.map(withoutSource));
    // And right, by the fixture's closed form (not only equal to the raw path).
    const tS = (t - E) / 1000;
    expectStatus(viaRecords.slos.find((s) => s.id === 'steady'), caseExpectation('steady', tS, { windowS: 30 * DAY_S, objective: 0.99, coverage: 1 }));
    // 1 read of the records; per distinct window a coverage query (30d, 28d, 7d, the month); the
    // month's own raw batch: 7 windows and its period.
    expect(f.queries).toHaveLength(1 + 4 + 8);
    const instant = f.queries.filter((q) => q.kind === 'instant').map((q) => q.query);
    // Only the rolling SLOs are asked for.
    expect(instant[0]).toBe('{__name__=~"slo:sli_error:ratio_rate.+|slo:objective:ratio|slo:time_period:days",slo_id=~"clean|gap|good|idle|lat3|reset|steady|young"}');
    for (const q of instant.slice(1)) expect(q.split('label_replace(').length, q).toBe(2); // the month alone
  });

  it('reads what promtool backfills from the generated rule file (Prometheus evaluation times)', async () => {
    const [viaRecords, viaRaw] = await Promise.all([computeSloStatus({ prometheus: fast, profile }, SLOS, T3), computeSloStatus({ prometheus: raw, profile }, SLOS, T3)]);
    expect(viaRecords.slos.filter((s) => s.source === 'recorded').map((s) => s.id)).toEqual(ROLLING);
    // The rules ran up to a group interval before T3 (offset by a hash of the group): the alert
    // windows lie in constant rates and agree (to the fixture's 6 decimals); the period ratios moved
    // by up to 150 s of 7–30 days.
    const rel = (a: number | null, b: number | null) => (a === null || b === null ? (a === b ? 0 : Infinity) : b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));
    for (const [i, r] of viaRecords.slos.entries()) {
      const w = viaRaw.slos[i]!;
      for (const win of Object.keys(w.burnRates) as Array<keyof typeof w.burnRates>) expect(rel(r.burnRates[win]!, w.burnRates[win]!), `${r.id} ${win}`).toBeLessThan(1e-9);
      expect(rel(r.budgetRemaining, w.budgetRemaining), `${r.id} budget`).toBeLessThan(1e-3);
    }
  });

  it('leaves an SLO whose spec changed since the rules were generated on the raw path', async () => {
    // Same id, another query: the markers carry the old query's hash.
    const changed = makeSlo('steady', { kind: 'ratio', bad: 'sum(rate(slofx_errors_total{case="reset"}[{{.window}}]))', total: 'sum(rate(slofx_requests_total{case="reset"}[{{.window}}]))' });
    // Same id and query, another window length: no period record for 28 days.
    const rewindowed = ratioSlo('gap', 'gap', { window: { kind: 'rolling', days: 28 } });
    const [viaRecords, viaRaw] = await Promise.all([
      computeSloStatus({ prometheus: fast, profile }, [changed, rewindowed, SLOS[1]!], T1),
      computeSloStatus({ prometheus: raw, profile }, [changed, rewindowed, SLOS[1]!], T1),
    ]);
    expect(viaRecords.slos.map((s) => s.source)).toEqual(['raw', 'raw', 'recorded']);
    expect(viaRecords.slos.map(withoutSource)).toEqual(viaRaw.slos.map(withoutSource));
  });
});
