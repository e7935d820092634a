import { describe, expect, it } from 'vitest';
import { Policy, PolicySpec, type Rollout } from '../../lib/schemas/policy';
import { selectPolicies } from './select';

/** Which policies an instance applies, and which version of each under a canary rollout. */

function policy(target: PolicySpec['target'], over: { version?: number; rollout?: Rollout; deleted?: boolean } = {}): Policy {
  const id = target.kind === 'service' ? `service:${target.service}` : `edge:${target.source}>${target.target}`;
  return Policy.parse({
    id,
    spec: { target, circuitBreaker: { mode: 'force-open' } },
    version: over.version ?? 1,
    revision: 10,
    updatedAt: '2025-01-01T00:00:00Z',
    updatedBy: 'test',
    reason: 'test',
    rollout: over.rollout ?? { stage: 'all' },
    deleted: over.deleted ?? false,
  });
}

const checkout1 = { service: 'checkout', instanceId: 'checkout-1' };
const checkout2 = { service: 'checkout', instanceId: 'checkout-2' };

describe('selectPolicies', () => {
  it('applies the policy on its own service inbound and the edges it calls outbound, nothing else', () => {
    const effective = selectPolicies(
      [
        policy({ kind: 'service', service: 'checkout' }),
        policy({ kind: 'edge', source: 'checkout', target: 'payments' }, { version: 3 }),
        policy({ kind: 'edge', source: 'gateway', target: 'checkout' }),
        policy({ kind: 'service', service: 'payments' }),
        policy({ kind: 'edge', source: 'checkout', target: 'cart' }, { deleted: true }),
      ],
      checkout1,
    );
    expect(effective.inbound?.policyId).toBe('service:checkout');
    expect([...effective.outbound.keys()]).toEqual(['payments']);
    expect(effective.outbound.get('payments')?.version).toBe(3);
  });

  it('runs the new version on canary instances and the base version (from the rollout) elsewhere', () => {
    const baseSpec = PolicySpec.parse({ target: { kind: 'edge', source: 'checkout', target: 'payments' }, rateLimit: { ratePerSecond: 5, burst: 2 } });
    const p = policy({ kind: 'edge', source: 'checkout', target: 'payments' }, { version: 2, rollout: { stage: 'canary', instances: ['checkout-2'], percent: null, baseVersion: 1, baseSpec } });
    expect(selectPolicies([p], checkout2).outbound.get('payments')).toMatchObject({ version: 2, spec: { circuitBreaker: { mode: 'force-open' } } });
    expect(selectPolicies([p], checkout1).outbound.get('payments')).toEqual({ policyId: 'edge:checkout>payments', version: 1, spec: baseSpec });
  });

  it('runs nothing outside the canary when the policy had no base version (new, or deleted before)', () => {
    const fresh = policy({ kind: 'service', service: 'checkout' }, { rollout: { stage: 'canary', instances: ['other'], percent: null, baseVersion: null, baseSpec: null } });
    expect(selectPolicies([fresh], checkout1)).toEqual({ inbound: null, outbound: new Map() });
    const wasDeleted = policy({ kind: 'service', service: 'checkout' }, { version: 5, rollout: { stage: 'canary', instances: [], percent: 0, baseVersion: 4, baseSpec: null } });
    expect(selectPolicies([wasDeleted], checkout1).inbound).toBeNull();
    expect(selectPolicies([wasDeleted], { service: 'checkout', instanceId: 'x' }).inbound).toBeNull();
  });
});
