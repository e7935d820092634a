import { describe, expect, it } from 'vitest';
import type { TopologyEdge, TopologyNode } from '../schemas/topology';
import { combinedRateLimit, worstBreaker, worstSlo } from './badges';
import { aggregateGroups, groupNodeId } from './graph-ops';

const node = (id: string, group: string, over: Partial<TopologyNode> = {}): TopologyNode => ({
  id, kind: 'service', group, instances: 1, inRegistry: true, inMetrics: true, health: 'healthy', rps: 1, errorRatio: 0, p50: 0.01, p95: 0.02, p99: 0.03, ...over,
});
const edge = (source: string, target: string, over: Partial<TopologyEdge> = {}): TopologyEdge => ({
  id: `${source}\u2192${target}`, source, target, health: 'healthy', traffic: true, rps: 1, errorRatio: 0, p50: 0.01, p95: 0.02, p99: 0.03, ...over,
});

describe('badge combination', () => {
  it('takes the worst SLO state, the total count and the lowest budget with its SLO', () => {
    expect(worstSlo([null, undefined])).toBeNull();
    expect(
      worstSlo([
        { state: 'ok', count: 1, budgetRemaining: 0.8, worstId: 'a' },
        { state: 'ticket', count: 2, budgetRemaining: 0.3, worstId: 'b' },
        { state: 'no-data', count: 1, budgetRemaining: null, worstId: 'c' },
      ]),
    ).toEqual({ state: 'ticket', count: 4, budgetRemaining: 0.3, worstId: 'b' });
  });

  it('takes the worst breaker and sums what was short-circuited', () => {
    expect(
      worstBreaker([
        { state: 'closed', mode: 'auto', rejectedRps: 0 },
        { state: 'open', mode: 'force-open', rejectedRps: 2 },
        { state: 'half-open', mode: 'auto', rejectedRps: null },
      ]),
    ).toEqual({ state: 'open', mode: 'force-open', rejectedRps: 2 });
  });

  it('sums limits, global if any is', () => {
    expect(combinedRateLimit([{ ratePerSecond: 10, scope: 'instance', rejectedRps: 1 }, null, { ratePerSecond: 5, scope: 'global', rejectedRps: null }])).toEqual({ ratePerSecond: 15, scope: 'global', rejectedRps: 1 });
  });

  it('carries members\u2019 badges onto a collapsed group and merged calls', () => {
    const graph = {
      nodes: [node('a1', 'a', { slo: { state: 'page', count: 1, budgetRemaining: -0.1, worstId: 'a1-slo' } }), node('a2', 'a'), node('b1', 'b'), node('b2', 'b')],
      edges: [edge('a1', 'b1', { breaker: { state: 'open', mode: 'auto', rejectedRps: 3 } }), edge('a2', 'b2')],
    };
    const folded = aggregateGroups(graph, ['a', 'b']);
    const ga = folded.nodes.find((n) => n.id === groupNodeId('a'));
    expect(ga?.slo).toEqual({ state: 'page', count: 1, budgetRemaining: -0.1, worstId: 'a1-slo' });
    expect(folded.nodes.find((n) => n.id === groupNodeId('b'))?.slo).toBeNull();
    expect(folded.edges).toHaveLength(1);
    expect(folded.edges[0]?.breaker).toEqual({ state: 'open', mode: 'auto', rejectedRps: 3 });
  });
});
