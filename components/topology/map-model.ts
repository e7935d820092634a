import type { TopologyEdge, TopologyNode, TopologyResponse } from '@/lib/schemas/topology';
import type { TopologyViewState } from '@/lib/query/topology-params';
import { aggregateGroups, filterGraph, focus, searchNodes, subgraph, type GraphFilter } from '@/lib/topology/graph-ops';
import { groupKey } from '@/lib/topology/layout-cache';
import { toLayoutInput } from '@/lib/topology/layout-input';
import type { LayoutInput } from '@/lib/topology/layout-types';
import type { MapEdge, MapGraph, MapNode } from './map-types';
import type { SearchMatch } from './TopologySearch';
import type { Selection } from './TopologySidePanel';

/**
 * From the API's graph and the URL's view to what the map draws and what the worker lays out. Pure
 * and O(N + E) (graph-ops), so it runs on every refresh on the main thread; only the layout is off it.
 * Order: focus first (the neighbourhood of a service), then the filters inside it, then collapsed
 * groups folded into one node each.
 */

/** Above this many services in view, the map starts with every group collapsed (and says so). */
export const COLLAPSE_AT = 1500;

/** Which groups are collapsed: decided by size ("auto") until the user expands or collapses one. */
export type Expansion = { kind: 'auto' } | { kind: 'manual'; groupBy: string | null; collapsed: ReadonlySet<string | null> };

export interface MapModel {
  /** Services and calls in view (after focus and filters), before folding groups. */
  services: TopologyNode[];
  calls: TopologyEdge[];
  /** Shown only as the other end of a matching call. */
  context: ReadonlySet<string>;
  /** Distinct groups in view, in first-seen order. */
  groups: Array<string | null>;
  collapsed: Array<string | null>;
  /** Collapsed because the view is large, not by the user. */
  autoCollapsed: boolean;
  /** The focus is set but not in this window's graph. */
  focusMissing: boolean;
  map: MapGraph;
  layoutInput: LayoutInput;
}

function filterOf(view: TopologyViewState): GraphFilter | null {
  const f: GraphFilter = {};
  if (view.filter === 'unhealthy') f.unhealthyOnly = true;
  if (view.filter === 'errors') f.errorsOnly = true;
  if (view.minRps !== null) f.minRps = view.minRps;
  if (view.only !== null && view.groupBy !== null) f.groups = [view.only];
  return Object.keys(f).length ? f : null;
}

export function buildMapModel(data: TopologyResponse, view: TopologyViewState, expansion: Expansion): MapModel {
  let graph: { nodes: TopologyNode[]; edges: TopologyEdge[] } = { nodes: data.nodes, edges: data.edges };
  let focusMissing = false;
  if (view.focus !== null) {
    focusMissing = !data.nodes.some((n) => n.id === view.focus);
    graph = subgraph(graph, focus(graph, view.focus, view.up, view.down));
  }
  let context: ReadonlySet<string> = new Set();
  const filter = filterOf(view);
  if (filter) {
    const kept = filterGraph(graph, filter);
    context = kept.context;
    graph = subgraph(graph, kept);
  }

  const seen = new Set<string | null>();
  const groups: Array<string | null> = [];
  for (const n of graph.nodes)
    if (!seen.has(n.group)) {
      seen.add(n.group);
      groups.push(n.group);
    }

  let collapsed: Array<string | null>;
  let autoCollapsed = false;
  if (expansion.kind === 'manual' && expansion.groupBy === data.groupBy) {
    collapsed = groups.filter((g) => expansion.collapsed.has(g));
  } else if (graph.nodes.length > COLLAPSE_AT && groups.length > 1) {
    collapsed = groups;
    autoCollapsed = true;
  } else {
    collapsed = [];
  }

  const folded = aggregateGroups(graph, collapsed);
  const title = (g: string | null) => g ?? (data.groupBy ? `no ${data.groupBy}` : 'services');
  const nodes: MapNode[] = folded.nodes.map((n) => ({
    id: n.id,
    label: n.kind === 'group' ? title(n.group) : n.id,
    kind: n.kind,
    health: n.health,
    rps: n.rps,
    errorRatio: n.errorRatio,
    p95: n.p95,
    instances: n.instances,
    members: n.members,
    ...(n.kind === 'group' ? { group: n.group } : {}),
    ...(context.has(n.id) ? { context: true } : {}),
    ...(n.slo ? { slo: n.slo } : {}),
    ...(n.rateLimit ? { rateLimit: n.rateLimit } : {}),
    ...(n.breaker ? { breaker: n.breaker } : {}),
  }));
  const edges: MapEdge[] = folded.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    health: e.health,
    traffic: e.traffic,
    rps: e.rps,
    errorRatio: e.errorRatio,
    p95: e.p95,
    count: e.members,
    ...(e.breaker ? { breaker: e.breaker } : {}),
    ...(e.rateLimit ? { rateLimit: e.rateLimit } : {}),
  }));

  return {
    services: graph.nodes,
    calls: graph.edges,
    context,
    groups,
    collapsed,
    autoCollapsed,
    focusMissing,
    map: { nodes, edges },
    layoutInput: toLayoutInput(graph, { collapsed: collapsed.map(groupKey) }),
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The canvas's accessible name: what is on the map, in numbers. */
export function mapSummary(model: Pick<MapModel, 'services' | 'calls' | 'collapsed'>): string {
  const base = `Service topology: ${plural(model.services.length, 'service', 'services')}, ${plural(model.calls.length, 'call', 'calls')}`;
  return model.collapsed.length ? `${base}; ${plural(model.collapsed.length, 'group', 'groups')} collapsed` : base;
}

/** The side panel's subject: a node with its callers and callees, an edge, or an id not in this window. */
export function resolveSelection(data: TopologyResponse, sel: string): Selection {
  const edge = data.edges.find((e) => e.id === sel);
  if (edge) {
    return { kind: 'edge', edge, source: data.nodes.find((n) => n.id === edge.source), target: data.nodes.find((n) => n.id === edge.target) };
  }
  const node = data.nodes.find((n) => n.id === sel);
  if (!node) return { kind: 'missing', id: sel };
  return { kind: 'node', node, callers: data.edges.filter((e) => e.target === sel), callees: data.edges.filter((e) => e.source === sel) };
}

/** Autocomplete over every service of the window (not only those in view: choosing one brings it in). */
export function searchMatches(nodes: readonly TopologyNode[], q: string, limit = 8): SearchMatch[] {
  return searchNodes(nodes, q, limit).map(({ node }) => ({
    id: node.id,
    label: node.id,
    health: node.health,
    ...(node.kind === 'external' ? { detail: 'external' } : node.group !== null ? { detail: node.group } : {}),
  }));
}
