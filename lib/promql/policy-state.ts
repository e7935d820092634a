/**
 * PromQL for the live state of policies, from the metrics every policy client exports
 * (demo/policy-client/policy-metrics.ts; docs/policies.md): whatever the fleet size, three queries.
 */
export const POLICY_METRICS = {
  breakerState: 'switchyard_breaker_state',
  breakerRejected: 'switchyard_breaker_rejected_total',
  rateLimitRejected: 'switchyard_ratelimit_rejected_total',
} as const;

/** Per call and state, 1 when any caller instance is in that state now. */
export const breakerStateQuery = () => `max by (source, target, state) (${POLICY_METRICS.breakerState}) == 1`;

/** Calls short-circuited per second over the window, per call. */
export const breakerRejectedQuery = (window: string) => `sum by (source, target) (rate(${POLICY_METRICS.breakerRejected}[${window}]))`;

/** Calls a rate limit rejected per second over the window: `target` empty = the service's inbound limit. */
export const rateLimitRejectedQuery = (window: string) => `sum by (service, target) (rate(${POLICY_METRICS.rateLimitRejected}[${window}]))`;
