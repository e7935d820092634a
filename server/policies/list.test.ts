import 'server-only';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { PolicySpec } from '@/lib/schemas/policy';
import type { Container } from '@/server/container';
import { POLICY_FIXTURE } from '@/server/testing/fixture-history';
import { removeRegistryFiles, viewContainer } from '@/server/testing/view-container';
import { listPolicies } from './list';

/** The list with live state from the fixture's policy metrics (fixture-history.ts POLICY_FIXTURE). */
const stack = inject('stack');
const END_MS = stack.fixtureEndS * 1000;
const open: Container[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.policies.close();
});
afterAll(() => removeRegistryFiles());

function container(promUrl = stack.promUrl) {
  const made = viewContainer({ promUrl, kind: 'otel-http' });
  open.push(made.c);
  return made;
}

const write = (c: Container, spec: unknown) => {
  const s = PolicySpec.parse(spec);
  const id = s.target.kind === 'service' ? `service:${s.target.service}` : `edge:${s.target.source}>${s.target.target}`;
  return c.policies.write(id, { spec: s, expectedVersion: 0, reason: 'for the list test' }, 'alice');
};

describe('listPolicies', () => {
  it('joins every policy with the state and rejection rates its instances report, in three queries', async () => {
    const { c, queries } = container();
    const { breaker, limited } = POLICY_FIXTURE;
    await write(c, { target: { kind: 'edge', source: breaker.source, target: breaker.target }, circuitBreaker: {} });
    await write(c, { target: { kind: 'service', service: limited.service }, rateLimit: { ratePerSecond: 4, burst: 4 } });
    const quiet = await write(c, { target: { kind: 'service', service: 'frontend' }, circuitBreaker: {} });
    await c.policies.remove(quiet.id, 1, 'gone', 'alice');
    await write(c, { target: { kind: 'edge', source: 'frontend', target: 'catalog' }, circuitBreaker: {}, rateLimit: { ratePerSecond: 4, burst: 4 } });

    const r = await listPolicies(c, END_MS);
    expect(r.errors).toEqual([]);
    expect(r.store).toBe('policies:file');
    expect(r.policies.map((p) => [p.id, p.deleted])).toEqual([
      ['edge:checkout>payments', false],
      ['edge:frontend>catalog', false],
      ['service:catalog', false],
      ['service:frontend', true],
    ]);
    expect(r.live).toEqual({
      'edge:checkout>payments': { breaker: 'open', breakerRejectedRps: breaker.rejectedPerSecond, rateLimitRejectedRps: null },
      // Configured but nothing reported: no state yet, nothing shed.
      'edge:frontend>catalog': { breaker: null, breakerRejectedRps: 0, rateLimitRejectedRps: 0 },
      'service:catalog': { breaker: null, breakerRejectedRps: null, rateLimitRejectedRps: limited.rejectedPerSecond },
      'service:frontend': { breaker: null, breakerRejectedRps: null, rateLimitRejectedRps: null },
    });
    expect(queries).toHaveLength(3);
  });

  it('answers the policies without live state when Prometheus is down, naming it', async () => {
    const { c } = container('http://127.0.0.1:9');
    await write(c, { target: { kind: 'service', service: 'cart' }, circuitBreaker: {} });
    const r = await listPolicies(c, END_MS);
    expect(r.policies).toHaveLength(1);
    expect(r.live).toEqual({});
    expect(r.errors.map((e) => e.source)).toEqual(['prometheus']);
  });
});
