'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { readRangeState, type ParamUpdates, type RangeState } from '@/lib/query/range-params';

/**
 * View state lives in the URL so a link reproduces the view. Updates go through the native History
 * API, which Next's router observes (useSearchParams follows): changing a filter or the range costs no
 * server round trip, only the queries whose keys changed refetch.
 * `push` for choices worth a Back step (range, sort, filter); `replace` for keystrokes and intervals.
 */
export function useUpdateSearchParams(): (updates: ParamUpdates, mode?: 'push' | 'replace') => void {
  return useCallback((updates, mode = 'push') => {
    // Read the live URL, not a render-time snapshot: two updates in one tick must both land.
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(updates)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    const qs = next.toString();
    const url = `${window.location.pathname}${qs ? `?${qs}` : ''}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);
}

/** The shared time range and refresh interval from the URL. */
export function useRangeState(): RangeState {
  const params = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const refresh = params.get('refresh');
  // Memo on the raw strings: other params (q, sort) changing must not look like a new range.
  return useMemo(() => readRangeState((k) => ({ from, to, refresh })[k] ?? null), [from, to, refresh]);
}
