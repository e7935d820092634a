'use client';

import { useMemo, type Ref } from 'react';
import type { SourceError } from '@/lib/schemas/errors';
import type { NamedSeries } from '@/lib/schemas/services';
import { describeSourceError } from '@/lib/format/source-errors';
import { EChart } from '@/components/charts/EChart';
import { useIsDark } from '@/components/theme/useIsDark';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { Panel } from '@/components/ui/Panel';
import { Skeleton } from '@/components/ui/Skeleton';
import { hasNoData, lineChartOption } from './red-chart-options';

const HEIGHT = 220;

export interface RedChartPanelProps {
  title: string;
  ariaLabel: string;
  /** Measured by the parent to pick the server-side step. */
  bodyRef?: Ref<HTMLDivElement>;
  data: { series: readonly NamedSeries[]; startMs: number; endMs: number; errors: readonly SourceError[] } | undefined;
  /** The request itself failed (the whole endpoint), as a message. */
  failure: string | null;
  onRetry: () => void;
  format: (v: number | null) => string;
  colors?: Readonly<Record<string, string>>;
  onTimeRangeSelect: (startMs: number, endMs: number) => void;
}

/** One RED chart with its own loading, error and no-data states. */
export function RedChartPanel({ title, ariaLabel, bodyRef, data, failure, onRetry, format, colors, onTimeRangeSelect }: RedChartPanelProps) {
  const dark = useIsDark();
  const option = useMemo(
    () => (data ? lineChartOption({ series: data.series, startMs: data.startMs, endMs: data.endMs, format, colors, brush: true }) : null),
    [data, format, colors],
  );

  let body;
  if (failure && !data) {
    body = <ErrorNotice title={`Could not load ${title.toLowerCase()}`} message={failure} onRetry={onRetry} />;
  } else if (!data || !option) {
    body = <Skeleton className="m-4 h-[188px]" />;
  } else if (data.series.length === 0 && data.errors.length > 0) {
    // The endpoint answered, but the backend behind this panel did not.
    body = <ErrorNotice title={`${title} unavailable`} message={data.errors.map(describeSourceError).join('; ')} onRetry={onRetry} />;
  } else if (hasNoData(data.series)) {
    body = <EmptyState title="No data in this range">The service had no requests, or Prometheus has no samples for this window.</EmptyState>;
  } else {
    body = <EChart option={option} dark={dark} ariaLabel={ariaLabel} height={HEIGHT} onTimeRangeSelect={onTimeRangeSelect} />;
  }

  return (
    <Panel title={title}>
      <div ref={bodyRef} className="p-2" style={{ minHeight: HEIGHT + 16 }}>
        {body}
      </div>
    </Panel>
  );
}
