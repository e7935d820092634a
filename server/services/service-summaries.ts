import 'server-only';
import type { ServiceSummary } from '@/lib/schemas/services';
import { healthOf } from '@/lib/health';
import { thresholdResolver } from '@/lib/health-thresholds';
import { instanceCountQuery } from '@/lib/promql/red';
import type { Container } from '@/server/container';
import { ErrorList } from './source-errors';
import { EMPTY_STATS, serviceStats } from './red-stats';
import { registryView, type RegistryView } from './registry-view';
import type { StatsWindow } from './window';

export interface ServiceSummaries {
  /** Every service of the registry or the server metrics, sorted by name. */
  services: ServiceSummary[];
  /** The registry snapshot the summaries were built from (empty when the registry failed). */
  registry: RegistryView;
  /** false when a Prometheus query of this step failed: a service absent from the metrics is then unknown, not idle. */
  metricsAnswered: boolean;
}

/**
 * Registry ∪ server metrics, each service with its RED numbers, instance count and health: the rows of
 * the services view and the service nodes of the topology. Six PromQL queries whatever the fleet size
 * (five RED queries grouped by service, one scrape-target count; five when the profile has no `up`),
 * plus one registry snapshot. Failures go to `errors`; what answered is still returned.
 */
export async function serviceSummaries(c: Container, w: StatsWindow, errors: ErrorList, signal?: AbortSignal): Promise<ServiceSummaries> {
  // Its own list, so "did the metrics answer" depends only on this step's queries, not on a caller's
  // other queries that happen to fail first.
  const own = new ErrorList();
  const countQuery = instanceCountQuery(c.profile);
  const [stats, registry, targets] = await Promise.all([
    serviceStats({ prom: c.prometheus, spec: c.profile, promRange: w.promRange, timeMs: w.endMs, errors: own, signal }),
    registryView(c.registry, own, signal),
    countQuery
      ? c.prometheus.instant(countQuery, { timeMs: w.endMs, signal }).catch((err) => (own.add(err, c.prometheus.name), null))
      : Promise.resolve(null),
  ]);
  errors.merge(own);
  const targetCount = new Map<string, number>();
  for (const s of targets ?? []) {
    const name = s.labels[c.profile.up?.serviceLabel ?? ''];
    if (name !== undefined) targetCount.set(name, s.value);
  }
  const metricsAnswered = !own.toArray().some((e) => e.source === c.prometheus.name);
  const names = new Set([...stats.keys(), ...registry.services]);
  const thresholds = thresholdResolver(c.config.health);
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
      health: healthOf(s, thresholds(name)),
    };
  });
  return { services, registry, metricsAnswered };
}
