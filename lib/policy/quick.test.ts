import { describe, expect, it } from 'vitest';
import { CircuitBreakerSpec, type Policy, type PolicySpec } from '../schemas/policy';
import { quickConsequence, quickWrite } from './quick';

const target = { kind: 'edge', source: 'checkout', target: 'payments' } as const;
const limit = { enabled: true, ratePerSecond: 5, burst: 10, scope: 'instance' } as const;
const stored = (spec: PolicySpec, version: number, deleted = false): Policy => ({
  id: 'edge:checkout>payments',
  spec,
  version,
  revision: 100 + version,
  updatedAt: '2026-01-01T00:00:00Z',
  updatedBy: 'someone',
  reason: 'earlier',
  rollout: { stage: 'all' },
  deleted,
});

describe('quickWrite', () => {
  it('creates a forced-open breaker with the schema defaults when there is no policy', () => {
    expect(quickWrite(target, null, { kind: 'breaker', mode: 'force-open' })).toEqual({
      kind: 'write',
      id: 'edge:checkout>payments',
      expectedVersion: 0,
      spec: { target, circuitBreaker: { ...CircuitBreakerSpec.parse({}), mode: 'force-open' }, rateLimit: null },
    });
  });

  it('keeps the rest of the policy and names its version', () => {
    const cb = { ...CircuitBreakerSpec.parse({}), failureRateThreshold: 0.2, enabled: false };
    const w = quickWrite(target, stored({ target, circuitBreaker: cb, rateLimit: limit }, 3), { kind: 'breaker', mode: 'auto' });
    expect(w).toEqual({ kind: 'write', id: 'edge:checkout>payments', expectedVersion: 3, spec: { target, circuitBreaker: { ...cb, enabled: true, mode: 'auto' }, rateLimit: limit } });
  });

  it('starts from nothing over a tombstone, naming the tombstone’s version', () => {
    const w = quickWrite(target, stored({ target, circuitBreaker: null, rateLimit: limit }, 6, true), { kind: 'breaker', mode: 'force-closed' });
    expect(w).toMatchObject({ kind: 'write', expectedVersion: 6, spec: { rateLimit: null, circuitBreaker: { mode: 'force-closed' } } });
  });

  it('deletes a policy that would be left with nothing, and only then', () => {
    expect(quickWrite(target, stored({ target, circuitBreaker: null, rateLimit: limit }, 2), { kind: 'remove-limit' })).toEqual({ kind: 'delete', id: 'edge:checkout>payments', expectedVersion: 2 });
    const cb = CircuitBreakerSpec.parse({});
    expect(quickWrite(target, stored({ target, circuitBreaker: cb, rateLimit: limit }, 2), { kind: 'remove-limit' })).toMatchObject({ kind: 'write', spec: { circuitBreaker: cb, rateLimit: null } });
  });
});

describe('quickConsequence', () => {
  it('says what a trip does to a call and to a service', () => {
    expect(quickConsequence(target, { kind: 'breaker', mode: 'force-open' })).toBe('Trip the breaker on checkout \u2192 payments: every call will fail fast.');
    expect(quickConsequence({ kind: 'service', service: 'payments' }, { kind: 'breaker', mode: 'force-open' })).toBe(
      'Trip the breaker of payments (inbound): every request it receives will be refused with 503.',
    );
    expect(quickConsequence({ kind: 'service', service: 'cart' }, { kind: 'limit', limit: { ...limit, scope: 'global' } })).toBe(
      'Limit requests to cart to 5 per second (burst 10, shared by all instances): calls above it get 429 with Retry-After.',
    );
  });
});
