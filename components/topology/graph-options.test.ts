import { describe, expect, it } from 'vitest';
import type { LayoutResult } from '@/lib/topology/layout-types';
import { EDGE_WIDTH, HEALTH_COLORS, NODE_DIAMETER, edgeColor, edgeLabelText, edgeLineType, edgeWidth, nodeCaption, nodeDiameter, nodeTooltip } from './graph-style';
import { LARGE_EDGE_COUNT, topologyOption, type TopologyOptionInput } from './graph-options';
import { MAX_SCALE, graphFrame, levelOfDetail } from './graph-frame';
import { type MapEdge, type MapGraph, type MapNode } from './map-types';
import { groupNodeId } from '@/lib/topology/graph-ops';
import { expandedGroupCount, layoutShapeKey } from './layout-protocol';

const node = (id: string, over: Partial<MapNode> = {}): MapNode => ({
  id,
  label: id,
  kind: 'service',
  health: 'healthy',
  rps: 10,
  errorRatio: 0,
  p95: 0.05,
  instances: 2,
  members: 1,
  ...over,
});
const edge = (source: string, target: string, over: Partial<MapEdge> = {}): MapEdge => ({
  id: `${source}\u2192${target}`,
  source,
  target,
  health: 'healthy',
  traffic: true,
  rps: 5,
  errorRatio: 0.01,
  p95: 0.12,
  ...over,
});

const timings = { groupsMs: 0, overviewMs: 0, totalMs: 0, groupsLaidOut: 0, groupsFromCache: 0 };

function input(graph: MapGraph, layout: LayoutResult, over: Partial<TopologyOptionInput> = {}): TopologyOptionInput {
  return {
    graph,
    layout,
    size: { width: 1000, height: 600 },
    labels: 'rps',
    selected: null,
    dark: false,
    lod: { nodeLabels: true, edgeLabels: true },
    showGroups: false,
    groupTitle: (g) => g ?? 'ungrouped',
    ...over,
  };
}

type Item = { id: string; x?: number; y?: number; symbol?: string; symbolSize?: number | number[]; itemStyle?: Record<string, unknown>; label?: Record<string, unknown> };
type Link = { id: string; source: string; target: string; lineStyle: Record<string, unknown> };
function series(option: ReturnType<typeof topologyOption>['option']) {
  const s = (option.series as Array<Record<string, unknown>>)[0]!;
  return s as { data: Item[]; links: Link[]; edgeSymbol: string[]; left: number; top: number; width: number; height: number; label: { show: boolean; formatter: (p: unknown) => string }; edgeLabel: { show: boolean; formatter: (p: unknown) => string }; tooltip: { formatter: (p: unknown) => string } };
}

describe('mapping rules', () => {
  it('colours nodes with the HealthBadge palette, unknown hollow', () => {
    expect(HEALTH_COLORS.healthy.fill).toBe('#10b981');
    expect(HEALTH_COLORS.critical.fill).toBe('#dc2626');
    expect(HEALTH_COLORS.warning.fill).toBe('#f59e0b');
    expect(HEALTH_COLORS.idle.fill).toBe('#94a3b8');
    expect(HEALTH_COLORS.unknown.fill).toBe('transparent');
  });

  it('colours edges only for trouble', () => {
    expect(edgeColor('critical', false)).toBe('#dc2626');
    expect(edgeColor('warning', true)).toBe('#f59e0b');
    expect(edgeColor('healthy', false)).toBe(edgeColor('idle', false));
    expect(edgeColor('healthy', true)).not.toBe(edgeColor('healthy', false));
  });

  it('sizes nodes and edges on a bounded log scale of req/s', () => {
    expect(nodeDiameter(null)).toBe(NODE_DIAMETER.min);
    expect(nodeDiameter(0)).toBe(NODE_DIAMETER.min);
    expect(nodeDiameter(1e9)).toBe(NODE_DIAMETER.max);
    expect(nodeDiameter(10)).toBeGreaterThan(nodeDiameter(1));
    expect(nodeDiameter(100)).toBeGreaterThan(nodeDiameter(10));
    // log: 10× the traffic is a constant step, not 10× the size
    expect(nodeDiameter(1000) - nodeDiameter(100)).toBeCloseTo(nodeDiameter(100) - nodeDiameter(10), 0);
    expect(edgeWidth(null)).toBe(EDGE_WIDTH.min);
    expect(edgeWidth(1e6)).toBe(EDGE_WIDTH.max);
    expect(edgeWidth(Number.NaN)).toBe(EDGE_WIDTH.min);
  });

  it('dashes links without traffic', () => {
    expect(edgeLineType(true)).toBe('solid');
    expect(edgeLineType(false)).toBe('dashed');
  });

  it('formats edge labels per mode with units', () => {
    const e = { rps: 12.34, errorRatio: 0.0523, p95: 0.0451 };
    expect(edgeLabelText(e, 'rps')).toBe('12.3 req/s');
    expect(edgeLabelText(e, 'errors')).toBe('5.23 %');
    expect(edgeLabelText(e, 'p95')).toBe('45.1 ms');
    expect(edgeLabelText(e, 'none')).toBe('');
    expect(edgeLabelText({ rps: null, errorRatio: null, p95: null }, 'p95')).toBe('\u2014');
  });

  it('captions: a boxed 1 for a single instance, member counts for groups, no rich-text markup from names', () => {
    expect(nodeCaption(node('payments', { instances: 1 }))).toBe('{name|payments} {one|1}');
    expect(nodeCaption(node('catalog'))).toBe('{name|catalog}');
    expect(nodeCaption(node('x', { kind: 'external', instances: 0 }))).toBe('{name|x}');
    expect(nodeCaption(node('g', { kind: 'group', instances: 60, members: 42 }))).toBe('g\n42 services');
    expect(nodeCaption(node('g', { kind: 'group', instances: 60, members: 42, slo: { state: 'page', count: 1, budgetRemaining: 0, worstId: 's' } }))).toBe('{name|g} {sloPage|SLO}\n{meta|42 services}');
    expect(nodeCaption(node('we{ird}|name'))).toBe('{name|weirdname}');
  });

  it('escapes names in tooltips', () => {
    expect(nodeTooltip(node('<img src=x>'))).toContain('&lt;img src=x&gt;');
  });
});

describe('frame and level of detail', () => {
  it('magnifies a small map only a little, and fits a big one', () => {
    const small = graphFrame({ minX: 0, minY: 0, maxX: 400, maxY: 200 }, { width: 1000, height: 600 });
    expect(small.k).toBe(MAX_SCALE);
    expect(small.box).toEqual({ left: 250, top: 175, width: 500, height: 250 });
    const big = graphFrame({ minX: 0, minY: 0, maxX: 10_000, maxY: 2_000 }, { width: 1056, height: 600 }, 28);
    expect(big.k).toBeCloseTo(0.1);
    expect(big.box.width).toBeCloseTo(1000);
    expect(big.box.left).toBeCloseTo(28);
  });

  it('hides labels when zoomed far out, and edge labels on huge maps or when asked', () => {
    expect(levelOfDetail(1, 1, 10, 14, 'rps')).toEqual({ nodeLabels: true, edgeLabels: true });
    expect(levelOfDetail(0.1, 1, 5000, 15000, 'rps')).toEqual({ nodeLabels: false, edgeLabels: false });
    expect(levelOfDetail(0.1, 8, 5000, 1000, 'rps')).toEqual({ nodeLabels: true, edgeLabels: true });
    expect(levelOfDetail(1, 1, 10, 14, 'none').edgeLabels).toBe(false);
    // a small map keeps its labels at any zoom
    expect(levelOfDetail(0.3, 1, 30, 40, 'rps')).toEqual({ nodeLabels: true, edgeLabels: true });
    expect(levelOfDetail(0.3, 1, 300, 400, 'rps')).toEqual({ nodeLabels: false, edgeLabels: false });
  });
});

describe('topologyOption', () => {
  const graph: MapGraph = {
    nodes: [node('gateway'), node('checkout', { instances: 1 }), node('payments', { health: 'critical', instances: 1, rps: 2 }), node('email', { health: 'idle', rps: 0 })],
    edges: [edge('gateway', 'checkout'), edge('checkout', 'payments', { health: 'critical', errorRatio: 1 }), edge('checkout', 'email', { traffic: false, rps: 0 })],
  };
  const layout: LayoutResult = {
    positions: { gateway: { x: 80, y: 20 }, checkout: { x: 300, y: 20 }, payments: { x: 520, y: 20 }, email: { x: 520, y: 100 } },
    groups: [{ group: null, x: 0, y: 0, width: 600, height: 120, collapsed: false, size: 4 }],
    timings,
  };

  it('places nodes at the worker positions with anchors at the map extent', () => {
    const { option, frame, drawnNodes, drawnEdges } = topologyOption(input(graph, layout));
    const s = series(option);
    expect(drawnNodes).toBe(4);
    expect(drawnEdges).toBe(3);
    expect(frame?.k).toBe(MAX_SCALE);
    const byId = new Map(s.data.map((d) => [d.id, d]));
    expect(byId.get('payments')).toMatchObject({ x: 520, y: 20, symbol: 'circle' });
    expect(byId.get('payments')?.itemStyle?.color).toBe(HEALTH_COLORS.critical.fill);
    // anchors: the extent covers node boxes (160×40) and the group box
    const anchors = s.data.filter((d) => d.symbol === 'none');
    expect(anchors.map((a) => [a.x, a.y])).toEqual([
      [0, 0],
      [600, 120],
    ]);
    expect(s.width).toBe(600 * MAX_SCALE);
    expect(s.height).toBe(120 * MAX_SCALE);
  });

  it('styles edges: width by rate, colour by health, dashed without traffic, arrows on small maps', () => {
    const s = series(topologyOption(input(graph, layout)).option);
    const links = new Map(s.links.map((l) => [l.id, l]));
    expect(links.get('checkout\u2192payments')?.lineStyle.color).toBe('#dc2626');
    expect(links.get('checkout\u2192email')?.lineStyle.type).toBe('dashed');
    expect(links.get('gateway\u2192checkout')?.lineStyle.type).toBe('solid');
    expect(links.get('gateway\u2192checkout')?.lineStyle.width).toBe(edgeWidth(5));
    expect(s.edgeSymbol).toEqual(['none', 'arrow']);
  });

  it('labels through formatters: captions for nodes, the chosen number for edges', () => {
    const s = series(topologyOption(input(graph, layout, { labels: 'errors' })).option);
    expect(s.label.formatter({ data: { id: 'payments' } })).toBe('{name|payments} {one|1}');
    expect(s.edgeLabel.formatter({ data: { id: 'checkout\u2192payments' } })).toBe('100 %');
    expect(s.tooltip.formatter({ dataType: 'edge', data: { id: 'checkout\u2192payments' } })).toContain('checkout → payments');
  });

  it('draws filter context faint', () => {
    const g: MapGraph = { nodes: graph.nodes.map((n) => (n.id === 'gateway' ? { ...n, context: true } : n)), edges: graph.edges };
    const byId = new Map(series(topologyOption(input(g, layout)).option).data.map((d) => [d.id, d]));
    expect(byId.get('gateway')?.itemStyle?.opacity).toBeLessThan(1);
    expect(byId.get('checkout')?.itemStyle?.opacity).toBe(1);
  });

  it('dims what does not touch the selection', () => {
    const s = series(topologyOption(input(graph, layout, { selected: 'payments' })).option);
    const byId = new Map(s.data.map((d) => [d.id, d]));
    expect(byId.get('payments')?.itemStyle?.borderWidth).toBe(3);
    expect(byId.get('checkout')?.itemStyle?.opacity).toBe(1);
    expect(byId.get('gateway')?.itemStyle?.opacity).toBeLessThan(1);
    const links = new Map(s.links.map((l) => [l.id, l]));
    expect(links.get('checkout\u2192payments')?.lineStyle.opacity).toBeGreaterThan(0.5);
    expect(links.get('gateway\u2192checkout')?.lineStyle.opacity).toBeLessThan(0.5);
  });

  it('draws nothing for nodes without a position yet, and their edges neither', () => {
    const partial: LayoutResult = { ...layout, positions: { gateway: { x: 80, y: 20 }, checkout: { x: 300, y: 20 } } };
    const r = topologyOption(input(graph, partial));
    expect(r.drawnNodes).toBe(2);
    expect(r.drawnEdges).toBe(1);
  });

  it('draws boxes behind expanded groups and one node per collapsed group', () => {
    const grouped: MapGraph = {
      nodes: [node('gateway', { instances: 2 }), node(groupNodeId('checkout'), { label: 'checkout', kind: 'group', instances: 3, members: 3, health: 'critical', group: 'checkout' })],
      edges: [edge('gateway', groupNodeId('checkout'), { id: 'agg', count: 2 })],
    };
    const l: LayoutResult = {
      positions: { gateway: { x: 96, y: 56 } },
      groups: [
        { group: 'edge', x: 0, y: 0, width: 192, height: 92, collapsed: false, size: 1 },
        { group: 'checkout', x: 312, y: 0, width: 200, height: 64, collapsed: true, size: 3 },
      ],
      timings,
    };
    const s = series(topologyOption(input(grouped, l, { showGroups: true })).option);
    // the box comes first, so members draw on top of it
    expect(s.data[0]).toMatchObject({ id: '\u0001box:edge', symbol: 'rect', symbolSize: [192 * MAX_SCALE, 92 * MAX_SCALE] });
    expect(s.data[0]?.label?.formatter).toBe('edge (1)');
    expect(s.data[0]?.itemStyle?.color).toBe('none');
    const g = s.data.find((d) => d.id === groupNodeId('checkout'));
    expect(g).toMatchObject({ x: 412, y: 32, symbol: 'rect', symbolSize: [200 * MAX_SCALE, 64 * MAX_SCALE] });
    expect(s.links).toHaveLength(1);
  });

  it('thins edges and drops arrows on large maps', () => {
    const n = 700;
    const nodes = Array.from({ length: n }, (_, i) => node(`s${i}`));
    const edges: MapEdge[] = [];
    for (let i = 0; i < n; i++) for (const d of [1, 2]) edges.push(edge(`s${i}`, `s${(i + d) % n}`));
    const positions = Object.fromEntries(nodes.map((x, i) => [x.id, { x: (i % 30) * 200, y: Math.floor(i / 30) * 60 }]));
    const s = series(topologyOption(input({ nodes, edges }, { positions, groups: [], timings })).option);
    expect(edges.length).toBeGreaterThan(LARGE_EDGE_COUNT);
    expect(s.edgeSymbol).toEqual(['none', 'none']);
  });
});

describe('layout requests', () => {
  it('the shape key ignores nothing that moves nodes, and nothing else changes it', () => {
    const a = { nodes: [{ id: 'a', group: null, width: 160, height: 40 }], edges: [{ id: 'a\u2192b', source: 'a', target: 'b' }] };
    expect(layoutShapeKey(a)).toBe(layoutShapeKey(structuredClone(a)));
    expect(layoutShapeKey(a)).not.toBe(layoutShapeKey({ ...a, collapsed: ['x'] }));
    expect(layoutShapeKey(a)).not.toBe(layoutShapeKey({ ...a, nodes: [{ ...a.nodes[0]!, group: 'g' }] }));
    expect(layoutShapeKey({ ...a, collapsed: ['x', 'y'] })).toBe(layoutShapeKey({ ...a, collapsed: ['y', 'x'] }));
  });

  it('counts the groups the worker will lay out', () => {
    const nodes = [
      { id: 'a', group: 'g1', width: 1, height: 1 },
      { id: 'b', group: 'g2', width: 1, height: 1 },
      { id: 'c', group: null, width: 1, height: 1 },
    ];
    expect(expandedGroupCount({ nodes, edges: [], collapsed: ['g2'] }, '\u0000')).toBe(2);
  });
});
