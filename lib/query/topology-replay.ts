import { rateWindowMs } from '../promql/step';
import { resolveRange, isRangeProblem, type ResolvedRange } from '../time/range';
import type { TimeRange } from './keys';

/**
 * The replay slider on the topology map: a moment `at` inside the chosen window, on a grid of equal
 * steps, and the slice of time [at − slice, at] the map then shows (the same endpoint, with absolute
 * from/to). `?at=<unix ms>` in the URL; absent means the live whole-window view.
 *
 * Grid points are multiples of the step counted from the epoch, not from the window's start: a
 * relative window ("now-15m") slides with the clock, and a moment must stay the same grid point (and
 * the same BFF cache key for every viewer) whenever the window is resolved.
 */

/** At most this many steps over a window; "nice" step sizes give 24–40 for the time picker's presets. */
export const REPLAY_MAX_STEPS = 40;

/**
 * The shortest slice: a rate over fewer than four scrapes is noise or empty (rateWindowMs). The browser
 * does not know the configured scrape interval, so this assumes Prometheus' default 15 s: 60 s.
 */
export const REPLAY_MIN_SLICE_MS = rateWindowMs(0, 15_000);

const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const NICE_STEPS_MS = [S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S, M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M, H, 2 * H, 3 * H, 6 * H, 12 * H, D];

/** The smallest nice step that covers `spanMs` in at most REPLAY_MAX_STEPS steps (whole days past one day). */
export function replayStepMs(spanMs: number): number {
  const min = spanMs / REPLAY_MAX_STEPS;
  return NICE_STEPS_MS.find((s) => s >= min) ?? Math.ceil(min / D) * D;
}

export interface ReplayGrid extends ResolvedRange {
  stepMs: number;
  /** How much time each moment shows: one step, never less than REPLAY_MIN_SLICE_MS. */
  sliceMs: number;
  /** The first moment: the first multiple of the step after the window's start. */
  firstMs: number;
  /** Moments on the grid; the last is the last multiple of the step at or before the window's end. */
  count: number;
}

export function replayGrid(w: ResolvedRange): ReplayGrid {
  const stepMs = replayStepMs(w.endMs - w.startMs);
  const firstMs = Math.floor(w.startMs / stepMs) * stepMs + stepMs;
  const lastMs = Math.floor(w.endMs / stepMs) * stepMs;
  const count = lastMs >= firstMs ? (lastMs - firstMs) / stepMs + 1 : 0;
  return { startMs: w.startMs, endMs: w.endMs, stepMs, sliceMs: Math.max(stepMs, REPLAY_MIN_SLICE_MS), firstMs, count };
}

/** The window a range means at `nowMs`, or null when it has none (then there is nothing to replay). */
export function replayWindow(range: TimeRange, nowMs: number): ResolvedRange | null {
  const r = resolveRange(range, nowMs);
  return isRangeProblem(r) ? null : r;
}

export function gridPoint(grid: ReplayGrid, index: number): number {
  return grid.firstMs + index * grid.stepMs;
}

/** The index of the grid point nearest to `atMs`, clamped to the grid. */
export function gridIndex(grid: ReplayGrid, atMs: number): number {
  const i = Math.round((atMs - grid.firstMs) / grid.stepMs);
  return Math.min(grid.count - 1, Math.max(0, i));
}

/** `at` from the URL: unix milliseconds (10–14 digits, as the time picker writes them), else null. */
export function readAt(v: string | null): number | null {
  if (v === null || !/^\s*\d{10,14}\s*$/.test(v)) return null;
  return Number(v);
}

/**
 * The moment the map shows: `at` snapped to the grid, or null (live) when there is none, the grid is
 * empty, or `at` lies outside the window (a stale link to a relative window, a hand-edited URL).
 */
export function resolveAt(grid: ReplayGrid | null, at: number | null): number | null {
  if (grid === null || at === null || grid.count === 0 || at < grid.startMs || at > grid.endMs) return null;
  return gridPoint(grid, gridIndex(grid, at));
}

/** The absolute range the map fetches for moment `atMs`: [at − slice, at], as the time picker writes absolute points. */
export function replaySlice(grid: ReplayGrid, atMs: number): TimeRange {
  return { from: String(atMs - grid.sliceMs), to: String(atMs) };
}

/** A duration for readouts, to the second and at most two units: "25 min", "1 h 5 min", "2 d 3 h", "30 s". */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.round(ms / S));
  const parts: Array<[number, string]> =
    s < 60
      ? [[s, 's']]
      : s < 3_600
        ? [[Math.floor(s / 60), 'min'], [s % 60, 's']]
        : s < 86_400
          ? [[Math.floor(s / 3_600), 'h'], [Math.floor((s % 3_600) / 60), 'min']]
          : [[Math.floor(s / 86_400), 'd'], [Math.floor((s % 86_400) / 3_600), 'h']];
  return parts
    .filter(([n], i) => i === 0 || n > 0)
    .map(([n, u]) => `${n} ${u}`)
    .join(' ');
}

/** How far `atMs` is before `endMs`, for the slider's readout: "−25 min". */
export function describeOffset(atMs: number, endMs: number): string {
  return Math.round((endMs - atMs) / S) <= 0 ? 'end of window' : `\u2212${formatSpan(endMs - atMs)}`;
}
