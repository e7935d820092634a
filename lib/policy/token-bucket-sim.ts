import type { RateLimitSpec } from '../schemas/policy';

/**
 * A token bucket replayed over per-step request rates (the impact preview, server/policies/preview.ts).
 * Fluid model: within a step calls arrive evenly at the step's rate r, the bucket refills continuously
 * at R and holds at most B. While r ≤ R nothing is rejected and the bucket fills by (R − r)·Δt; while
 * r > R it drains by (r − R) per second, and once empty the excess (r − R) is rejected. The bucket
 * starts full. Bursts shorter than a step are invisible to it, so real rejections can be higher.
 */

export interface Bucket {
  ratePerSecond: number;
  burst: number;
}

/**
 * Rejected calls per second for each step (null where the rate is null: no data, the bucket refills as
 * if idle). `rates[i]` is the average rate over the i-th step of `stepS` seconds.
 */
export function simulateTokenBucket(rates: ReadonlyArray<number | null>, stepS: number, bucket: Bucket): Array<number | null> {
  const { ratePerSecond: R, burst: B } = bucket;
  let tokens = B;
  return rates.map((r) => {
    const demand = r ?? 0;
    let rejected = 0;
    if (demand <= R) {
      tokens = Math.min(B, tokens + (R - demand) * stepS);
    } else {
      const drainS = tokens / (demand - R);
      if (drainS >= stepS) tokens -= (demand - R) * stepS;
      else {
        rejected = (demand - R) * (stepS - drainS);
        tokens = 0;
      }
    }
    return r === null ? null : rejected / stepS;
  });
}

/**
 * The one bucket equivalent to a rate limit run by `instances` instances, against their total traffic
 * (spread evenly over them). Scope `instance`: each allows R, so N·R in all; `global`: R is shared
 * (each allows R / N). The burst is per instance in both scopes (demo/policy-client/token-bucket.ts),
 * so N·B in all.
 */
export function fleetBucket(spec: Pick<RateLimitSpec, 'ratePerSecond' | 'burst' | 'scope'>, instances: number): Bucket {
  const n = Math.max(1, instances);
  return { ratePerSecond: spec.scope === 'global' ? spec.ratePerSecond : spec.ratePerSecond * n, burst: spec.burst * n };
}
