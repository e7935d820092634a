import type { Health } from '../schemas/services';
import { edgeId, type TopologyEdge, type TopologyNode } from '../schemas/topology';
import { combinedRateLimit, worstBreaker, worstSlo } from './badges';

/**
 * Pure operations on the service graph for the map's way-finding: focus (N hops up and down),
 * filters, group aggregation (collapsed boxes) and search ranking. Each is O(N + E) (search adds a
 * sort of the matches), so they run on the main thread on every keystroke or refresh at 5,000 nodes.
 * They take the API's shapes (lib/schemas/topology.ts) or the minimal structural part they read.
 */

export interface EdgeLike {
  id: string;
  source: string;
  target: string;
}

export interface GraphLike<N extends { id: string } = { id: string }, E extends EdgeLike = EdgeLike> {
  nodes: readonly N[];
  edges: readonly E[];
}

/** Ids of the nodes and edges to show. */
export interface Selection {
  nodes: Set<string>;
  edges: Set<string>;
}

/**
 * A node and everything within `hopsUp` calls upstream (its callers, their callers…) and `hopsDown`
 * calls downstream; edges are those the walk followed: into an upstream node closer than hopsUp, out
 * of a downstream node closer than hopsDown. Infinity is allowed. An unknown id selects nothing.
 */
export function focus(graph: GraphLike, id: string, hopsUp: number, hopsDown: number): Selection {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (!graph.nodes.some((n) => n.id === id)) return { nodes, edges };
  const incoming = new Map<string, EdgeLike[]>();
  const outgoing = new Map<string, EdgeLike[]>();
  for (const e of graph.edges) {
    (incoming.get(e.target) ?? incoming.set(e.target, []).get(e.target)!).push(e);
    (outgoing.get(e.source) ?? outgoing.set(e.source, []).get(e.source)!).push(e);
  }
  nodes.add(id);
  const walk = (hops: number, next: Map<string, EdgeLike[]>, far: (e: EdgeLike) => string) => {
    const seen = new Set([id]);
    let frontier = [id];
    for (let d = 0; d < hops && frontier.length; d++) {
      const following: string[] = [];
      for (const v of frontier)
        for (const e of next.get(v) ?? []) {
          edges.add(e.id);
          const w = far(e);
          nodes.add(w);
          if (!seen.has(w)) {
            seen.add(w);
            following.push(w);
          }
        }
      frontier = following;
    }
  };
  walk(hopsUp, incoming, (e) => e.source);
  walk(hopsDown, outgoing, (e) => e.target);
  return { nodes, edges };
}

type Stats = Pick<TopologyNode, 'rps' | 'errorRatio' | 'health'>;

export interface GraphFilter {
  /** Health warning or critical. */
  unhealthyOnly?: boolean;
  /** Error ratio above 0. */
  errorsOnly?: boolean;
  /** Request rate at least this (no data counts as 0). */
  minRps?: number;
  /** Nodes of these groups (null = ungrouped), and edges with at least one end in them. */
  groups?: ReadonlyArray<string | null>;
}

export interface FilterSelection extends Selection {
  /** Kept only as the other end of a kept edge (the UI may dim them); a subset of `nodes`. */
  context: Set<string>;
}

const UNHEALTHY: ReadonlySet<Health> = new Set(['warning', 'critical']);

function statsMatch(s: Stats, f: GraphFilter): boolean {
  if (f.unhealthyOnly && !UNHEALTHY.has(s.health)) return false;
  if (f.errorsOnly && !((s.errorRatio ?? 0) > 0)) return false;
  if (f.minRps !== undefined && (s.rps ?? 0) < f.minRps) return false;
  return true;
}

/**
 * Nodes and edges that match every set criterion, each judged on its own numbers; the ends of a kept
 * edge are kept too (as `context` when they do not match themselves), so a failing call is never
 * shown dangling. An edge between two matching nodes that does not match itself is hidden.
 */
export function filterGraph(graph: GraphLike<Stats & { id: string; group: string | null }, EdgeLike & Stats>, filter: GraphFilter): FilterSelection {
  const groups = filter.groups ? new Set(filter.groups) : null;
  const groupOf = new Map<string, string | null>();
  const nodes = new Set<string>();
  for (const n of graph.nodes) {
    groupOf.set(n.id, n.group);
    if ((!groups || groups.has(n.group)) && statsMatch(n, filter)) nodes.add(n.id);
  }
  const edges = new Set<string>();
  const context = new Set<string>();
  for (const e of graph.edges) {
    if (!groupOf.has(e.source) || !groupOf.has(e.target)) continue;
    if (groups && !groups.has(groupOf.get(e.source)!) && !groups.has(groupOf.get(e.target)!)) continue;
    if (!statsMatch(e, filter)) continue;
    edges.add(e.id);
    for (const end of [e.source, e.target]) if (!nodes.has(end)) context.add(end);
  }
  for (const c of context) nodes.add(c);
  return { nodes, edges, context };
}

/** The nodes and edges of a selection, in their original order. */
export function subgraph<N extends { id: string }, E extends EdgeLike>(graph: GraphLike<N, E>, selection: Selection): { nodes: N[]; edges: E[] } {
  return { nodes: graph.nodes.filter((n) => selection.nodes.has(n.id)), edges: graph.edges.filter((e) => selection.edges.has(e.id)) };
}

/**
 * Worst first. A failing member makes the box red; otherwise a box with any healthy traffic is
 * healthy: one member without data (often an external caller) must not grey out a whole team.
 */
const SEVERITY: Record<Health, number> = { critical: 4, warning: 3, healthy: 2, unknown: 1, idle: 0 };

export function worstHealth(hs: Iterable<Health>): Health {
  let worst: Health | null = null;
  for (const h of hs) if (worst === null || SEVERITY[h] > SEVERITY[worst]) worst = h;
  return worst ?? 'unknown';
}

/** Id of a collapsed group's node; the prefix keeps it apart from service names. */
export const GROUP_NODE_PREFIX = 'group:';
export const groupNodeId = (group: string | null): string => `${GROUP_NODE_PREFIX}${group ?? ''}`;

export type AggregatedNode = Omit<TopologyNode, 'kind'> & {
  kind: TopologyNode['kind'] | 'group';
  /** Services folded into this node (1 for a service). */
  members: number;
};

export type AggregatedEdge = TopologyEdge & {
  /** Service-level edges folded into this one (1 when nothing was merged). */
  members: number;
};

type Red = Pick<TopologyNode, 'rps' | 'errorRatio' | 'p50' | 'p95' | 'p99'>;

/** Summed rate, rate-weighted error ratio, worst (highest) latency quantiles; null when no member has data. */
function combine(items: readonly Red[]): Red {
  let rps: number | null = null;
  let errRps = 0;
  let errWeight = 0;
  let anyErr = false;
  const worst = (k: 'p50' | 'p95' | 'p99') => items.reduce<number | null>((m, x) => (x[k] === null ? m : m === null ? x[k] : Math.max(m, x[k])), null);
  for (const x of items) {
    if (x.rps !== null) rps = (rps ?? 0) + x.rps;
    if (x.errorRatio !== null) {
      anyErr = true;
      if (x.rps !== null && x.rps > 0) {
        errRps += x.rps * x.errorRatio;
        errWeight += x.rps;
      }
    }
  }
  return { rps, errorRatio: errWeight > 0 ? errRps / errWeight : anyErr ? 0 : null, p50: worst('p50'), p95: worst('p95'), p99: worst('p99') };
}

/**
 * Folds each collapsed group (`'all'`, or the listed names; null = ungrouped) into one node of kind
 * "group" with id groupNodeId(group): summed rate and instances, worst health and latencies. Edges
 * are re-pointed at the group nodes and merged per (source, target); calls inside a collapsed group
 * disappear. Everything else passes through unchanged (members: 1).
 */
export function aggregateGroups(
  graph: { nodes: readonly TopologyNode[]; edges: readonly TopologyEdge[] },
  collapse: 'all' | Iterable<string | null>,
): { nodes: AggregatedNode[]; edges: AggregatedEdge[] } {
  const collapsed = collapse === 'all' ? null : new Set(collapse);
  const isCollapsed = (g: string | null) => (collapsed ? collapsed.has(g) : true);
  const mapped = new Map<string, string>();
  const groups = new Map<string, { group: string | null; members: TopologyNode[] }>();
  const nodes: AggregatedNode[] = [];
  for (const n of graph.nodes) {
    if (!isCollapsed(n.group)) {
      mapped.set(n.id, n.id);
      nodes.push({ ...n, members: 1 });
      continue;
    }
    const id = groupNodeId(n.group);
    mapped.set(n.id, id);
    let g = groups.get(id);
    if (!g) {
      g = { group: n.group, members: [] };
      groups.set(id, g);
      nodes.push({ id, kind: 'group', group: n.group, instances: 0, inRegistry: false, inMetrics: false, health: 'unknown', members: 0, rps: null, errorRatio: null, p50: null, p95: null, p99: null });
    }
    g.members.push(n);
  }
  for (const node of nodes) {
    const g = node.kind === 'group' ? groups.get(node.id) : undefined;
    if (!g) continue;
    Object.assign(node, combine(g.members), {
      members: g.members.length,
      instances: g.members.reduce((a, m) => a + m.instances, 0),
      inRegistry: g.members.some((m) => m.inRegistry),
      inMetrics: g.members.some((m) => m.inMetrics),
      health: worstHealth(g.members.map((m) => m.health)),
      slo: worstSlo(g.members.map((m) => m.slo)),
      rateLimit: combinedRateLimit(g.members.map((m) => m.rateLimit)),
      breaker: worstBreaker(g.members.map((m) => m.breaker)),
    });
  }

  const merged = new Map<string, TopologyEdge[]>();
  for (const e of graph.edges) {
    const s = mapped.get(e.source);
    const t = mapped.get(e.target);
    if (s === undefined || t === undefined || (s === t && s !== e.source)) continue;
    const id = s === e.source && t === e.target ? e.id : edgeId(s, t);
    (merged.get(id) ?? merged.set(id, []).get(id)!).push({ ...e, id, source: s, target: t });
  }
  const edges: AggregatedEdge[] = [];
  for (const [id, es] of merged) {
    const first = es[0]!;
    if (es.length === 1) {
      edges.push({ ...first, members: 1 });
      continue;
    }
    edges.push({
      ...combine(es),
      id,
      source: first.source,
      target: first.target,
      health: worstHealth(es.map((e) => e.health)),
      traffic: es.some((e) => e.traffic),
      breaker: worstBreaker(es.map((e) => e.breaker)),
      rateLimit: combinedRateLimit(es.map((e) => e.rateLimit)),
      members: es.length,
    });
  }
  return { nodes, edges };
}

export interface SearchHit<N> {
  node: N;
  /** prefix: the name starts with the query; word: a part after - _ . / : does; substring: anywhere. */
  kind: 'prefix' | 'word' | 'substring';
  /** Where the match starts in the id, for highlighting (length = query length). */
  start: number;
}

const KIND_RANK = { prefix: 0, word: 1, substring: 2 } as const;
const SEPARATORS = new Set(['-', '_', '.', '/', ':', ' ']);

/**
 * Autocomplete ranking, case-insensitive: prefix matches first, then matches at the start of a
 * name part ("pay" → "checkout-payments"), then any substring; inside a kind, earlier match, then
 * shorter name, then alphabetical. Top `limit`.
 */
export function searchNodes<N extends { id: string }>(nodes: readonly N[], query: string, limit = 10): SearchHit<N>[] {
  const q = query.trim().toLowerCase();
  if (!q || limit <= 0) return [];
  const hits: SearchHit<N>[] = [];
  for (const node of nodes) {
    const name = node.id.toLowerCase();
    const first = name.indexOf(q);
    if (first < 0) continue;
    if (first === 0) {
      hits.push({ node, kind: 'prefix', start: 0 });
      continue;
    }
    let word = -1;
    for (let i = first; i >= 0; i = name.indexOf(q, i + 1))
      if (SEPARATORS.has(name[i - 1] ?? '')) {
        word = i;
        break;
      }
    hits.push(word >= 0 ? { node, kind: 'word', start: word } : { node, kind: 'substring', start: first });
  }
  hits.sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.start - b.start || a.node.id.length - b.node.id.length || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0));
  return hits.slice(0, limit);
}
