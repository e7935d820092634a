import 'server-only';
import type { EdgePeer, Instance, RedStats, ServiceDetailResponse } from '@/lib/schemas/services';
import type { TimeRangeParams } from '@/lib/schemas/time';
import { healthOf } from '@/lib/health';
import { thresholdsFor } from '@/lib/health-thresholds';
import { upQuery } from '@/lib/promql/red';
import type { Container } from '@/server/container';
import { NotFoundError } from '@/server/runtime/errors';
import { ErrorList } from './source-errors';
import { EMPTY_STATS, edgeStats, serviceStats } from './red-stats';
import { registryView } from './registry-view';
import { statsWindow } from './window';

/**
 * One service: its RED numbers, instances (registry, with scrape health), callers and callees.
 * A fixed eleven PromQL queries: five for the service, five for its edges (both directions in one
 * `or` query each), one for instance health.
 */
export async function serviceDetail(c: Container, name: string, params: TimeRangeParams, nowMs: number, signal?: AbortSignal): Promise<ServiceDetailResponse> {
  const w = statsWindow(params, nowMs, c.config.cache.ttlMs);
  const errors = new ErrorList();
  const q = { prom: c.prometheus, spec: c.profile, promRange: w.promRange, timeMs: w.endMs, errors, signal };
  const up = upQuery(c.profile, name);
  const [stats, edges, registry, upSamples] = await Promise.all([
    serviceStats(q, name),
    edgeStats(q, name),
    registryView(c.registry, errors, signal),
    up ? c.prometheus.instant(up, { timeMs: w.endMs, signal }).catch((err) => (errors.add(err, c.prometheus.name), null)) : Promise.resolve(null),
  ]);

  const callers: EdgePeer[] = [];
  const callees: EdgePeer[] = [];
  for (const [key, s] of edges) {
    const [client, server] = key.split('\u0000') as [string, string];
    if (server === name) callers.push({ service: client, ...s });
    if (client === name) callees.push({ service: server, ...s });
  }
  const byRate = (a: EdgePeer, b: EdgePeer) => (b.rps ?? 0) - (a.rps ?? 0) || a.service.localeCompare(b.service);
  callers.sort(byRate);
  callees.sort(byRate);

  const inMetrics = stats.has(name);
  const inRegistry = registry.services.has(name);
  const metricsAnswered = !errors.toArray().some((e) => e.source === c.prometheus.name);
  const registryAnswered = !c.registry || !errors.toArray().some((e) => e.source === c.registry!.name);
  if (!inMetrics && !inRegistry && callers.length === 0 && callees.length === 0 && metricsAnswered && registryAnswered) {
    throw new NotFoundError(`no service named "${name}" in the registry or the metrics`);
  }

  const upBy = new Map<string, boolean>();
  for (const s of upSamples ?? []) {
    const addr = s.labels[c.profile.up?.instanceLabel ?? ''];
    if (addr !== undefined) upBy.set(addr, s.value === 1);
  }
  const registered = registry.instances.get(name) ?? [];
  const instances: Instance[] = registered.map((i) => ({ id: i.id, address: i.address, metadata: i.metadata, up: upBy.get(i.address) ?? null }));
  // Scrape targets the registry does not list are instances too (a service without registration).
  const known = new Set(registered.map((i) => i.address));
  for (const [addr, isUp] of upBy) if (!known.has(addr)) instances.push({ id: addr, address: addr, metadata: {}, up: isUp });

  const s: RedStats = stats.get(name) ?? (metricsAnswered ? { ...EMPTY_STATS, rps: 0 } : EMPTY_STATS);
  return {
    service: { name, ...s, instances: instances.length, inRegistry, inMetrics, health: healthOf(s, thresholdsFor(name, c.config.health)) },
    instances,
    callers,
    callees,
    window: { startMs: w.startMs, endMs: w.endMs },
    errors: errors.toArray(),
  };
}
