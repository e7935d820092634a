import type { NamedSeries } from '@/lib/schemas/services';
import type { ChartOption, LineSeriesOption } from '@/components/charts/echarts-core';

/**
 * ECharts options for one RED panel, built from API series. Pure: same input, same option object
 * shape, so tests can check it without a canvas.
 */
export interface LineChartInput {
  series: readonly NamedSeries[];
  startMs: number;
  endMs: number;
  format: (v: number | null) => string;
  /** Colour per series name; others get the theme palette. */
  colors?: Readonly<Record<string, string>>;
  brush?: boolean;
  /** A sparkline: no axis labels, legend or grid lines; the tooltip still reads the values. */
  compact?: boolean;
}

/** One colour per RED series everywhere a RED chart is drawn (service page, topology side panel). */
export const RED_COLORS = {
  rate: { total: '#0284c7' },
  errors: { errors: '#dc2626' },
  latency: { p50: '#10b981', p95: '#f59e0b', p99: '#8b5cf6' },
} as const;

export function lineChartOption({ series, startMs, endMs, format, colors = {}, brush = false, compact = false }: LineChartInput): ChartOption {
  const lines: LineSeriesOption[] = series.map((s) => ({
    type: 'line',
    name: s.name,
    data: s.points.map(([t, v]) => [t, v]),
    showSymbol: false,
    // A gap in the data is a gap in the line: drawing through it would invent numbers.
    connectNulls: false,
    lineStyle: { width: 1.5 },
    emphasis: { disabled: true },
    ...(colors[s.name] ? { color: colors[s.name] } : {}),
    ...(compact ? { areaStyle: { opacity: 0.12 } } : {}),
  }));
  const tooltip = { trigger: 'axis' as const, valueFormatter: (v: unknown) => format(typeof v === 'number' ? v : null) };
  if (compact) {
    return {
      backgroundColor: 'transparent',
      animation: false,
      grid: { left: 1, right: 1, top: 3, bottom: 1 },
      legend: { show: false },
      // Confined: the side panel is narrow, and a tooltip past its edge would be cut off.
      tooltip: { ...tooltip, confine: true, textStyle: { fontSize: 11 } },
      xAxis: { type: 'time', min: startMs, max: endMs, show: false },
      yAxis: { type: 'value', min: 0, show: false },
      series: lines,
    };
  }
  return {
    backgroundColor: 'transparent',
    // Live refreshes replace the whole option; animating every refresh makes lines wobble.
    animation: false,
    grid: { left: 8, right: 16, top: series.length > 1 ? 28 : 12, bottom: 8 },
    legend: series.length > 1 ? { top: 0, right: 8, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 } } : { show: false },
    tooltip,
    xAxis: { type: 'time', min: startMs, max: endMs, axisLabel: { hideOverlap: true, fontSize: 11 } },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => format(v), fontSize: 11 }, splitLine: { lineStyle: { opacity: 0.4 } } },
    ...(brush
      ? {
          brush: { xAxisIndex: 0, brushType: 'lineX', brushMode: 'single', transformable: false, outOfBrush: { colorAlpha: 1 } },
          toolbox: { show: false },
        }
      : {}),
    series: lines,
  };
}

/** The last value of a series that is not a gap (null: none in the range). */
export function latestValue(points: readonly (readonly [number, number | null])[]): number | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const v = points[i]![1];
    if (v !== null) return v;
  }
  return null;
}

/** True when no series has a single point: "no data" deserves words, not an empty grid. */
export function hasNoData(series: readonly NamedSeries[]): boolean {
  return series.every((s) => s.points.every(([, v]) => v === null));
}
