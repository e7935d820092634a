'use client';

import { useMemo, useState } from 'react';
import { useSearchParams } from 'next/navigation';
import type { Policy } from '@/lib/schemas/policy';
import { servicesOf, touchesService } from '@/lib/policy/describe';
import { toApiError } from '@/lib/query/api-error';
import { NEW_POLICY, policiesParamUpdates, readPoliciesViewState, type PoliciesViewState } from '@/lib/query/policy-params';
import { exportAllUrl } from '@/lib/query/policy-import';
import { refreshIntervalMs } from '@/lib/query/range-params';
import { useRangeState, useUpdateSearchParams } from '@/components/url/search-params';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { Panel } from '@/components/ui/Panel';
import { SkeletonRows } from '@/components/ui/Skeleton';
import { SourceErrorsBanner } from '@/components/ui/SourceErrorsBanner';
import { AuditLog } from './AuditLog';
import { ImportDialog } from './ImportDialog';
import { BUTTON, INPUT, PRIMARY } from './Modal';
import { PoliciesTable } from './PoliciesTable';
import { PolicyDetail } from './PolicyDetail';
import { PolicyEditor } from './PolicyEditor';
import { usePoliciesQuery, useWriteAccess } from './usePolicies';
import { WriteGate } from './WriteGate';

/**
 * /policies: every circuit-breaker and rate-limit policy with its live state, the selected one's
 * details and rollout, the audit log with restore, and the editor. All of it in the URL.
 */
export function PoliciesView() {
  const params = useSearchParams();
  const view = useMemo(() => readPoliciesViewState((k) => params.get(k)), [params]);
  const update = useUpdateSearchParams();
  const range = useRangeState();
  const query = usePoliciesQuery(refreshIntervalMs(range.refresh) || 15_000);
  const access = useWriteAccess();
  const [importing, setImporting] = useState(false);
  const set = (change: Partial<PoliciesViewState>, mode: 'push' | 'replace' = 'push') => update(policiesParamUpdates(change), mode);

  const data = query.data;
  const all = useMemo(() => data?.policies ?? [], [data]);
  const services = useMemo(() => [...new Set(all.flatMap((p) => servicesOf(p.spec.target)))].sort(), [all]);
  const rows = useMemo(
    () => all.filter((p) => (view.deleted || !p.deleted) && (view.service === null || touchesService(p.spec.target, view.service))),
    [all, view.deleted, view.service],
  );
  const selected = view.policy ? (all.find((p) => p.id === view.policy) ?? null) : null;
  const hiddenDeleted = all.filter((p) => p.deleted).length;

  const onSaved = (p: Policy) => set({ edit: null, policy: p.id, before: null });

  let body;
  if (!data) {
    body = query.isError ? (
      <ErrorNotice title="Could not load policies" message={toApiError(query.error).message} onRetry={() => void query.refetch()} />
    ) : (
      <SkeletonRows label="Loading policies" />
    );
  } else if (all.length === 0) {
    body = (
      <EmptyState title="No policies yet">
        {access.can ? (
          <>Create one with “New policy”, or trip a breaker from a call in the topology’s side panel.</>
        ) : (
          <>Operators create them here or from the topology’s side panel; sign in as an operator to do so.</>
        )}
      </EmptyState>
    );
  } else if (rows.length === 0) {
    body = (
      <EmptyState title={view.service ? `No policy concerns ${view.service}` : 'Every policy is deleted'}>
        <button type="button" onClick={() => set({ service: null, deleted: true })} className="text-sky-700 underline dark:text-sky-400">
          Show all policies, deleted ones too
        </button>
      </EmptyState>
    );
  } else {
    body = (
      <PoliciesTable
        policies={rows}
        live={data.live}
        selected={view.policy}
        onSelect={(id) => set({ policy: view.policy === id ? null : id, before: null })}
        onEdit={(id) => set({ edit: id })}
        access={access}
        stale={query.isFetching && query.isError}
      />
    );
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">Policies</h1>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Circuit breakers and rate limits, applied live by the services{data ? ` · store: ${data.store.replace(/^policies:/, '')}` : ''}
          {query.isError && data && <span className="ml-2 text-amber-700 dark:text-amber-400">· refresh failed: {toApiError(query.error).message}</span>}
        </p>
      </div>
      <SourceErrorsBanner errors={data?.errors ?? []} />
      <Panel title="All policies" actions={data && <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400">{rows.length === all.length ? all.length : `${rows.length} of ${all.length}`}</span>}>
        <div className="flex flex-wrap items-center gap-3 px-4 py-3">
          <label className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            Service
            <select value={view.service ?? ''} onChange={(e) => set({ service: e.target.value || null })} className={INPUT}>
              <option value="">All services</option>
              {services.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
              {view.service && !services.includes(view.service) && <option value={view.service}>{view.service}</option>}
            </select>
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <input type="checkbox" checked={view.deleted} onChange={(e) => set({ deleted: e.target.checked })} className="h-4 w-4" />
            Show deleted{hiddenDeleted > 0 ? ` (${hiddenDeleted})` : ''}
          </label>
          <div className="ml-auto flex items-center gap-2">
            <WriteGate access={access} />
            <a href={exportAllUrl} download className={BUTTON} title="Every live policy as JSON, in the form Import takes back">
              Export JSON
            </a>
            <button type="button" className={BUTTON} onClick={() => setImporting(true)} title="Import policies or Sentinel rules from JSON (check first, then apply)">
              Import…
            </button>
            <button type="button" className={PRIMARY} disabled={!access.can} onClick={() => set({ edit: NEW_POLICY })}>
              New policy
            </button>
          </div>
        </div>
        {body}
      </Panel>
      {selected && (
        <PolicyDetail policy={selected} live={data?.live[selected.id]} access={access} onEdit={() => set({ edit: selected.id })} onClose={() => set({ policy: null, before: null })} />
      )}
      {view.policy && data && !selected && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          There is no policy {view.policy}.{' '}
          <button type="button" className="text-sky-700 underline dark:text-sky-400" onClick={() => set({ policy: null, before: null })}>
            Show every policy’s history
          </button>
        </p>
      )}
      <AuditLog policyId={view.policy} before={view.before} onPage={(before) => set({ before })} policies={all} access={access} onRestored={(p) => set({ policy: p.id, before: null })} />
      {importing && <ImportDialog access={access} onClose={() => setImporting(false)} />}
      {view.edit && (
        <PolicyEditor
          editId={view.edit}
          services={services}
          onClose={() => set({ edit: null })}
          onSaved={onSaved}
          onEditOther={(id) => set({ edit: id }, 'replace')}
        />
      )}
    </div>
  );
}
