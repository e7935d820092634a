import type { Point } from '@/lib/schemas/services';
import type { SloBurnSeries } from '@/lib/schemas/slo-status';
import { formatBurn } from '@/lib/format/slo';
import { formatRatio } from '@/lib/format/units';
import type { ChartOption, LineSeriesOption } from '@/components/charts/echarts-core';

/**
 * ECharts options for the SLO detail charts, pure (tested without a canvas). Both charts need the
 * MarkLine component registered (./echarts-markline.ts, imported by the panels).
 */

export const SEVERITY_COLORS = { page: '#dc2626', ticket: '#d97706' } as const;
const BUDGET_COLOR = '#059669';
/** One colour per burn window, short (light) to long (dark). */
export const WINDOW_COLORS: Readonly<Record<string, string>> = {
  '5m': '#7dd3fc',
  '30m': '#38bdf8',
  '1h': '#0284c7',
  '2h': '#6366f1',
  '6h': '#8b5cf6',
  '1d': '#a21caf',
  '3d': '#334155',
};

const base = (startMs: number, endMs: number, format: (v: number | null) => string, legend: boolean): ChartOption => ({
  backgroundColor: 'transparent',
  animation: false,
  grid: { left: 8, right: 16, top: legend ? 28 : 12, bottom: 8, containLabel: true },
  legend: legend ? { top: 0, right: 8, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 } } : { show: false },
  tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => format(typeof v === 'number' ? v : null) },
  xAxis: { type: 'time', min: startMs, max: endMs, axisLabel: { hideOverlap: true, fontSize: 11 } },
});

const line = (name: string, points: readonly Point[], color: string): LineSeriesOption => ({
  type: 'line',
  name,
  data: points.map(([t, v]) => [t, v]),
  // A line needs two neighbouring points: a young SLO (minutes of data in a 30-day window) would draw
  // nothing, so sparse series show their points as dots.
  showSymbol: points.filter(([, v]) => v !== null).length <= 30,
  symbolSize: 4,
  // A gap is a gap: drawing through it would invent numbers.
  connectNulls: false,
  lineStyle: { width: 1.5 },
  emphasis: { disabled: true },
  color,
});

/** Budget remaining over the window with a zero line: below it the budget is overspent. */
export function budgetChartOption(input: { points: readonly Point[]; startMs: number; endMs: number }): ChartOption {
  const budget: LineSeriesOption = {
    ...line('Budget remaining', input.points, BUDGET_COLOR),
    areaStyle: { opacity: 0.12 },
    markLine: {
      silent: true,
      symbol: 'none',
      lineStyle: { color: SEVERITY_COLORS.page, type: 'dashed', width: 1 },
      label: { formatter: 'exhausted', position: 'insideEndTop', fontSize: 10 },
      data: [{ yAxis: 0, name: 'Budget exhausted' }],
    },
  };
  return {
    ...base(input.startMs, input.endMs, formatRatio, false),
    yAxis: {
      type: 'value',
      // Always show the zero line and the full budget; overspending extends below.
      min: (v: { min: number }) => Math.min(0, v.min),
      max: (v: { max: number }) => Math.max(1, v.max),
      axisLabel: { formatter: (v: number) => formatRatio(v), fontSize: 11 },
      splitLine: { lineStyle: { opacity: 0.4 } },
    },
    series: [budget],
  };
}

type Threshold = SloBurnSeries['thresholds'][number];

export const thresholdLabel = (t: Threshold) => `${t.severity} ${formatBurn(t.factor)} (${t.longWindow}/${t.shortWindow})`;

/**
 * Burn rate per window, and the alert rows' thresholds as dashed lines (page red, ticket amber). The
 * y axis always reaches the highest threshold: how far a burn is from paging is the point.
 */
export function burnChartOption(input: { series: SloBurnSeries['series']; thresholds: readonly Threshold[]; startMs: number; endMs: number }): ChartOption {
  const lines = input.series.map((s) => line(s.window, s.points, WINDOW_COLORS[s.window] ?? '#64748b'));
  const top = Math.max(0, ...input.thresholds.map((t) => t.factor));
  const marks: LineSeriesOption = {
    type: 'line',
    name: 'thresholds',
    data: [],
    silent: true,
    markLine: {
      silent: true,
      symbol: 'none',
      data: input.thresholds.map((t) => ({
        yAxis: t.factor,
        name: thresholdLabel(t),
        lineStyle: { color: SEVERITY_COLORS[t.severity], type: 'dashed', width: 1 },
        label: { formatter: thresholdLabel(t), position: 'insideEndTop', fontSize: 10, color: SEVERITY_COLORS[t.severity] },
      })),
    },
  };
  return {
    ...base(input.startMs, input.endMs, formatBurn, lines.length > 1),
    legend: lines.length > 1 ? { top: 0, right: 8, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 }, data: input.series.map((s) => s.window) } : { show: false },
    yAxis: {
      type: 'value',
      min: 0,
      max: (v: { max: number }) => +(Math.max(v.max, top) * 1.1).toPrecision(3),
      axisLabel: { formatter: (v: number) => formatBurn(v), fontSize: 11 },
      splitLine: { lineStyle: { opacity: 0.4 } },
    },
    series: [...lines, marks],
  };
}

const last = (points: readonly Point[]) => {
  for (let i = points.length - 1; i >= 0; i--) if (points[i]![1] !== null) return points[i]![1];
  return null;
};
const first = (points: readonly Point[]) => points.find(([, v]) => v !== null)?.[1] ?? null;

/** What the budget chart shows, in words, for screen readers (the canvas is opaque to them). */
export function budgetSummary(name: string, windowText: string, points: readonly Point[]): string {
  const values = points.map(([, v]) => v).filter((v): v is number => v !== null);
  if (values.length === 0) return `Error budget remaining of ${name} over its window (${windowText}): no data`;
  return `Error budget remaining of ${name} over its window (${windowText}): ${formatRatio(first(points))} at the start, ${formatRatio(last(points))} now, lowest ${formatRatio(Math.min(...values))}`;
}

export function burnSummary(name: string, series: SloBurnSeries['series'], thresholds: readonly Threshold[]): string {
  const now = series.map((s) => `${s.window} ${formatBurn(last(s.points))}`).join(', ');
  const th = thresholds.map(thresholdLabel).join(', ');
  return `Burn rate of ${name} per window, latest: ${now || 'no data'}; alert thresholds: ${th || 'none'}`;
}
