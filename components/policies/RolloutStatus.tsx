'use client';

import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Policy } from '@/lib/schemas/policy';
import type { RolloutInstance, RolloutResponse } from '@/lib/schemas/policy-api';
import { formatLatency, formatRate, formatRatio } from '@/lib/format/units';
import { toApiError } from '@/lib/query/api-error';
import { promotePolicy, rollbackPolicy, rolloutQuery } from '@/lib/query/policies';
import { rolloutLabel } from '@/lib/policy/describe';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { Skeleton } from '@/components/ui/Skeleton';
import { SourceErrorsBanner } from '@/components/ui/SourceErrorsBanner';
import { BUTTON, DANGER } from './Modal';
import { ReasonDialog } from './ReasonDialog';
import { usePolicyCache, type WriteAccess } from './usePolicies';
import { explainWriteError } from './write-errors';

/** How often the rollout is asked while instances are still converging. */
export const ROLLOUT_POLL_MS = 2_000;

export interface RolloutStatusProps {
  policy: Policy;
  access: WriteAccess;
  /** Narrow places (the side panel): no canary comparison table columns beyond the essentials. */
  compact?: boolean;
}

function instanceState(i: RolloutInstance, r: RolloutResponse): { mark: string; text: string; tone: string; state: string } {
  if (!i.targeted) return { mark: '·', text: `not in the canary: runs ${i.version === null ? 'no policy' : `version ${i.version}`}`, tone: 'text-slate-500 dark:text-slate-400', state: 'not-targeted' };
  if (i.converged) return { mark: '✓', text: `runs version ${r.version}`, tone: 'text-emerald-700 dark:text-emerald-400', state: 'converged' };
  const at = i.revision === null ? 'not reporting a revision' : `still at revision ${i.revision}`;
  if (i.stuck) return { mark: '⚠', text: `stuck: ${at} after ${formatLatency(r.timeoutMs / 1000)}`, tone: 'text-amber-700 dark:text-amber-400', state: 'stuck' };
  return { mark: '…', text: `waiting (${at})`, tone: 'text-slate-600 dark:text-slate-300', state: 'pending' };
}

/**
 * Which instances run the policy's latest version, from their own metrics: asked every 2 s until every
 * targeted instance does, then left alone. An instance past the convergence timeout is flagged, and a
 * canary shows its numbers against the rest's, with promote and roll back.
 */
export function RolloutStatus({ policy, access, compact = false }: RolloutStatusProps) {
  const query = useQuery({
    ...rolloutQuery(policy.id),
    refetchInterval: (q) => (q.state.data?.done && q.state.data.version >= policy.version ? false : ROLLOUT_POLL_MS),
    staleTime: 0,
  });
  const { invalidate } = usePolicyCache();
  const r = query.data;
  const done = r !== undefined && r.done && r.version >= policy.version;
  // When the rollout is done, the list's live state is worth asking again.
  useEffect(() => {
    if (done) void invalidate();
  }, [done, invalidate]);

  if (!r) {
    return query.isError ? (
      <ErrorNotice title="Could not read the rollout" message={toApiError(query.error).message} onRetry={() => void query.refetch()} />
    ) : (
      <div role="status" aria-label="Loading rollout" className="space-y-2">
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className="h-4 w-1/2" />
      </div>
    );
  }

  const targeted = r.instances.filter((i) => i.targeted);
  const converged = targeted.filter((i) => i.converged).length;
  const stuck = targeted.filter((i) => i.stuck).length;
  return (
    <section aria-label={`Rollout of ${policy.id}`} data-rollout-done={done} data-version={r.version} className="space-y-2 text-sm">
      <p role="status" className={done ? 'font-medium text-emerald-700 dark:text-emerald-400' : stuck > 0 ? 'font-medium text-amber-700 dark:text-amber-400' : ''}>
        {done
          ? `✓ Applied: ${targeted.length === 1 ? 'the 1 targeted instance runs' : `all ${targeted.length} targeted instances run`} version ${r.version}`
          : `Rolling out version ${r.version}: ${converged} of ${targeted.length} targeted instances run it${stuck > 0 ? `, ${stuck} stuck` : ''}…`}
        <span className="text-slate-500 dark:text-slate-400"> · {rolloutLabel(policy.rollout)}</span>
      </p>
      {query.isError && <p className="text-xs text-amber-700 dark:text-amber-400">Last refresh failed: {toApiError(query.error).message}</p>}
      <SourceErrorsBanner errors={r.errors} />
      {r.instances.length === 0 ? (
        <p className="text-slate-500 dark:text-slate-400">No instance of this service reports policy metrics yet.</p>
      ) : (
        <ul aria-label="Instances" className="divide-y divide-slate-100 dark:divide-slate-800">
          {r.instances.map((i) => {
            const s = instanceState(i, r);
            return (
              <li key={`${i.service}/${i.instance}`} data-instance={i.instanceId ?? i.instance} data-state={s.state} className="flex items-baseline gap-2 py-1">
                <span aria-hidden="true" className={`w-4 shrink-0 text-center font-bold ${s.tone}`}>
                  {s.mark}
                </span>
                <span className="truncate font-medium">{i.instanceId ?? i.instance}</span>
                {!compact && <span className="text-xs text-slate-500 dark:text-slate-400">{i.instance}</span>}
                <span className={`ml-auto text-right text-xs ${s.tone}`}>{s.text}</span>
              </li>
            );
          })}
        </ul>
      )}
      {r.comparison && policy.rollout.stage === 'canary' && <CanaryCompare policy={policy} comparison={r.comparison} access={access} />}
    </section>
  );
}

function CanaryCompare({ policy, comparison, access }: { policy: Policy; comparison: NonNullable<RolloutResponse['comparison']>; access: WriteAccess }) {
  const [asking, setAsking] = useState<'promote' | 'rollback' | null>(null);
  const { invalidate, fresh } = usePolicyCache();
  const rows: Array<[string, (s: typeof comparison.canary) => string]> = [
    ['Requests', (s) => formatRate(s.rps)],
    ['Errors', (s) => formatRatio(s.errorRatio)],
    ['p95', (s) => formatLatency(s.p95)],
  ];
  const act = async (reason: string) => {
    try {
      if (asking === 'promote') await promotePolicy(policy.id, policy.version, reason);
      else await rollbackPolicy(policy.id, policy.version, reason);
    } catch (err) {
      await invalidate();
      throw new Error(await explainWriteError(err, policy.id, fresh));
    }
    setAsking(null);
    await invalidate();
  };
  return (
    <div className="space-y-2 rounded-md border border-slate-200 p-2 dark:border-slate-700">
      <table className="w-full text-sm">
        <caption className="text-left text-xs font-semibold text-slate-500 uppercase dark:text-slate-400">Canary against the rest, last 5 minutes</caption>
        <thead>
          <tr className="text-xs text-slate-500 dark:text-slate-400">
            <th scope="col" className="text-left font-medium" />
            <th scope="col" className="text-right font-medium">
              Canary
            </th>
            <th scope="col" className="text-right font-medium">
              Rest
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, f]) => (
            <tr key={label}>
              <th scope="row" className="text-left font-normal text-slate-600 dark:text-slate-300">
                {label}
              </th>
              <td className="text-right tabular-nums">{f(comparison.canary)}</td>
              <td className="text-right tabular-nums">{f(comparison.rest)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={BUTTON} disabled={!access.can} onClick={() => setAsking('promote')}>
          Promote to all instances
        </button>
        <button type="button" className={DANGER} disabled={!access.can} onClick={() => setAsking('rollback')}>
          Roll back
        </button>
      </div>
      {asking && (
        <ReasonDialog
          title={asking === 'promote' ? 'Promote the canary' : 'Roll back the canary'}
          consequence={
            asking === 'promote'
              ? `Promote version ${policy.version} of ${policy.id} to every instance.`
              : `Roll back ${policy.id}: every instance returns to ${policy.rollout.stage === 'canary' && policy.rollout.baseVersion !== null ? `version ${policy.rollout.baseVersion}` : 'no policy'}.`
          }
          confirmLabel={asking === 'promote' ? 'Promote' : 'Roll back'}
          danger={asking === 'rollback'}
          onConfirm={act}
          onClose={() => setAsking(null)}
        />
      )}
    </div>
  );
}
