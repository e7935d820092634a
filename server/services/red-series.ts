import 'server-only';
import type { RedSeriesResponse } from '@/lib/schemas/services';
import type { TimeRangeParams } from '@/lib/schemas/time';
import { serviceTotalQuery } from '@/lib/promql/red';
import type { Container } from '@/server/container';
import { redRange } from './red-range';

/** Range data for one service's RED charts: five range queries on a step grid (see redRange). */
export async function redSeries(c: Container, service: string, params: TimeRangeParams, widthPx: number, nowMs: number, signal?: AbortSignal): Promise<RedSeriesResponse> {
  const series = await redRange(c, {
    params,
    widthPx,
    nowMs,
    build: (stat, win) => serviceTotalQuery(c.profile, stat, win, service),
    latencyScale: c.profile.service.latencyScale,
    signal,
  });
  return { service, ...series };
}
