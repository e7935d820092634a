'use client';

import { errorsFrom } from '@/lib/format/source-errors';
import { toApiError } from '@/lib/query/api-error';
import { useServiceDetailQuery } from '@/components/hooks/useServicesQuery';
import { useRangeState } from '@/components/url/search-params';
import { presenceOf } from '@/components/services/table-model';
import { ServicePolicyPanel } from '@/components/policies/ServicePolicyPanel';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { Panel } from '@/components/ui/Panel';
import { SkeletonRows } from '@/components/ui/Skeleton';
import { SourceErrorsBanner } from '@/components/ui/SourceErrorsBanner';
import { InstancesTable } from './InstancesTable';
import { PeersTable } from './PeersTable';
import { RedCharts } from './RedCharts';
import { ServiceHeader } from './ServiceHeader';
import { ServiceNotFound } from './ServiceNotFound';
import { ServiceSlosPanel } from './ServiceSlosPanel';

export interface ServiceDetailViewProps {
  name: string;
}

/**
 * One service: header, RED charts, instances, callers and callees. The charts have their own query,
 * so a slow or failing detail request never blanks them (and vice versa).
 */
export function ServiceDetailView({ name }: ServiceDetailViewProps) {
  const range = useRangeState();
  const query = useServiceDetailQuery(name, range);
  const error = query.isError ? toApiError(query.error) : null;
  if (error?.code === 'not_found') return <ServiceNotFound name={name} message={error.message} range={range} />;

  const d = query.data;
  const errors = d?.errors ?? [];
  // One service can't tell whether a registry is configured at all, so "not registered" (which needs
  // that) is left to the services list; "no traffic" only needs metrics to have answered.
  const presence = d ? presenceOf(d.service, { metricsAnswered: errorsFrom(errors, 'prometheus').length === 0, registryInUse: false }) : null;
  const retry = () => void query.refetch();

  return (
    <div className="space-y-6">
      <ServiceHeader name={name} summary={d?.service} presence={presence} range={range} failed={error !== null && !d} />
      {error && d && (
        <p role="status" className="text-sm text-amber-700 dark:text-amber-400">
          Refresh failed ({error.message}); showing the last numbers that arrived.
        </p>
      )}
      <SourceErrorsBanner errors={errors} />
      <RedCharts name={name} range={range} />
      <ServiceSlosPanel name={name} range={range} />
      <ServicePolicyPanel name={name} />
      {d ? (
        <>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            <Panel title="Callers" actions={<Count n={d.callers.length} />}>
              <PeersTable caption="Callers" peers={d.callers} range={range} emptyText="No callers in this window" />
            </Panel>
            <Panel title="Callees" actions={<Count n={d.callees.length} />}>
              <PeersTable caption="Callees" peers={d.callees} range={range} emptyText="No callees in this window" />
            </Panel>
          </div>
          <Panel title="Instances" actions={<Count n={d.instances.length} />}>
            <InstancesTable instances={d.instances} />
          </Panel>
        </>
      ) : error ? (
        // One notice for the whole detail request (callers, callees, instances); the charts above
        // have their own request and keep working.
        <Panel title="Callers, callees and instances">
          <ErrorNotice title="Could not load this service" message={error.message} onRetry={retry} />
        </Panel>
      ) : (
        <>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            <Panel title="Callers">
              <SkeletonRows label="Loading callers" rows={3} />
            </Panel>
            <Panel title="Callees">
              <SkeletonRows label="Loading callees" rows={3} />
            </Panel>
          </div>
          <Panel title="Instances">
            <SkeletonRows label="Loading instances" rows={3} />
          </Panel>
        </>
      )}
    </div>
  );
}

function Count({ n }: { n: number }) {
  return <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400">{n}</span>;
}
