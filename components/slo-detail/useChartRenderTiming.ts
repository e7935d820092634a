'use client';

import { useMemo, useRef } from 'react';

/**
 * Measures how long a chart takes from a new option to ECharts' `finished` event (drawn on the
 * canvas), as a User Timing measure named `slo-chart:<name>`: the bench (bench/slo-chart-browser.ts)
 * and anyone with the browser's performance panel read it. Building the option is included.
 * Returns the option and the events to pass to EChart (the first `finished` after a new option counts).
 */
export function useChartRenderTiming<T>(name: string, build: () => T | null, deps: readonly unknown[]): { option: T | null; events: Record<string, () => void> } {
  // The caller lists what the option depends on, as for useMemo.
  const built = useMemo(() => ({ t0: typeof performance === 'undefined' ? 0 : performance.now(), option: build() }), deps);
  const measured = useRef<number | null>(null);
  const events = useMemo(
    () => ({
      finished: () => {
        if (built.option === null || measured.current === built.t0) return;
        measured.current = built.t0;
        performance.measure(`slo-chart:${name}`, { start: built.t0, end: performance.now() });
      },
    }),
    [built, name],
  );
  return { option: built.option, events };
}
