import { describe, expect, inject, it } from 'vitest';
import { edgeId } from '@/lib/schemas/topology';
import { buildTopology } from '@/server/topology/build-topology';
import { DEFAULT_THRESHOLDS, edgeExpected, expectedHealth, expectedServices, type HandThresholds } from '@/server/testing/expected-views';
import { FLEET } from '@/server/testing/fixture-history';
import { viewContainer } from '@/server/testing/view-container';
import { listServices } from './list-services';
import { serviceDetail } from './service-detail';

const { promUrl, fixtureEndS } = inject('stack');
const T = fixtureEndS * 1000;
const WINDOW = { from: String(T - 10 * 60_000), to: String(T) };

/**
 * Per-service thresholds on the real fixture (otel-http). payments fails one request in six (16.7 %),
 * checkout one in 201 (0.5 %), catalog never, with a p95 of 40.6 ms. The overrides below move each of
 * them to another colour; the same rules, written out by hand in HAND, give the expected colours.
 */
const OVERRIDES = [
  { match: 'pay*', errorRatioWarning: 0.1, errorRatioCritical: 0.2 },
  { match: '/^check/', errorRatioWarning: 0.01 },
  { match: 'catalog', p95WarningS: 0.04 },
  // Never reached for payments: the first match wins.
  { match: 'payments', errorRatioCritical: 0.01 },
];
const HAND: Record<string, HandThresholds> = {
  payments: { ...DEFAULT_THRESHOLDS, errorWarn: 0.1, errorCrit: 0.2 },
  checkout: { ...DEFAULT_THRESHOLDS, errorWarn: 0.01 },
  catalog: { ...DEFAULT_THRESHOLDS, p95Warn: 0.04 },
};
const handFor = (name: string) => HAND[name] ?? DEFAULT_THRESHOLDS;

describe('health thresholds configured per service by pattern', () => {
  const expected = expectedServices('otel-http');
  const plain = viewContainer({ promUrl, kind: 'otel-http' }).c;
  const tuned = viewContainer({ promUrl, kind: 'otel-http', health: { overrides: OVERRIDES } }).c;

  it('changes exactly the matching services in the services view', async () => {
    const [before, after] = await Promise.all([listServices(plain, WINDOW, Date.now()), listServices(tuned, WINDOW, Date.now())]);
    const health = (res: typeof before) => Object.fromEntries(res.services.map((s) => [s.name, s.health]));
    // By hand: default thresholds, then each service's own.
    for (const [name, e] of expected) {
      expect(health(before)[name], `${name} by default`).toBe(expectedHealth(e));
      expect(health(after)[name], `${name} with overrides`).toBe(expectedHealth(e, handFor(name)));
    }
    // The same, spelled out.
    expect(health(before)).toMatchObject({ payments: 'critical', checkout: 'warning', catalog: 'healthy', frontend: 'warning' });
    expect(health(after)).toMatchObject({ payments: 'warning', checkout: 'healthy', catalog: 'warning', frontend: 'warning' });
    // Only health moved: the numbers are the same.
    expect(after.services.map(({ health: _h, ...s }) => s)).toEqual(before.services.map(({ health: _h, ...s }) => s));
  });

  it('applies to the service page and to the topology, edges graded with their callee’s thresholds', async () => {
    const detail = await serviceDetail(tuned, 'payments', WINDOW, Date.now());
    expect(detail.service.health).toBe('warning');

    const topo = await buildTopology(tuned, WINDOW, Date.now());
    expect(topo.errors).toEqual([]);
    for (const [name, e] of expected) expect(topo.nodes.find((n) => n.id === name)?.health, name).toBe(expectedHealth(e, handFor(name)));
    for (const x of FLEET.edges) {
      const edge = topo.edges.find((y) => y.id === edgeId(x.client, x.server));
      expect(edge?.health, `${x.client} → ${x.server}`).toBe(expectedHealth(edgeExpected(x), handFor(x.server)));
    }
    const byId = Object.fromEntries(topo.edges.map((e) => [e.id, e.health]));
    // checkout → payments fails 16.7 %: critical by default, warning under payments' own thresholds.
    expect(byId).toEqual({ 'checkout\u2192payments': 'warning', 'frontend\u2192checkout': 'healthy', 'frontend\u2192catalog': 'warning' });
  });
});
