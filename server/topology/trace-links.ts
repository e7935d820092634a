import 'server-only';
import type { HealthThresholds } from '@/lib/schemas/config';
import type { RedStats } from '@/lib/schemas/services';
import { edgeId, type TopologyEdge, type TopologyNode } from '@/lib/schemas/topology';
import type { DependencyLink } from '@/lib/schemas/traces';
import { healthOf } from '@/lib/health';
import type { ErrorList } from '@/server/services/source-errors';
import type { StatsWindow } from '@/server/services/window';
import type { TraceSource } from '@/server/sources/jaeger/port';
import { topologyEdge } from './graph-parts';

/** The window's dependency links from traces: none without Jaeger; none plus one error when it fails. */
export async function traceLinks(traces: TraceSource | null, w: StatsWindow, errors: ErrorList, signal?: AbortSignal): Promise<DependencyLink[]> {
  if (!traces) return [];
  try {
    return await traces.dependencies({ startMs: w.startMs, endMs: w.endMs, signal });
  } catch (err) {
    errors.add(err, traces.name);
    return [];
  }
}

const NO_TRAFFIC: RedStats = { rps: 0, errorRatio: null, p50: null, p95: null, p99: null };

/**
 * Adds to the graph what traces know and metrics do not. A link metrics already have keeps its metric
 * numbers (metrics measure the whole window; traces are sampled). Any other link becomes an edge
 * without traffic (drawn dashed), and an endpoint known to neither metrics nor the registry an
 * external node without traffic. Call it after the metric nodes are built, so no number that metrics
 * gave changes. A service calling itself is not an edge of the map.
 */
export function addTraceLinks(links: readonly DependencyLink[], edges: TopologyEdge[], nodes: Map<string, TopologyNode>, thresholds: (service: string) => HealthThresholds): void {
  const known = new Set(edges.map((e) => e.id));
  for (const { parent, child } of links) {
    const id = edgeId(parent, child);
    if (parent === child || parent === '' || child === '' || known.has(id)) continue;
    known.add(id);
    edges.push(topologyEdge(parent, child, NO_TRAFFIC, thresholds(child)));
    for (const end of [parent, child]) {
      if (nodes.has(end)) continue;
      nodes.set(end, { id: end, kind: 'external', group: null, ...NO_TRAFFIC, instances: 0, inRegistry: false, inMetrics: false, health: healthOf(NO_TRAFFIC, thresholds(end)) });
    }
  }
}
