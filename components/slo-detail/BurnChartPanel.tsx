'use client';

import { useId } from 'react';
import type { SloBurnSeries } from '@/lib/schemas/slo-status';
import { BURN_SPANS, type BurnSpan } from '@/lib/query/slo-params';
import { describeSourceError } from '@/lib/format/source-errors';
import { EChart } from '@/components/charts/EChart';
import { burnChartOption, burnSummary } from '@/components/slos/slo-chart-options';
import '@/components/slos/echarts-markline';
import { useIsDark } from '@/components/theme/useIsDark';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { Panel } from '@/components/ui/Panel';
import { Skeleton } from '@/components/ui/Skeleton';
import { useChartRenderTiming } from './useChartRenderTiming';

const HEIGHT = 260;

export interface BurnChartPanelProps {
  name: string;
  data: SloBurnSeries | undefined;
  failure: string | null;
  onRetry: () => void;
  span: BurnSpan;
  onSpan: (span: BurnSpan) => void;
}

/**
 * Burn rate per alert window over time, with the multi-window multi-burn-rate thresholds (scaled to
 * the SLO window). Windows shorter than the chart step are left out: read once per step they would
 * show a sample, not the window (lib/slo/windows.ts chartBurnWindows); pick a shorter span to see them.
 */
export function BurnChartPanel({ name, data, failure, onRetry, span, onSpan }: BurnChartPanelProps) {
  const dark = useIsDark();
  const id = useId();
  const { option, events } = useChartRenderTiming('burn', () => (data ? burnChartOption(data) : null), [data]);
  let body;
  if (failure && !data) body = <ErrorNotice title="Could not load burn rates" message={failure} onRetry={onRetry} />;
  else if (!data || !option) body = <Skeleton className="m-4 h-[228px]" />;
  else if (data.series.length === 0 && data.errors.length > 0)
    body = <ErrorNotice title="Burn rates unavailable" message={data.errors.map(describeSourceError).join('; ')} onRetry={onRetry} />;
  else if (data.series.every((s) => s.points.every(([, v]) => v === null)))
    body = <EmptyState title="No data in this range">No events were measured in this range; pick another range or wait for traffic.</EmptyState>;
  else body = <EChart option={option} dark={dark} ariaLabel={burnSummary(name, data.series, data.thresholds)} height={HEIGHT} events={events} />;

  const actions = (
    <div className="flex items-center gap-2">
      <label htmlFor={`${id}-span`} className="text-xs text-slate-500 dark:text-slate-400">
        Range
      </label>
      <select
        id={`${id}-span`}
        value={span}
        onChange={(e) => onSpan(e.target.value as BurnSpan)}
        className="h-7 rounded-md border border-slate-300 bg-white px-1.5 text-xs dark:border-slate-600 dark:bg-slate-950"
      >
        {BURN_SPANS.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Panel title="Burn rate" actions={actions}>
      <div className="p-2" style={{ minHeight: HEIGHT + 16 }}>
        {body}
      </div>
    </Panel>
  );
}
