'use client';

import { useEffect, useLayoutEffect, useRef } from 'react';
import { init, type ChartOption, type EChartsType } from './echarts-core';

export interface EChartProps {
  option: ChartOption;
  /** Dark theme; ECharts applies themes at init, so a change re-creates the chart. */
  dark: boolean;
  /** What the chart shows, for screen readers (the canvas itself is opaque to them). */
  ariaLabel: string;
  /** Pixels, or any CSS height ("70vh"). */
  height?: number | string;
  /** Drag across the chart to select a time range (x-axis values, unix ms). */
  onTimeRangeSelect?: (startMs: number, endMs: number) => void;
  /** ECharts events by name ("click", "graphRoam"); the latest handlers are called, no re-subscribe. */
  events?: Readonly<Record<string, (params: unknown) => void>>;
  /**
   * Interactive charts (the topology map) keep their pan and zoom across data refreshes: while
   * `viewKey` stays the same, a new option is merged into the chart; a new key replaces it (and resets
   * the view). Without it, every option replaces the last (notMerge).
   */
  viewKey?: string;
  /** The live instance after init (null after dispose), for actions the option cannot express. */
  onChart?: (chart: EChartsType | null) => void;
}

interface BrushEndEvent {
  areas?: Array<{ coordRange?: unknown }>;
}

/**
 * The one ECharts wrapper. Lifecycle: init in a layout effect (the container has its size before
 * paint), setOption with notMerge on every new option (callers memoize options, so a re-render
 * without new data costs nothing; see `viewKey` for merging), resize through a ResizeObserver,
 * dispose on unmount.
 */
export function EChart({ option, dark, ariaLabel, height = 220, onTimeRangeSelect, events, viewKey, onChart }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const onSelect = useRef(onTimeRangeSelect);
  const handlers = useRef(events);
  const onChartRef = useRef(onChart);
  /** The viewKey of the option last set on the current instance (undefined: none yet). */
  const shownKey = useRef<string | undefined>(undefined);
  useEffect(() => {
    onSelect.current = onTimeRangeSelect;
    handlers.current = events;
    onChartRef.current = onChart;
  });
  const brushable = onTimeRangeSelect !== undefined;
  const eventNames = Object.keys(events ?? {}).sort().join(',');

  useLayoutEffect(() => {
    const node = el.current;
    if (!node) return;
    const instance = init(node, dark ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('brushEnd', (e: unknown) => {
      const range = (e as BrushEndEvent).areas?.[0]?.coordRange;
      // Clear the selection box right away: the new range arrives as new data.
      instance.dispatchAction({ type: 'brush', areas: [] });
      if (Array.isArray(range) && typeof range[0] === 'number' && typeof range[1] === 'number') {
        const [a, b] = [Math.round(Math.min(range[0], range[1])), Math.round(Math.max(range[0], range[1]))];
        if (b - a >= 1000) onSelect.current?.(a, b);
      }
    });
    // Resize in the next frame: resizing inside the observer callback can trigger the
    // "ResizeObserver loop" error when the canvas nudges the layout.
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      // The observer also fires once right after observe(), at the size init() measured: a resize then
      // re-renders the whole chart for nothing (~80 ms for the 5,000-service overview).
      frame = requestAnimationFrame(() => {
        if (node.clientWidth !== instance.getWidth() || node.clientHeight !== instance.getHeight()) instance.resize();
      });
    });
    observer.observe(node);
    shownKey.current = undefined;
    onChartRef.current?.(instance);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      onChartRef.current?.(null);
      instance.dispose();
      chart.current = null;
    };
  }, [dark]);

  useLayoutEffect(() => {
    const instance = chart.current;
    if (!instance || eventNames === '') return;
    const subscribed = eventNames.split(',').map((name) => {
      const fn = (params: unknown) => handlers.current?.[name]?.(params);
      instance.on(name, fn);
      return [name, fn] as const;
    });
    return () => {
      for (const [name, fn] of subscribed) instance.off(name, fn);
    };
  }, [dark, eventNames]);

  useLayoutEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const merge = viewKey !== undefined && shownKey.current === viewKey;
    instance.setOption(option, { notMerge: !merge });
    shownKey.current = viewKey;
    if (brushable) {
      // Keep the brush cursor armed so a plain drag selects a range (no toolbox button to press first).
      instance.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType: 'lineX', brushMode: 'single' } });
    }
  }, [option, dark, brushable, viewKey]);

  return <div ref={el} role="img" aria-label={ariaLabel} style={{ height }} className="w-full" />;
}
