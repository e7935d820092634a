import { describe, expect, it } from 'vitest';
import type { Health } from '@/lib/schemas/services';
import type { TopologyEdge, TopologyNode, TopologyResponse } from '@/lib/schemas/topology';
import { DEFAULT_TOPOLOGY_VIEW, type TopologyViewState } from '@/lib/query/topology-params';
import { groupNodeId } from '@/lib/topology/graph-ops';
import { UNGROUPED_KEY } from '@/lib/topology/layout-cache';
import { buildMapModel, COLLAPSE_AT, mapSummary, resolveSelection, searchMatches } from './map-model';

const node = (id: string, group: string | null, health: Health = 'healthy', rps = 10, errorRatio = 0): TopologyNode => ({
  id,
  kind: 'service',
  group,
  instances: 1,
  inRegistry: true,
  inMetrics: true,
  health,
  rps,
  errorRatio,
  p50: 0.01,
  p95: 0.05,
  p99: 0.1,
});
const edge = (source: string, target: string, health: Health = 'healthy', errorRatio = 0): TopologyEdge => ({
  id: `${source}\u2192${target}`,
  source,
  target,
  health,
  traffic: true,
  rps: 5,
  errorRatio,
  p50: 0.01,
  p95: 0.05,
  p99: 0.1,
});

/** The demo fleet's shape. */
const demo: TopologyResponse = {
  nodes: [
    node('cart', 'checkout'),
    node('catalog', 'discovery'),
    node('checkout', 'checkout'),
    node('email', 'growth', 'idle', 0),
    node('gateway', 'edge'),
    node('inventory', 'fulfilment'),
    node('payments', 'payments', 'critical', 2, 0.5),
    node('recommendations', 'discovery'),
    node('shipping', 'fulfilment'),
    node('users', 'identity'),
  ],
  edges: [
    edge('catalog', 'inventory'),
    edge('checkout', 'cart'),
    edge('checkout', 'inventory'),
    edge('checkout', 'payments', 'critical', 0.5),
    edge('checkout', 'shipping'),
    edge('gateway', 'cart'),
    edge('gateway', 'catalog'),
    edge('gateway', 'checkout'),
    edge('gateway', 'recommendations'),
    edge('gateway', 'users'),
    edge('recommendations', 'catalog'),
  ],
  groupBy: 'team',
  window: { startMs: 0, endMs: 1 },
  errors: [],
};

const view = (over: Partial<TopologyViewState> = {}): TopologyViewState => ({ ...DEFAULT_TOPOLOGY_VIEW, ...over });
const ids = (xs: ReadonlyArray<{ id: string }>) => xs.map((x) => x.id).sort();

describe('buildMapModel', () => {
  it('shows the whole fleet by default, expanded, with a layout input per service', () => {
    const m = buildMapModel(demo, view(), { kind: 'auto' });
    expect(m.services).toHaveLength(10);
    expect(m.calls).toHaveLength(11);
    expect(m.collapsed).toEqual([]);
    expect(m.layoutInput.nodes).toHaveLength(10);
    expect(m.layoutInput.collapsed).toEqual([]);
    expect(mapSummary(m)).toBe('Service topology: 10 services, 11 calls');
  });

  it('focus: one hop around payments is payments and checkout', () => {
    const m = buildMapModel(demo, view({ focus: 'payments' }), { kind: 'auto' });
    expect(ids(m.services)).toEqual(['checkout', 'payments']);
    expect(mapSummary(m)).toBe('Service topology: 2 services, 1 call');
    const two = buildMapModel(demo, view({ focus: 'payments', up: 2 }), { kind: 'auto' });
    expect(ids(two.services)).toEqual(['checkout', 'gateway', 'payments']);
  });

  it('a focus not in the window is said so', () => {
    const m = buildMapModel(demo, view({ focus: 'nope' }), { kind: 'auto' });
    expect(m.focusMissing).toBe(true);
    expect(m.services).toEqual([]);
  });

  it('filters keep the ends of a matching call as faint context', () => {
    const m = buildMapModel(demo, view({ filter: 'unhealthy' }), { kind: 'auto' });
    expect(ids(m.services)).toEqual(['checkout', 'payments']);
    expect([...m.context]).toEqual(['checkout']);
    expect(m.map.nodes.find((n) => n.id === 'checkout')?.context).toBe(true);
    const busy = buildMapModel(demo, view({ minRps: 5 }), { kind: 'auto' });
    expect(busy.services.map((n) => n.id)).not.toContain('email');
  });

  it('"only" one group keeps its services and, faint, the other ends of its calls; without grouping it does nothing', () => {
    const m = buildMapModel(demo, view({ groupBy: 'team', only: 'checkout' }), { kind: 'auto' });
    const inGroup = demo.nodes.filter((n) => n.group === 'checkout').map((n) => n.id);
    const neighbours = new Set(demo.edges.flatMap((e) => (inGroup.includes(e.source) ? [e.target] : inGroup.includes(e.target) ? [e.source] : [])).filter((id) => !inGroup.includes(id)));
    expect(ids(m.services)).toEqual([...new Set([...inGroup, ...neighbours])].sort());
    expect([...m.context].sort()).toEqual([...neighbours].sort());
    expect(m.calls.every((e) => inGroup.includes(e.source) || inGroup.includes(e.target))).toBe(true);
    expect(buildMapModel(demo, view({ only: 'checkout' }), { kind: 'auto' }).services).toHaveLength(demo.nodes.length);
  });

  it('collapses groups the user collapsed, into one node each, and tells the layout by group key', () => {
    const m = buildMapModel(demo, view(), { kind: 'manual', groupBy: 'team', collapsed: new Set(['checkout']) });
    expect(m.collapsed).toEqual(['checkout']);
    expect(m.layoutInput.collapsed).toEqual(['checkout']);
    const g = m.map.nodes.find((n) => n.id === groupNodeId('checkout'));
    expect(g).toMatchObject({ kind: 'group', label: 'checkout', members: 2, group: 'checkout' });
    expect(m.map.nodes.find((n) => n.id === 'cart')).toBeUndefined();
    // calls into the group are re-pointed at it, merged per pair
    expect(m.map.edges.find((e) => e.source === 'gateway' && e.target === groupNodeId('checkout'))?.count).toBe(2);
    expect(mapSummary(m)).toBe('Service topology: 10 services, 11 calls; 1 group collapsed');
  });

  it('a manual expansion for another grouping does not apply', () => {
    const m = buildMapModel(demo, view(), { kind: 'manual', groupBy: 'zone', collapsed: new Set(['checkout']) });
    expect(m.collapsed).toEqual([]);
  });

  it(`starts collapsed past ${COLLAPSE_AT} services when there are groups; the ungrouped bucket by its key`, () => {
    const nodes = Array.from({ length: COLLAPSE_AT + 1 }, (_, i) => node(`s${i}`, i % 3 === 0 ? null : `g${i % 3}`));
    const big: TopologyResponse = { ...demo, nodes, edges: [edge('s1', 's2')] };
    const m = buildMapModel(big, view(), { kind: 'auto' });
    expect(m.autoCollapsed).toBe(true);
    expect(m.map.nodes).toHaveLength(3);
    expect([...(m.layoutInput.collapsed ?? [])].sort()).toEqual([UNGROUPED_KEY, 'g1', 'g2'].sort());
    const flat = buildMapModel({ ...big, nodes: nodes.map((n) => ({ ...n, group: null })) }, view(), { kind: 'auto' });
    expect(flat.autoCollapsed).toBe(false);
  });
});

describe('selection and search', () => {
  it('a node comes with its callers and callees, an edge with its ends', () => {
    const s = resolveSelection(demo, 'checkout');
    expect(s.kind).toBe('node');
    if (s.kind === 'node') {
      expect(s.callers.map((e) => e.source)).toEqual(['gateway']);
      expect(s.callees.map((e) => e.target).sort()).toEqual(['cart', 'inventory', 'payments', 'shipping']);
    }
    const e = resolveSelection(demo, 'checkout\u2192payments');
    expect(e).toMatchObject({ kind: 'edge', edge: { health: 'critical' }, source: { id: 'checkout' }, target: { id: 'payments' } });
    expect(resolveSelection(demo, 'gone')).toEqual({ kind: 'missing', id: 'gone' });
  });

  it('ranks prefix matches first and labels each with its group', () => {
    const m = searchMatches(demo.nodes, 'pay');
    expect(m[0]).toEqual({ id: 'payments', label: 'payments', health: 'critical', detail: 'payments' });
    expect(searchMatches(demo.nodes, 'c').map((x) => x.id).slice(0, 3)).toEqual(['cart', 'catalog', 'checkout']);
    expect(searchMatches(demo.nodes, '   ')).toEqual([]);
  });
});
