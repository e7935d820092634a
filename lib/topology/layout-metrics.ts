import type { GroupBox, LayoutResult, Point2 } from './layout-types';

/**
 * Quality figures of a layout, for the tests and the bench (the calibration's definitions): boxes
 * that overlap, share of edges pointing right, how far nodes moved between two layouts.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Pairs of overlapping rectangles (top-left x, y), via a uniform grid: O(n) for map-like input. */
export function countOverlaps(boxes: readonly Box[]): number {
  if (boxes.length < 2) return 0;
  const cell = Math.max(1, ...boxes.map((b) => Math.max(b.width, b.height)));
  const grid = new Map<string, number[]>();
  boxes.forEach((b, i) => {
    for (let gx = Math.floor(b.x / cell); gx <= Math.floor((b.x + b.width) / cell); gx++)
      for (let gy = Math.floor(b.y / cell); gy <= Math.floor((b.y + b.height) / cell); gy++) {
        const k = `${gx},${gy}`;
        (grid.get(k) ?? grid.set(k, []).get(k)!).push(i);
      }
  });
  const seen = new Set<number>();
  let n = 0;
  for (const ids of grid.values())
    for (let a = 0; a < ids.length; a++)
      for (let b = a + 1; b < ids.length; b++) {
        const i = ids[a]!;
        const j = ids[b]!;
        const key = Math.min(i, j) * boxes.length + Math.max(i, j);
        if (seen.has(key)) continue;
        seen.add(key);
        const p = boxes[i]!;
        const q = boxes[j]!;
        // Touching edges do not count: a gap of 0 is still readable.
        if (p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height) n++;
      }
  return n;
}

/** Node boxes (centre positions + sizes) as rectangles. */
export function nodeBoxes(positions: Record<string, Point2>, size: (id: string) => { width: number; height: number }): Box[] {
  return Object.entries(positions).map(([id, p]) => {
    const s = size(id);
    return { x: p.x - s.width / 2, y: p.y - s.height / 2, width: s.width, height: s.height };
  });
}

/** Share of the given edges whose target lies right of its source; edges without positions skipped. */
export function forwardShare(positions: Record<string, Point2>, edges: ReadonlyArray<{ source: string; target: string }>): number {
  let fwd = 0;
  let total = 0;
  for (const e of edges) {
    const s = positions[e.source];
    const t = positions[e.target];
    if (!s || !t) continue;
    total++;
    if (s.x < t.x) fwd++;
  }
  return total ? fwd / total : 1;
}

/** Distance moved by every node positioned in both layouts: mean, max, and how many moved > 0.5 px. */
export function displacement(before: Record<string, Point2>, after: Record<string, Point2>): { mean: number; max: number; moved: number; count: number } {
  let sum = 0;
  let max = 0;
  let moved = 0;
  let count = 0;
  for (const [id, p] of Object.entries(before)) {
    const q = after[id];
    if (!q) continue;
    const d = Math.hypot(q.x - p.x, q.y - p.y);
    sum += d;
    max = Math.max(max, d);
    if (d > 0.5) moved++;
    count++;
  }
  return { mean: count ? sum / count : 0, max, moved, count };
}

/** Width and height of the whole drawing (group boxes start at 0, 0). */
export function extent(result: Pick<LayoutResult, 'groups'>): { width: number; height: number; diagonal: number } {
  const width = Math.max(0, ...result.groups.map((g: GroupBox) => g.x + g.width));
  const height = Math.max(0, ...result.groups.map((g: GroupBox) => g.y + g.height));
  return { width, height, diagonal: Math.hypot(width, height) };
}
