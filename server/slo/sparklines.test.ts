import 'server-only';
import { describe, expect, inject, it } from 'vitest';
import type { ProfileKind } from '@/lib/schemas/config';
import { PRESETS } from '@/server/profiles/presets';
import { ErrorList } from '@/server/services/source-errors';
import { createPrometheusSource } from '@/server/sources/prometheus/client';
import type { PrometheusSource } from '@/server/sources/prometheus/port';
import { edgeExpected, expectedServices, profileEdges } from '@/server/testing/expected-views';
import { FLEET } from '@/server/testing/fixture-history';
import { expectClose, makeSlo } from '@/server/testing/slo-expect';
import { SPARK_STEPS, budgetSparklines } from './sparklines';

/**
 * Budget sparklines of availability SLOs, grouped like the status queries (one `sum by` part per kind
 * for all of them), against the main fixture: 3 hours of constant rates ending at fixtureEndS, so every
 * point whose 30 steps hold data is 1 − errRate / (ok + err) / budget, and the older points are empty.
 */
const { promUrl, fixtureEndS } = inject('stack');
const T = fixtureEndS * 1000;
const DAY = { kind: 'rolling' as const, days: 1 };
const STEP_MS = (24 * 3_600_000) / SPARK_STEPS;
const prometheus = createPrometheusSource({ url: promUrl, timeoutMs: 20_000 });

function counting(): { prom: PrometheusSource; queries: string[] } {
  const queries: string[] = [];
  return { prom: { ...prometheus, range: (q, o) => (queries.push(q), prometheus.range(q, o)) }, queries };
}

describe.each(['otel-http', 'service-graph', 'istio'] as ProfileKind[])('availability sparklines with the %s profile', (kind) => {
  const profile = PRESETS[kind];
  const services = expectedServices(kind);
  const edges = profileEdges(kind);
  // More SLOs than services and edges: several SLOs share a service, with different objectives.
  const slos = [
    ...Array.from({ length: 12 }, (_, i) => makeSlo(`svc-${i}`, { kind: 'service-availability' }, { service: FLEET.services[i % FLEET.services.length]!.name, objective: [0.99, 0.995][i % 2], window: DAY })),
    ...Array.from({ length: 8 }, (_, i) => makeSlo(`edge-${i}`, { kind: 'edge-availability', source: edges[i % edges.length]!.client }, { service: edges[i % edges.length]!.server, objective: 0.995, window: DAY })),
  ];

  it('gives each SLO the budget of its service or edge, from one query for all of them', async () => {
    const { prom, queries } = counting();
    const errors = new ErrorList();
    const sparks = await budgetSparklines({ prometheus: prom, profile }, slos, T, errors);
    expect(errors.toArray()).toEqual([]);
    expect(queries).toHaveLength(1);
    // Two grouped parts (service, edge), each tagged bad / total: no per-SLO expression.
    expect(queries[0]!.split('label_replace(').length - 1).toBe(6);
    for (const slo of slos) {
      const ratio = slo.indicator.kind === 'edge-availability' ? edgeExpected(edges[Number(slo.id.split('-')[1]) % edges.length]!).errorRatio : services.get(slo.service)?.errorRatio;
      const points = sparks.get(slo.id);
      if (ratio === undefined) {
        expect(points, `${slo.id}: not a server in this schema`).toBeUndefined();
        continue;
      }
      expect(points, slo.id).toHaveLength(SPARK_STEPS + 1);
      // Steps of 48 minutes: the points at T, T − 48m, T − 96m, T − 144m have data (3 hours of it).
      points!.forEach(([t, v], i) => {
        expect(t).toBe(T - (SPARK_STEPS - i) * STEP_MS);
        if (i >= SPARK_STEPS - 3) expectClose(v, 1 - ratio / (1 - slo.objective), `${slo.id} at ${i}`);
        else expect(v, `${slo.id} at ${i}`).toBeNull();
      });
    }
  });
});
