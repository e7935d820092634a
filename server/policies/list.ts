import 'server-only';
import { breakerRejectedQuery, breakerStateQuery, rateLimitRejectedQuery } from '@/lib/promql/policy-state';
import type { PolicyListResponse, PolicyLiveState } from '@/lib/schemas/policy-api';
import type { Policy } from '@/lib/schemas/policy';
import { edgeId } from '@/lib/schemas/topology';
import type { Container } from '@/server/container';
import { ErrorList } from '@/server/services/source-errors';
import { breakerStates } from '@/server/topology/enrich/policy-badges';

/** The window of the rejection rates. */
const LIVE_WINDOW = '5m';

/** Where a policy's series live: the callee's name for an inbound policy, the edge id for an edge one (as policy-badges keys them). */
const liveKey = (p: Policy) => (p.spec.target.kind === 'service' ? p.spec.target.service : edgeId(p.spec.target.source, p.spec.target.target));

/**
 * GET /api/v1/policies: every stored policy (tombstones included: the page offers to restore them)
 * with its live state from the instances' metrics, three PromQL queries whatever the number of
 * policies (lib/promql/policy-state.ts). The store failing fails the request (503); Prometheus failing
 * leaves `live` empty and says so in `errors`.
 */
export async function listPolicies(c: Container, nowMs: number, signal?: AbortSignal): Promise<PolicyListResponse> {
  const errors = new ErrorList();
  const q = (query: string) => c.prometheus.instant(query, { timeMs: nowMs, signal }).catch((err): null => (errors.add(err, c.prometheus.name), null));
  const [policies, states, shed, limited] = await Promise.all([c.policies.list(), q(breakerStateQuery()), q(breakerRejectedQuery(LIVE_WINDOW)), q(rateLimitRejectedQuery(LIVE_WINDOW))]);

  const live: Record<string, PolicyLiveState> = {};
  if (states || shed || limited) {
    const stateOf = breakerStates(states ?? []);
    const shedBy = new Map<string, number>();
    for (const s of shed ?? []) if (s.labels.target) shedBy.set(s.labels.source ? edgeId(s.labels.source, s.labels.target) : s.labels.target, s.value);
    const limitedBy = new Map<string, number>();
    for (const s of limited ?? []) if (s.labels.service) limitedBy.set(s.labels.target ? edgeId(s.labels.service, s.labels.target) : s.labels.service, s.value);
    // A part the policy has and no instance reports a rejection for sheds nothing (0); one it lacks has no number.
    const rate = (ok: unknown, by: Map<string, number>, key: string, has: boolean) => {
      const v = by.get(key);
      if (v !== undefined) return Number.isFinite(v) ? v : null;
      return ok && has ? 0 : null;
    };
    for (const p of policies) {
      const key = liveKey(p);
      live[p.id] = {
        breaker: states ? (stateOf.get(key) ?? null) : null,
        breakerRejectedRps: rate(shed, shedBy, key, p.spec.circuitBreaker !== null && !p.deleted),
        rateLimitRejectedRps: rate(limited, limitedBy, key, p.spec.rateLimit !== null && !p.deleted),
      };
    }
  }
  return { policies, live, store: c.policies.name, errors: errors.toArray() };
}
