import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { PolicySpec } from '../../lib/schemas/policy';
import { FakeClock } from './clock';
import { createPolicyMetrics } from './policy-metrics';
import { PolicyRuntime } from './policy-runtime';
import type { Effective } from './select';

/** The runtime swapping policies in place, and the metrics it reports, on a fake clock. */

const labels = { service: 'checkout', instance: '127.0.0.1:1', instance_id: 'checkout-1' };

function setup() {
  const clock = new FakeClock();
  const registry = new Registry();
  const logs: string[] = [];
  let instances = 1;
  // eslint-disable-next-line prefer-const -- assigned after the metrics that read it
  let runtime: PolicyRuntime;
  const counters = createPolicyMetrics(registry, () => runtime.state(labels));
  runtime = new PolicyRuntime({ service: 'checkout', instanceId: 'checkout-1' }, { clock, instancesOf: () => instances, counters, log: (m) => logs.push(m) });
  const edge = (version: number, cb: object | null, rl: object | null = null): Effective => ({
    inbound: null,
    outbound: new Map([['payments', { policyId: 'edge:checkout>payments', version, spec: PolicySpec.parse({ target: { kind: 'edge', source: 'checkout', target: 'payments' }, circuitBreaker: cb, rateLimit: rl }) }]]),
  });
  const scrape = async () => (await registry.metrics()).split('\n').filter((l) => l.startsWith('switchyard_'));
  return { clock, runtime, edge, scrape, logs, setInstances: (n: number) => (instances = n) };
}

const failN = (runtime: PolicyRuntime, n: number) => {
  for (let i = 0; i < n; i++) {
    const a = runtime.admitOutbound('payments');
    if (a.allowed) a.done(true);
  }
};

describe('PolicyRuntime', () => {
  it('reports revision, version, breaker state and rejections, and keeps an open breaker open across a threshold change', async () => {
    const { runtime, edge, scrape } = setup();
    const auto = { minimumCalls: 2, slidingWindow: { kind: 'count', size: 2 }, openDurationMs: 60_000 };
    runtime.apply(edge(1, auto), 41);
    failN(runtime, 2);
    expect(runtime.admitOutbound('payments')).toMatchObject({ allowed: false, by: 'breaker', reason: 'open' });
    runtime.apply(edge(2, { ...auto, failureRateThreshold: 0.9 }), 42);
    expect(runtime.admitOutbound('payments')).toMatchObject({ allowed: false, by: 'breaker', reason: 'open' });
    expect(runtime.admitOutbound('cart')).toMatchObject({ allowed: true }); // no policy on that edge
    expect(await scrape()).toEqual([
      'switchyard_policy_revision{service="checkout",instance="127.0.0.1:1",instance_id="checkout-1"} 42',
      'switchyard_policy_version{policy="edge:checkout>payments"} 2',
      'switchyard_breaker_state{source="checkout",target="payments",state="closed"} 0',
      'switchyard_breaker_state{source="checkout",target="payments",state="open"} 1',
      'switchyard_breaker_state{source="checkout",target="payments",state="half-open"} 0',
      'switchyard_breaker_rejected_total{source="checkout",target="payments"} 2',
    ]);
  });

  it('drops a removed policy: its state and version series go, its counter stays', async () => {
    const { runtime, edge, scrape } = setup();
    runtime.apply(edge(1, { mode: 'force-open' }), 7);
    failN(runtime, 3);
    runtime.apply({ inbound: null, outbound: new Map() }, 8);
    expect(runtime.admitOutbound('payments').allowed).toBe(true);
    expect(await scrape()).toEqual([
      'switchyard_policy_revision{service="checkout",instance="127.0.0.1:1",instance_id="checkout-1"} 8',
      'switchyard_breaker_rejected_total{source="checkout",target="payments"} 3',
    ]);
  });

  it('counts limiter rejections per edge and inbound, with target="" inbound; a global limit divides by the instances', async () => {
    const { runtime, edge, scrape } = setup();
    const inbound = { policyId: 'service:checkout', version: 1, spec: PolicySpec.parse({ target: { kind: 'service', service: 'checkout' }, rateLimit: { ratePerSecond: 1, burst: 1 } }) };
    runtime.apply({ ...edge(1, null, { ratePerSecond: 1, burst: 2 }), inbound }, 3);
    const outcomes = Array.from({ length: 5 }, () => runtime.admitOutbound('payments').allowed);
    expect(outcomes).toEqual([true, true, false, false, false]);
    expect(runtime.admitInbound()).toMatchObject({ allowed: true });
    expect(runtime.admitInbound()).toMatchObject({ allowed: false, by: 'limiter', retryAfterS: 1 });
    const lines = await scrape();
    expect(lines).toContain('switchyard_ratelimit_rejected_total{service="checkout",target="payments"} 3');
    expect(lines).toContain('switchyard_ratelimit_rejected_total{service="checkout",target=""} 1');
    expect(lines.filter((l) => l.startsWith('switchyard_breaker_state'))).toEqual([]);

    const global = setup();
    global.setInstances(4);
    global.runtime.apply(global.edge(1, null, { ratePerSecond: 8, burst: 1, scope: 'global' }), 1);
    global.runtime.admitOutbound('payments');
    expect(global.runtime.admitOutbound('payments')).toMatchObject({ allowed: false, retryAfterS: 0.5 }); // 8/s over 4 = 2/s
  });

  it('asks the breaker first: a call the limiter refuses gives its half-open probe back', () => {
    const { runtime, edge, clock, scrape } = setup();
    runtime.apply(edge(1, { minimumCalls: 1, slidingWindow: { kind: 'count', size: 1 }, openDurationMs: 1_000, halfOpenProbes: 1 }, { ratePerSecond: 0.5, burst: 1 }), 1);
    failN(runtime, 1); // takes the only token, opens the breaker
    expect(runtime.admitOutbound('payments')).toMatchObject({ allowed: false, by: 'breaker', reason: 'open' }); // no token spent
    clock.advance(1_000); // half-open; half a token
    expect(runtime.admitOutbound('payments')).toMatchObject({ allowed: false, by: 'limiter' });
    clock.advance(1_000); // a whole token: the probe slot must still be free
    const probe = runtime.admitOutbound('payments');
    expect(probe.allowed).toBe(true);
    if (probe.allowed) probe.done(false);
    return scrape().then((lines) => expect(lines).toContain('switchyard_breaker_state{source="checkout",target="payments",state="closed"} 1'));
  });
});
