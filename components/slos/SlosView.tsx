'use client';

import { useMemo } from 'react';
import { useSearchParams } from 'next/navigation';
import { formatDateTime } from '@/lib/format/time';
import { toApiError } from '@/lib/query/api-error';
import { nextSloSort, readSloTableState, sloTableParamUpdates, type SloSortKey } from '@/lib/query/slo-params';
import { useSlosQuery } from '@/components/hooks/useSloQueries';
import { useRangeState, useUpdateSearchParams } from '@/components/url/search-params';
import { useUrlText } from '@/components/url/useUrlText';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { Panel } from '@/components/ui/Panel';
import { SkeletonRows } from '@/components/ui/Skeleton';
import { SourceErrorsBanner } from '@/components/ui/SourceErrorsBanner';
import { NewSloControl } from '@/components/slo-edit/SloEditControls';
import { SlosEmpty } from './SlosEmpty';
import { SlosTable } from './SlosTable';
import { SlosToolbar } from './SlosToolbar';
import { SpecProblemsBanner } from './SpecProblemsBanner';
import { filterOptions, filterSlos, sortSlos } from './table-model';

/**
 * /slos: every SLO at the range's `to` (now by default), worst budget first; search, service and
 * team filters and the sort live in the URL. One request: the statuses, the spec problems and a
 * budget sparkline per SLO, at a fixed number of PromQL queries.
 */
export function SlosView() {
  const range = useRangeState();
  const params = useSearchParams();
  const table = useMemo(() => readSloTableState((k) => params.get(k)), [params]);
  const update = useUpdateSearchParams();
  const query = useSlosQuery(range);

  const { text: search, onChange: onSearch, show: showSearch } = useUrlText(table.q, (q) => update(sloTableParamUpdates({ q }), 'replace'));
  const onSort = (key: SloSortKey) => update(sloTableParamUpdates(nextSloSort(table, key)), 'push');

  const data = query.data;
  const options = useMemo(() => filterOptions(data?.slos ?? []), [data]);
  const rows = useMemo(
    () => (data ? sortSlos(filterSlos(data.slos, { q: search, service: table.service, team: table.team }), table.sort, table.dir) : []),
    [data, search, table.service, table.team, table.sort, table.dir],
  );
  const refreshError = query.isError && data ? toApiError(query.error) : null;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">SLOs</h1>
        {data && (
          <p className="text-sm text-slate-500 dark:text-slate-400">
            State at {formatDateTime(data.atMs)}, each over its own window
            {refreshError && <span className="ml-2 text-amber-700 dark:text-amber-400">· refresh failed: {refreshError.message}</span>}
          </p>
        )}
      </div>
      <NewSloControl />
      <SourceErrorsBanner errors={data?.errors ?? []} />
      <SpecProblemsBanner problems={data?.problems ?? []} />
      <Panel
        title="All SLOs"
        actions={
          data && data.slos.length > 0 ? (
            <a href="/api/v1/slos/rules" download className="text-xs font-medium text-sky-700 hover:underline dark:text-sky-400">
              Download Prometheus rules (all SLOs)
            </a>
          ) : undefined
        }
      >
        <SlosToolbar
          search={search}
          onSearch={onSearch}
          service={table.service}
          services={options.services}
          onService={(service) => update(sloTableParamUpdates({ service }), 'push')}
          team={table.team}
          teams={options.teams}
          onTeam={(team) => update(sloTableParamUpdates({ team }), 'push')}
          shown={rows.length}
          total={data?.slos.length ?? 0}
        />
        {data ? (
          data.slos.length === 0 ? (
            <SlosEmpty paths={data.paths} problems={data.problems.length} />
          ) : rows.length === 0 ? (
            <EmptyState title="No SLOs match">
              <button
                type="button"
                onClick={() => {
                  showSearch('');
                  update(sloTableParamUpdates({ q: '', service: null, team: null }), 'push');
                }}
                className="text-sky-700 underline dark:text-sky-400"
              >
                Clear search and filters
              </button>
            </EmptyState>
          ) : (
            <SlosTable rows={rows} sparklines={data.sparklines} range={range} sort={table.sort} dir={table.dir} onSort={onSort} stale={query.isPlaceholderData} />
          )
        ) : query.isError ? (
          <ErrorNotice title="Could not load SLOs" message={toApiError(query.error).message} onRetry={() => void query.refetch()} />
        ) : (
          <SkeletonRows label="Loading SLOs" />
        )}
      </Panel>
    </div>
  );
}
