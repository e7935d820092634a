import type { BreakerState } from '../../lib/schemas/policy';
import type { Clock } from './clock';
import { ADMIT_ALL, Guard, type Admission } from './guard';
import type { PolicyState, RejectionCounters } from './policy-metrics';
import type { Applied, Effective, Self } from './select';

/**
 * The policies one instance runs, swapped in place as new versions arrive: the inbound guard for what
 * it receives, one guard per callee for what it sends. A guard whose policy changes is updated, not
 * replaced, so an open breaker stays open through a threshold change (see CircuitBreaker.update); a
 * guard whose policy goes away is dropped, and its state series with it.
 */

type Log = (msg: string) => void;

interface Entry {
  applied: Applied;
  guard: Guard;
}

export interface RuntimeOptions {
  clock: Clock;
  /** Instances of a service the registry lists now (for `global` rate limits). */
  instancesOf: (service: string) => number;
  counters: RejectionCounters;
  log: Log;
}

export class PolicyRuntime {
  private inbound: Entry | null = null;
  private readonly outbound = new Map<string, Entry>();
  private revision = 0;

  constructor(
    private readonly self: Self,
    private readonly o: RuntimeOptions,
  ) {}

  apply(effective: Effective, revision: number): void {
    this.inbound = this.swap(this.inbound, effective.inbound, '', this.self.service);
    for (const target of new Set([...this.outbound.keys(), ...effective.outbound.keys()])) {
      const next = this.swap(this.outbound.get(target) ?? null, effective.outbound.get(target) ?? null, this.self.service, target);
      if (next) this.outbound.set(target, next);
      else this.outbound.delete(target);
    }
    this.revision = revision;
  }

  admitInbound(): Admission {
    return this.count(this.inbound, '', this.self.service);
  }

  admitOutbound(target: string): Admission {
    return this.count(this.outbound.get(target) ?? null, this.self.service, target);
  }

  state(labels: PolicyState['labels']): PolicyState {
    const entries = [...(this.inbound ? [['', this.self.service, this.inbound] as const] : []), ...[...this.outbound].map(([t, e]) => [this.self.service, t, e] as const)];
    const breakers: PolicyState['breakers'] = [];
    for (const [source, target, e] of entries) {
      const state = e.guard.breakerState();
      if (state) breakers.push({ source, target, state });
    }
    return { labels, revision: this.revision, versions: new Map(entries.map(([, , e]) => [e.applied.policyId, e.applied.version])), breakers };
  }

  private count(entry: Entry | null, source: string, target: string): Admission {
    if (!entry) return ADMIT_ALL;
    const a = entry.guard.admit();
    if (!a.allowed && a.by === 'breaker') this.o.counters.breakerRejected.inc({ source, target });
    if (!a.allowed && a.by === 'limiter') this.o.counters.rateLimitRejected.inc({ service: this.self.service, target: source ? target : '' });
    return a;
  }

  private swap(current: Entry | null, next: Applied | null, source: string, target: string): Entry | null {
    const what = source ? `${source} → ${target}` : `inbound ${target}`;
    if (!next) {
      if (current) this.o.log(`policy ${current.applied.policyId} removed (${what})`);
      return null;
    }
    if (current && current.applied.version === next.version && current.applied.policyId === next.policyId) return current;
    // Start the counters at 0, so rate() has a baseline from the first rejection on.
    if (next.spec.circuitBreaker) this.o.counters.breakerRejected.inc({ source, target }, 0);
    if (next.spec.rateLimit) this.o.counters.rateLimitRejected.inc({ service: this.self.service, target: source ? target : '' }, 0);
    this.o.log(`policy ${next.policyId} v${next.version} applied (${what})`);
    if (current) {
      current.guard.update(next.spec);
      return { applied: next, guard: current.guard };
    }
    const onState = (from: BreakerState, to: BreakerState) => this.o.log(`breaker ${what}: ${from} → ${to}`);
    return { applied: next, guard: new Guard(next.spec, this.o.clock, () => this.o.instancesOf(this.self.service), onState) };
  }
}
