import { describe, expect, it } from 'vitest';
import { CircuitBreakerSpec, type Policy } from '../schemas/policy';
import { emptyForm, formFromPolicy, previewSpec, validateForm, type PolicyForm } from './form';

const edge = { kind: 'edge', source: 'checkout', target: 'payments' } as const;
const filled = (patch: Partial<PolicyForm> = {}): PolicyForm => ({ ...emptyForm(edge), reason: 'shed load', ...patch });

describe('policy form', () => {
  it('turns a new form into a write with the schema defaults, in the schema’s units', () => {
    const r = validateForm(filled({ limitOn: true, rate: '12.5', burst: '25', scope: 'global', failurePct: '7', openSeconds: '1.5' }), 0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.write).toEqual({
      spec: {
        target: edge,
        circuitBreaker: { ...CircuitBreakerSpec.parse({}), failureRateThreshold: 0.07, openDurationMs: 1500 },
        rateLimit: { enabled: true, ratePerSecond: 12.5, burst: 25, scope: 'global' },
      },
      expectedVersion: 0,
      reason: 'shed load',
    });
  });

  it('round-trips a stored policy through the form unchanged', () => {
    const spec = {
      target: { kind: 'service', service: 'payments' },
      circuitBreaker: { ...CircuitBreakerSpec.parse({}), failureRateThreshold: 0.07, slidingWindow: { kind: 'time', seconds: 30 }, mode: 'force-open' },
      rateLimit: { enabled: false, ratePerSecond: 3, burst: 1, scope: 'instance' },
    } as const;
    const p: Policy = { id: 'service:payments', spec, version: 4, revision: 90, updatedAt: '2026-01-01T00:00:00Z', updatedBy: 'op', reason: 'x', rollout: { stage: 'all' }, deleted: false };
    const r = validateForm({ ...formFromPolicy(p), reason: 'again' }, 4);
    expect(r.ok && r.write.spec).toEqual(spec);
  });

  it('names each bad field with the bound in the field’s own unit', () => {
    const r = validateForm(filled({ failurePct: '150', slowPct: '0', openSeconds: '0.05', minimumCalls: '2.5', halfOpenProbes: '', limitOn: true, rate: '0', burst: '10', reason: 'no' }), 0);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      failurePct: 'must be at most 100 %',
      slowPct: 'must be more than 0 %',
      openSeconds: 'must be at least 0.1 s',
      minimumCalls: 'must be a whole number',
      halfOpenProbes: 'enter a number',
      rate: 'must be more than 0 req/s',
      reason: 'say why (at least 3 characters)',
    });
  });

  it('needs a breaker or a limit, a valid target, and instances or a percent for a canary', () => {
    const r = validateForm(filled({ breakerOn: false, source: 'bad name!', rolloutStage: 'canary' }), 0);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.breakerOn).toBe('a policy needs a circuitBreaker or a rateLimit');
    expect(r.errors.source).toMatch(/must be a service name/);
    expect(r.errors.canaryInstances).toBe('name instance ids or a percent');
  });

  it('sends a canary with its instance ids and percent', () => {
    const r = validateForm(filled({ rolloutStage: 'canary', canaryInstances: 'checkout-1, checkout-2  checkout-3', canaryPercent: '' }), 2);
    expect(r.ok && r.write.rollout).toEqual({ stage: 'canary', instances: ['checkout-1', 'checkout-2', 'checkout-3'], percent: null, baseVersion: null, baseSpec: null });
  });

  it('previews any valid spec, whatever the reason says, and nothing for an invalid one', () => {
    expect(previewSpec(filled({ reason: '' }))?.target).toEqual(edge);
    expect(previewSpec(filled({ failurePct: 'abc' }))).toBeNull();
  });
});
