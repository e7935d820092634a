'use client';

import { useId, useMemo, useRef, type Ref } from 'react';
import type { RedSeries } from '@/lib/schemas/services';
import { describeRange } from '@/lib/format/time';
import { describeSourceError } from '@/lib/format/source-errors';
import { toApiError } from '@/lib/query/api-error';
import { chartWidthBucket } from '@/lib/query/services';
import type { RangeState } from '@/lib/query/range-params';
import { EChart } from '@/components/charts/EChart';
import { useEdgeRedSeriesQuery } from '@/components/hooks/useEdgeRedSeriesQuery';
import { useElementWidth } from '@/components/hooks/useElementWidth';
import { useRedSeriesQuery } from '@/components/hooks/useRedSeriesQuery';
import { lineChartOption } from '@/components/service-detail/red-chart-options';
import { useIsDark } from '@/components/theme/useIsDark';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { Skeleton } from '@/components/ui/Skeleton';
import { miniCharts, type MiniChart } from './mini-charts-model';

const HEIGHT = 44;

interface QueryLike {
  data: RedSeries | undefined;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface MiniChartsProps {
  /** What the numbers are of: "payments", "checkout → payments". */
  subject: string;
  range: RangeState;
  /** Where the numbers come from, when it is not the obvious (e.g. "as its callers measured them"). */
  note?: string;
}

function Sparkline({ chart, data, dark }: { chart: MiniChart; data: RedSeries; dark: boolean }) {
  const { series, format, colors } = chart;
  const option = useMemo(
    () => lineChartOption({ series, startMs: data.startMs, endMs: data.endMs, format, colors, compact: true }),
    [series, data.startMs, data.endMs, format, colors],
  );
  return (
    <div data-chart={chart.key}>
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="text-slate-500 dark:text-slate-400">{chart.title}</span>
        <span className="font-medium tabular-nums">{chart.latest}</span>
      </div>
      {chart.missing || chart.noData ? (
        // The words are in the accessible name; the box keeps the panel from jumping.
        <div
          role="img"
          aria-label={chart.ariaLabel}
          style={{ height: HEIGHT }}
          className="flex items-center justify-center rounded border border-dashed border-slate-200 text-xs text-slate-500 dark:border-slate-700 dark:text-slate-400"
        >
          {chart.missing ? 'unavailable' : 'no data in this range'}
        </div>
      ) : (
        <EChart option={option} dark={dark} ariaLabel={chart.ariaLabel} height={HEIGHT} />
      )}
    </div>
  );
}

/**
 * Requests, error % and p95 of the selection as three sparklines, with the latest value of each in
 * words. Own loading, failure and no-data states: a failing backend is named here, the numbers above
 * (from the topology response) stay.
 */
function MiniChartsBody({ subject, range, note, query, measured }: MiniChartsProps & { query: QueryLike; measured: Ref<HTMLDivElement> }) {
  const headingId = useId();
  const dark = useIsDark();
  const rangeText = describeRange(range.from, range.to).toLowerCase();
  const data = query.data;
  const charts = useMemo(() => (data ? miniCharts(data, subject, rangeText) : null), [data, subject, rangeText]);

  let body;
  if (!data || !charts) {
    body = query.isError ? (
      <ErrorNotice title="Could not load the charts" message={toApiError(query.error).message} onRetry={() => void query.refetch()} />
    ) : (
      <div role="status" aria-label={`Loading charts of ${subject}`} className="space-y-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="space-y-1">
            <Skeleton className="h-3 w-1/3" />
            <Skeleton className="h-[44px] w-full" />
          </div>
        ))}
      </div>
    );
  } else {
    body = (
      <>
        {data.errors.length > 0 && (
          <ErrorNotice title="Some charts are unavailable" message={data.errors.map(describeSourceError).join('; ')} onRetry={() => void query.refetch()} />
        )}
        {charts.map((c) => (
          <Sparkline key={c.key} chart={c} data={data} dark={dark} />
        ))}
      </>
    );
  }

  return (
    <section aria-labelledby={headingId} className="space-y-2" data-mini-charts={subject}>
      <h3 id={headingId} className="text-xs font-semibold text-slate-500 uppercase dark:text-slate-400">
        Trend · {describeRange(range.from, range.to)}
      </h3>
      {note && <p className="text-xs text-slate-500 dark:text-slate-400">{note}</p>}
      <div ref={measured} className="space-y-2">
        {body}
      </div>
    </section>
  );
}

/** The width bucket of the charts' column: the server picks the step from it (about 2 px a point). */
function useBucket() {
  const measured = useRef<HTMLDivElement>(null);
  const width = useElementWidth(measured);
  return { measured, bucket: width > 0 ? chartWidthBucket(width) : 0 };
}

/** A service's own RED series: the same endpoint, and the same cache, as its service page. */
export function ServiceMiniCharts({ service, range }: { service: string; range: RangeState }) {
  const { measured, bucket } = useBucket();
  const query = useRedSeriesQuery(service, range, bucket);
  return <MiniChartsBody subject={service} range={range} query={query} measured={measured} />;
}

/**
 * The calls from `source` into `target`, as the callers measured them (the profile's edge metrics).
 * `source` null: every caller of `target` together.
 */
export function CallMiniCharts({ source, target, range, note }: { source: string | null; target: string; range: RangeState; note?: string }) {
  const { measured, bucket } = useBucket();
  const query = useEdgeRedSeriesQuery(source, target, range, bucket);
  const subject = source === null ? target : `${source} \u2192 ${target}`;
  return <MiniChartsBody subject={subject} range={range} note={note} query={query} measured={measured} />;
}
