'use client';

import { useMemo, useRef } from 'react';

interface Built<T> {
  t0: number;
  option: T | null;
}

/**
 * Measures how long a chart takes from a new option to ECharts' `finished` event (drawn on the
 * canvas), as a User Timing measure named `slo-chart:<name>`: the bench (bench/slo-chart-browser.ts)
 * and anyone with the browser's performance panel read it. Building the option is included.
 * Returns the option and the events to pass to EChart (the first `finished` after a new option counts).
 */
export function useChartRenderTiming<T>(name: string, build: () => T | null, deps: readonly unknown[]): { option: T | null; events: Record<string, () => void> } {
  // The caller lists what the option depends on, as for useMemo.
  const built = useMemo<Built<T>>(() => ({ t0: typeof performance === 'undefined' ? 0 : performance.now(), option: build() }), deps);
  // Set while rendering, not in an effect: ECharts may fire `finished` for the new option before any
  // effect of ours (or EChart's handler refresh) has run, and must then see this option, not the last.
  const latest = useRef(built);
  latest.current = built;
  const measured = useRef<number | null>(null);
  const events = useMemo(
    () => ({
      finished: () => {
        const b = latest.current;
        if (b.option === null || measured.current === b.t0) return;
        measured.current = b.t0;
        performance.measure(`slo-chart:${name}`, { start: b.t0, end: performance.now() });
      },
    }),
    [name],
  );
  return { option: built.option, events };
}
