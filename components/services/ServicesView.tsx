'use client';

import { useMemo } from 'react';
import { useSearchParams } from 'next/navigation';
import type { Health } from '@/lib/schemas/services';
import { errorsFrom } from '@/lib/format/source-errors';
import { toApiError } from '@/lib/query/api-error';
import { nextSort, readServicesTableState, tableParamUpdates, type SortKey } from '@/lib/query/services-table-params';
import { useServicesQuery } from '@/components/hooks/useServicesQuery';
import { useRangeState, useUpdateSearchParams } from '@/components/url/search-params';
import { useUrlText } from '@/components/url/useUrlText';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { Panel } from '@/components/ui/Panel';
import { SkeletonRows } from '@/components/ui/Skeleton';
import { SourceErrorsBanner } from '@/components/ui/SourceErrorsBanner';
import { ViewHeading } from '@/components/ui/ViewHeading';
import { ServicesEmpty } from './ServicesEmpty';
import { ServicesTable } from './ServicesTable';
import { ServicesToolbar } from './ServicesToolbar';
import { filterServices, sortServices } from './table-model';

/** The services page: every service with its RED numbers; search, filter and sort live in the URL. */
export function ServicesView() {
  const range = useRangeState();
  const params = useSearchParams();
  const table = useMemo(() => readServicesTableState((k) => params.get(k)), [params]);
  const update = useUpdateSearchParams();
  const query = useServicesQuery(range);

  const { text: search, onChange: onSearch, show: showSearch } = useUrlText(table.q, (q) => update(tableParamUpdates({ q }), 'replace'));
  const onHealth = (health: Health | null) => update(tableParamUpdates({ health }), 'push');
  const onSort = (column: SortKey) => update(tableParamUpdates(nextSort(table, column)), 'push');

  const data = query.data;
  const rows = useMemo(
    () => (data ? sortServices(filterServices(data.services, search, table.health), table.sort, table.dir) : []),
    [data, search, table.health, table.sort, table.dir],
  );

  const errors = data?.errors ?? [];
  const refreshError = query.isError && data ? toApiError(query.error) : null;

  return (
    <div className="space-y-4">
      <ViewHeading title="Services" window={data?.window} refreshError={refreshError} />
      <SourceErrorsBanner errors={errors} />
      <Panel title="All services">
        <ServicesToolbar search={search} onSearch={onSearch} health={table.health} onHealth={onHealth} shown={rows.length} total={data?.services.length ?? 0} />
        {data ? (
          data.services.length === 0 ? (
            <ServicesEmpty degraded={errors.length > 0} />
          ) : rows.length === 0 ? (
            <EmptyState title="No services match">
              <button
                type="button"
                onClick={() => {
                  showSearch('');
                  update(tableParamUpdates({ q: '', health: null }), 'push');
                }}
                className="text-sky-700 underline dark:text-sky-400"
              >
                Clear search and filter
              </button>
            </EmptyState>
          ) : (
            <ServicesTable
              rows={rows}
              range={range}
              sort={table.sort}
              dir={table.dir}
              onSort={onSort}
              metricsAnswered={errorsFrom(errors, 'prometheus').length === 0}
              registryInUse={data.services.some((s) => s.inRegistry) && errorsFrom(errors, 'registry').length === 0}
              stale={query.isPlaceholderData}
            />
          )
        ) : query.isError ? (
          <ErrorNotice title="Could not load services" message={toApiError(query.error).message} onRetry={() => void query.refetch()} />
        ) : (
          <SkeletonRows label="Loading services" />
        )}
      </Panel>
    </div>
  );
}
