'use client';

import Link from 'next/link';
import type { BreakerBadge, NodeSloBadge, RateLimitBadge } from '@/lib/schemas/topology';
import { formatRate, formatRatio } from '@/lib/format/units';
import { withRange, type RangeState } from '@/lib/query/range-params';

/**
 * The side panel's badges in words: the service's SLO state (a link to the worst SLO), a rate limit,
 * a call's circuit breaker. Each line carries a data attribute with the state, so tests and scripts
 * read the same thing a person does.
 */

const SLO_TEXT: Record<NodeSloBadge['state'], string> = {
  page: 'burning fast: page',
  ticket: 'burning: ticket',
  ok: 'within budget',
  'no-data': 'no data yet',
};
const SLO_TONE: Record<NodeSloBadge['state'], string> = {
  page: 'bg-red-600 text-white',
  ticket: 'bg-amber-500 text-slate-900',
  ok: 'bg-emerald-600 text-white',
  'no-data': 'bg-slate-300 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
};
const BREAKER_TONE = { open: 'bg-red-600 text-white', 'half-open': 'bg-amber-500 text-slate-900', closed: 'bg-emerald-600 text-white' } as const;

const pill = 'rounded px-1.5 py-0.5 text-xs font-semibold';

export function SloLine({ slo, range }: { slo: NodeSloBadge; range: RangeState }) {
  const budget = slo.budgetRemaining === null ? 'no data' : `${formatRatio(slo.budgetRemaining)} of the budget left`;
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm" data-slo-state={slo.state}>
      <span className={`${pill} ${SLO_TONE[slo.state]}`}>SLO</span>
      <span>
        {slo.count === 1 ? '1 SLO' : `${slo.count} SLOs`}, {SLO_TEXT[slo.state]} · {budget}
      </span>
      <Link href={withRange(`/slos/${encodeURIComponent(slo.worstId)}`, range)} className="text-sky-700 hover:underline dark:text-sky-400">
        Open {slo.count === 1 ? 'SLO' : 'worst SLO'}
      </Link>
    </p>
  );
}

export function RateLimitLine({ limit }: { limit: RateLimitBadge }) {
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm" data-rate-limit={limit.ratePerSecond}>
      <span className={`${pill} bg-sky-600 text-white`}>RL</span>
      <span>
        Rate limit {formatRate(limit.ratePerSecond)} {limit.scope === 'global' ? 'shared by all instances' : 'per instance'}
        {limit.rejectedRps !== null && ` · ${formatRate(limit.rejectedRps)} rejected`}
      </span>
    </p>
  );
}

export function BreakerLine({ breaker }: { breaker: BreakerBadge }) {
  const state = breaker.state ?? 'not reported yet';
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm" data-breaker-state={breaker.state ?? 'pending'}>
      <span className={`${pill} ${breaker.state ? BREAKER_TONE[breaker.state] : 'bg-slate-300 text-slate-800 dark:bg-slate-700 dark:text-slate-100'}`}>Breaker</span>
      <span>
        {state}
        {breaker.mode && breaker.mode !== 'auto' && ` (${breaker.mode})`}
        {breaker.rejectedRps !== null && ` · ${formatRate(breaker.rejectedRps)} short-circuited`}
      </span>
    </p>
  );
}
