import { RefreshInterval, TimePoint } from '../schemas/time';
import type { TimeRange } from './keys';

/**
 * The time range and refresh interval every view shares, as URL search params:
 * `?from=now-1h&to=now&refresh=10s`. Defaults are left out of the URL, so the plain URL means "last
 * 15 minutes, no auto-refresh" and any link reproduces exactly the view it was copied from.
 * Unreadable values fall back to the default instead of breaking the page.
 */
export const DEFAULT_FROM = 'now-15m';
export const DEFAULT_TO = 'now';
export const DEFAULT_REFRESH: RefreshInterval = 'off';

export interface RangeState extends TimeRange {
  refresh: RefreshInterval;
}

export type ParamGetter = (key: string) => string | null;
export type ParamUpdates = Record<string, string | null>;

export const RANGE_PRESETS: ReadonlyArray<{ from: string; label: string }> = [
  { from: 'now-5m', label: 'Last 5 minutes' },
  { from: 'now-15m', label: 'Last 15 minutes' },
  { from: 'now-1h', label: 'Last 1 hour' },
  { from: 'now-6h', label: 'Last 6 hours' },
  { from: 'now-24h', label: 'Last 24 hours' },
  { from: 'now-7d', label: 'Last 7 days' },
];

export const REFRESH_OPTIONS: ReadonlyArray<{ value: RefreshInterval; label: string }> = [
  { value: 'off', label: 'Off' },
  { value: '5s', label: '5s' },
  { value: '10s', label: '10s' },
  { value: '30s', label: '30s' },
  { value: '1m', label: '1m' },
  { value: '5m', label: '5m' },
];

const REFRESH_MS: Record<RefreshInterval, number | false> = { off: false, '5s': 5_000, '10s': 10_000, '30s': 30_000, '1m': 60_000, '5m': 300_000 };

export function refreshIntervalMs(r: RefreshInterval): number | false {
  return REFRESH_MS[r];
}

export function readRangeState(get: ParamGetter): RangeState {
  const from = TimePoint.safeParse(get('from'));
  const to = TimePoint.safeParse(get('to'));
  const refresh = RefreshInterval.safeParse(get('refresh'));
  return {
    from: from.success ? from.data : DEFAULT_FROM,
    to: to.success ? to.data : DEFAULT_TO,
    refresh: refresh.success ? refresh.data : DEFAULT_REFRESH,
  };
}

/** Search-param changes for a new state: a default value removes its param. */
export function rangeParamUpdates(state: Partial<RangeState>): ParamUpdates {
  const out: ParamUpdates = {};
  if (state.from !== undefined) out.from = state.from === DEFAULT_FROM ? null : state.from;
  if (state.to !== undefined) out.to = state.to === DEFAULT_TO ? null : state.to;
  if (state.refresh !== undefined) out.refresh = state.refresh === DEFAULT_REFRESH ? null : state.refresh;
  return out;
}

/** `path` with the range params of `state`, for links that keep the viewer's range across pages. */
export function withRange(path: string, state: RangeState): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(rangeParamUpdates(state))) if (v !== null) qs.set(k, v);
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}
