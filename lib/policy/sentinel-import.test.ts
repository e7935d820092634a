import { describe, expect, it } from 'vitest';
import { importSentinel, sentinelTarget } from './sentinel-import';

describe('sentinelTarget', () => {
  it('reads a service, an edge with -> or >, and refuses what names no target', () => {
    expect(sentinelTarget('payments')).toEqual({ kind: 'service', service: 'payments' });
    expect(sentinelTarget('checkout->payments')).toEqual({ kind: 'edge', source: 'checkout', target: 'payments' });
    expect(sentinelTarget('checkout > payments')).toEqual({ kind: 'edge', source: 'checkout', target: 'payments' });
    // A ':' stays part of the service name (service names may contain it).
    expect(sentinelTarget('ns:payments')).toEqual({ kind: 'service', service: 'ns:payments' });
    expect(sentinelTarget('GET /orders/{id}')).toMatch(/not a service name/);
  });
});

describe('importSentinel flow rules', () => {
  it('maps a QPS reject rule to a rate limit: rate = count, burst = ceil(count), scope from the cluster threshold type', () => {
    const r = importSentinel(
      [
        { resource: 'payments', grade: 1, count: 20, limitApp: 'default', strategy: 0, controlBehavior: 0 },
        { resource: 'checkout->payments', count: 2.5 },
        { resource: 'cart', count: 0.2, clusterMode: true, clusterConfig: { flowId: 1, thresholdType: 1 } },
        { resource: 'search', count: 7, clusterMode: true },
      ],
      [],
    );
    expect(r.problems).toEqual([]);
    expect(r.drafts.map((d) => [d.id, d.spec.rateLimit])).toEqual([
      ['edge:checkout>payments', { enabled: true, ratePerSecond: 2.5, burst: 3, scope: 'instance' }],
      ['service:cart', { enabled: true, ratePerSecond: 0.2, burst: 1, scope: 'global' }],
      ['service:payments', { enabled: true, ratePerSecond: 20, burst: 20, scope: 'instance' }],
      // clusterMode with Sentinel's default threshold type 0 (average per instance) is a per-instance limit.
      ['service:search', { enabled: true, ratePerSecond: 7, burst: 7, scope: 'instance' }],
    ]);
    expect(r.drafts.every((d) => d.spec.circuitBreaker === null)).toBe(true);
  });

  it('refuses thread-count, relate/chain, warm-up/queueing, per-origin and out-of-range rules, naming the field', () => {
    const r = importSentinel(
      [
        { resource: 'a', grade: 0, count: 10 },
        { resource: 'b', count: 10, strategy: 1, refResource: 'x' },
        { resource: 'c', count: 10, controlBehavior: 1, warmUpPeriodSec: 10 },
        { resource: 'd', count: 10, controlBehavior: 2 },
        { resource: 'e', count: 10, limitApp: 'checkout' },
        { resource: 'f', count: 0 },
        { resource: 'g' },
        { resource: 'GET /x', count: 1 },
        'nope',
        { resource: 'h', count: 5 },
        { resource: 'h', count: 9 },
      ],
      [],
    );
    expect(r.problems.map((p) => [p.index, p.field])).toEqual([
      [0, 'grade'],
      [1, 'strategy'],
      [2, 'controlBehavior'],
      [3, 'controlBehavior'],
      [4, 'limitApp'],
      [5, 'count'],
      [6, 'count'],
      [7, 'resource'],
      [8, null],
      [10, null],
    ]);
    expect(r.problems[0]!.message).toMatch(/thread count/);
    expect(r.problems[5]!.message).toMatch(/ratePerSecond/);
    expect(r.problems[9]).toMatchObject({ policyId: 'service:h', message: expect.stringMatching(/one rate limit/) });
    expect(r.drafts.map((d) => [d.id, d.spec.rateLimit?.ratePerSecond])).toEqual([['service:h', 5]]);
  });
});

describe('importSentinel degrade rules', () => {
  it('maps a slow-ratio rule: count ms → slow call duration, windows and open duration converted, one probe', () => {
    const r = importSentinel([], [{ resource: 'payments', grade: 0, count: 300, slowRatioThreshold: 0.4, timeWindow: 15, minRequestAmount: 8, statIntervalMs: 2500 }]);
    expect(r.problems).toEqual([]);
    expect(r.drafts[0]!.spec.circuitBreaker).toEqual({
      enabled: true,
      mode: 'auto',
      slowCallDurationMs: 300,
      slowCallRateThreshold: 0.4,
      failureRateThreshold: 1,
      openDurationMs: 15_000,
      minimumCalls: 8,
      slidingWindow: { kind: 'time', seconds: 3 },
      halfOpenProbes: 1,
    });
  });

  it('maps an exception-ratio rule with Sentinel defaults, and merges it with a flow and a slow rule on the same resource', () => {
    const r = importSentinel(
      [{ resource: 'checkout->payments', count: 50 }],
      [
        { resource: 'checkout->payments', grade: 1, count: 0.25, timeWindow: 10 },
        { resource: 'checkout->payments', grade: 0, count: 800, timeWindow: 10 },
      ],
    );
    expect(r.problems).toEqual([]);
    expect(r.drafts).toHaveLength(1);
    expect(r.drafts[0]!.spec).toEqual({
      target: { kind: 'edge', source: 'checkout', target: 'payments' },
      rateLimit: { enabled: true, ratePerSecond: 50, burst: 50, scope: 'instance' },
      circuitBreaker: {
        enabled: true,
        mode: 'auto',
        failureRateThreshold: 0.25,
        slowCallDurationMs: 800,
        slowCallRateThreshold: 1,
        openDurationMs: 10_000,
        minimumCalls: 5,
        slidingWindow: { kind: 'time', seconds: 1 },
        halfOpenProbes: 1,
      },
    });
  });

  it('refuses exception-count rules, a missing timeWindow, a ratio above 1, and disagreeing shared fields', () => {
    const r = importSentinel(
      [],
      [
        { resource: 'a', grade: 2, count: 5, timeWindow: 10 },
        { resource: 'b', grade: 1, count: 0.5 },
        { resource: 'c', grade: 1, count: 1.5, timeWindow: 10 },
        { resource: 'd', grade: 1, count: 0.5, timeWindow: 10 },
        { resource: 'd', grade: 0, count: 100, timeWindow: 20 },
        { resource: 'e', grade: 0, count: 100, timeWindow: 10, statIntervalMs: 4_000_000 },
      ],
    );
    expect(r.problems.map((p) => [p.index, p.field])).toEqual([
      [0, 'grade'],
      [1, 'timeWindow'],
      [2, 'count'],
      [4, 'timeWindow'],
      [5, 'statIntervalMs'],
    ]);
    expect(r.problems[0]!.message).toMatch(/exception count/);
    expect(r.drafts.map((d) => d.id)).toEqual(['service:d']);
  });
});
