'use client';

import { useMemo } from 'react';
import { useSearchParams } from 'next/navigation';
import { describeRange } from '@/lib/format/time';
import { formatSloWindow } from '@/lib/format/slo';
import { toApiError } from '@/lib/query/api-error';
import { burnFrom, readSloDetailState, sloDetailParamUpdates } from '@/lib/query/slo-params';
import { useSloAttributionQuery, useSloBudgetQuery, useSloBurnQuery, useSloDetailQuery } from '@/components/hooks/useSloQueries';
import { RedCharts } from '@/components/service-detail/RedCharts';
import { useRangeState, useUpdateSearchParams } from '@/components/url/search-params';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { Panel } from '@/components/ui/Panel';
import { SkeletonRows } from '@/components/ui/Skeleton';
import { SourceErrorsBanner } from '@/components/ui/SourceErrorsBanner';
import { SloEditControls } from '@/components/slo-edit/SloEditControls';
import { AlertTable } from './AlertTable';
import { AttributionPanel } from './AttributionPanel';
import { BudgetChartPanel } from './BudgetChartPanel';
import { BurnChartPanel } from './BurnChartPanel';
import { SloHeader } from './SloHeader';
import { SloNotFound } from './SloNotFound';
import { SloTiles } from './SloTiles';
import { SpecPanel } from './SpecPanel';

/** This SLO's generated Prometheus rules (GET /api/v1/slos/rules, lib/slo/rules.ts). */
const rulesUrl = (id: string) => `/api/v1/slos/rules?id=${encodeURIComponent(id)}`;

/**
 * One SLO at the range's `to`: tiles, the error-budget and burn-rate charts, the alert rows, the
 * budget attribution, the service's RED charts (over the shared range) and the spec. Every panel has
 * its own request, loading and error state: a slow attribution never blanks the tiles.
 */
export function SloDetailView({ id }: { id: string }) {
  const range = useRangeState();
  const params = useSearchParams();
  const state = useMemo(() => readSloDetailState((k) => params.get(k)), [params]);
  const update = useUpdateSearchParams();

  const detail = useSloDetailQuery(id, range);
  const budget = useSloBudgetQuery(id, range);
  const burn = useSloBurnQuery(id, range, burnFrom(state.burn, range.to));
  const attribution = useSloAttributionQuery(id, range, state.attr);

  const error = detail.isError ? toApiError(detail.error) : null;
  // An id that cannot exist (400 naming `id`) is as missing as one no spec has.
  if (error?.code === 'not_found' || (error?.code === 'bad_request' && error.field === 'id')) return <SloNotFound id={id} message={error.message} range={range} />;

  const d = detail.data;
  const name = d?.spec.name ?? id;
  const failure = (q: { isError: boolean; error: unknown }) => (q.isError ? toApiError(q.error).message : null);

  return (
    <div className="space-y-6">
      <SloHeader id={id} spec={d?.spec} status={d?.status} atMs={d?.atMs} range={range} />
      <SloEditControls id={id} />
      {error && d && (
        <p role="status" className="text-sm text-amber-700 dark:text-amber-400">
          Refresh failed ({error.message}); showing the last numbers that arrived.
        </p>
      )}
      <SourceErrorsBanner errors={d?.errors ?? []} />
      {error && !d ? (
        <ErrorNotice title="Could not load this SLO" message={error.message} onRetry={() => void detail.refetch()} />
      ) : (
        <SloTiles status={d?.status} />
      )}
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <BudgetChartPanel
          name={name}
          windowText={d ? formatSloWindow(d.spec.window) : 'SLO'}
          data={budget.data}
          failure={failure(budget)}
          onRetry={() => void budget.refetch()}
        />
        <BurnChartPanel
          name={name}
          data={burn.data}
          failure={failure(burn)}
          onRetry={() => void burn.refetch()}
          span={state.burn}
          onSpan={(span) => update(sloDetailParamUpdates({ burn: span }), 'push')}
        />
      </div>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Panel title="Alerts">{d ? <AlertTable rows={d.status.alerts} /> : <SkeletonRows label="Loading alerts" rows={4} />}</Panel>
        <AttributionPanel
          data={attribution.data}
          failure={failure(attribution)}
          onRetry={() => void attribution.refetch()}
          window={state.attr}
          onWindow={(attr) => update(sloDetailParamUpdates({ attr }), 'push')}
          indicator={d?.spec.indicator.kind}
          range={range}
        />
      </div>
      {d && (
        <section aria-label={`Requests, errors and latency of ${d.spec.service}`} className="space-y-2">
          <h2 className="text-sm font-semibold text-slate-700 dark:text-slate-200">
            {d.spec.service}: requests, errors and latency ({describeRange(range.from, range.to).toLowerCase()})
          </h2>
          <RedCharts name={d.spec.service} range={range} />
        </section>
      )}
      {d ? (
        <SpecPanel spec={d.spec} yaml={d.specYaml} rulesUrl={rulesUrl(id)} />
      ) : (
        <Panel title="Spec">
          <SkeletonRows label="Loading spec" rows={4} />
        </Panel>
      )}
    </div>
  );
}
