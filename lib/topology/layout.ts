import type { StabilityStrategy } from './elk-options';
import { generateFleet } from './fleet-generator';
import { layoutGroup, type GroupMember } from './group-layout';
import { createLayoutCache, groupKey, groupOfKey, groupShapeKey, overviewShapeKey, UNGROUPED_KEY, type LayoutCache, type OverviewOrder } from './layout-cache';
import { toLayoutInput } from './layout-input';
import type { ElkLike, GroupBox, LayoutInput, LayoutResult, Point2 } from './layout-types';
import { carryOverOrder, countNonForward, orderGroupGraph } from './group-order';
import { COLLAPSED_BOX, placeGroups, type BoxSize } from './overview-placement';

/**
 * The topology map's layout: every group laid out on its own (ELK layered, cached by the group's
 * shape), then the groups placed as boxes by a group-level pass (overview-placement.ts). A live
 * refresh with an unchanged graph costs no ELK call at all; a changed group costs one; expanding a
 * group costs that group only. Cross-group edges are not routed: the map draws them straight.
 */

export interface LayoutOptions {
  /** How a changed group is seeded with its previous layout (measured in bench/topology.ts). */
  stability?: StabilityStrategy;
  /** Checked between ELK calls: a newer graph makes the running layout pointless. */
  signal?: AbortSignal;
  /** Progress after each group laid out (not after cache hits). */
  onGroup?: (done: number, total: number) => void;
}

/** Chosen by measurement (bench/topology.ts, "stability"): least displacement for its cost. */
export const DEFAULT_STABILITY: StabilityStrategy = 'layers+order+y';

interface Partition {
  /** Members per group key, in input order. */
  members: Map<string, GroupMember[]>;
  /** Intra-group edges per group key, deduplicated, no self-loops. */
  intra: Map<string, Array<[string, string]>>;
  /** Aggregated group-to-group pairs, deduplicated. */
  pairs: Array<[string, string]>;
}

function partition(input: LayoutInput): Partition {
  const members = new Map<string, GroupMember[]>();
  const groupOfNode = new Map<string, string>();
  for (const n of input.nodes) {
    if (groupOfNode.has(n.id)) continue;
    const key = groupKey(n.group);
    groupOfNode.set(n.id, key);
    (members.get(key) ?? members.set(key, []).get(key)!).push({ id: n.id, width: n.width, height: n.height });
  }
  const intra = new Map<string, Array<[string, string]>>();
  const seen = new Set<string>();
  const pairs: Array<[string, string]> = [];
  for (const e of input.edges) {
    const gs = groupOfNode.get(e.source);
    const gt = groupOfNode.get(e.target);
    if (gs === undefined || gt === undefined || e.source === e.target) continue;
    if (gs === gt) {
      const k = `${e.source}\u0001${e.target}`;
      if (seen.has(k)) continue;
      seen.add(k);
      (intra.get(gs) ?? intra.set(gs, []).get(gs)!).push([e.source, e.target]);
    } else {
      const k = `${gs}\u0002${gt}`;
      if (seen.has(k)) continue;
      seen.add(k);
      pairs.push([gs, gt]);
    }
  }
  return { members, intra, pairs };
}

function checkAbort(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw signal.reason ?? new Error('layout aborted');
}

/** Lays out the given groups into the cache (those whose shape is unchanged are skipped). */
async function ensureGroups(p: Partition, keys: readonly string[], elk: ElkLike, cache: LayoutCache, options: LayoutOptions) {
  const stability = options.stability ?? DEFAULT_STABILITY;
  let laidOut = 0;
  let fromCache = 0;
  let ms = 0;
  const todo: Array<{ key: string; shape: string; members: GroupMember[]; edges: Array<[string, string]> }> = [];
  for (const key of keys) {
    const members = p.members.get(key);
    if (!members) continue;
    const edges = p.intra.get(key) ?? [];
    const shape = groupShapeKey(members, edges);
    if (cache.groups.get(key)?.shapeKey === shape) fromCache++;
    else todo.push({ key, shape, members, edges });
  }
  for (const g of todo) {
    checkAbort(options.signal);
    const t0 = performance.now();
    cache.groups.set(g.key, await layoutGroup(g.members, g.edges, elk, g.shape, cache.groups.get(g.key), stability));
    ms += performance.now() - t0;
    laidOut++;
    options.onGroup?.(laidOut, todo.length);
  }
  return { laidOut, fromCache, ms };
}

/**
 * Positions for `input`: member centres of every expanded group, and a box per group (top-left x, y).
 * Collapsed groups (input.collapsed; the ungrouped bucket is UNGROUPED_KEY) get a fixed-size box and
 * no member positions. Pass the same `cache` on every refresh of one view.
 */
export async function layoutGraph(input: LayoutInput, elk: ElkLike, cache: LayoutCache = createLayoutCache(), options: LayoutOptions = {}): Promise<LayoutResult> {
  return layoutWith(input, new Set(input.collapsed ?? []), elk, cache, options);
}

/**
 * The overview alone: every group collapsed to one box, no group laid out. For a large fleet this is
 * what the map shows first (one small ELK call on the group graph); expanding a group afterwards with
 * the same cache keeps the overview's order and costs that group's layout only.
 */
export async function layoutOverview(input: LayoutInput, elk: ElkLike, cache: LayoutCache = createLayoutCache(), options: LayoutOptions = {}): Promise<LayoutResult> {
  const all = new Set(input.nodes.map((n) => groupKey(n.group)));
  return layoutWith(input, all, elk, cache, options);
}

/**
 * Lays out groups into the cache without placing anything, e.g. in the background after the
 * overview, visible groups first. `groups` defaults to all; null names the ungrouped bucket.
 */
export async function prepareGroups(
  input: LayoutInput,
  elk: ElkLike,
  cache: LayoutCache,
  groups?: ReadonlyArray<string | null>,
  options: LayoutOptions = {},
): Promise<{ laidOut: number; fromCache: number; ms: number }> {
  const p = partition(input);
  const keys = groups ? groups.map(groupKey) : [...p.members.keys()];
  return ensureGroups(p, keys, elk, cache, options);
}

/**
 * Expanded groups of `input` that a layout would have to run ELK on (their shape is not in `cache`),
 * and their member count: what decides whether the map shows the overview first.
 */
export function pendingGroups(input: LayoutInput, cache: LayoutCache): { groups: number; nodes: number } {
  const p = partition(input);
  const collapsed = new Set(input.collapsed ?? []);
  let groups = 0;
  let nodes = 0;
  for (const [key, members] of p.members) {
    if (collapsed.has(key)) continue;
    if (cache.groups.get(key)?.shapeKey === groupShapeKey(members, p.intra.get(key) ?? [])) continue;
    groups++;
    nodes += members.length;
  }
  return { groups, nodes };
}

/**
 * The group order for this graph. A changed group graph (a new cross-group call, a group that came or
 * went) keeps the previous order, adapted, unless that leaves clearly more calls pointing left than a
 * fresh order would (more than max(8, 10 %) extra): re-ordering moves the whole map. Measured in the
 * bench (28 services added, each also calling a random other group): re-ordering on every change
 * moved other groups in 2 of 3 changes. A fresh order costs ~15 ms for 143 groups.
 */
function groupOrder(keys: readonly string[], pairs: ReadonlyArray<[string, string]>, previous: OverviewOrder | null): OverviewOrder {
  const shapeKey = overviewShapeKey(keys, pairs);
  if (previous?.shapeKey === shapeKey) return previous;
  const fresh = orderGroupGraph(keys, pairs);
  if (previous) {
    const kept = carryOverOrder(previous.layers, keys, pairs);
    if (countNonForward(kept, pairs) <= countNonForward(fresh, pairs) + Math.max(8, 0.1 * pairs.length)) return { shapeKey, layers: kept };
  }
  return { shapeKey, layers: fresh };
}

async function layoutWith(input: LayoutInput, collapsed: ReadonlySet<string>, elk: ElkLike, cache: LayoutCache, options: LayoutOptions): Promise<LayoutResult> {
  const t0 = performance.now();
  const p = partition(input);
  const keys = [...p.members.keys()];
  const expanded = keys.filter((k) => !collapsed.has(k));
  const groupsRun = await ensureGroups(p, expanded, elk, cache, options);
  // Groups that left the graph: forget them (a collapsed group keeps its entry for a quick expand).
  for (const k of cache.groups.keys()) if (!p.members.has(k)) cache.groups.delete(k);

  checkAbort(options.signal);
  const t1 = performance.now();
  const overview = groupOrder(keys, p.pairs, cache.overview);
  cache.overview = overview;
  const sizes = new Map<string, BoxSize>();
  for (const k of keys) {
    const g = collapsed.has(k) ? undefined : cache.groups.get(k);
    sizes.set(k, g ? { width: g.width, height: g.height, expanded: true } : { ...COLLAPSED_BOX, expanded: false });
  }
  const { boxes, state } = placeGroups(overview.layers, sizes, cache.placement);
  cache.placement = state;
  const t2 = performance.now();

  const positions: Record<string, Point2> = {};
  const groups: GroupBox[] = [];
  for (const layer of overview.layers)
    for (const k of layer) {
      const box = boxes.get(k);
      if (!box) continue;
      const isCollapsed = collapsed.has(k);
      groups.push({ group: groupOfKey(k), ...box, collapsed: isCollapsed, size: p.members.get(k)?.length ?? 0 });
      if (isCollapsed) continue;
      const g = cache.groups.get(k);
      if (g) for (const [id, pos] of g.positions) positions[id] = { x: box.x + pos.x, y: box.y + pos.y };
    }
  const t3 = performance.now();
  return {
    positions,
    groups,
    timings: {
      groupsMs: groupsRun.ms,
      overviewMs: t2 - t1,
      totalMs: t3 - t0,
      groupsLaidOut: groupsRun.laidOut,
      groupsFromCache: groupsRun.fromCache,
    },
  };
}

/**
 * Runs ELK once on a small synthetic group (~60 services, ~0.3 s cold) so the JIT is warm before the
 * real graph arrives: ELK's first calls are 2–3× slower than later ones. Call it in the worker while
 * the topology request is in flight; it saved about as much as it cost on the 1,000-service layout.
 */
export async function warmUp(elk: ElkLike): Promise<void> {
  await layoutGraph(toLayoutInput(generateFleet({ services: 60, seed: 1 })), elk, createLayoutCache());
}

export { createLayoutCache, UNGROUPED_KEY, type LayoutCache };
export { COLLAPSED_BOX };
