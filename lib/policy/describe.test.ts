import { describe, expect, it } from 'vitest';
import { CircuitBreakerSpec } from '../schemas/policy';
import { breakerSummary, formatFieldValue, rateLimitSummary, rolloutLabel, targetFromId, touchesService } from './describe';

describe('policy descriptions', () => {
  it('summarises a breaker by mode, and an automatic one by its thresholds', () => {
    const cb = CircuitBreakerSpec.parse({});
    expect(breakerSummary(null)).toBe('none');
    expect(breakerSummary({ ...cb, mode: 'force-open' })).toBe('forced open');
    expect(breakerSummary({ ...cb, enabled: false, mode: 'force-open' })).toBe('disabled');
    expect(breakerSummary(cb)).toBe('opens at ≥ 50 % failures or ≥ 100 % slower than 2 s of the last 100 calls (at least 20 calls); open 30 s, then 5 probes');
  });

  it('summarises a rate limit and a rollout', () => {
    expect(rateLimitSummary({ enabled: true, ratePerSecond: 20, burst: 40, scope: 'instance' })).toBe('20 req/s, burst 40, per instance');
    expect(rateLimitSummary({ enabled: false, ratePerSecond: 1, burst: 1, scope: 'global' })).toBe('disabled (1 req/s, burst 1, shared by all instances)');
    expect(rolloutLabel({ stage: 'canary', instances: ['a-1'], percent: 10, baseVersion: 1, baseSpec: null })).toBe('canary: a-1 + 10 % of instances');
  });

  it('reads targets back from policy ids, and nothing else', () => {
    expect(targetFromId('edge:checkout>payments')).toEqual({ kind: 'edge', source: 'checkout', target: 'payments' });
    expect(targetFromId('service:payments')).toEqual({ kind: 'service', service: 'payments' });
    expect(targetFromId('edge:a>b>c')).toBeNull();
    expect(targetFromId('payments')).toBeNull();
    expect(touchesService({ kind: 'edge', source: 'checkout', target: 'payments' }, 'payments')).toBe(true);
    expect(touchesService({ kind: 'service', service: 'cart' }, 'payments')).toBe(false);
  });

  it('prints diff values: absent, strings bare, the rest as JSON', () => {
    expect([undefined, 'force-open', 0.5, null, { a: 1 }].map(formatFieldValue)).toEqual(['(none)', 'force-open', '0.5', 'null', '{"a":1}']);
  });
});
