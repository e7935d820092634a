'use client';

import type { Policy } from '@/lib/schemas/policy';
import type { PolicyLiveState } from '@/lib/schemas/policy-api';
import { breakerSummary, rateLimitSummary, rolloutLabel, targetLabel } from '@/lib/policy/describe';
import { formatAgo } from '@/lib/format/relative-time';
import { formatDateTime } from '@/lib/format/time';
import { BreakerStateBadge, rejectedText } from './LiveState';
import { BUTTON } from './Modal';
import type { WriteAccess } from './usePolicies';

export interface PoliciesTableProps {
  policies: readonly Policy[];
  live: Readonly<Record<string, PolicyLiveState>>;
  selected: string | null;
  onSelect: (id: string) => void;
  onEdit: (id: string) => void;
  access: WriteAccess;
  stale: boolean;
}

const th = 'px-3 py-2 text-left text-xs font-semibold text-slate-500 uppercase dark:text-slate-400';
const td = 'px-3 py-2 align-top';

/** Every policy: its target, what it does, its live state, who changed it last, where it runs. */
export function PoliciesTable({ policies, live, selected, onSelect, onEdit, access, stale }: PoliciesTableProps) {
  const now = Date.now();
  return (
    <div className="overflow-x-auto">
      <table aria-label="Policies" className={`w-full text-sm ${stale ? 'opacity-60' : ''}`}>
        <thead className="border-b border-slate-200 dark:border-slate-800">
          <tr>
            <th scope="col" className={th}>
              Target
            </th>
            <th scope="col" className={th}>
              Circuit breaker
            </th>
            <th scope="col" className={th}>
              Rate limit
            </th>
            <th scope="col" className={th}>
              Live
            </th>
            <th scope="col" className={th}>
              Version
            </th>
            <th scope="col" className={th}>
              Last change
            </th>
            <th scope="col" className={th}>
              Rollout
            </th>
            <th scope="col" className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {policies.map((p) => {
            const state = live[p.id];
            const cb = p.deleted ? null : p.spec.circuitBreaker;
            const at = Date.parse(p.updatedAt);
            return (
              <tr
                key={p.id}
                data-policy={p.id}
                data-deleted={p.deleted || undefined}
                aria-selected={selected === p.id}
                className={`${selected === p.id ? 'bg-sky-50 dark:bg-sky-950/40' : ''} ${p.deleted ? 'text-slate-500 dark:text-slate-400' : ''}`}
              >
                <th scope="row" className={`${td} text-left font-medium`}>
                  <button type="button" onClick={() => onSelect(p.id)} className="text-left text-sky-700 hover:underline dark:text-sky-400">
                    {targetLabel(p.spec.target)}
                  </button>
                  <div className="text-xs font-normal text-slate-500 dark:text-slate-400">
                    {p.spec.target.kind === 'edge' ? 'calls (caller applies)' : 'inbound'}
                    {p.deleted && ' · deleted'}
                  </div>
                </th>
                <td className={td}>{p.deleted ? '—' : breakerSummary(cb)}</td>
                <td className={td}>{p.deleted ? '—' : rateLimitSummary(p.spec.rateLimit)}</td>
                <td className={td}>
                  {cb ? <BreakerStateBadge state={state?.breaker ?? null} /> : null}
                  {rejectedText(state) && <div className="mt-0.5 text-xs whitespace-nowrap">{rejectedText(state)}</div>}
                  {!cb && !rejectedText(state) && <span className="text-slate-400">—</span>}
                </td>
                <td className={`${td} tabular-nums`}>{p.version}</td>
                <td className={td}>
                  <span className="font-medium">{p.updatedBy}</span>{' '}
                  <time dateTime={p.updatedAt} title={formatDateTime(at)} className="text-slate-500 dark:text-slate-400">
                    {formatAgo(at, now)}
                  </time>
                  <div className="max-w-56 truncate text-xs text-slate-500 dark:text-slate-400" title={p.reason}>
                    “{p.reason}”
                  </div>
                </td>
                <td className={td}>{p.deleted ? '—' : rolloutLabel(p.rollout)}</td>
                <td className={`${td} text-right`}>
                  <button type="button" className={`${BUTTON} py-0.5 text-xs`} disabled={!access.can} title={access.can ? undefined : (access.why ?? undefined)} onClick={() => onEdit(p.id)}>
                    {p.deleted ? 'Re-create' : 'Edit'}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
