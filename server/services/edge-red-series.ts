import 'server-only';
import type { EdgeRedSeriesResponse } from '@/lib/schemas/services';
import type { TimeRangeParams } from '@/lib/schemas/time';
import { edgeTotalQuery } from '@/lib/promql/red';
import type { Container } from '@/server/container';
import { redRange } from './red-range';

/**
 * Range data for the RED charts of the calls from `source` to `target`, from the profile's edge
 * metrics (what the callers measured): five range queries, as for a service. Without `source`, every
 * caller of `target` together: the charts of a callee that has no server metrics of its own.
 * Names nobody called answer gaps, not an error, as for a service without traffic.
 */
export async function edgeRedSeries(
  c: Container,
  ends: { source?: string; target: string },
  params: TimeRangeParams,
  widthPx: number,
  nowMs: number,
  signal?: AbortSignal,
): Promise<EdgeRedSeriesResponse> {
  const series = await redRange(c, {
    params,
    widthPx,
    nowMs,
    build: (stat, win) => edgeTotalQuery(c.profile, stat, win, { client: ends.source, server: ends.target }),
    latencyScale: c.profile.edge.latencyScale,
    signal,
  });
  return { source: ends.source ?? null, target: ends.target, ...series };
}
