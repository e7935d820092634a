import 'server-only';
import type { RegistryInstance } from '@/lib/schemas/registry';
import type { HealthThresholds } from '@/lib/schemas/config';
import type { RedStats } from '@/lib/schemas/services';
import { edgeId, type TopologyEdge } from '@/lib/schemas/topology';
import { healthOf } from '@/lib/health';

/** An edge of the graph from its RED numbers; without traffic in the window it is drawn dashed. */
export function topologyEdge(source: string, target: string, s: RedStats, thresholds: HealthThresholds): TopologyEdge {
  const { rps, errorRatio, p50, p95, p99 } = s;
  return { id: edgeId(source, target), source, target, rps, errorRatio, p50, p95, p99, health: healthOf(s, thresholds), traffic: (rps ?? 0) > 0 };
}

/**
 * The group of a service: the value of registry metadata `key` that most of its instances carry (ties go
 * to the alphabetically first value, so the answer never depends on registry order); null when no
 * instance has the key.
 */
export function groupOf(instances: readonly RegistryInstance[] | undefined, key: string): string | null {
  const counts = new Map<string, number>();
  for (const i of instances ?? []) {
    const v = Object.hasOwn(i.metadata, key) ? i.metadata[key] : undefined;
    if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestN = 0;
  for (const [v, n] of counts) if (n > bestN || (n === bestN && best !== null && v < best)) [best, bestN] = [v, n];
  return best;
}

/**
 * RED numbers of a node that has no server metrics of its own (an un-instrumented callee, or a virtual
 * client such as the service graph's "user"): what its callers saw, i.e. its incoming edges added up.
 * Rates and errors add; latency quantiles do not, so they are kept only when exactly one edge carried
 * traffic into it. No incoming edge at all (a pure caller, like "user" or an un-instrumented client):
 * nothing measures it, so its numbers are unknown rather than a reassuring "idle"; its calls show on
 * its edges.
 */
export function servedStats(incoming: readonly RedStats[]): RedStats {
  const none: RedStats = { rps: 0, errorRatio: null, p50: null, p95: null, p99: null };
  if (incoming.length === 0) return { ...none, rps: null };
  if (incoming.some((e) => e.rps === null)) return { ...none, rps: null };
  const busy = incoming.filter((e) => e.rps! > 0);
  if (busy.length === 0) return none;
  if (busy.length === 1) {
    const { rps, errorRatio, p50, p95, p99 } = busy[0]!;
    return { rps, errorRatio, p50, p95, p99 };
  }
  const rps = busy.reduce((a, e) => a + e.rps!, 0);
  const errorRatio = busy.every((e) => e.errorRatio !== null) ? busy.reduce((a, e) => a + e.errorRatio! * e.rps!, 0) / rps : null;
  return { rps, errorRatio, p50: null, p95: null, p99: null };
}
