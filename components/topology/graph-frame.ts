import { NODE_BOX } from '@/lib/topology/layout-input';
import { groupNodeId } from '@/lib/topology/graph-ops';
import type { LayoutResult } from '@/lib/topology/layout-types';
import type { EdgeLabelMode } from '@/lib/query/topology-params';
import type { MapGraph } from './map-types';

/** Where the map sits in its panel: the layout's extent, the fit scale, and how much detail a zoom level can afford. */

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
