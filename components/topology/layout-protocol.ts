import type { LayoutInput, LayoutResult } from '@/lib/topology/layout-types';

/**
 * Messages between the map and its layout Web Worker (layout.worker.ts). Every request carries an id;
 * the worker answers each with progress messages and then `done` or `error` under the same id, and the
 * page ignores answers to requests it has since replaced.
 */
export type LayoutRequest =
  | { kind: 'switchyard-layout'; id: number; input: LayoutInput }
  /**
   * The graph of the previous request with other groups collapsed (expanding or collapsing one): the
   * page does not clone 5,000 nodes and 15,000 edges into the worker again for a one-group change.
   */
  | { kind: 'switchyard-layout'; id: number; collapsed: string[] };

export type LayoutReply =
  | { kind: 'switchyard-layout'; type: 'progress'; id: number; done: number; total: number }
  /** Every group collapsed (no ELK call), sent first when the full layout would take a while (overviewFirst). */
  | { kind: 'switchyard-layout'; type: 'overview'; id: number; result: LayoutResult }
  | { kind: 'switchyard-layout'; type: 'done'; id: number; result: LayoutResult }
  | { kind: 'switchyard-layout'; type: 'error'; id: number; message: string }
  /** Collapsed groups laid out in the background after `done`, so expanding one is a cache hit. */
  | { kind: 'switchyard-layout'; type: 'prepared'; id: number; laidOut: number; ms: number };

/** A reply without its protocol tag (what the worker fills in). */
export type LayoutReplyBody = LayoutReply extends infer R ? (R extends LayoutReply ? Omit<R, 'kind'> : never) : never;

export function isLayoutReply(data: unknown): data is LayoutReply {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'switchyard-layout' && 'type' in data;
}

export function isLayoutRequest(data: unknown): data is LayoutRequest {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'switchyard-layout' && ('input' in data || 'collapsed' in data);
}

/**
 * The input a request stands for, given the last full input the worker received (a collapsed-only
 * request needs one: null when there is none, which the page never sends).
 */
export function requestInput(req: LayoutRequest, last: LayoutInput | null): LayoutInput | null {
  if ('input' in req) return req.input;
  return last ? { ...last, collapsed: req.collapsed } : null;
}

/**
 * What the layout depends on, as one string: nodes with their group and box size, edges, collapsed
 * groups. Two inputs with the same key get the same layout, so the page does not even post a live
 * refresh whose graph kept its shape (only rates changed): positions stay exactly where they were.
 */
export function layoutShapeKey(input: LayoutInput): string {
  return `${graphShapeKey(input)}\u0003${collapsedKey(input)}`;
}

/** The graph's part of the shape (nodes, groups, sizes, edges), without which groups are collapsed. */
export function graphShapeKey(input: LayoutInput): string {
  const nodes = input.nodes.map((n) => `${n.id}\u0001${n.group ?? '\u0000'}\u0001${n.width}x${n.height}`).join('\u0002');
  const edges = input.edges.map((e) => `${e.source}\u0001${e.target}`).join('\u0002');
  return `${nodes}\u0003${edges}`;
}

export const collapsedKey = (input: LayoutInput) => [...(input.collapsed ?? [])].sort().join('\u0002');

/** Groups that need a layout of their members (expanded), for the progress line before the worker reports. */
export function expandedGroupCount(input: LayoutInput, ungroupedKey: string): number {
  const collapsed = new Set(input.collapsed ?? []);
  const groups = new Set<string>();
  for (const n of input.nodes) {
    const key = n.group ?? ungroupedKey;
    if (!collapsed.has(key)) groups.add(key);
  }
  return groups.size;
}

/**
 * Whether the worker answers a request with the collapsed-groups overview before the full layout: when
 * the groups it still has to lay out (not in its cache) are many. Measured in Chromium
 * (bench/topology-browser.ts, 1,000 services in ~30 groups): the overview was interactive 0.73 s after
 * the response arrived, the full layout 2.5 s after; a few small groups (the demo fleet) are laid out
 * about as fast as an overview would be painted, so they skip it.
 */
export const OVERVIEW_FIRST = { groups: 8, nodes: 300 } as const;

export function overviewFirst(pending: { groups: number; nodes: number }): boolean {
  return pending.groups >= OVERVIEW_FIRST.groups || pending.nodes >= OVERVIEW_FIRST.nodes;
}
