import type { PreviewResponse } from '@/lib/schemas/policy-api';
import { formatRate } from '@/lib/format/units';
import type { ChartOption, LineSeriesOption } from '@/components/charts/echarts-core';

export const PREVIEW_COLORS = { traffic: '#0284c7', rejected: '#dc2626', open: '#f59e0b' } as const;

type Pt = [number, number | null];

/**
 * When the breaker would have been open, drawn as the calls it would have shed: the traffic of each
 * step times the share of the step spent open (the API lists only steps with a share > 0), on the
 * traffic's own grid so the band has gaps where the breaker was closed.
 */
export function openBand(preview: Pick<PreviewResponse, 'traffic' | 'breakerOpen'>): Pt[] {
  const open = new Map(preview.breakerOpen.map(([t, v]) => [t, v ?? 0]));
  return preview.traffic.map(([t, v]) => {
    const share = open.get(t) ?? 0;
    return [t, share > 0 ? (v ?? 0) * share : null];
  });
}

/**
 * The impact preview: the traffic the target got over the period, what the rate limit would have
 * rejected per step, and the steps at which the breaker would have been open. Pure, for tests.
 */
export function previewChartOption(preview: PreviewResponse): ChartOption {
  const line = (name: string, data: Pt[], color: string, extra: Partial<LineSeriesOption> = {}): LineSeriesOption => ({
    type: 'line',
    name,
    data,
    color,
    showSymbol: false,
    connectNulls: false,
    lineStyle: { width: 1.5 },
    emphasis: { disabled: true },
    ...extra,
  });
  const series: LineSeriesOption[] = [line('Traffic', preview.traffic, PREVIEW_COLORS.traffic)];
  if (preview.wouldReject.length > 0) series.push(line('Would be rejected', preview.wouldReject, PREVIEW_COLORS.rejected, { areaStyle: { opacity: 0.25 } }));
  if (preview.breakerOpen.length > 0) {
    series.push(line('Shed while the breaker is open', openBand(preview), PREVIEW_COLORS.open, { step: 'middle', lineStyle: { width: 1 }, areaStyle: { opacity: 0.35 } }));
  }
  return {
    backgroundColor: 'transparent',
    animation: false,
    grid: { left: 8, right: 16, top: 28, bottom: 8 },
    legend: { top: 0, right: 8, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatRate(typeof v === 'number' ? v : null) },
    xAxis: { type: 'time', min: preview.startMs, max: preview.endMs, axisLabel: { hideOverlap: true, fontSize: 11 } },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => formatRate(v), fontSize: 11 }, splitLine: { lineStyle: { opacity: 0.4 } } },
    series,
  };
}
