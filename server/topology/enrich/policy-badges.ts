import 'server-only';
import type { Policy } from '@/lib/schemas/policy';
import type { BreakerBadge, RateLimitBadge } from '@/lib/schemas/topology';
import { edgeId } from '@/lib/schemas/topology';
import { BreakerState } from '@/lib/schemas/policy';

import { breakerRejectedQuery, breakerStateQuery, rateLimitRejectedQuery } from '@/lib/promql/policy-state';
import type { PromSample } from '@/server/sources/prometheus/port';
import type { ApplyEnrichment, EnrichContext } from './types';

const RANK = { open: 2, 'half-open': 1, closed: 0 } as const;

/**
 * Worst breaker state per call from `max by (source, target, state) (...) == 1`, keyed by edge id; an
 * inbound breaker (source empty: the service sheds what it receives) is keyed by the service name.
 */
export function breakerStates(samples: readonly PromSample[]): Map<string, BreakerState> {
  const out = new Map<string, BreakerState>();
  for (const s of samples) {
    const state = BreakerState.safeParse(s.labels.state);
    const { source, target } = s.labels;
    if (!state.success || !target) continue;
    const id = source ? edgeId(source, target) : target;
    const prev = out.get(id);
    if (prev === undefined || RANK[state.data] > RANK[prev]) out.set(id, state.data);
  }
  return out;
}

const finite = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * Circuit-breaker and rate-limit badges: the live state from the callers' metrics (three PromQL
 * queries), the mode and limits from the policy store. A call's breaker shows when a caller reports
 * one or a policy names one; a limit shows when an enabled policy sets it.
 */
export async function policyBadges({ c, w, errors, signal }: EnrichContext): Promise<ApplyEnrichment | null> {
  const prom = c.prometheus;
  const store = c.policies;
  const q = (query: string) => prom.instant(query, { timeMs: w.endMs, signal }).catch((err) => (errors.add(err, prom.name), null));
  const [states, rejected, limited, policies] = await Promise.all([
    q(breakerStateQuery()),
    q(breakerRejectedQuery(w.promRange)),
    q(rateLimitRejectedQuery(w.promRange)),
    store.list().catch((err: unknown): Policy[] | null => (errors.add(err, store.name), null)),
  ]);
  if (!states && !rejected && !limited && !policies) return null;

  const live = breakerStates(states ?? []);
  const shed = new Map<string, number | null>();
  for (const s of rejected ?? []) if (s.labels.target) shed.set(s.labels.source ? edgeId(s.labels.source, s.labels.target) : s.labels.target, finite(s.value));
  const limitedBy = new Map<string, number | null>();
  for (const s of limited ?? []) {
    if (!s.labels.service) continue;
    limitedBy.set(s.labels.target ? edgeId(s.labels.service, s.labels.target) : s.labels.service, finite(s.value));
  }

  const modes = new Map<string, NonNullable<BreakerBadge['mode']>>();
  const limits = new Map<string, RateLimitBadge>();
  for (const p of policies ?? []) {
    if (p.deleted) continue;
    const key = p.spec.target.kind === 'service' ? p.spec.target.service : edgeId(p.spec.target.source, p.spec.target.target);
    const cb = p.spec.circuitBreaker;
    if (cb?.enabled) modes.set(key, cb.mode);
    const rl = p.spec.rateLimit;
    if (rl?.enabled) limits.set(key, { ratePerSecond: rl.ratePerSecond, scope: rl.scope, rejectedRps: limitedBy.get(key) ?? (limited ? 0 : null) });
  }

  // State only from what instances report: a policy none has applied yet has state null.
  const breakerOf = (key: string): BreakerBadge | null => {
    const state = live.get(key);
    const mode = modes.get(key) ?? null;
    return state !== undefined || mode !== null ? { state: state ?? null, mode, rejectedRps: shed.get(key) ?? (rejected ? 0 : null) } : null;
  };
  return (nodes, edges) => {
    for (const e of edges) {
      const breaker = breakerOf(e.id);
      if (breaker) e.breaker = breaker;
      const limit = limits.get(e.id);
      if (limit) e.rateLimit = limit;
    }
    for (const n of nodes.values()) {
      const breaker = breakerOf(n.id);
      if (breaker) n.breaker = breaker;
      const limit = limits.get(n.id);
      if (limit) n.rateLimit = limit;
    }
  };
}
