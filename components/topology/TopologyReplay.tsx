'use client';

import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { formatClock, formatDateTime } from '@/lib/format/time';
import type { RangeState } from '@/lib/query/range-params';
import { topologySliceQuery } from '@/lib/query/topology';
import { describeOffset, formatSpan, gridIndex, gridPoint, replaySlice, type ReplayGrid } from '@/lib/query/topology-replay';

/** Playback moves one step this often (once the step's slice has answered). */
export const PLAY_STEP_MS = 1_500;

export interface TopologyReplayProps {
  /** The window's steps; null when the range has no window (nothing to replay). */
  grid: ReplayGrid | null;
  /** The moment shown; null: the live whole-window view. */
  at: number | null;
  range: RangeState;
  groupBy: string | null;
  /** The moment's slice has answered (or failed): playback moves on only then. */
  settled: boolean;
  /** null goes back to live. */
  onPick: (at: number | null, mode: 'push' | 'replace') => void;
}

const noSubscribe = () => () => {};

/** False on the server and while hydrating: the grid depends on the clock, the readout on the time zone. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
}

const button =
  'h-8 rounded-md border border-slate-300 px-2 text-sm font-medium enabled:hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-50 dark:border-slate-600 dark:enabled:hover:bg-slate-800';

/**
 * The replay slider under the toolbar: a moment in the window (the map then shows the slice of time
 * before it), play/pause, and the way back to live. Keyboard: the slider takes arrows, Page Up/Down,
 * Home and End (its last position is live); the buttons take Space and Enter. Scrubbing replaces the
 * URL's `at`; leaving live pushes, so Back returns to the live map.
 */
export function TopologyReplay({ grid, at, range, groupBy, settled, onPick }: TopologyReplayProps) {
  const id = useId();
  const client = useQueryClient();
  const hydrated = useHydrated();
  const [playing, setPlaying] = useState(false);
  // Play from live asks for the first moment; the URL lands a render later.
  const starting = useRef(false);

  useEffect(() => {
    if (!playing || !grid) return;
    if (at === null) {
      if (!starting.current) setPlaying(false);
      return;
    }
    starting.current = false;
    if (!settled) return;
    const i = gridIndex(grid, at);
    if (i >= grid.count - 1) {
      setPlaying(false);
      return;
    }
    const next = gridPoint(grid, i + 1);
    void client.prefetchQuery(topologySliceQuery(replaySlice(grid, next), groupBy));
    const timer = setTimeout(() => onPick(next, 'replace'), PLAY_STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, at, settled, grid, groupBy, client, onPick]);

  if (!hydrated) return <div aria-hidden="true" className="h-[4.5rem] border-t border-slate-200 dark:border-slate-800" />;
  if (!grid || grid.count === 0) return null;

  const endsNow = range.to.startsWith('now');
  const liveLabel = endsNow ? 'Live' : 'Whole window';
  const clock = (ms: number) => (grid.endMs - grid.startMs > 86_400_000 ? formatDateTime(ms) : formatClock(ms));
  const index = at === null ? grid.count : gridIndex(grid, at);
  const readout = at === null ? `${liveLabel}: the whole window` : `${clock(at)} (${describeOffset(at, grid.endMs)})`;
  const isPlaying = playing && at !== null;

  const pick = (i: number) => onPick(i >= grid.count ? null : gridPoint(grid, i), at === null ? 'push' : 'replace');
  const togglePlay = () => {
    if (isPlaying) return setPlaying(false);
    if (at === null || gridIndex(grid, at) >= grid.count - 1) {
      starting.current = true;
      onPick(grid.firstMs, at === null ? 'push' : 'replace');
    }
    setPlaying(true);
  };
  const goLive = () => {
    setPlaying(false);
    onPick(null, 'push');
  };

  return (
    <div role="group" aria-label="Replay controls" data-at={at ?? undefined} className="space-y-1 border-t border-slate-200 px-4 py-2 dark:border-slate-800">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <button type="button" onClick={togglePlay} aria-label={isPlaying ? 'Pause replay' : 'Play replay'} className={`${button} min-w-20`}>
          {isPlaying ? '❚❚ Pause' : '▶ Play'}
        </button>
        <label htmlFor={`${id}-at`} className="text-sm text-slate-600 dark:text-slate-400">
          Replay
        </label>
        <span aria-hidden="true" className="text-xs text-slate-500 tabular-nums dark:text-slate-400">
          {clock(grid.startMs)}
        </span>
        <input
          id={`${id}-at`}
          type="range"
          min={0}
          max={grid.count}
          step={1}
          value={index}
          onChange={(e) => pick(Number(e.target.value))}
          aria-valuetext={readout}
          aria-describedby={`${id}-help`}
          className="h-2 min-w-40 flex-1 cursor-pointer accent-sky-600 dark:accent-sky-400"
        />
        <span aria-hidden="true" className="text-xs text-slate-500 tabular-nums dark:text-slate-400">
          {endsNow ? 'now' : clock(grid.endMs)}
        </span>
        <output htmlFor={`${id}-at`} className="min-w-44 text-sm tabular-nums">
          {readout}
        </output>
        <button type="button" onClick={goLive} disabled={at === null} className={button}>
          {liveLabel}
        </button>
      </div>
      <p id={`${id}-help`} className="flex flex-wrap items-center gap-x-2 text-xs text-slate-500 dark:text-slate-400">
        {at !== null && (
          <span role="status" className="rounded border border-amber-400 bg-amber-50 px-1.5 py-0.5 font-medium text-amber-900 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-200">
            Replay · {clock(at)}
          </span>
        )}
        <span>
          Each position shows the {formatSpan(grid.sliceMs)} before it, in steps of {formatSpan(grid.stepMs)}
          {at !== null && range.refresh !== 'off' ? `; auto-refresh (${range.refresh}) is paused while replaying.` : '.'}
        </span>
      </p>
    </div>
  );
}
