import type { BreakerBadge, NodeSloBadge, RateLimitBadge } from '../schemas/topology';

/**
 * Badges of a collapsed group or of calls merged between groups: the worst one wins, so a group box
 * shows a burning SLO or an open breaker inside it. Pure; used by graph-ops' aggregation.
 */

const SLO_RANK: Record<NodeSloBadge['state'], number> = { page: 3, ticket: 2, ok: 1, 'no-data': 0 };
const BREAKER_RANK: Record<NonNullable<BreakerBadge['state']>, number> = { open: 2, 'half-open': 1, closed: 0 };
const breakerRank = (s: BreakerBadge['state']) => (s === null ? -1 : BREAKER_RANK[s]);

const lower = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const sum = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

/** Worst state, total count, lowest budget (and which SLO it is). */
export function worstSlo(items: ReadonlyArray<NodeSloBadge | null | undefined>): NodeSloBadge | null {
  let out: NodeSloBadge | null = null;
  for (const s of items) {
    if (!s) continue;
    if (!out) {
      out = { ...s };
      continue;
    }
    const budget = lower(out.budgetRemaining, s.budgetRemaining);
    const worstId: string = budget !== null && budget === s.budgetRemaining && budget !== out.budgetRemaining ? s.worstId : out.worstId;
    out = { state: SLO_RANK[s.state] > SLO_RANK[out.state] ? s.state : out.state, count: out.count + s.count, budgetRemaining: budget, worstId };
  }
  return out;
}

/** Worst state; the mode of the worst one; rejected calls summed. */
export function worstBreaker(items: ReadonlyArray<BreakerBadge | null | undefined>): BreakerBadge | null {
  let out: BreakerBadge | null = null;
  for (const b of items) {
    if (!b) continue;
    if (!out) out = { ...b };
    else out = { ...(breakerRank(b.state) > breakerRank(out.state) ? b : out), rejectedRps: sum(out.rejectedRps, b.rejectedRps) };
  }
  return out;
}

/** Limits summed (each member limits its own calls); rejected calls summed; "global" if any is. */
export function combinedRateLimit(items: ReadonlyArray<RateLimitBadge | null | undefined>): RateLimitBadge | null {
  let out: RateLimitBadge | null = null;
  for (const r of items) {
    if (!r) continue;
    out = out
      ? { ratePerSecond: out.ratePerSecond + r.ratePerSecond, scope: out.scope === 'global' || r.scope === 'global' ? 'global' : 'instance', rejectedRps: sum(out.rejectedRps, r.rejectedRps) }
      : { ...r };
  }
  return out;
}

/** A breaker worth a badge: not closed, or forced either way by an operator. */
export const breakerShown = (b: BreakerBadge | null | undefined): b is BreakerBadge => !!b && (b.state !== 'closed' || b.mode === 'force-open' || b.mode === 'force-closed');

/** An SLO worth a badge on the map: one that is burning its budget fast enough to alert. */
export const sloBurning = (s: NodeSloBadge | null | undefined): s is NodeSloBadge => !!s && (s.state === 'page' || s.state === 'ticket');
