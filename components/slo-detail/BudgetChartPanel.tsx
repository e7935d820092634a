'use client';

import type { SloBudgetSeries } from '@/lib/schemas/slo-status';
import { describeSourceError } from '@/lib/format/source-errors';
import { EChart } from '@/components/charts/EChart';
import { budgetChartOption, budgetSummary } from '@/components/slos/slo-chart-options';
import '@/components/slos/echarts-markline';
import { useIsDark } from '@/components/theme/useIsDark';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { Panel } from '@/components/ui/Panel';
import { Skeleton } from '@/components/ui/Skeleton';
import { useChartRenderTiming } from './useChartRenderTiming';

const HEIGHT = 240;

export interface BudgetChartPanelProps {
  name: string;
  windowText: string;
  data: SloBudgetSeries | undefined;
  failure: string | null;
  onRetry: () => void;
}

/** Error budget remaining at each step of the window (the tile's formula), with the zero line. */
export function BudgetChartPanel({ name, windowText, data, failure, onRetry }: BudgetChartPanelProps) {
  const dark = useIsDark();
  const { option, events } = useChartRenderTiming('budget', () => (data ? budgetChartOption({ points: data.points, startMs: data.startMs, endMs: data.endMs }) : null), [data]);
  let body;
  if (failure && !data) body = <ErrorNotice title="Could not load the error budget" message={failure} onRetry={onRetry} />;
  else if (!data || !option) body = <Skeleton className="m-4 h-[208px]" />;
  else if (data.points.length === 0 && data.errors.length > 0)
    body = <ErrorNotice title="Error budget unavailable" message={data.errors.map(describeSourceError).join('; ')} onRetry={onRetry} />;
  else if (data.points.every(([, v]) => v === null))
    body = <EmptyState title="No data in the SLO window">The SLI&apos;s metrics have no samples in this window yet, or the service had no traffic.</EmptyState>;
  else body = <EChart option={option} dark={dark} ariaLabel={budgetSummary(name, windowText, data.points)} height={HEIGHT} events={events} />;
  return (
    <Panel title="Error budget remaining">
      <div className="p-2" style={{ minHeight: HEIGHT + 16 }}>
        {body}
      </div>
    </Panel>
  );
}
