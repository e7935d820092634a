import { describe, expect, it } from 'vitest';
import type { Health } from '../schemas/services';
import { edgeId, type TopologyEdge, type TopologyNode } from '../schemas/topology';
import { aggregateGroups, filterGraph, focus, groupNodeId, searchNodes, subgraph, worstHealth } from './graph-ops';

const node = (id: string, group: string | null, health: Health, rps: number | null, errorRatio: number | null, p95: number | null = 0.1): TopologyNode => ({
  id,
  kind: group === null ? 'external' : 'service',
  group,
  instances: group === null ? 0 : 2,
  inRegistry: group !== null,
  inMetrics: true,
  health,
  rps,
  errorRatio,
  p50: p95 === null ? null : p95 / 2,
  p95,
  p99: p95 === null ? null : p95 * 2,
});
const edge = (source: string, target: string, health: Health, rps: number | null, errorRatio: number | null, traffic = true): TopologyEdge => ({
  id: edgeId(source, target),
  source,
  target,
  health,
  traffic,
  rps,
  errorRatio,
  p50: 0.01,
  p95: 0.05,
  p99: 0.1,
});

//   ext → web → api → auth → db
//               api → db, api → cache (no traffic)
const graph = {
  nodes: [
    node('web', 'front', 'healthy', 100, 0.001),
    node('api', 'core', 'warning', 80, 0.02, 0.6),
    node('auth', 'core', 'healthy', 40, 0),
    node('db', 'data', 'critical', 60, 0.1, 2.5),
    node('cache', 'data', 'idle', 0, null, null),
    node('ext', null, 'unknown', null, null, null),
  ],
  edges: [
    edge('web', 'api', 'warning', 80, 0.02),
    edge('api', 'auth', 'healthy', 40, 0),
    edge('api', 'db', 'critical', 60, 0.1),
    edge('auth', 'db', 'healthy', 10, 0),
    edge('api', 'cache', 'idle', 0, null, false),
    edge('ext', 'web', 'healthy', 5, 0),
  ],
};
const ids = (...pairs: Array<[string, string]>) => new Set(pairs.map(([s, t]) => edgeId(s, t)));

describe('focus', () => {
  it('takes one hop each way', () => {
    const f = focus(graph, 'api', 1, 1);
    expect(f.nodes).toEqual(new Set(['api', 'web', 'auth', 'db', 'cache']));
    expect(f.edges).toEqual(ids(['web', 'api'], ['api', 'auth'], ['api', 'db'], ['api', 'cache']));
  });
  it('walks two hops upstream only, through every path', () => {
    const f = focus(graph, 'db', 2, 0);
    expect(f.nodes).toEqual(new Set(['db', 'api', 'auth', 'web']));
    expect(f.edges).toEqual(ids(['api', 'db'], ['auth', 'db'], ['web', 'api'], ['api', 'auth']));
  });
  it('follows everything downstream with Infinity, nothing upstream with 0', () => {
    const f = focus(graph, 'web', 0, Infinity);
    expect(f.nodes).toEqual(new Set(['web', 'api', 'auth', 'db', 'cache']));
    expect(f.edges).toEqual(ids(['web', 'api'], ['api', 'auth'], ['api', 'db'], ['api', 'cache'], ['auth', 'db']));
  });
  it('survives cycles and selects nothing for an unknown id', () => {
    const cyclic = { nodes: [{ id: 'a' }, { id: 'b' }], edges: [{ id: 'ab', source: 'a', target: 'b' }, { id: 'ba', source: 'b', target: 'a' }] };
    expect(focus(cyclic, 'a', Infinity, Infinity)).toEqual({ nodes: new Set(['a', 'b']), edges: new Set(['ab', 'ba']) });
    expect(focus(graph, 'nope', 3, 3)).toEqual({ nodes: new Set(), edges: new Set() });
  });
});

describe('filterGraph', () => {
  it('only unhealthy: warning/critical nodes and edges, the callers of a failing call as context', () => {
    const f = filterGraph(graph, { unhealthyOnly: true });
    expect(f.nodes).toEqual(new Set(['api', 'db', 'web']));
    expect(f.edges).toEqual(ids(['web', 'api'], ['api', 'db']));
    expect(f.context).toEqual(new Set(['web']));
  });
  it('only errors: error ratio above zero', () => {
    const f = filterGraph(graph, { errorsOnly: true });
    expect(f.nodes).toEqual(new Set(['web', 'api', 'db']));
    expect(f.edges).toEqual(ids(['web', 'api'], ['api', 'db']));
    expect(f.context).toEqual(new Set());
  });
  it('min rps judges nodes and edges on their own rate', () => {
    const f = filterGraph(graph, { minRps: 50 });
    expect(f.nodes).toEqual(new Set(['web', 'api', 'db']));
    expect(f.edges).toEqual(ids(['web', 'api'], ['api', 'db']));
  });
  it('groups keep calls into and out of the group, with the peers as context', () => {
    const f = filterGraph(graph, { groups: ['data'] });
    expect(f.nodes).toEqual(new Set(['db', 'cache', 'api', 'auth']));
    expect(f.edges).toEqual(ids(['api', 'db'], ['auth', 'db'], ['api', 'cache']));
    expect(f.context).toEqual(new Set(['api', 'auth']));
    expect(filterGraph(graph, { groups: [null] }).nodes).toEqual(new Set(['ext', 'web']));
  });
  it('combines criteria, and an empty filter keeps everything', () => {
    const f = filterGraph(graph, { groups: ['core'], minRps: 50 });
    expect(f.nodes).toEqual(new Set(['api', 'web', 'db']));
    expect(f.edges).toEqual(ids(['web', 'api'], ['api', 'db']));
    const all = filterGraph(graph, {});
    expect(all.nodes.size).toBe(6);
    expect(all.edges.size).toBe(6);
    expect(subgraph(graph, f).nodes.map((n) => n.id)).toEqual(['web', 'api', 'db']);
  });
});

describe('worstHealth', () => {
  it('ranks critical > warning > healthy > unknown > idle', () => {
    expect(worstHealth(['healthy', 'critical', 'warning'])).toBe('critical');
    expect(worstHealth(['healthy', 'unknown', 'idle'])).toBe('healthy');
    expect(worstHealth(['idle', 'unknown'])).toBe('unknown');
    expect(worstHealth(['idle'])).toBe('idle');
    expect(worstHealth([])).toBe('unknown');
  });
});

describe('aggregateGroups', () => {
  it('folds every group into one node with summed rate and worst health', () => {
    const a = aggregateGroups(graph, 'all');
    const byId = new Map(a.nodes.map((n) => [n.id, n]));
    expect([...byId.keys()]).toEqual([groupNodeId('front'), groupNodeId('core'), groupNodeId('data'), groupNodeId(null)]);
    const core = byId.get('group:core')!;
    expect(core).toMatchObject({ kind: 'group', group: 'core', members: 2, rps: 120, health: 'warning', instances: 4, p95: 0.6, inRegistry: true });
    expect(core.errorRatio).toBeCloseTo((80 * 0.02) / 120, 12);
    expect(byId.get('group:data')).toMatchObject({ members: 2, rps: 60, errorRatio: 0.1, health: 'critical', p95: 2.5 });
    expect(byId.get('group:')).toMatchObject({ members: 1, rps: null, errorRatio: null, health: 'unknown', inRegistry: false });

    const edges = new Map(a.edges.map((e) => [e.id, e]));
    // api→auth is inside core: gone. api→db, api→cache and auth→db all become core→data.
    expect([...edges.keys()].sort()).toEqual([edgeId('group:', 'group:front'), edgeId('group:core', 'group:data'), edgeId('group:front', 'group:core')].sort());
    const coreData = edges.get(edgeId('group:core', 'group:data'))!;
    expect(coreData).toMatchObject({ source: 'group:core', target: 'group:data', members: 3, rps: 70, health: 'critical', traffic: true });
    expect(coreData.errorRatio).toBeCloseTo(6 / 70, 12);
    expect(edges.get(edgeId('group:front', 'group:core'))).toMatchObject({ members: 1, rps: 80, health: 'warning' });
  });
  it('collapses only the listed groups and leaves the rest untouched', () => {
    const a = aggregateGroups(graph, ['data']);
    expect(a.nodes.map((n) => n.id)).toEqual(['web', 'api', 'auth', 'group:data', 'ext']);
    expect(a.nodes.find((n) => n.id === 'api')).toEqual({ ...graph.nodes[1], members: 1 });
    const edges = new Map(a.edges.map((e) => [e.id, e]));
    expect([...edges.keys()].sort()).toEqual(
      [edgeId('web', 'api'), edgeId('api', 'auth'), edgeId('api', 'group:data'), edgeId('auth', 'group:data'), edgeId('ext', 'web')].sort(),
    );
    expect(edges.get(edgeId('api', 'group:data'))).toMatchObject({ members: 2, rps: 60, errorRatio: 0.1, health: 'critical', traffic: true });
    expect(edges.get(edgeId('auth', 'group:data'))).toMatchObject({ members: 1, rps: 10, errorRatio: 0 });
    expect(edges.get(edgeId('web', 'api'))).toEqual({ ...graph.edges[0], members: 1 });
  });
});

describe('searchNodes', () => {
  const nodes = ['payments', 'checkout-payments', 'pay-gw', 'repayment', 'Paypal-adapter', 'orders'].map((id) => ({ id }));
  it('ranks prefix, then word start, then substring, case-insensitively', () => {
    const hits = searchNodes(nodes, '  PAY ');
    expect(hits.map((h) => h.node.id)).toEqual(['pay-gw', 'payments', 'Paypal-adapter', 'checkout-payments', 'repayment']);
    expect(hits.map((h) => [h.kind, h.start])).toEqual([['prefix', 0], ['prefix', 0], ['prefix', 0], ['word', 9], ['substring', 2]]);
  });
  it('returns the top N and nothing for an empty or unmatched query', () => {
    expect(searchNodes(nodes, 'pay', 2).map((h) => h.node.id)).toEqual(['pay-gw', 'payments']);
    expect(searchNodes(nodes, ' ')).toEqual([]);
    expect(searchNodes(nodes, 'xyz')).toEqual([]);
  });
});
