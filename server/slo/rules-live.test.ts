import 'server-only';
import { describe, expect, inject, it } from 'vitest';
import type { ProfileSpec } from '@/lib/schemas/config';
import type { Slo } from '@/lib/schemas/slo';
import type { AlertingRuleDef, RecordingRuleDef } from '@/lib/schemas/slo-rules';
import type { SloStatus } from '@/lib/schemas/slo-status';
import { escapeLabelValue } from '@/lib/promql/escape';
import { RECORDS, generateRules, periodRange } from '@/lib/slo/rules';
import { PRESETS } from '@/server/profiles/presets';
import { createPrometheusSource } from '@/server/sources/prometheus/client';
import type { PrometheusSource } from '@/server/sources/prometheus/port';
import { FLEET } from '@/server/testing/fixture-history';
import { makeSlo, ratioSlo } from '@/server/testing/slo-expect';
import { HOUR_S } from '@/server/testing/slo-fixture';
import { computeSloStatus } from './compute';

/**
 * The live numbers equal what the generated recording rules make Prometheus compute: every record's
 * expression is evaluated through the query API at the same time t (records that read other records
 * get those inlined, as Prometheus would have them from the same evaluation), and compared with
 * computeSloStatus exactly, not to a tolerance: they must be the same PromQL and the same arithmetic.
 */
const slo = inject('sloStack');
const main = inject('stack');

type Records = Map<string, string>; // `name{slo_id="…"}` → expression

function recordsOf(rules: ReturnType<typeof generateRules>): { records: Records; alerts: Map<string, AlertingRuleDef[]> } {
  const records: Records = new Map();
  const alerts = new Map<string, AlertingRuleDef[]>();
  for (const g of rules.groups) {
    for (const r of g.rules) {
      if ('record' in r) {
        const rec = r as RecordingRuleDef;
        records.set(`${rec.record}{slo_id="${escapeLabelValue(rec.labels!.slo_id!)}"}`, rec.expr);
      } else {
        const a = r as AlertingRuleDef;
        alerts.set(a.labels!.slo_id!, [...(alerts.get(a.labels!.slo_id!) ?? []), a]);
      }
    }
  }
  return { records, alerts };
}

/** Replaces references to other records by their expressions. */
function inline(expr: string, records: Records): string {
  let out = expr;
  for (const [ref, e] of records) out = out.split(ref).join(`(${e})`);
  return out;
}

async function value(prom: PrometheusSource, expr: string, tMs: number): Promise<number | null> {
  const r = await prom.instant(expr, { timeMs: tMs });
  expect(r.length, expr).toBeLessThanOrEqual(1);
  const v = r[0]?.value;
  return v === undefined || !Number.isFinite(v) ? null : v;
}

async function compare(prom: PrometheusSource, profile: ProfileSpec, slos: Slo[], tMs: number) {
  const rules = generateRules(slos, { profile });
  const { records, alerts } = recordsOf(rules);
  const res = await computeSloStatus({ prometheus: prom, profile }, slos, tMs);
  expect(res.errors).toEqual([]);
  let compared = 0;
  for (const s of slos) {
    const st = res.slos.find((x) => x.id === s.id) as SloStatus;
    const rec = async (name: string) => value(prom, inline(records.get(`${name}{slo_id="${s.id}"}`)!, records), tMs);
    const budget = 1 - s.objective;
    for (const w of ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const) {
      const v = await rec(RECORDS.errorRatio(w));
      expect(v === null ? null : v / budget, `${s.id} ${w}`).toBe(st.burnRates[w]);
      compared++;
    }
    expect(await rec(RECORDS.currentBurn), `${s.id} current burn`).toBe(st.currentBurn);
    const period = periodRange(s);
    if (period !== null) {
      expect(await rec(RECORDS.budgetRemaining), `${s.id} budget remaining`).toBe(st.budgetRemaining);
      expect(await rec(RECORDS.periodBurn), `${s.id} period burn`).toBe(st.periodBurn);
      compared += 2;
    }
    for (const a of alerts.get(s.id) ?? []) {
      const row = st.alerts.find((x) => x.longWindow === a.labels!.long_window)!;
      const fires = (await prom.instant(inline(a.expr, records), { timeMs: tMs })).length > 0;
      expect(fires, `${s.id} alert ${a.labels!.long_window}/${a.labels!.short_window}`).toBe(row.firing);
    }
  }
  return compared;
}

describe('live numbers = recording rules', () => {
  it('agree for ratio and latency SLOs, with resets, gaps, zero traffic and short data', async () => {
    const prom = createPrometheusSource({ url: slo.promUrl, timeoutMs: 30_000 });
    const slos = [
      ratioSlo('steady', 'steady'),
      makeSlo('good', { kind: 'ratio', good: 'sum(rate(slofx_good_total{case="steady"}[{{.window}}]))', total: 'sum(rate(slofx_requests_total{case="steady"}[{{.window}}]))' }, { objective: 0.999 }),
      ratioSlo('reset', 'reset', { window: { kind: 'rolling', days: 28 } }),
      ratioSlo('gap', 'gap'),
      ratioSlo('idle', 'idle', { window: { kind: 'rolling', days: 7 } }),
      ratioSlo('young', 'young'),
      ratioSlo('clean', 'clean'),
      makeSlo('lat3', { kind: 'latency', histogram: 'slofx_latency_seconds', threshold: 0.25, matchers: ['case="lat3"'] }),
      ratioSlo('month', 'steady', { window: { kind: 'calendar-month', timeZone: 'America/New_York' } }),
    ];
    for (const t of [slo.endS, slo.endS - 16 * HOUR_S]) expect(await compare(prom, PRESETS['otel-http'], slos, t * 1000)).toBeGreaterThan(60);
  });

  it.each(['otel-http', 'service-graph', 'istio'] as const)('agree for availability SLOs from the %s profile', async (kind) => {
    const prom = createPrometheusSource({ url: main.promUrl, timeoutMs: 30_000 });
    const slos = [
      ...FLEET.services.map((s, i) => makeSlo(`svc-${i}`, { kind: 'service-availability' }, { service: s.name, objective: 0.999 })),
      ...FLEET.edges.map((e, i) => makeSlo(`edge-${i}`, { kind: 'edge-availability', source: e.client }, { service: e.server })),
    ];
    expect(await compare(prom, PRESETS[kind], slos, main.fixtureEndS * 1000)).toBeGreaterThan(50);
  });
});
