import type { Rollout } from '../schemas/policy';

/**
 * Which instances run a canary revision: the services applying policies (demo/policy-client) and the
 * BFF showing rollout status must choose the same ones, hence one function here. The rule, exactly:
 * an instance is in the canary when its registry id is listed, or when its bucket is below `percent`.
 * The bucket is the 32-bit FNV-1a hash of the id's UTF-8 bytes,
 * modulo 10 000, divided by 100: a number in [0, 100) with two decimals, stable across processes and
 * restarts, so raising the percentage only ever adds instances.
 */

export function canaryBucket(instanceId: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(instanceId)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % 10_000) / 100;
}

/** True when this instance runs the policy's current revision (always, unless a canary excludes it). */
export function runsCurrent(rollout: Rollout, instanceId: string): boolean {
  if (rollout.stage === 'all') return true;
  if (rollout.instances.includes(instanceId)) return true;
  return rollout.percent !== null && canaryBucket(instanceId) < rollout.percent;
}
