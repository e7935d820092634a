import { Counter, Gauge, type Registry } from 'prom-client';
import { BreakerState } from '../../lib/schemas/policy';

/**
 * What an instance reports about the policies it runs, next to its OTel histograms. Prometheus adds
 * `job` (the service) and `instance` (the target address) to every series, as for the histograms.
 *   switchyard_policy_revision{service,instance,instance_id}  store revision the instance has applied
 *   switchyard_policy_version{policy}                         version of each policy it runs
 *   switchyard_breaker_state{source,target,state}             1 for the current state, 0 for the others
 *   switchyard_breaker_rejected_total{source,target}          calls a breaker shed
 *   switchyard_ratelimit_rejected_total{service,target}       calls a rate limit rejected
 * An inbound (service) policy has source="" (any caller) on breaker series and target="" on rate-limit
 * series; an edge policy names both ends. `instance` on the revision gauge is the same 127.0.0.1:<port>
 * Prometheus's target carries (so a direct scrape and a query agree); `instance_id` is the registry id,
 * the one a canary lists.
 */

export interface PolicyState {
  labels: { service: string; instance: string; instance_id: string };
  revision: number;
  versions: ReadonlyMap<string, number>;
  breakers: { source: string; target: string; state: BreakerState }[];
}

export interface RejectionCounters {
  breakerRejected: Counter<'source' | 'target'>;
  rateLimitRejected: Counter<'service' | 'target'>;
}

export function createPolicyMetrics(registry: Registry, state: () => PolicyState): RejectionCounters {
  new Gauge({
    name: 'switchyard_policy_revision',
    help: 'Policy store revision this instance has applied (etcd revision of the last policy write it has seen).',
    labelNames: ['service', 'instance', 'instance_id'] as const,
    registers: [registry],
    collect() {
      const s = state();
      this.reset();
      this.set(s.labels, s.revision);
    },
  });
  new Gauge({
    name: 'switchyard_policy_version',
    help: 'Version of each policy this instance runs (a canary leaves some instances on the base version).',
    labelNames: ['policy'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [policy, version] of state().versions) this.set({ policy }, version);
    },
  });
  new Gauge({
    name: 'switchyard_breaker_state',
    help: 'Circuit breaker state: 1 for the current state, 0 for the others. Inbound breakers have source="".',
    labelNames: ['source', 'target', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const b of state().breakers) for (const s of BreakerState.options) this.set({ source: b.source, target: b.target, state: s }, b.state === s ? 1 : 0);
    },
  });
  return {
    breakerRejected: new Counter({
      name: 'switchyard_breaker_rejected_total',
      help: 'Calls a circuit breaker rejected (open, forced open, or half-open with no probe slot).',
      labelNames: ['source', 'target'] as const,
      registers: [registry],
    }),
    rateLimitRejected: new Counter({
      name: 'switchyard_ratelimit_rejected_total',
      help: 'Calls a rate limit rejected. Inbound limits have target="".',
      labelNames: ['service', 'target'] as const,
      registers: [registry],
    }),
  };
}
