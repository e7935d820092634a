import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { SwitchyardConfig } from '@/lib/schemas/config';
import { TopologyResponse } from '@/lib/schemas/topology';
import { buildContainer, type Container } from '@/server/container';
import { FLEET, expectedErrorRatio } from '@/server/testing/fixture-history';
import { buildTopology } from '../build-topology';

const { promUrl, fixtureEndS } = inject('stack');
const T = fixtureEndS * 1000;
const WINDOW = { from: String(T - 10 * 60_000), to: String(T) };
const dir = mkdtempSync(join(tmpdir(), 'switchyard-slo-badges-'));
const containers: Container[] = [];
afterAll(async () => {
  for (const c of containers) {
    await c.slos.close();
    await c.policies.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

// Two SLOs on payments (the worst decides its badge) and one on catalog, which never fails.
const SPECS = `apiVersion: switchyard/v1
kind: SLOList
slos:
  - { id: payments-availability, name: Payments availability, service: payments, objectivePercent: 99, window: 30d, indicator: { kind: service-availability } }
  - { id: payments-lenient, name: Payments lenient, service: payments, objectivePercent: 50, window: 30d, indicator: { kind: service-availability } }
  - { id: catalog-availability, name: Catalog availability, service: catalog, objectivePercent: 99.9, window: 30d, indicator: { kind: service-availability } }
`;

describe('SLO badges on the topology (real Prometheus, the fixture history)', () => {
  it('folds each service\u2019s SLOs into its node: worst alert state, lowest budget and which SLO it is', async () => {
    const file = join(dir, 'slos.yaml');
    writeFileSync(file, SPECS);
    const c = buildContainer(
      SwitchyardConfig.parse({ prometheus: { url: promUrl, scrapeIntervalS: 15 }, cache: { ttlMs: 0 }, profile: { kind: 'otel-http' }, slo: { paths: [file] }, policies: { store: 'file', dir: join(dir, 'policies') } }),
    );
    containers.push(c);
    const res = TopologyResponse.parse(await buildTopology(c, WINDOW, Date.now()));
    expect(res.errors).toEqual([]);
    const payments = FLEET.services.find((s) => s.name === 'payments')!;
    // The history is 3 h of constant rates, so every window's error ratio is the fixture's: 1/6 for
    // payments. Against 99 % that burns 16.7× in the 1 h and 5 m windows: above 14.4, a page.
    const ratio = expectedErrorRatio(payments);
    const budget = 1 - ratio / 0.01;
    const node = res.nodes.find((n) => n.id === 'payments');
    expect(node?.slo?.state).toBe('page');
    expect(node?.slo?.count).toBe(2);
    expect(node?.slo?.worstId).toBe('payments-availability');
    expect(Math.abs((node?.slo?.budgetRemaining ?? NaN) - budget) / Math.abs(budget)).toBeLessThan(1e-6);
    expect(res.nodes.find((n) => n.id === 'catalog')?.slo).toEqual({ state: 'ok', count: 1, budgetRemaining: 1, worstId: 'catalog-availability' });
    expect(res.nodes.find((n) => n.id === 'frontend')?.slo ?? null).toBeNull();
  });
});
