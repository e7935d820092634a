'use client';

import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditAction, AuditEntry, Policy } from '@/lib/schemas/policy';
import { diffFields, sameJson } from '@/lib/policy/diff';
import { formatFieldValue, targetFromId, targetLabel } from '@/lib/policy/describe';
import { formatAgo } from '@/lib/format/relative-time';
import { formatDateTime } from '@/lib/format/time';
import { toApiError } from '@/lib/query/api-error';
import { auditQuery, restorePolicy } from '@/lib/query/policies';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { Panel } from '@/components/ui/Panel';
import { SkeletonRows } from '@/components/ui/Skeleton';
import { BUTTON } from './Modal';
import { ReasonDialog } from './ReasonDialog';
import { usePolicyCache, type WriteAccess } from './usePolicies';
import { explainWriteError } from './write-errors';

export const AUDIT_PAGE = 20;
/** A create lists every field; past this many, the rest fold away. */
const SHOWN_CHANGES = 6;

const ACTION_TEXT: Record<AuditAction, string> = { create: 'created', update: 'changed', delete: 'deleted', restore: 'restored', promote: 'promoted', rollback: 'rolled back' };

export interface AuditLogProps {
  policyId: string | null;
  before: number | null;
  onPage: (before: number | null) => void;
  policies: readonly Policy[];
  access: WriteAccess;
  onRestored: (p: Policy) => void;
}

const label = (id: string) => {
  const t = targetFromId(id);
  return t ? targetLabel(t) : id;
};

function Changes({ entry }: { entry: AuditEntry }) {
  const item = (c: AuditEntry['diff'][number]) => (
    <li key={c.path} data-path={c.path} className="break-words">
      <code className="text-xs">{c.path}</code>: <span className="text-slate-600 dark:text-slate-400">{formatFieldValue(c.from)}</span> → <span className="font-medium">{formatFieldValue(c.to)}</span>
    </li>
  );
  if (entry.diff.length === 0) return <p className="text-xs text-slate-500 dark:text-slate-400">No field changed.</p>;
  return (
    <div className="text-sm">
      <ul aria-label="Changes" className="space-y-0.5">
        {entry.diff.slice(0, SHOWN_CHANGES).map(item)}
      </ul>
      {entry.diff.length > SHOWN_CHANGES && (
        <details>
          <summary className="cursor-pointer text-xs text-sky-700 dark:text-sky-400">{entry.diff.length - SHOWN_CHANGES} more changes</summary>
          <ul className="space-y-0.5">{entry.diff.slice(SHOWN_CHANGES).map(item)}</ul>
        </details>
      )}
    </div>
  );
}

/**
 * Every accepted write, newest first, paged by revision: who, when, why, and what changed field by
 * field, with "Restore this version" (asks why, confirms, and handles a write that got there first).
 */
export function AuditLog({ policyId, before, onPage, policies, access, onRestored }: AuditLogProps) {
  const query = useQuery({ ...auditQuery(policyId, before, AUDIT_PAGE), placeholderData: keepPreviousData, refetchInterval: before === null ? 15_000 : false });
  const [restoring, setRestoring] = useState<AuditEntry | null>(null);
  const { invalidate, fresh } = usePolicyCache();
  const entries = query.data?.entries ?? [];
  const now = Date.now();
  const current = (id: string) => policies.find((p) => p.id === id) ?? null;

  const restore = async (entry: AuditEntry, reason: string) => {
    const cur = current(entry.policyId);
    let p: Policy;
    try {
      p = await restorePolicy(entry.policyId, entry.revision, cur?.version ?? 0, reason);
    } catch (err) {
      await invalidate();
      throw new Error(await explainWriteError(err, entry.policyId, fresh));
    }
    setRestoring(null);
    await invalidate();
    onRestored(p);
  };

  let body;
  if (!query.data) {
    body = query.isError ? (
      <ErrorNotice title="Could not load the audit log" message={toApiError(query.error).message} onRetry={() => void query.refetch()} />
    ) : (
      <SkeletonRows label="Loading the audit log" rows={4} />
    );
  } else if (entries.length === 0) {
    body = (
      <EmptyState title={before !== null ? 'No older entries' : 'Nothing changed yet'}>
        {before !== null ? 'This is the beginning of the log.' : 'Every accepted change to a policy appears here, with who made it, when and why.'}
      </EmptyState>
    );
  } else {
    body = (
      <ol aria-label="Audit entries" className={`divide-y divide-slate-100 dark:divide-slate-800 ${query.isPlaceholderData ? 'opacity-60' : ''}`}>
        {entries.map((e) => {
          const cur = current(e.policyId);
          const isCurrent = cur !== null && cur.version === e.version;
          const restorable = e.spec !== null && !(cur && !cur.deleted && sameJson(cur.spec, e.spec) && sameJson(cur.rollout, { stage: 'all' }));
          const at = Date.parse(e.at);
          return (
            <li key={`${e.policyId}@${e.revision}`} data-audit-revision={e.revision} data-policy={e.policyId} data-version={e.version} data-action={e.action} className="space-y-1 px-4 py-3">
              <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
                <span className="font-semibold">{label(e.policyId)}</span>
                <span>
                  {ACTION_TEXT[e.action]} by <span className="font-medium">{e.by}</span>
                </span>
                <time dateTime={e.at} title={formatDateTime(at)} className="text-slate-500 dark:text-slate-400">
                  {formatAgo(at, now)}
                </time>
                <span className="text-xs text-slate-500 dark:text-slate-400">
                  version {e.version}
                  {isCurrent && ' (current)'}
                </span>
                <button
                  type="button"
                  className={`${BUTTON} ml-auto py-0.5 text-xs`}
                  disabled={!access.can || !restorable}
                  title={!restorable ? 'The policy has these values now' : access.can ? undefined : (access.why ?? undefined)}
                  onClick={() => setRestoring(e)}
                >
                  Restore this version
                </button>
              </div>
              <p className="text-sm text-slate-700 dark:text-slate-300" data-reason>
                “{e.reason}”
              </p>
              <Changes entry={e} />
            </li>
          );
        })}
      </ol>
    );
  }

  const last = entries.at(-1);
  return (
    <Panel title={policyId ? `Audit log: ${label(policyId)}` : 'Audit log'} actions={query.isFetching ? <span className="text-xs text-slate-500">updating…</span> : undefined}>
      {body}
      <div className="flex gap-2 border-t border-slate-200 px-4 py-2 dark:border-slate-800">
        {before !== null && (
          <button type="button" className={BUTTON} onClick={() => onPage(null)}>
            Newest
          </button>
        )}
        <button type="button" className={BUTTON} disabled={!last || entries.length < AUDIT_PAGE} onClick={() => last && onPage(last.revision)}>
          Older entries
        </button>
      </div>
      {restoring && (
        <ReasonDialog
          title="Restore this version"
          consequence={`Restore version ${restoring.version} of ${label(restoring.policyId)}: its values are written back as version ${(current(restoring.policyId)?.version ?? 0) + 1}, on every instance.`}
          confirmLabel="Restore"
          onConfirm={(reason) => restore(restoring, reason)}
          onClose={() => setRestoring(null)}
        >
          <RestoreDiff entry={restoring} current={current(restoring.policyId)} />
        </ReasonDialog>
      )}
    </Panel>
  );
}

function RestoreDiff({ entry, current }: { entry: AuditEntry; current: Policy | null }) {
  const rows = diffFields(current && !current.deleted ? current.spec : undefined, entry.spec ?? undefined);
  if (rows.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">The values are the same as now; restoring records a new version with them.</p>;
  return (
    <ul aria-label="What restoring changes" className="space-y-0.5 text-sm">
      {rows.map((c) => (
        <li key={c.path}>
          <code className="text-xs">{c.path}</code>: {formatFieldValue(c.from)} → <span className="font-medium">{formatFieldValue(c.to)}</span>
        </li>
      ))}
    </ul>
  );
}
