import { runsCurrent } from '../../lib/policy/canary';
import type { Policy, PolicySpec } from '../../lib/schemas/policy';

/**
 * Which policies one instance applies, and at which version: those on its own service (inbound) and
 * on the edges it calls (outbound); for a canary it is not part of, the base version, whose spec the
 * store keeps in the rollout (`baseSpec`; null: the others run no policy).
 */

export interface Self {
  service: string;
  instanceId: string;
}

/** One policy as this instance runs it. */
export interface Applied {
  policyId: string;
  version: number;
  spec: PolicySpec;
}

export interface Effective {
  /** The policy targeting this instance's service: it limits or sheds what the instance receives. */
  inbound: Applied | null;
  /** By callee: the edge policies whose source is this service, applied to its calls. */
  outbound: Map<string, Applied>;
}

export function concerns(spec: PolicySpec, self: Self): boolean {
  return spec.target.kind === 'service' ? spec.target.service === self.service : spec.target.source === self.service;
}

export function selectPolicies(policies: Iterable<Policy>, self: Self): Effective {
  const effective: Effective = { inbound: null, outbound: new Map() };
  for (const p of policies) {
    if (p.deleted || !concerns(p.spec, self)) continue;
    let applied: Applied | null = { policyId: p.id, version: p.version, spec: p.spec };
    if (p.rollout.stage === 'canary' && !runsCurrent(p.rollout, self.instanceId)) {
      const { baseVersion, baseSpec } = p.rollout;
      // The base has the same policy id, hence the same target: it concerns us as well.
      applied = baseVersion !== null && baseSpec !== null ? { policyId: p.id, version: baseVersion, spec: baseSpec } : null;
    }
    if (!applied) continue;
    const t = applied.spec.target;
    if (t.kind === 'service') effective.inbound = applied;
    else effective.outbound.set(t.target, applied);
  }
  return effective;
}
