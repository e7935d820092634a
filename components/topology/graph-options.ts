import type { EdgeLabelMode } from '@/lib/query/topology-params';
import { NODE_BOX } from '@/lib/topology/layout-input';
import type { LayoutResult } from '@/lib/topology/layout-types';
import type { ChartOption, GraphSeriesOption } from '@/components/charts/echarts-core';

import { ANCHOR_PREFIX, GROUP_BOX_PREFIX, type MapGraph } from './map-types';
import { HEALTH_COLORS, SELECT_COLOR, edgeAlwaysLabelled, edgeCaption, edgeColor, edgeLineType, nodeAlwaysLabelled, edgeTooltip, edgeWidth, nodeCaption, nodeDiameter, nodeTooltip, plain } from './graph-style';
import { graphFrame, mapExtent, nodePositions, type GraphFrame, type LevelOfDetail, type Size } from './graph-frame';

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
      label: {
        ...(faint ? { opacity: 0.55 } : isSelected ? { fontWeight: 'bold' as const } : {}),
        ...(!lod.nodeLabels && nodeAlwaysLabelled(n) ? { show: true } : {}),
      },
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
      label: dim ? { show: false } : !lod.edgeLabels && edgeAlwaysLabelled(e) ? { show: true, color: '#dc2626', fontWeight: 'bold' as const } : {},
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
        sloPage: { color: '#ffffff', fontSize: 9, fontWeight: 'bold', backgroundColor: '#dc2626', borderRadius: 3, padding: [1, 3] },
        sloTicket: { color: '#111827', fontSize: 9, fontWeight: 'bold', backgroundColor: '#f59e0b', borderRadius: 3, padding: [1, 3] },
        limit: { color: '#ffffff', fontSize: 9, fontWeight: 'bold', backgroundColor: '#0284c7', borderRadius: 3, padding: [1, 3] },
      },
    },
    edgeLabel: {
      show: lod.edgeLabels,
      fontSize: 10,
      color: muted,
      formatter: (p) => {
        const e = edgeById.get(idOf(p.data));
        return e ? edgeCaption(e, labels) : '';
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
