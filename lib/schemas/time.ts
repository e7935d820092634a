import { z } from 'zod';
import { parseDuration } from '../time/duration';

/**
 * A time point as it appears in URLs: relative ("now", "now-15m") or absolute (unix ms, or ISO 8601).
 * Relative points are resolved against "now" at request time, so shared links to "last hour" stay live.
 */
export const TimePoint = z
  .string()
  .trim()
  .refine((v) => /^now(-\d{1,9}[smhdw])?$/.test(v) || /^\d{10,14}$/.test(v) || !Number.isNaN(Date.parse(v)), {
    message: 'expected "now", "now-<n><s|m|h|d|w>", unix milliseconds, or an ISO 8601 time',
  });

export const RefreshInterval = z.enum(['off', '5s', '10s', '30s', '1m', '5m']);
export type RefreshInterval = z.infer<typeof RefreshInterval>;

export const TimeRangeParams = z.object({
  from: TimePoint.default('now-15m'),
  to: TimePoint.default('now'),
});
export type TimeRangeParams = z.infer<typeof TimeRangeParams>;

export function resolveTimePoint(point: string, nowMs: number): number {
  if (point === 'now') return nowMs;
  if (point.startsWith('now-')) return nowMs - (parseDuration(point.slice(4)) ?? 0);
  if (/^\d+$/.test(point)) return Number(point);
  return Date.parse(point);
}
