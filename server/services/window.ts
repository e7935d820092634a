import 'server-only';
import type { TimeRangeParams } from '@/lib/schemas/time';
import { isRangeProblem, resolveRange } from '@/lib/time/range';
import { formatPromDuration } from '@/lib/time/duration';
import { InputError } from '@/server/runtime/errors';

export interface StatsWindow {
  startMs: number;
  endMs: number;
  /** The PromQL range covering [start, end], e.g. "15m". */
  promRange: string;
}

/**
 * Resolves URL time params into the window RED stats are averaged over. Live ("now") ranges are aligned
 * down to the cache TTL so every viewer refreshing within the same slot sends byte-identical queries,
 * which the query cache then answers once.
 */
export function statsWindow(params: TimeRangeParams, nowMs: number, alignMs: number): StatsWindow {
  const r = resolveRange(params, nowMs);
  if (isRangeProblem(r)) throw new InputError(r.message, r.field);
  const slot = Math.max(1000, alignMs);
  const live = params.to.startsWith('now');
  const endMs = live ? Math.floor(r.endMs / slot) * slot : Math.floor(r.endMs / 1000) * 1000;
  const spanS = Math.max(1, Math.round((r.endMs - r.startMs) / 1000));
  return { startMs: endMs - spanS * 1000, endMs, promRange: formatPromDuration(spanS * 1000) };
}
