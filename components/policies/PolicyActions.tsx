'use client';

import Link from 'next/link';
import { useId, useState } from 'react';
import { policyId, RateLimitScope, RateLimitSpec, type Policy, type PolicyTarget } from '@/lib/schemas/policy';
import { breakerMode, breakerSummary, rateLimitSummary } from '@/lib/policy/describe';
import { issueMessage } from '@/lib/policy/form';
import { quickConsequence, quickWrite, type QuickChange } from '@/lib/policy/quick';
import { toApiError } from '@/lib/query/api-error';
import { deletePolicy, savePolicy } from '@/lib/query/policies';
import { Skeleton } from '@/components/ui/Skeleton';
import { BreakerStateBadge, rejectedText } from './LiveState';
import { BUTTON, DANGER, INPUT } from './Modal';
import { ReasonDialog } from './ReasonDialog';
import { RolloutStatus } from './RolloutStatus';
import { useHydrated, usePoliciesQuery, usePolicyCache, useWriteAccess } from './usePolicies';
import { WriteGate } from './WriteGate';
import { changedBy, explainWriteError } from './write-errors';

export interface PolicyActionsProps {
  /** A call (the caller applies it) or a service (inbound). */
  target: PolicyTarget;
}

const TITLES: Record<string, { title: string; confirm: string; danger?: boolean }> = {
  'force-open': { title: 'Trip the breaker', confirm: 'Trip the breaker', danger: true },
  auto: { title: 'Close the breaker', confirm: 'Close the breaker' },
  'force-closed': { title: 'Hold the breaker closed', confirm: 'Hold it closed' },
  limit: { title: 'Set the rate limit', confirm: 'Set the limit' },
  'remove-limit': { title: 'Remove the rate limit', confirm: 'Remove the limit', danger: true },
};
const titleOf = (c: QuickChange) => TITLES[c.kind === 'breaker' ? c.mode : c.kind]!;

interface LimitDraft {
  rate: string;
  burst: string;
  scope: RateLimitScope;
}

/**
 * Quick toggles where operators look at traffic (the topology side panel, the service page): trip a
 * breaker, close it, hold it closed, set or remove a rate limit. Each says what it will do, asks why,
 * then follows the rollout until every instance applied it. Viewers see the state, not the controls.
 */
export function PolicyActions({ target }: PolicyActionsProps) {
  const id = policyId(target);
  const query = usePoliciesQuery();
  const access = useWriteAccess();
  const { invalidate, fresh } = usePolicyCache();
  const [asking, setAsking] = useState<QuickChange | 'limit-draft' | null>(null);
  const [draft, setDraft] = useState<LimitDraft>({ rate: '', burst: '', scope: 'instance' });
  const [written, setWritten] = useState<Policy | null>(null);
  const formId = useId();

  // What the server rendered (nothing yet) until hydrated: the list may be in the cache already.
  const hydrated = useHydrated();
  const data = hydrated ? query.data : undefined;
  const stored = data?.policies.find((p) => p.id === id) ?? null;
  const current = stored && !stored.deleted ? stored : null;
  const live = data?.live[id];
  const mode = breakerMode(current);
  const limit = current?.spec.rateLimit ?? null;
  const disabled = !access.can || !data;

  const run = async (change: QuickChange, reason: string) => {
    const w = quickWrite(target, stored, change);
    let result: Policy;
    try {
      result = w.kind === 'write' ? await savePolicy(w.id, { spec: w.spec, expectedVersion: w.expectedVersion, reason }) : await deletePolicy(w.id, w.expectedVersion, reason);
    } catch (err) {
      await invalidate();
      throw new Error(await explainWriteError(err, id, fresh));
    }
    setWritten(result);
    setAsking(null);
    await invalidate();
  };

  const parsedLimit = RateLimitSpec.safeParse({ enabled: true, ratePerSecond: Number(draft.rate || Number.NaN), burst: Number(draft.burst || Number.NaN), scope: draft.scope });
  const limitError = parsedLimit.success ? null : `${String(parsedLimit.error.issues[0]!.path[0] === 'burst' ? 'Burst' : 'Rate')}: ${issueMessage(parsedLimit.error.issues[0]!)}`;
  const openLimit = () => {
    setDraft(limit ? { rate: String(limit.ratePerSecond), burst: String(limit.burst), scope: limit.scope } : { rate: '', burst: '', scope: 'instance' });
    setAsking('limit-draft');
  };

  // The rollout of the last write from here, with the list's newer copy once it has it.
  const rolling = written && stored && stored.version >= written.version ? stored : written;
  const change: QuickChange | null = asking === 'limit-draft' ? (parsedLimit.success ? { kind: 'limit', limit: parsedLimit.data } : null) : asking;

  return (
    <section aria-label="Traffic policy" data-policy-id={id} className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <div className="flex items-baseline gap-2">
        <h3 className="text-xs font-semibold text-slate-500 uppercase dark:text-slate-400">Traffic policy</h3>
        <Link href={`/policies?policy=${encodeURIComponent(id)}`} className="ml-auto text-xs text-sky-700 hover:underline dark:text-sky-400">
          {current ? 'Details and history' : 'Open policies'}
        </Link>
      </div>
      {!data ? (
        hydrated && query.isError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            Could not load policies: {toApiError(query.error).message}{' '}
            <button type="button" onClick={() => void query.refetch()} className="underline">
              Try again
            </button>
          </p>
        ) : (
          <div role="status" aria-label="Loading policy" className="space-y-2">
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-6 w-1/2" />
          </div>
        )
      ) : current ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-1 text-sm">
          <dt className="text-slate-500 dark:text-slate-400">Breaker</dt>
          <dd className="flex flex-wrap items-center gap-1.5">
            {current.spec.circuitBreaker ? <BreakerStateBadge state={live?.breaker ?? null} /> : null}
            <span>{breakerSummary(current.spec.circuitBreaker)}</span>
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">Rate limit</dt>
          <dd>{rateLimitSummary(limit)}</dd>
          {rejectedText(live) && (
            <>
              <dt className="text-slate-500 dark:text-slate-400">Rejected</dt>
              <dd>{rejectedText(live)}</dd>
            </>
          )}
          <dt className="text-slate-500 dark:text-slate-400">Version</dt>
          <dd className="text-xs text-slate-600 dark:text-slate-300" title={current.reason}>
            {current.version}, by {changedBy(current)}
          </dd>
        </dl>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No policy on {target.kind === 'edge' ? 'this call' : 'this service'} yet: it runs without a breaker or a limit.</p>
      )}
      <div className="flex flex-wrap gap-1.5">
        {mode !== 'force-open' && (
          <button type="button" className={DANGER} disabled={disabled} onClick={() => setAsking({ kind: 'breaker', mode: 'force-open' })}>
            Trip breaker
          </button>
        )}
        {mode === 'force-open' && (
          <button type="button" className={BUTTON} disabled={disabled} onClick={() => setAsking({ kind: 'breaker', mode: 'auto' })}>
            Close breaker
          </button>
        )}
        {mode === 'force-closed' ? (
          <button type="button" className={BUTTON} disabled={disabled} onClick={() => setAsking({ kind: 'breaker', mode: 'auto' })}>
            Back to automatic
          </button>
        ) : (
          <button type="button" className={BUTTON} disabled={disabled} onClick={() => setAsking({ kind: 'breaker', mode: 'force-closed' })}>
            Hold closed
          </button>
        )}
        <button type="button" className={BUTTON} disabled={disabled} onClick={openLimit}>
          {limit ? 'Change rate limit' : 'Set rate limit'}
        </button>
        {limit && (
          <button type="button" className={BUTTON} disabled={disabled} onClick={() => setAsking({ kind: 'remove-limit' })}>
            Remove rate limit
          </button>
        )}
      </div>
      <WriteGate access={access} />
      {rolling && <RolloutStatus policy={rolling} access={access} compact />}
      {asking !== null && (
        <ReasonDialog
          title={asking === 'limit-draft' ? TITLES.limit!.title : titleOf(asking).title}
          consequence={change ? quickConsequence(target, change) : `Limit ${target.kind === 'edge' ? 'these calls' : 'the requests this service receives'}: fill in the rate and the burst.`}
          confirmLabel={asking === 'limit-draft' ? TITLES.limit!.confirm : titleOf(asking).confirm}
          danger={asking !== 'limit-draft' && titleOf(asking).danger}
          onConfirm={async (reason) => {
            if (!change) throw new Error(limitError ?? 'Fill in the rate and the burst.');
            await run(change, reason);
          }}
          onClose={() => setAsking(null)}
        >
          {asking === 'limit-draft' && (
            <fieldset className="grid grid-cols-3 gap-2 text-sm">
              <legend className="sr-only">Rate limit</legend>
              <label htmlFor={`${formId}-rate`} className="col-span-1">
                Rate (req/s)
                <input id={`${formId}-rate`} inputMode="decimal" value={draft.rate} onChange={(e) => setDraft({ ...draft, rate: e.target.value })} className={`${INPUT} mt-1 w-full`} />
              </label>
              <label htmlFor={`${formId}-burst`} className="col-span-1">
                Burst (calls)
                <input id={`${formId}-burst`} inputMode="numeric" value={draft.burst} onChange={(e) => setDraft({ ...draft, burst: e.target.value })} className={`${INPUT} mt-1 w-full`} />
              </label>
              <label htmlFor={`${formId}-scope`} className="col-span-1">
                Scope
                <select id={`${formId}-scope`} value={draft.scope} onChange={(e) => setDraft({ ...draft, scope: RateLimitScope.parse(e.target.value) })} className={`${INPUT} mt-1 w-full`}>
                  <option value="instance">per instance</option>
                  <option value="global">shared (global)</option>
                </select>
              </label>
              {limitError && (draft.rate !== '' || draft.burst !== '') && <p className="col-span-3 text-xs text-red-700 dark:text-red-400">{limitError}</p>}
            </fieldset>
          )}
        </ReasonDialog>
      )}
    </section>
  );
}
