import 'server-only';
import type { ServicesResponse, ServiceSummary } from '@/lib/schemas/services';
import type { TimeRangeParams } from '@/lib/schemas/time';
import { healthOf } from '@/lib/health';
import { instanceCountQuery } from '@/lib/promql/red';
import type { Container } from '@/server/container';
import { ErrorList } from './source-errors';
import { EMPTY_STATS, serviceStats } from './red-stats';
import { statsWindow } from './window';
import { registryView } from './registry-view';

/**
 * The services view: every service the registry knows or the metrics show, with RED numbers over the
 * window. Costs six PromQL queries whatever the fleet size, plus one registry snapshot (in memory).
 */
export async function listServices(c: Container, params: TimeRangeParams, nowMs: number, signal?: AbortSignal): Promise<ServicesResponse> {
  const w = statsWindow(params, nowMs, c.config.cache.ttlMs);
  const errors = new ErrorList();
  const countQuery = instanceCountQuery(c.profile);
  const [stats, registry, targets] = await Promise.all([
    serviceStats({ prom: c.prometheus, spec: c.profile, promRange: w.promRange, timeMs: w.endMs, errors, signal }),
    registryView(c.registry, errors, signal),
    countQuery
      ? c.prometheus.instant(countQuery, { timeMs: w.endMs, signal }).catch((err) => (errors.add(err, c.prometheus.name), null))
      : Promise.resolve(null),
  ]);
  const targetCount = new Map<string, number>();
  for (const s of targets ?? []) {
    const name = s.labels[c.profile.up?.serviceLabel ?? ''];
    if (name !== undefined) targetCount.set(name, s.value);
  }
  const metricsAnswered = !errors.toArray().some((e) => e.source === c.prometheus.name);
  const names = new Set([...stats.keys(), ...registry.services]);
  const services: ServiceSummary[] = [...names].sort().map((name) => {
    const inMetrics = stats.has(name);
    // Registered but absent from answered metrics: we know it had no traffic.
    const s = stats.get(name) ?? (metricsAnswered ? { ...EMPTY_STATS, rps: 0 } : EMPTY_STATS);
    const registered = registry.services.has(name);
    return {
      name,
      ...s,
      instances: registered ? (registry.instances.get(name)?.length ?? 0) : (targetCount.get(name) ?? 0),
      inRegistry: registered,
      inMetrics,
      health: healthOf(s, c.config.health),
    };
  });
  return { services, window: { startMs: w.startMs, endMs: w.endMs }, errors: errors.toArray() };
}
