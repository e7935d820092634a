import { CircuitBreakerSpec, policyId, type BreakerMode, type Policy, type PolicySpec, type PolicyTarget, type RateLimitSpec } from '../schemas/policy';
import { ARROW, targetLabel } from './describe';

/**
 * The quick toggles (topology side panel, service page): one change to whatever policy the target
 * has now, keeping the rest of it. Pure, so what a button will write is decided (and tested) here.
 */
export type QuickChange = { kind: 'breaker'; mode: BreakerMode } | { kind: 'limit'; limit: RateLimitSpec } | { kind: 'remove-limit' };

export type QuickWrite =
  /** Write this spec over `expectedVersion` (0: create). */
  | { kind: 'write'; id: string; spec: PolicySpec; expectedVersion: number }
  /** Nothing would be left of the policy: delete it. */
  | { kind: 'delete'; id: string; expectedVersion: number };

const DEFAULT_BREAKER = CircuitBreakerSpec.parse({});

/** `current`: the stored policy of the target (a tombstone counts as none, but its version is the one to name). */
export function quickWrite(target: PolicyTarget, current: Policy | null, change: QuickChange): QuickWrite {
  const id = policyId(target);
  const expectedVersion = current?.version ?? 0;
  const live = current && !current.deleted ? current.spec : null;
  const spec: PolicySpec = { target, circuitBreaker: live?.circuitBreaker ?? null, rateLimit: live?.rateLimit ?? null };
  switch (change.kind) {
    case 'breaker':
      spec.circuitBreaker = { ...(spec.circuitBreaker ?? DEFAULT_BREAKER), enabled: true, mode: change.mode };
      break;
    case 'limit':
      spec.rateLimit = change.limit;
      break;
    case 'remove-limit':
      spec.rateLimit = null;
      if (spec.circuitBreaker === null) return { kind: 'delete', id, expectedVersion };
      break;
  }
  return { kind: 'write', id, spec, expectedVersion };
}

/** The confirmation's sentence: what the change does to traffic, before anyone presses the button. */
export function quickConsequence(target: PolicyTarget, change: QuickChange): string {
  const on = target.kind === 'edge' ? `on ${targetLabel(target)}` : `of ${target.service} (inbound)`;
  const calls = target.kind === 'edge' ? 'every call will fail fast' : 'every request it receives will be refused with 503';
  switch (change.kind) {
    case 'breaker':
      if (change.mode === 'force-open') return `Trip the breaker ${on}: ${calls}.`;
      if (change.mode === 'force-closed') return `Hold the breaker ${on} closed: calls go through, and it will not open however many fail.`;
      return `Close the breaker ${on}: calls go through again, and it opens on its thresholds (automatic).`;
    case 'limit': {
      const l = change.limit;
      const scope = l.scope === 'global' ? 'shared by all instances' : 'per instance';
      const rejected = target.kind === 'edge' ? 'fail fast without being sent' : 'get 429 with Retry-After';
      return `Limit ${target.kind === 'edge' ? `calls ${target.source} ${ARROW} ${target.target}` : `requests to ${target.service}`} to ${l.ratePerSecond} per second (burst ${l.burst}, ${scope}): calls above it ${rejected}.`;
    }
    case 'remove-limit':
      return `Remove the rate limit ${on}: every call goes through again.`;
  }
}
