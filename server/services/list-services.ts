import 'server-only';
import type { ServicesResponse } from '@/lib/schemas/services';
import type { TimeRangeParams } from '@/lib/schemas/time';
import type { Container } from '@/server/container';
import { ErrorList } from './source-errors';
import { serviceSummaries } from './service-summaries';
import { statsWindow } from './window';

/**
 * The services view: every service the registry knows or the metrics show, with RED numbers over the
 * window. Costs six PromQL queries whatever the fleet size, plus one registry snapshot (in memory).
 */
export async function listServices(c: Container, params: TimeRangeParams, nowMs: number, signal?: AbortSignal): Promise<ServicesResponse> {
  const w = statsWindow(params, nowMs, c.config.cache.ttlMs);
  const errors = new ErrorList();
  const { services } = await serviceSummaries(c, w, errors, signal);
  return { services, window: { startMs: w.startMs, endMs: w.endMs }, errors: errors.toArray() };
}
