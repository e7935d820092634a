'use client';

import { useEffect, useLayoutEffect, useRef } from 'react';
import { init, type ChartOption, type EChartsType } from './echarts-core';

export interface EChartProps {
  option: ChartOption;
  /** Dark theme; ECharts applies themes at init, so a change re-creates the chart. */
  dark: boolean;
  /** What the chart shows, for screen readers (the canvas itself is opaque to them). */
  ariaLabel: string;
  height?: number;
  /** Drag across the chart to select a time range (x-axis values, unix ms). */
  onTimeRangeSelect?: (startMs: number, endMs: number) => void;
}

interface BrushEndEvent {
  areas?: Array<{ coordRange?: unknown }>;
}

/**
 * The one ECharts wrapper. Lifecycle: init in a layout effect (the container has its size before
 * paint), setOption with notMerge on every new option (callers memoize options, so a re-render
 * without new data costs nothing), resize through a ResizeObserver, dispose on unmount.
 */
export function EChart({ option, dark, ariaLabel, height = 220, onTimeRangeSelect }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const onSelect = useRef(onTimeRangeSelect);
  useEffect(() => {
    onSelect.current = onTimeRangeSelect;
  });
  const brushable = onTimeRangeSelect !== undefined;

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
      frame = requestAnimationFrame(() => instance.resize());
    });
    observer.observe(node);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [dark]);

  useLayoutEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    instance.setOption(option, { notMerge: true });
    if (brushable) {
      // Keep the brush cursor armed so a plain drag selects a range (no toolbox button to press first).
      instance.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType: 'lineX', brushMode: 'single' } });
    }
  }, [option, dark, brushable]);

  return <div ref={el} role="img" aria-label={ariaLabel} style={{ height }} className="w-full" />;
}
