'use client';

import { useMemo, useRef } from 'react';
import { describeRange } from '@/lib/format/time';
import { formatLatency, formatRate, formatRatio } from '@/lib/format/units';
import { chartWidthBucket } from '@/lib/query/services';
import { rangeParamUpdates, type RangeState } from '@/lib/query/range-params';
import { toApiError } from '@/lib/query/api-error';
import { useElementWidth } from '@/components/hooks/useElementWidth';
import { useRedSeriesQuery } from '@/components/hooks/useRedSeriesQuery';
import { useUpdateSearchParams } from '@/components/url/search-params';
import { RedChartPanel } from './RedChartPanel';
import { RED_COLORS } from './red-chart-options';

export interface RedChartsProps {
  name: string;
  range: RangeState;
}

// Module constants, so memoized chart options don't rebuild on every render.
const { rate: RATE_COLORS, errors: ERROR_COLORS, latency: LATENCY_COLORS } = RED_COLORS;
const fmtRate = (v: number | null) => formatRate(v);
const fmtRatio = (v: number | null) => formatRatio(v);
const fmtLatency = (v: number | null) => formatLatency(v);

/**
 * Requests, errors and latency of one service. One request serves all three panels; its `width` is the
 * measured panel width (bucketed), so the server picks a step with about one point per two pixels.
 * Dragging across a chart zooms: the selection becomes an absolute from/to in the URL.
 */
export function RedCharts({ name, range }: RedChartsProps) {
  const measured = useRef<HTMLDivElement>(null);
  const width = useElementWidth(measured);
  const bucket = width > 0 ? chartWidthBucket(width) : 0;
  const query = useRedSeriesQuery(name, range, bucket);
  const update = useUpdateSearchParams();
  const d = query.data;
  const failure = query.isError ? toApiError(query.error).message : null;
  const rangeText = describeRange(range.from, range.to).toLowerCase();
  const zoom = (startMs: number, endMs: number) => update(rangeParamUpdates({ from: String(startMs), to: String(endMs) }), 'push');
  const common = { failure, onRetry: () => void query.refetch(), onTimeRangeSelect: zoom };
  // One object per panel per response: a re-render without new data must not rebuild the charts.
  const panels = useMemo(() => {
    if (!d) return undefined;
    const at = (series: typeof d.rate) => ({ series, startMs: d.startMs, endMs: d.endMs, errors: d.errors });
    return { rate: at(d.rate), errors: at(d.errorRatio), latency: at(d.latency) };
  }, [d]);

  return (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
      <RedChartPanel
        {...common}
        bodyRef={measured}
        title="Requests per second"
        ariaLabel={`Requests per second of ${name}, ${rangeText}`}
        data={panels?.rate}
        format={fmtRate}
        colors={RATE_COLORS}
      />
      <RedChartPanel
        {...common}
        title="Error rate"
        ariaLabel={`Error percentage of ${name}, ${rangeText}`}
        data={panels?.errors}
        format={fmtRatio}
        colors={ERROR_COLORS}
      />
      <RedChartPanel
        {...common}
        title="Latency"
        ariaLabel={`Latency p50, p95 and p99 of ${name}, ${rangeText}`}
        data={panels?.latency}
        format={fmtLatency}
        colors={LATENCY_COLORS}
      />
    </div>
  );
}
