import 'server-only';
import type { RedStats } from '@/lib/schemas/services';
import type { TopologyEdge, TopologyNode, TopologyParams, TopologyResponse } from '@/lib/schemas/topology';
import { healthOf } from '@/lib/health';
import { thresholdResolver } from '@/lib/health-thresholds';
import type { Container } from '@/server/container';
import { edgeStats } from '@/server/services/red-stats';
import { serviceSummaries } from '@/server/services/service-summaries';
import { ErrorList } from '@/server/services/source-errors';
import { statsWindow } from '@/server/services/window';
import { groupOf, servedStats, topologyEdge } from './graph-parts';
import { ENRICHERS } from './enrich';
import { addTraceLinks, traceLinks } from './trace-links';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The service graph over a window. Nodes: registry ∪ services with server metrics (kind "service",
 * with the same numbers as the services view) ∪ every other edge endpoint (kind "external"). Edges: one
 * per (client, server) pair of the profile's edge metrics, plus, when Jaeger is configured, its
 * dependency links that metrics lack, without traffic (trace-links.ts).
 *
 * A fixed number of PromQL queries whatever the fleet size: five service RED queries, five edge RED
 * queries (all edges at once, grouped by client and server), and the scrape-target count when the
 * profile has `up` — eleven for otel-http, ten for service-graph and istio; plus the enrichment
 * steps (enrich/): three for breaker and rate-limit state, and when SLOs are loaded the SLO batch
 * (7 + 2 per distinct SLO window); with Jaeger, one dependencies call more. A failing backend leaves what the others answered plus one error per
 * source; only a bad time range throws (InputError).
 */
export async function buildTopology(c: Container, params: TopologyParams, nowMs: number, signal?: AbortSignal): Promise<TopologyResponse> {
  const w = statsWindow(params, nowMs, c.config.cache.ttlMs);
  const errors = new ErrorList();
  const [fleet, edgeMap, links, enrichments] = await Promise.all([
    serviceSummaries(c, w, errors, signal),
    edgeStats({ prom: c.prometheus, spec: c.profile, promRange: w.promRange, timeMs: w.endMs, errors, signal }),
    traceLinks(c.traces, w, errors, signal),
    Promise.all(ENRICHERS.map((enrich) => enrich({ c, w, nowMs, errors, signal }))),
  ]);
  // Per service by pattern; an edge is graded with its callee's thresholds.
  const thresholds = thresholdResolver(c.config.health);
  const groupBy = params.groupBy ?? null;

  const edges: TopologyEdge[] = [];
  for (const [key, s] of edgeMap) {
    const [source, target] = key.split('\u0000') as [string, string];
    edges.push(topologyEdge(source, target, s, thresholds(target)));
  }

  const nodes = new Map<string, TopologyNode>();
  for (const { name, ...s } of fleet.services) {
    const group = groupBy === null ? null : groupOf(fleet.registry.instances.get(name), groupBy);
    nodes.set(name, { id: name, kind: 'service', group, ...s });
  }
  const incoming = new Map<string, RedStats[]>();
  for (const e of edges) {
    for (const end of [e.source, e.target]) if (!nodes.has(end) && !incoming.has(end)) incoming.set(end, []);
    incoming.get(e.target)?.push(e);
  }
  for (const [name, into] of incoming) {
    const s = servedStats(into);
    nodes.set(name, { id: name, kind: 'external', group: null, ...s, instances: 0, inRegistry: false, inMetrics: false, health: healthOf(s, thresholds(name)) });
  }
  addTraceLinks(links, edges, nodes, thresholds);
  edges.sort(byId);
  for (const apply of enrichments) apply?.(nodes, edges);

  return {
    nodes: [...nodes.values()].sort(byId),
    edges,
    groupBy,
    window: { startMs: w.startMs, endMs: w.endMs },
    errors: errors.toArray(),
  };
}
