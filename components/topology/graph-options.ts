import type { Health } from '@/lib/schemas/services';
import type { EdgeLabelMode } from '@/lib/query/topology-params';
import { formatLatency, formatRate, formatRatio } from '@/lib/format/units';
import { NODE_BOX } from '@/lib/topology/layout-input';
import { groupNodeId } from '@/lib/topology/graph-ops';
import type { LayoutResult } from '@/lib/topology/layout-types';
import type { ChartOption, GraphSeriesOption } from '@/components/charts/echarts-core';

/**
 * ECharts option for the topology map, built from the drawn graph and the worker's layout. Pure: no
 * canvas, no React, so the colour, size, dash and label rules are unit-tested.
 *
 * Geometry: the graph series fits the bounding box of its items into the series' box (left/top/
 * width/height). We choose that box so the fit scale `k` is ours: k = 1 for a map that fits the panel
 * (small fleets are never magnified), less for a big map. Symbols are sized in layout units × k, with
 * nodeScaleRatio 1, so a node keeps its size relative to the layout at every zoom. Two invisible
 * anchor nodes at the corners make the series' bounding box the map's true extent (boxes included).
 */

/** A node on the map: a service, an external caller/callee, or a collapsed group standing for its members. */
export interface MapNode {
  id: string;
  label: string;
  kind: 'service' | 'external' | 'group';
  health: Health;
  rps: number | null;
  errorRatio: number | null;
  p95: number | null;
  /** Instances known to the registry (0 for externals; a group's total). */
  instances: number;
  /** Services a collapsed group stands for (1 for a service). */
  members: number;
  /** Collapsed groups: the group's value (null = the ungrouped bucket). */
  group?: string | null;
  /** Kept by a filter only as the other end of a shown call: drawn faint. */
  context?: boolean;
}

export interface MapEdge {
  id: string;
  source: string;
  target: string;
  health: Health;
  traffic: boolean;
  rps: number | null;
  errorRatio: number | null;
  p95: number | null;
  /** Edges merged into this one (edges between collapsed groups); 1 for a plain call. */
  count?: number;
}

export interface MapGraph {
  nodes: readonly MapNode[];
  edges: readonly MapEdge[];
}

/**
 * Ids of what the map draws besides services and collapsed groups (graph-ops' groupNodeId): group
 * boxes and the two anchors. Control characters keep them apart from any service name.
 */
export const GROUP_BOX_PREFIX = '\u0001box:';
const ANCHOR_PREFIX = '\u0001anchor:';
export const isAuxiliaryId = (id: string) => id.startsWith(GROUP_BOX_PREFIX) || id.startsWith(ANCHOR_PREFIX);

/** HealthBadge's palette: the dot colour fills the node, a darker shade outlines it. */
export const HEALTH_COLORS: Readonly<Record<Health, { fill: string; border: string }>> = {
  healthy: { fill: '#10b981', border: '#047857' }, // emerald-500 / 700
  warning: { fill: '#f59e0b', border: '#b45309' }, // amber-500 / 700
  critical: { fill: '#dc2626', border: '#991b1b' }, // red-600 / 800
  idle: { fill: '#94a3b8', border: '#64748b' }, // slate-400 / 500
  unknown: { fill: 'transparent', border: '#94a3b8' }, // hollow, like the badge
};

/** Edges: grey when fine (colour is for trouble), amber and red by the edge's own health. */
export function edgeColor(health: Health, dark: boolean): string {
  if (health === 'critical') return '#dc2626';
  if (health === 'warning') return '#f59e0b';
  return dark ? '#64748b' : '#94a3b8';
}

const SELECT_COLOR = { light: '#0284c7', dark: '#38bdf8' }; // sky-600 / sky-400

/** Traffic at which a node or edge reaches its largest size; sizes follow log10(1 + rps) up to it. */
export const RPS_AT_MAX = 1000;
export const NODE_DIAMETER = { min: 16, max: 36 } as const;
export const EDGE_WIDTH = { min: 1, max: 5 } as const;

function logShare(rps: number | null): number {
  if (rps === null || !Number.isFinite(rps) || rps <= 0) return 0;
  return Math.min(1, Math.log10(1 + rps) / Math.log10(1 + RPS_AT_MAX));
}

/** Node diameter in layout units: log scale of req/s, bounded, so one hot service can't swallow the map. */
export function nodeDiameter(rps: number | null): number {
  return NODE_DIAMETER.min + logShare(rps) * (NODE_DIAMETER.max - NODE_DIAMETER.min);
}

/** Edge width in pixels, same log scale. */
export function edgeWidth(rps: number | null): number {
  return EDGE_WIDTH.min + logShare(rps) * (EDGE_WIDTH.max - EDGE_WIDTH.min);
}

/** Dashed: the link is known (registry, traces) but carried no traffic in the window. */
export const edgeLineType = (traffic: boolean): 'solid' | 'dashed' => (traffic ? 'solid' : 'dashed');

export function edgeLabelText(edge: Pick<MapEdge, 'rps' | 'errorRatio' | 'p95'>, mode: EdgeLabelMode): string {
  switch (mode) {
    case 'rps':
      return formatRate(edge.rps);
    case 'errors':
      return formatRatio(edge.errorRatio);
    case 'p95':
      return formatLatency(edge.p95);
    default:
      return '';
  }
}

export const EDGE_LABEL_CHOICES: ReadonlyArray<{ value: EdgeLabelMode; label: string }> = [
  { value: 'none', label: 'None' },
  { value: 'rps', label: 'Req/s' },
  { value: 'errors', label: 'Error %' },
  { value: 'p95', label: 'p95' },
];

/** Rich-text labels treat braces and bars as markup; names never need them on the map. */
const plain = (s: string) => s.replace(/[{}|]/g, '');

/** The node's caption: its name, a boxed "1" for a single instance, a member count for a group. */
export function nodeCaption(node: Pick<MapNode, 'label' | 'kind' | 'instances' | 'members'>): string {
  const name = plain(node.label);
  if (node.kind === 'group') return `{name|${name}}\n{meta|${node.members} ${node.members === 1 ? 'service' : 'services'}}`;
  if (node.kind === 'service' && node.instances === 1) return `{name|${name}} {one|1}`;
  return `{name|${name}}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const HEALTH_WORD: Record<Health, string> = { healthy: 'Healthy', warning: 'Warning', critical: 'Critical', idle: 'Idle', unknown: 'Unknown' };

export function nodeTooltip(node: MapNode): string {
  const lines = [`<b>${escapeHtml(node.label)}</b> · ${HEALTH_WORD[node.health]}`];
  if (node.kind === 'group') lines.push(`${node.members} services (collapsed; click to expand)`);
  else if (node.kind === 'external') lines.push('not in the registry (seen in calls only)');
  lines.push(`${formatRate(node.rps)} · ${formatRatio(node.errorRatio)} errors · p95 ${formatLatency(node.p95)}`);
  if (node.kind === 'service') lines.push(`${node.instances} ${node.instances === 1 ? 'instance' : 'instances'}`);
  return lines.join('<br/>');
}

export function edgeTooltip(edge: MapEdge, names: (id: string) => string): string {
  const head = `<b>${escapeHtml(names(edge.source))} → ${escapeHtml(names(edge.target))}</b> · ${HEALTH_WORD[edge.health]}`;
  const calls = edge.count && edge.count > 1 ? `<br/>${edge.count} calls between the groups` : '';
  const idle = edge.traffic ? '' : '<br/>no traffic in this window';
  return `${head}${calls}<br/>${formatRate(edge.rps)} · ${formatRatio(edge.errorRatio)} errors · p95 ${formatLatency(edge.p95)}${idle}`;
}

export interface Size {
  width: number;
  height: number;
}

export interface Extent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface GraphFrame {
  /** Layout units → pixels at zoom 1 (≤ MAX_SCALE). */
  k: number;
  extent: Extent;
  box: { left: number; top: number; width: number; height: number };
}

export const FRAME_PADDING = 28;
/** A small map is magnified this much at most: enough to use the panel, not so much that labels look lost. */
export const MAX_SCALE = 1.25;

/** Where the map sits in the panel, and at what scale. */
export function graphFrame(extent: Extent, size: Size, padding = FRAME_PADDING): GraphFrame {
  const w = Math.max(1, extent.maxX - extent.minX);
  const h = Math.max(1, extent.maxY - extent.minY);
  const availW = Math.max(1, size.width - 2 * padding);
  const availH = Math.max(1, size.height - 2 * padding);
  const k = Math.min(MAX_SCALE, availW / w, availH / h);
  const width = w * k;
  const height = h * k;
  return { k, extent, box: { left: (size.width - width) / 2, top: (size.height - height) / 2, width, height } };
}

/** Centre of every drawn node: services from the layout's positions, collapsed groups from their box. */
export function nodePositions(graph: MapGraph, layout: LayoutResult): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  const collapsed = new Map<string, { x: number; y: number }>();
  for (const b of layout.groups) if (b.collapsed) collapsed.set(groupNodeId(b.group), { x: b.x + b.width / 2, y: b.y + b.height / 2 });
  for (const n of graph.nodes) {
    const p = n.kind === 'group' ? collapsed.get(n.id) : layout.positions[n.id];
    if (p) out.set(n.id, p);
  }
  return out;
}

export function mapExtent(graph: MapGraph, layout: LayoutResult, positions: Map<string, { x: number; y: number }>): Extent | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const add = (x0: number, y0: number, x1: number, y1: number) => {
    minX = Math.min(minX, x0);
    minY = Math.min(minY, y0);
    maxX = Math.max(maxX, x1);
    maxY = Math.max(maxY, y1);
  };
  for (const n of graph.nodes) {
    const p = positions.get(n.id);
    if (p && n.kind !== 'group') add(p.x - NODE_BOX.width / 2, p.y - NODE_BOX.height / 2, p.x + NODE_BOX.width / 2, p.y + NODE_BOX.height / 2);
  }
  for (const b of layout.groups) if (b.size > 0 && (b.collapsed ? positions.has(groupNodeId(b.group)) : true)) add(b.x, b.y, b.x + b.width, b.y + b.height);
  return Number.isFinite(minX) ? { minX, minY, maxX, maxY } : null;
}

/** The frame a map would be drawn in (null: nothing has a position yet). */
export function frameFor(graph: MapGraph, layout: LayoutResult, size: Size): GraphFrame | null {
  const extent = mapExtent(graph, layout, nodePositions(graph, layout));
  return extent ? graphFrame(extent, size) : null;
}

/** What to draw at the current zoom: labels cost frames and are unreadable when tiny. */
export interface LevelOfDetail {
  nodeLabels: boolean;
  edgeLabels: boolean;
}

export function levelOfDetail(k: number, zoom: number, nodes: number, edges: number, labels: EdgeLabelMode): LevelOfDetail {
  const scale = k * zoom;
  return {
    nodeLabels: nodes <= 40 || scale >= 0.45,
    edgeLabels: labels !== 'none' && (edges <= 60 || (edges <= 1500 && scale >= 0.6)),
  };
}

/** Above this many edges: no arrows, thinner and fainter lines, no hover emphasis (frames per second). */
export const LARGE_EDGE_COUNT = 1000;

export interface TopologyOptionInput {
  graph: MapGraph;
  layout: LayoutResult;
  size: Size;
  labels: EdgeLabelMode;
  /** Selected node or edge id. */
  selected: string | null;
  dark: boolean;
  lod: LevelOfDetail;
  /** The zoom the level of detail was chosen at (label widths follow it); 1 = the whole map. */
  zoom?: number;
  /** Draw boxes around expanded groups (the map is grouped). */
  showGroups: boolean;
  /** Caption of a group box: the group's value, or what the ungrouped bucket is called. */
  groupTitle: (group: string | null) => string;
}

export interface TopologyOption {
  option: ChartOption;
  frame: GraphFrame | null;
  /** Nodes and edges actually drawn (a node without a position yet is not). */
  drawnNodes: number;
  drawnEdges: number;
}

type GraphNodeItem = Exclude<NonNullable<GraphSeriesOption['data']>[number], Date | unknown[] | string | number | null>;
/** Item-level `tooltip` and `emphasis.disabled` work in ECharts but are missing from its graph types. */
type NodeItem = GraphNodeItem & { id: string; tooltip?: { show: boolean } };
type EdgeItem = NonNullable<GraphSeriesOption['links']>[number] & { id: string };
type SeriesEmphasis = GraphSeriesOption['emphasis'] & { disabled?: boolean };

/** The map's series id, for actions (centre on a node) that merge into it. */
export const SERIES_ID = 'topology';

export function topologyOption(input: TopologyOptionInput): TopologyOption {
  const { graph, layout, size, labels, selected, dark, lod, showGroups } = input;
  const positions = nodePositions(graph, layout);
  const extent = mapExtent(graph, layout, positions);
  const text = dark ? '#e2e8f0' : '#1e293b';
  const muted = dark ? '#94a3b8' : '#475569';
  const select = dark ? SELECT_COLOR.dark : SELECT_COLOR.light;

  const drawnEdges = graph.edges.filter((e) => positions.has(e.source) && positions.has(e.target));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(drawnEdges.map((e) => [e.id, e]));
  const idOf = (data: unknown) => (data as { id?: string } | undefined)?.id ?? '';
  const names = (id: string) => byId.get(id)?.label ?? id;

  if (!extent) {
    return { option: { backgroundColor: 'transparent', animation: false, series: [] }, frame: null, drawnNodes: 0, drawnEdges: 0 };
  }
  const frame = graphFrame(extent, size);
  const { k } = frame;
  /** Pixels per layout unit on screen, for label widths (labels do not scale with the zoom). */
  const px = k * (input.zoom ?? 1);
  const large = drawnEdges.length > LARGE_EDGE_COUNT;

  // What stays bright while something is selected: the selection and what touches it.
  let lit: Set<string> | null = null;
  let litEdges: Set<string> | null = null;
  if (selected !== null) {
    const edge = drawnEdges.find((e) => e.id === selected);
    if (edge) {
      lit = new Set([edge.source, edge.target]);
      litEdges = new Set([edge.id]);
    } else if (positions.has(selected)) {
      lit = new Set([selected]);
      litEdges = new Set();
      for (const e of drawnEdges)
        if (e.source === selected || e.target === selected) {
          lit.add(e.source);
          lit.add(e.target);
          litEdges.add(e.id);
        }
    }
  }

  const nodes: NodeItem[] = [];
  // Group boxes first: items draw in order, so members sit on top of their box.
  if (showGroups) {
    for (const b of layout.groups) {
      if (b.collapsed || b.size === 0) continue;
      nodes.push({
        id: `${GROUP_BOX_PREFIX}${b.group ?? ''}`,
        name: input.groupTitle(b.group),
        x: b.x + b.width / 2,
        y: b.y + b.height / 2,
        symbol: 'rect',
        symbolSize: [b.width * k, b.height * k],
        // No fill ('none' is not hit-tested): edges inside stay visible and clickable.
        itemStyle: { color: 'none', borderColor: dark ? '#334155' : '#cbd5e1', borderWidth: 1 },
        label: {
          position: 'insideTopLeft',
          formatter: `${plain(input.groupTitle(b.group))} (${b.size})`,
          // A title that would be cut to a stub is left out until the user zooms in.
          show: lod.nodeLabels || b.width * px >= 60,
          width: Math.max(24, b.width * px - 10),
          overflow: 'truncate',
          color: muted,
          fontSize: 12,
          fontWeight: 'bold',
        },
        tooltip: { show: false },
        emphasis: { disabled: true },
        cursor: 'default',
      });
    }
  }

  for (const n of graph.nodes) {
    const p = positions.get(n.id);
    if (!p) continue;
    const colors = HEALTH_COLORS[n.health];
    const isSelected = n.id === selected;
    const dim = lit !== null && !lit.has(n.id);
    const faint = dim || n.context === true;
    const base = {
      id: n.id,
      name: n.label,
      x: p.x,
      y: p.y,
      value: n.rps ?? 0,
      itemStyle: {
        color: colors.fill === 'transparent' ? (dark ? '#0f172a' : '#ffffff') : colors.fill,
        borderColor: isSelected ? select : colors.border,
        borderWidth: isSelected ? 3 : n.kind === 'group' ? 2 : 1,
        opacity: dim ? 0.3 : faint ? 0.45 : 1,
      },
      label: faint ? { opacity: 0.55 } : isSelected ? { fontWeight: 'bold' as const } : {},
    };
    if (n.kind === 'group') {
      nodes.push({
        ...base,
        symbol: 'rect',
        symbolSize: [200 * k, 64 * k],
        itemStyle: { ...base.itemStyle, color: dark ? '#1e293b' : '#f8fafc', borderColor: isSelected ? select : colors.fill === 'transparent' ? colors.border : colors.fill },
        label: { ...base.label, show: true, position: 'inside', width: Math.max(24, 200 * px - 8), overflow: 'truncate' },
        cursor: 'pointer',
      });
    } else {
      // A floor in pixels keeps a shrunk map's services visible, yet below the box they sit in.
      const d = Math.max(nodeDiameter(n.rps) * k, Math.min(10, NODE_BOX.height * k * 0.8)) + (isSelected ? 4 * k : 0);
      nodes.push({ ...base, symbol: n.kind === 'external' ? 'diamond' : 'circle', symbolSize: d, cursor: 'pointer' });
    }
  }

  // Anchors: invisible, they make the series' bounding box the map's extent.
  for (const [suffix, x, y] of [
    ['min', extent.minX, extent.minY],
    ['max', extent.maxX, extent.maxY],
  ] as const) {
    nodes.push({ id: `${ANCHOR_PREFIX}${suffix}`, x, y, symbol: 'none', symbolSize: 0, label: { show: false }, tooltip: { show: false }, emphasis: { disabled: true } });
  }

  const pairs = new Set(drawnEdges.map((e) => `${e.source}\u0001${e.target}`));
  const links: EdgeItem[] = drawnEdges.map((e) => {
    const isSelected = e.id === selected;
    const dim = litEdges !== null && !litEdges.has(e.id);
    // Thinner when the map is shrunk to fit: a 5 px line across 10 px boxes hides them.
    const width = edgeWidth(e.rps) * (large ? 0.6 : 1) * Math.min(1, Math.max(0.35, k * 1.5));
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      value: e.rps ?? 0,
      lineStyle: {
        color: isSelected ? select : edgeColor(e.health, dark),
        width: isSelected ? width + 2 : width,
        type: edgeLineType(e.traffic),
        opacity: dim ? 0.18 : large ? 0.45 : 0.85,
        // A call both ways: bend the two apart instead of drawing one line twice.
        curveness: pairs.has(`${e.target}\u0001${e.source}`) ? 0.2 : 0,
      },
      label: dim ? { show: false } : {},
    };
  });

  const series: GraphSeriesOption = {
    id: SERIES_ID,
    type: 'graph',
    layout: 'none',
    coordinateSystem: 'view',
    ...frame.box,
    roam: true,
    roamTrigger: 'global',
    scaleLimit: { min: 0.5, max: Math.max(4, 3 / k) },
    nodeScaleRatio: 1,
    draggable: false,
    animation: false,
    data: nodes,
    links,
    edgeSymbol: large ? ['none', 'none'] : ['none', 'arrow'],
    edgeSymbolSize: [0, 7],
    label: {
      show: lod.nodeLabels,
      position: 'bottom',
      distance: 3,
      color: text,
      fontSize: 11,
      width: Math.max(40, (NODE_BOX.width - 8) * px),
      overflow: 'truncate',
      formatter: (p) => {
        const node = byId.get(idOf(p.data));
        return node ? nodeCaption(node) : '';
      },
      rich: {
        name: { color: text, fontSize: 11 },
        meta: { color: muted, fontSize: 10 },
        one: {
          color: text,
          fontSize: 9,
          fontWeight: 'bold',
          backgroundColor: dark ? '#334155' : '#e2e8f0',
          borderRadius: 3,
          padding: [1, 3],
        },
      },
    },
    edgeLabel: {
      show: lod.edgeLabels,
      fontSize: 10,
      color: muted,
      formatter: (p) => {
        const e = edgeById.get(idOf(p.data));
        return e ? edgeLabelText(e, labels) : '';
      },
    },
    tooltip: {
      formatter: (p) => {
        const params = p as { dataType?: string; data?: unknown };
        const id = idOf(params.data);
        if (params.dataType === 'edge') {
          const e = edgeById.get(id);
          return e ? edgeTooltip(e, names) : '';
        }
        const n = byId.get(id);
        return n ? nodeTooltip(n) : '';
      },
    },
    emphasis: (large ? { disabled: true } : { focus: 'adjacency', lineStyle: { opacity: 1 } }) as SeriesEmphasis,
    blur: { itemStyle: { opacity: 0.25 }, lineStyle: { opacity: 0.1 } },
  };

  return {
    option: {
      backgroundColor: 'transparent',
      animation: false,
      tooltip: { trigger: 'item', confine: true, enterable: false, transitionDuration: 0 },
      series: [series],
    },
    frame,
    drawnNodes: graph.nodes.filter((n) => positions.has(n.id)).length,
    drawnEdges: drawnEdges.length,
  };
}
