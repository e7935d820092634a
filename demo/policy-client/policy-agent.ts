import type { Etcd3 } from 'etcd3';
import type { Registry } from 'prom-client';
import { monotonicClock, type Clock } from './clock';
import type { Admission } from './guard';
import { createPolicyMetrics } from './policy-metrics';
import { PolicyRuntime } from './policy-runtime';
import { PolicyWatch } from './policy-watch';
import { selectPolicies, type Self } from './select';

/**
 * What a demo service runs: the policies that concern it, learnt from etcd and applied without a
 * restart, with their metrics on the service's registry. admitInbound() / admitOutbound(callee) are
 * the whole interface the request path sees.
 */

export interface PolicyAgentOptions {
  etcd: Etcd3;
  /** The store's prefix (lib/schemas/policy.ts POLICY_ETCD_PREFIX unless configured otherwise). */
  prefix: string;
  self: Self;
  /** 127.0.0.1:<port>, as the registry and Prometheus's target name this instance. */
  address: string;
  registry: Registry;
  instancesOf: (service: string) => number;
  log: (msg: string) => void;
  clock?: Clock;
}

export class PolicyAgent {
  private readonly runtime: PolicyRuntime;
  private readonly watch: PolicyWatch;

  constructor(o: PolicyAgentOptions) {
    const labels = { service: o.self.service, instance: o.address, instance_id: o.self.instanceId };
    const counters = createPolicyMetrics(o.registry, () => this.runtime.state(labels));
    this.runtime = new PolicyRuntime(o.self, { clock: o.clock ?? monotonicClock, instancesOf: o.instancesOf, counters, log: o.log });
    this.watch = new PolicyWatch(o.etcd, o.prefix, o.log, (view) => this.runtime.apply(selectPolicies(view.policies.values(), o.self), view.revision));
  }

  /** Resolves once the stored policies have been read and applied (etcd is retried until it answers). */
  start(): Promise<void> {
    return this.watch.start();
  }

  stop(): Promise<void> {
    return this.watch.stop();
  }

  admitInbound(): Admission {
    return this.runtime.admitInbound();
  }

  admitOutbound(callee: string): Admission {
    return this.runtime.admitOutbound(callee);
  }
}
