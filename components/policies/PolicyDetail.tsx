'use client';

import { useState, type ReactNode } from 'react';
import type { Policy } from '@/lib/schemas/policy';
import type { PolicyLiveState } from '@/lib/schemas/policy-api';
import { breakerSummary, rateLimitSummary, rolloutLabel, targetLabel } from '@/lib/policy/describe';
import { deletePolicy } from '@/lib/query/policies';
import { Panel } from '@/components/ui/Panel';
import { ExportLinks } from './ExportLinks';
import { BreakerStateBadge, rejectedText } from './LiveState';
import { BUTTON, DANGER } from './Modal';
import { ReasonDialog } from './ReasonDialog';
import { RolloutStatus } from './RolloutStatus';
import { usePolicyCache, type WriteAccess } from './usePolicies';
import { WriteGate } from './WriteGate';
import { changedBy, explainWriteError } from './write-errors';

export interface PolicyDetailProps {
  policy: Policy;
  live: PolicyLiveState | undefined;
  access: WriteAccess;
  onEdit: () => void;
  onClose: () => void;
}

/** The selected policy: what it does, who changed it last and why, where it runs now, and its exports. */
export function PolicyDetail({ policy, live, access, onEdit, onClose }: PolicyDetailProps) {
  const [deleting, setDeleting] = useState(false);
  const { invalidate, fresh } = usePolicyCache();
  const p = policy;
  const rows: Array<[string, ReactNode]> = [
    ['Applies to', p.spec.target.kind === 'edge' ? `calls ${targetLabel(p.spec.target)} (the caller applies it)` : `requests ${p.spec.target.service} receives`],
    [
      'Circuit breaker',
      <span key="cb" className="inline-flex flex-wrap items-center gap-1.5">
        {!p.deleted && p.spec.circuitBreaker && <BreakerStateBadge state={live?.breaker ?? null} />}
        {breakerSummary(p.spec.circuitBreaker)}
      </span>,
    ],
    ['Rate limit', rateLimitSummary(p.spec.rateLimit)],
    ['Rejected now', rejectedText(live) ?? 'nothing'],
    ['Runs on', p.deleted ? 'nowhere (deleted)' : rolloutLabel(p.rollout)],
    ['Version', `${p.version}, by ${changedBy(p)}`],
    ['Reason', `“${p.reason}”`],
  ];

  const remove = async (reason: string) => {
    try {
      await deletePolicy(p.id, p.version, reason);
    } catch (err) {
      await invalidate();
      throw new Error(await explainWriteError(err, p.id, fresh));
    }
    setDeleting(false);
    await invalidate();
  };

  return (
    <Panel
      title={`${targetLabel(p.spec.target)}${p.deleted ? ' (deleted)' : ''}`}
      actions={
        <button type="button" onClick={onClose} aria-label="Close details" className="rounded px-1.5 text-lg leading-none text-slate-500 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800">
          ×
        </button>
      }
    >
      <div className="grid gap-4 p-4 lg:grid-cols-2" data-selected-policy={p.id}>
        <div className="space-y-3">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
            {rows.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
                <dd className="break-words">{v}</dd>
              </div>
            ))}
          </dl>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={BUTTON} disabled={!access.can} onClick={onEdit}>
              {p.deleted ? 'Re-create…' : 'Edit…'}
            </button>
            {!p.deleted && (
              <button type="button" className={DANGER} disabled={!access.can} onClick={() => setDeleting(true)}>
                Delete…
              </button>
            )}
          </div>
          <WriteGate access={access} />
          {!p.deleted && <ExportLinks id={p.id} hasRateLimit={p.spec.rateLimit !== null} />}
        </div>
        <div>
          <h3 className="mb-2 text-xs font-semibold text-slate-500 uppercase dark:text-slate-400">Rollout</h3>
          <RolloutStatus policy={p} access={access} />
        </div>
      </div>
      {deleting && (
        <ReasonDialog
          title="Delete the policy"
          consequence={`Delete the policy of ${targetLabel(p.spec.target)}: every instance drops its breaker and rate limit. The history stays, and it can be restored.`}
          confirmLabel="Delete"
          danger
          onConfirm={remove}
          onClose={() => setDeleting(false)}
        />
      )}
    </Panel>
  );
}
