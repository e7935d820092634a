import type { BreakerState } from '@/lib/schemas/policy';
import type { PolicyLiveState } from '@/lib/schemas/policy-api';
import { formatRate } from '@/lib/format/units';

const TONE: Record<BreakerState, string> = {
  open: 'bg-red-600 text-white',
  'half-open': 'bg-amber-500 text-slate-900',
  closed: 'bg-emerald-600 text-white',
};

/** The breaker's live state in colour and words; "not reported" until an instance reports it. */
export function BreakerStateBadge({ state }: { state: BreakerState | null }) {
  return (
    <span
      data-breaker-state={state ?? 'pending'}
      title="The worst state any instance reports now"
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap ${state ? TONE[state] : 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200'}`}
    >
      {state ?? 'not reported'}
    </span>
  );
}

/** "0.4 req/s short-circuited · 2 req/s rate-limited", or nothing when nothing was rejected. */
export function rejectedText(live: PolicyLiveState | undefined): string | null {
  if (!live) return null;
  const parts: string[] = [];
  if (live.breakerRejectedRps !== null && live.breakerRejectedRps > 0) parts.push(`${formatRate(live.breakerRejectedRps)} short-circuited`);
  if (live.rateLimitRejectedRps !== null && live.rateLimitRejectedRps > 0) parts.push(`${formatRate(live.rateLimitRejectedRps)} rate-limited`);
  return parts.length > 0 ? parts.join(' · ') : null;
}
