import 'server-only';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Policy, PolicySpec } from '@/lib/schemas/policy';
import { expectedErrorRatio, expectedQuantile, FLEET } from '@/server/testing/fixture-history';
import { registryFile, removeRegistryFiles, viewContainer } from '@/server/testing/view-container';
import { rolloutStatus } from './rollout';

/**
 * Rollout status on the fixture Prometheus, whose instances report no policy metrics: the registry's
 * instances show as not converged (stuck once the write is older than the timeout), and a canary's
 * RED numbers split by instance. The live convergence of real instances is rollout.fleet.test.ts.
 */
const stack = inject('stack');
const END_MS = stack.fixtureEndS * 1000;
afterAll(() => removeRegistryFiles());

const frontend = FLEET.services.find((s) => s.name === 'frontend')!;
const [addr1, addr2] = frontend.instances as [string, string];
const spec = PolicySpec.parse({ target: { kind: 'service', service: 'frontend' }, rateLimit: { ratePerSecond: 5, burst: 5 } });
const policy = (ageMs: number, rollout: unknown): Policy =>
  Policy.parse({ id: 'service:frontend', spec, version: 3, revision: 40, updatedAt: new Date(END_MS - ageMs).toISOString(), updatedBy: 'alice', reason: 'test', rollout });
const canary = { stage: 'canary', instances: ['frontend-1'], baseVersion: 2, baseSpec: spec };

function container() {
  const file = registryFile([{ name: 'frontend', instances: [{ id: 'frontend-1', address: addr1 }, { id: 'frontend-2', address: addr2 }] }]);
  return viewContainer({ promUrl: stack.promUrl, kind: 'otel-http', registry: { kind: 'static', file } });
}

describe('rolloutStatus', () => {
  it('lists the registry’s instances that report nothing as not converged, stuck after the timeout', async () => {
    const { c } = container();
    const r = await rolloutStatus(c, policy(60_000, canary), END_MS);
    expect(r.timeoutMs).toBe(30_000);
    expect(r.instances).toEqual([
      { service: 'frontend', instance: addr1, instanceId: 'frontend-1', revision: null, version: null, targeted: true, converged: false, stuck: true },
      { service: 'frontend', instance: addr2, instanceId: 'frontend-2', revision: null, version: null, targeted: false, converged: false, stuck: true },
    ]);
    expect(r.done).toBe(false);
    expect(r.errors).toEqual([]);

    const young = await rolloutStatus(c, policy(10_000, canary), END_MS);
    expect(young.instances.map((i) => i.stuck)).toEqual([false, false]);
  });

  it('compares the canary’s instances with the rest: each half of frontend’s traffic, same error ratio and p95', async () => {
    const { c, queries } = container();
    const r = await rolloutStatus(c, policy(10_000, canary), END_MS);
    const half = (frontend.okRate + frontend.errRate) / frontend.instances.length;
    for (const g of [r.comparison!.canary, r.comparison!.rest]) {
      expect(g.rps).toBeCloseTo(half, 9);
      expect(g.errorRatio).toBeCloseTo(expectedErrorRatio(frontend), 9);
      expect(g.p95).toBeCloseTo(expectedQuantile(0.95, frontend.latency), 9);
    }
    // revision, version, then rate, errors, buckets by instance
    expect(queries).toHaveLength(5);
  });

  it('has no comparison for a rollout to all', async () => {
    const { c, queries } = container();
    const r = await rolloutStatus(c, policy(10_000, { stage: 'all' }), END_MS);
    expect(r.comparison).toBeNull();
    expect(r.instances.every((i) => i.targeted)).toBe(true);
    expect(queries).toHaveLength(2);
  });
});
