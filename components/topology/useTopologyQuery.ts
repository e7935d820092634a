'use client';

import { useEffect, useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TimeRange } from '@/lib/query/keys';
import { refreshIntervalMs, type RangeState } from '@/lib/query/range-params';
import { topologyQuery, topologySliceQuery } from '@/lib/query/topology';
import { replayGrid, replaySlice, replayWindow, resolveAt, type ReplayGrid } from '@/lib/query/topology-replay';

export interface TopologyReplayState {
  /** The replay slider's steps over the window; null when the range has no window. */
  grid: ReplayGrid | null;
  /** The moment shown, snapped to the grid; null: live (no `at`, or one outside the window). */
  at: number | null;
  /** What the map fetches for `at`: [at − slice, at] as absolute times. */
  slice: TimeRange | null;
}

/**
 * The service graph: live, refetched on the URL's refresh interval over the whole window; or, with a
 * replay moment `at` inside the window, the slice of time before it, with auto-refresh suspended.
 * The previous graph stays on screen while a new range, grouping or moment loads, so neither a
 * refresh nor scrubbing blanks the map into a skeleton.
 *
 * The slider's window is resolved against the time of the last live answer (the window the live map
 * shows), and frozen while replaying, so a relative window does not slide under the slider.
 */
export function useTopologyQuery(range: RangeState, groupBy: string | null, atParam: number | null) {
  const [anchorMs, setAnchorMs] = useState(() => Date.now());
  const { from, to } = range;
  const replay = useMemo<TopologyReplayState>(() => {
    const w = replayWindow({ from, to }, anchorMs);
    const grid = w ? replayGrid(w) : null;
    const at = resolveAt(grid, atParam);
    return { grid, at, slice: grid !== null && at !== null ? replaySlice(grid, at) : null };
  }, [from, to, anchorMs, atParam]);

  const query = useQuery({
    ...(replay.slice ? topologySliceQuery(replay.slice, groupBy) : topologyQuery(range, groupBy)),
    refetchInterval: replay.slice ? false : refreshIntervalMs(range.refresh),
    placeholderData: keepPreviousData,
  });

  const liveAnswerAt = replay.slice === null && query.data && !query.isPlaceholderData ? query.dataUpdatedAt : 0;
  useEffect(() => {
    if (liveAnswerAt > 0) setAnchorMs((a) => Math.max(a, liveAnswerAt));
  }, [liveAnswerAt]);

  return { query, replay };
}
