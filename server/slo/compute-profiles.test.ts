import 'server-only';
import { describe, expect, inject, it } from 'vitest';
import type { ProfileKind } from '@/lib/schemas/config';
import { PRESETS } from '@/server/profiles/presets';
import { createPrometheusSource } from '@/server/sources/prometheus/client';
import type { PrometheusSource } from '@/server/sources/prometheus/port';
import { edgeExpected, expectedServices, profileEdges } from '@/server/testing/expected-views';
import { FLEET } from '@/server/testing/fixture-history';
import { expectClose, makeSlo } from '@/server/testing/slo-expect';
import { computeSloStatus } from './compute';

/**
 * Availability SLOs from the metric profile, against the main fixture (3 hours of constant rates ending
 * at fixtureEndS, counters from 0): every window's error ratio is the fleet's errRate / (ok + err).
 */
const { promUrl, fixtureEndS } = inject('stack');
const T = fixtureEndS * 1000;
const PROFILES: ProfileKind[] = ['otel-http', 'service-graph', 'istio'];
const prometheus = createPrometheusSource({ url: promUrl, timeoutMs: 20_000 });

describe.each(PROFILES)('availability SLOs with the %s profile', (kind) => {
  const deps = { prometheus, profile: PRESETS[kind] };

  it('computes service availability exactly, escaping hostile names', async () => {
    const expected = expectedServices(kind);
    const names = FLEET.services.map((s) => s.name);
    const slos = names.map((name, i) => makeSlo(`svc-${i}`, { kind: 'service-availability' }, { service: name, objective: 0.995, window: { kind: 'rolling', days: 1 } }));
    const res = await computeSloStatus(deps, slos, T);
    expect(res.errors).toEqual([]);
    res.slos.forEach((st, i) => {
      const e = expected.get(names[i]!);
      if (!e) {
        // Not a server in this schema (the service-graph fleet never calls the hostile service).
        expect(st.sli, names[i]).toBeNull();
        expect(st.coverage, names[i]).toBe(0);
        return;
      }
      expectClose(st.sli, 1 - e.errorRatio, `${names[i]} SLI`);
      for (const w of ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const) expectClose(st.burnRates[w], e.errorRatio / 0.005, `${names[i]} burn ${w}`);
      expectClose(st.budgetRemaining, 1 - e.errorRatio / 0.005, `${names[i]} budget`);
      // 3 hours of data in a 1-day window, in hourly coverage steps.
      expectClose(st.coverage, 3 / 24, `${names[i]} coverage`);
    });
  });

  it('computes 500 availability SLOs with 1 + 9 queries, one small `sum by` per kind', async () => {
    const expected = expectedServices(kind);
    const edges = profileEdges(kind);
    const objectives = [0.99, 0.995, 0.999, 0.9995];
    const slos = Array.from({ length: 500 }, (_, i) =>
      i % 2 === 0
        ? makeSlo(`svc-${i}`, { kind: 'service-availability' }, { service: FLEET.services[i % FLEET.services.length]!.name, objective: objectives[i % 4] })
        : makeSlo(`edge-${i}`, { kind: 'edge-availability', source: edges[i % edges.length]!.client }, { service: edges[i % edges.length]!.server, objective: objectives[i % 4] }),
    );
    const queries: string[] = [];
    const counting: PrometheusSource = { ...prometheus, instant: (q, o) => (queries.push(q), prometheus.instant(q, o)), range: (q, o) => (queries.push(q), prometheus.range(q, o)) };
    const res = await computeSloStatus({ ...deps, prometheus: counting }, slos, T);
    expect(res.errors).toEqual([]);
    // The read of the recorded ratios (none here: it names the SLO ids), then the raw queries.
    expect(queries).toHaveLength(1 + 9);
    const isRecordsRead = (q: string) => q.startsWith('{__name__=~"slo:sli_error:ratio_rate');
    expect(queries.filter(isRecordsRead)).toHaveLength(1);
    // The grouped parts name each service once: the body does not grow with the number of SLOs.
    for (const q of queries.filter((x) => !isRecordsRead(x))) expect(q.length).toBeLessThan(3000);
    res.slos.forEach((st, i) => {
      const obj = objectives[i % 4]!;
      const ratio = i % 2 === 0 ? (expected.get(FLEET.services[i % FLEET.services.length]!.name)?.errorRatio ?? null) : edgeExpected(edges[i % edges.length]!).errorRatio;
      expectClose(st.burnRates['1h'], ratio === null ? null : ratio / (1 - obj), `${st.id} 1h burn`);
      expectClose(st.budgetRemaining, ratio === null ? null : 1 - ratio / (1 - obj), `${st.id} budget`);
    });
  });

  it('counts data younger than one coverage step: 3 hours in a 30-day window are 1 of 30 day-steps', async () => {
    const slo = makeSlo('young', { kind: 'service-availability' }, { service: 'checkout' }); // a server in all three schemas
    const [st] = (await computeSloStatus(deps, [slo], T)).slos;
    expectClose(st!.coverage, 1 / 30, 'coverage');
    expectClose(st!.sli, 1 - expectedServices(kind).get('checkout')!.errorRatio, 'SLI over the 3 hours that exist');
  });

  it('computes edge availability exactly', async () => {
    const edges = profileEdges(kind);
    const slos = edges.map((e, i) => makeSlo(`edge-${i}`, { kind: 'edge-availability', source: e.client }, { service: e.server, objective: 0.99 }));
    const res = await computeSloStatus(deps, slos, T);
    expect(res.errors).toEqual([]);
    res.slos.forEach((st, i) => {
      const e = edgeExpected(edges[i]!);
      expectClose(st.sli, 1 - e.errorRatio, `${edges[i]!.client}→${edges[i]!.server} SLI`);
      expectClose(st.burnRates['1h'], e.errorRatio / 0.01, `${edges[i]!.client}→${edges[i]!.server} 1h burn`);
    });
  });
});
