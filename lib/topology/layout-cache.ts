import type { Point2 } from './layout-types';

/**
 * What the layout remembers between calls (one cache per map view, kept by the layout worker).
 * Group layouts are keyed by the group's *shape* (members, their sizes, intra-group edges), so a live
 * refresh that only changes rates lays out nothing, and a change re-lays only the group it touches.
 * Memory is bounded: one entry per group name and one overview.
 */

/** One group laid out on its own; coordinates relative to the group box's top-left corner. */
export interface GroupLayout {
  shapeKey: string;
  width: number;
  height: number;
  /** Centre of each member. */
  positions: Map<string, Point2>;
}

/** Order of the groups from the overview pass: layers left to right, each top to bottom. */
export interface OverviewOrder {
  /** overviewShapeKey of the graph the order was last used for. */
  shapeKey: string;
  layers: string[][];
}

export interface Slot {
  width: number;
  height: number;
}

/** The placement's sticky state (overview-placement.ts). */
export interface PlacementState {
  perColumn: number;
  slots: Map<string, Slot>;
}

export interface LayoutCache {
  /** By group key (see groupKey). */
  groups: Map<string, GroupLayout>;
  overview: OverviewOrder | null;
  placement: PlacementState | null;
}

export function createLayoutCache(): LayoutCache {
  return { groups: new Map(), overview: null, placement: null };
}

/** Key of the ungrouped bucket; NUL cannot occur in a label value, so it never meets a real group. */
export const UNGROUPED_KEY = '\u0000';

export const groupKey = (group: string | null): string => (group === null ? UNGROUPED_KEY : group);
export const groupOfKey = (key: string): string | null => (key === UNGROUPED_KEY ? null : key);

/**
 * The shape of one group: sorted members with their box sizes and sorted intra-group edges. Two calls
 * with the same shape get the same layout, whatever order the nodes arrive in.
 */
export function groupShapeKey(members: ReadonlyArray<{ id: string; width: number; height: number }>, edges: ReadonlyArray<readonly [string, string]>): string {
  const m = members.map((n) => `${n.id}\u0001${n.width}x${n.height}`).sort();
  const e = edges.map(([s, t]) => `${s}\u0001${t}`).sort();
  return `${m.join('\u0002')}\u0003${e.join('\u0002')}`;
}

/** The overview's shape: the groups and the aggregated group-to-group edges, not the box sizes. */
export function overviewShapeKey(groupKeys: readonly string[], pairs: ReadonlyArray<readonly [string, string]>): string {
  const g = [...groupKeys].sort();
  const e = pairs.map(([s, t]) => `${s}\u0001${t}`).sort();
  return `${g.join('\u0002')}\u0003${e.join('\u0002')}`;
}
