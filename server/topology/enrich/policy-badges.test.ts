import { afterAll, describe, expect, inject, it } from 'vitest';
import { TopologyResponse, edgeId } from '@/lib/schemas/topology';
import type { Container } from '@/server/container';
import { POLICY_FIXTURE } from '@/server/testing/fixture-history';
import { relClose, viewContainer } from '@/server/testing/view-container';
import { buildTopology } from '../build-topology';
import { breakerStates } from './policy-badges';

const { promUrl, fixtureEndS } = inject('stack');
const T = fixtureEndS * 1000;
const WINDOW = { from: String(T - 10 * 60_000), to: String(T) };
const containers: Container[] = [];
afterAll(async () => {
  await Promise.all(containers.map((c) => c.registry?.close()));
});

describe('policy badges on the topology (real Prometheus, the fixture history)', () => {
  it('marks the open breaker on checkout → payments with what it sheds, and catalog\u2019s rate limit rejections', async () => {
    const { c, queries } = viewContainer({ promUrl, kind: 'otel-http' });
    containers.push(c);
    const res = TopologyResponse.parse(await buildTopology(c, WINDOW, Date.now()));
    expect(res.errors).toEqual([]);
    const { breaker } = POLICY_FIXTURE;
    const e = res.edges.find((x) => x.id === edgeId(breaker.source, breaker.target));
    expect(e?.breaker?.state).toBe('open');
    // No policy store in this container: the mode is unknown; the state is what the caller reports.
    expect(e?.breaker?.mode).toBeNull();
    expect(relClose(e?.breaker?.rejectedRps, breaker.rejectedPerSecond), `rejected ${e?.breaker?.rejectedRps}`).toBe(true);
    // Every other call has no breaker badge, and no node has a rate-limit badge without a policy.
    expect(res.edges.filter((x) => x.breaker).map((x) => x.id)).toEqual([e?.id]);
    expect(res.nodes.filter((n) => n.rateLimit)).toEqual([]);
    // Three policy-state queries, whatever the fleet size.
    expect(queries.filter((q) => q.includes('switchyard_'))).toHaveLength(3);
  });

  it('folds instances: the worst state any caller reports wins', () => {
    const s = (state: string, source = 'a', target = 'b') => ({ labels: { source, target, state }, value: 1 });
    const m = breakerStates([s('closed'), s('half-open'), s('closed', 'a', 'c'), s('open', 'x', 'y'), s('bogus', 'a', 'd'), { labels: { state: 'open' }, value: 1 }, s('open', '', 'cart')]);
    expect([...m.entries()]).toEqual([
      [edgeId('a', 'b'), 'half-open'],
      [edgeId('a', 'c'), 'closed'],
      [edgeId('x', 'y'), 'open'],
      // an inbound breaker (no source) belongs to the service
      ['cart', 'open'],
    ]);
  });
});
