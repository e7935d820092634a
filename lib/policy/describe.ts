import type { CircuitBreakerSpec, Policy, PolicyTarget, RateLimitSpec, Rollout } from '../schemas/policy';
import { formatLatency, formatRate, formatRatio } from '../format/units';

/**
 * Policies in words, for tables, confirmations and the audit log. One place, so the list, the side
 * panel and a confirmation say the same thing about the same policy.
 */

export const ARROW = '\u2192';

/** "checkout" (inbound) or "checkout → payments" (the caller's calls to the callee). */
export function targetLabel(t: PolicyTarget): string {
  return t.kind === 'service' ? t.service : `${t.source} ${ARROW} ${t.target}`;
}

/** Whether the policy concerns `service`: its inbound policy, or a call it makes or receives. */
export function touchesService(t: PolicyTarget, service: string): boolean {
  return t.kind === 'service' ? t.service === service : t.source === service || t.target === service;
}

/** Every service a policy names, for the filter's choices. */
export function servicesOf(t: PolicyTarget): string[] {
  return t.kind === 'service' ? [t.service] : [t.source, t.target];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function windowText(cb: CircuitBreakerSpec): string {
  return cb.slidingWindow.kind === 'count' ? `the last ${plural(cb.slidingWindow.size, 'call', 'calls')}` : `the last ${formatLatency(cb.slidingWindow.seconds)}`;
}

/** "off", "forced open", "forced closed", or the thresholds of an automatic breaker. */
export function breakerSummary(cb: CircuitBreakerSpec | null): string {
  if (cb === null) return 'none';
  if (!cb.enabled) return 'disabled';
  if (cb.mode === 'force-open') return 'forced open';
  if (cb.mode === 'force-closed') return 'forced closed';
  const slow = ` or ≥ ${formatRatio(cb.slowCallRateThreshold)} slower than ${formatLatency(cb.slowCallDurationMs / 1000)}`;
  return (
    `opens at ≥ ${formatRatio(cb.failureRateThreshold)} failures${slow} of ${windowText(cb)} (at least ${plural(cb.minimumCalls, 'call', 'calls')}); ` +
    `open ${formatLatency(cb.openDurationMs / 1000)}, then ${plural(cb.halfOpenProbes, 'probe', 'probes')}`
  );
}

/** "20 req/s, burst 40, per instance". */
export function rateLimitSummary(rl: RateLimitSpec | null): string {
  if (rl === null) return 'none';
  const text = `${formatRate(rl.ratePerSecond)}, burst ${rl.burst}, ${rl.scope === 'global' ? 'shared by all instances' : 'per instance'}`;
  return rl.enabled ? text : `disabled (${text})`;
}

/** "all instances", "canary: 25 % of instances", "canary: checkout-1, checkout-2". */
export function rolloutLabel(r: Rollout): string {
  if (r.stage === 'all') return 'all instances';
  const parts: string[] = [];
  if (r.instances.length > 0) parts.push(r.instances.join(', '));
  if (r.percent !== null) parts.push(`${r.percent} % of instances`);
  return `canary: ${parts.join(' + ') || 'no instances'}`;
}

/** A value in an audit diff or a conflict table: strings bare, absent fields "(none)", the rest as JSON. */
export function formatFieldValue(v: unknown): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** The breaker mode a policy runs, when it has an enabled breaker. */
export function breakerMode(p: Pick<Policy, 'spec' | 'deleted'> | null | undefined): CircuitBreakerSpec['mode'] | null {
  const cb = p && !p.deleted ? p.spec.circuitBreaker : null;
  return cb && cb.enabled ? cb.mode : null;
}

/** The target a policy id names (`service:<name>`, `edge:<source>><target>`), or null for anything else. */
export function targetFromId(id: string): PolicyTarget | null {
  if (id.startsWith('service:')) {
    const service = id.slice('service:'.length);
    return service && !service.includes('>') ? { kind: 'service', service } : null;
  }
  const m = /^edge:([^>]+)>([^>]+)$/.exec(id);
  return m ? { kind: 'edge', source: m[1]!, target: m[2]! } : null;
}
