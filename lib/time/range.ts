import { resolveTimePoint, type TimeRangeParams } from '../schemas/time';

export interface ResolvedRange {
  startMs: number;
  endMs: number;
}

export const MAX_RANGE_MS = 400 * 86_400_000; // longer than any retention we expect; beyond is a typo

export type RangeProblem = { field: 'from' | 'to'; message: string };

/** Resolves URL time params; returns a problem naming the field instead of throwing. */
export function resolveRange(params: TimeRangeParams, nowMs: number): ResolvedRange | RangeProblem {
  const startMs = resolveTimePoint(params.from, nowMs);
  const endMs = resolveTimePoint(params.to, nowMs);
  if (!(endMs > startMs)) return { field: 'to', message: `"to" (${params.to}) must be after "from" (${params.from})` };
  if (endMs - startMs > MAX_RANGE_MS) return { field: 'from', message: 'the range is longer than 400 days' };
  if (startMs < 0) return { field: 'from', message: '"from" is before 1970' };
  return { startMs, endMs };
}

export const isRangeProblem = (r: ResolvedRange | RangeProblem): r is RangeProblem => 'field' in r;
