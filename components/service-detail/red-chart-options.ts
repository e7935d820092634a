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
}

export function lineChartOption({ series, startMs, endMs, format, colors = {}, brush = false }: LineChartInput): ChartOption {
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
  }));
  return {
    backgroundColor: 'transparent',
    // Live refreshes replace the whole option; animating every refresh makes lines wobble.
    animation: false,
    grid: { left: 8, right: 16, top: series.length > 1 ? 28 : 12, bottom: 8 },
    legend: series.length > 1 ? { top: 0, right: 8, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 } } : { show: false },
    tooltip: { trigger: 'axis', valueFormatter: (v) => format(typeof v === 'number' ? v : null) },
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

/** True when no series has a single point: "no data" deserves words, not an empty grid. */
export function hasNoData(series: readonly NamedSeries[]): boolean {
  return series.every((s) => s.points.every(([, v]) => v === null));
}
