import { GROUP_LAYOUT_OPTIONS, STABILITY_OPTIONS, type StabilityStrategy } from './elk-options';
import type { GroupLayout } from './layout-cache';
import type { ElkGraph, ElkLike, Point2 } from './layout-types';

export interface GroupMember {
  id: string;
  width: number;
  height: number;
}

/** Must match the padding in GROUP_LAYOUT_OPTIONS: the grid path (no ELK) uses the same frame. */
export const GROUP_PADDING = { top: 36, left: 16, bottom: 16, right: 16 } as const;
const GRID_SPACING = 20;

/**
 * Lays out one group on its own and returns member centres relative to the group box's top-left.
 * With a previous layout of the same group, its positions seed ELK according to `stability`, so the
 * members that stay move little.
 */
export async function layoutGroup(
  members: readonly GroupMember[],
  edges: ReadonlyArray<readonly [string, string]>,
  elk: ElkLike,
  shapeKey: string,
  previous: GroupLayout | undefined,
  stability: StabilityStrategy,
): Promise<GroupLayout> {
  // A group without internal calls (e.g. the bucket of external callers) has no layers to find:
  // a grid is what ELK would approximate with one very tall layer, at no cost.
  if (edges.length === 0) return gridLayout(members, shapeKey);

  const seeds = previous && stability !== 'none' ? seedPositions(members, edges, previous) : null;
  let ordered = [...members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (seeds) {
    // Model order = previous reading order: by column (layer), then top to bottom.
    ordered = ordered.sort((a, b) => {
      const pa = seeds.get(a.id)!;
      const pb = seeds.get(b.id)!;
      return Math.round(pa.x) - Math.round(pb.x) || pa.y - pb.y;
    });
  }
  const index = new Map<string, string>();
  const children: ElkGraph[] = ordered.map((m, i) => {
    const id = `n${i}`;
    index.set(m.id, id);
    const child: ElkGraph = { id, width: m.width, height: m.height };
    const seed = seeds?.get(m.id);
    if (seed) {
      child.x = seed.x - m.width / 2;
      child.y = seed.y - m.height / 2;
      child.layoutOptions = { 'elk.position': `(${child.x},${child.y})` };
    }
    return child;
  });
  // Edges in a canonical order too: ELK's result depends on input order, the cache key does not.
  const sortedEdges = [...edges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const elkEdges = sortedEdges.map(([s, t], i) => ({ id: `e${i}`, sources: [index.get(s)!], targets: [index.get(t)!] }));
  const graph: ElkGraph = {
    id: 'group',
    layoutOptions: { ...GROUP_LAYOUT_OPTIONS, ...(seeds ? STABILITY_OPTIONS[stability] : {}) },
    children,
    edges: elkEdges,
  };
  const out = await elk.layout(graph);

  const byElkId = new Map((out.children ?? []).map((c) => [c.id, c]));
  const boxes = ordered.map((m) => {
    const c = byElkId.get(index.get(m.id)!);
    if (!c || c.x === undefined || c.y === undefined) throw new Error(`ELK returned no position for ${m.id}`);
    return { m, x: c.x, y: c.y };
  });
  return compactLayers(boxes, shapeKey);
}

/** Space between layers once ELK's layer x is replaced by a fixed step (see compactLayers). */
export const LAYER_SPACING = 80;

/**
 * Replaces ELK's x by layer index × a fixed step. POLYLINE routing widens the gap between layers
 * with the vertical span of the edges crossing it, which made drawings 2.5–4× wider than needed and
 * made a group's width jump by hundreds of px when one service was added; the map draws straight
 * centre-to-centre lines, so those routing zones buy nothing. Layers are read back from ELK's x:
 * they never overlap horizontally.
 */
function compactLayers(boxes: Array<{ m: GroupMember; x: number; y: number }>, shapeKey: string): GroupLayout {
  const byX = [...boxes].sort((a, b) => a.x - b.x);
  const layerOf = new Map<GroupMember, number>();
  const layerWidths: number[] = [];
  let layer = -1;
  let right = -Infinity;
  for (const b of byX) {
    if (b.x >= right - 0.5) {
      layer++;
      layerWidths.push(0);
    }
    right = Math.max(right, b.x + b.m.width);
    layerOf.set(b.m, layer);
    layerWidths[layer] = Math.max(layerWidths[layer] ?? 0, b.m.width);
  }
  const step = Math.max(0, ...layerWidths) + LAYER_SPACING;
  const minY = Math.min(...boxes.map((b) => b.y));
  const positions = new Map<string, Point2>();
  let maxBottom = 0;
  for (const b of boxes) {
    const l = layerOf.get(b.m) ?? 0;
    const y = GROUP_PADDING.top + (b.y - minY);
    positions.set(b.m.id, { x: GROUP_PADDING.left + l * step + step / 2 - LAYER_SPACING / 2, y: y + b.m.height / 2 });
    maxBottom = Math.max(maxBottom, y + b.m.height);
  }
  return {
    shapeKey,
    width: GROUP_PADDING.left + GROUP_PADDING.right + (layer + 1) * step - LAYER_SPACING,
    height: maxBottom + GROUP_PADDING.bottom,
    positions,
  };
}

/** Near-square grid in id order, inside the same padding as ELK's layouts. */
export function gridLayout(members: readonly GroupMember[], shapeKey: string): GroupLayout {
  const sorted = [...members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const cellW = Math.max(1, ...sorted.map((m) => m.width)) + GRID_SPACING;
  const cellH = Math.max(1, ...sorted.map((m) => m.height)) + GRID_SPACING;
  const cols = Math.max(1, Math.ceil(Math.sqrt((sorted.length * cellH) / cellW)));
  const rows = Math.ceil(sorted.length / cols);
  const positions = new Map<string, Point2>();
  sorted.forEach((m, i) => {
    positions.set(m.id, {
      x: GROUP_PADDING.left + (i % cols) * cellW + (cellW - GRID_SPACING) / 2,
      y: GROUP_PADDING.top + Math.floor(i / cols) * cellH + (cellH - GRID_SPACING) / 2,
    });
  });
  const usedCols = Math.min(cols, sorted.length);
  return {
    shapeKey,
    width: GROUP_PADDING.left + GROUP_PADDING.right + Math.max(0, usedCols * cellW - GRID_SPACING),
    height: GROUP_PADDING.top + GROUP_PADDING.bottom + Math.max(0, rows * cellH - GRID_SPACING),
    positions,
  };
}

/**
 * Previous centres for members that stay; a new member is placed one column right of its known
 * callers (or left of its known callees) at their mean height, else below everything.
 */
function seedPositions(members: readonly GroupMember[], edges: ReadonlyArray<readonly [string, string]>, previous: GroupLayout): Map<string, Point2> {
  const seeds = new Map<string, Point2>();
  let maxY = 0;
  let step = 0;
  for (const m of members) {
    const p = previous.positions.get(m.id);
    if (p) {
      seeds.set(m.id, p);
      maxY = Math.max(maxY, p.y);
    }
    step = Math.max(step, m.width);
  }
  step += LAYER_SPACING;
  const preds = new Map<string, Point2[]>();
  const succs = new Map<string, Point2[]>();
  for (const [s, t] of edges) {
    const ps = seeds.get(s);
    const pt = seeds.get(t);
    if (ps && !pt) (preds.get(t) ?? preds.set(t, []).get(t)!).push(ps);
    if (pt && !ps) (succs.get(s) ?? succs.set(s, []).get(s)!).push(pt);
  }
  const mean = (ps: Point2[]) => ps.reduce((a, p) => a + p.y, 0) / ps.length;
  for (const m of members) {
    if (seeds.has(m.id)) continue;
    const p = preds.get(m.id);
    const s = succs.get(m.id);
    let seed: Point2;
    if (p?.length) seed = { x: Math.max(...p.map((q) => q.x)) + step, y: mean(p) };
    else if (s?.length) seed = { x: Math.min(...s.map((q) => q.x)) - step, y: mean(s) };
    else seed = { x: GROUP_PADDING.left, y: (maxY += step / 2) };
    seeds.set(m.id, seed);
  }
  return seeds;
}
