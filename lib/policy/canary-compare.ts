/**
 * The canary's RED numbers against the rest's, from per-instance rates (rollout status): rates add up
 * across a group's instances, and the p95 is taken over the group's merged histogram, as PromQL's
 * histogram_quantile would over `sum by (le)` of those instances.
 */

/** One instance's rates: requests/s, failed/s, and the cumulative bucket rates by upper bound. */
export interface InstanceRates {
  rps: number | null;
  errorsPs: number | null;
  buckets: ReadonlyArray<readonly [le: number, rate: number]>;
}

export interface GroupRed {
  rps: number | null;
  errorRatio: number | null;
  p95: number | null;
}

/**
 * Prometheus's histogram_quantile on cumulative buckets (+Inf as Infinity): the bucket where the rank
 * falls, linear inside it, 0 as the first lower bound (when that bound is positive), and the highest
 * finite bound when the rank falls into +Inf. Null without observations.
 */
export function histogramQuantile(q: number, buckets: ReadonlyArray<readonly [number, number]>): number | null {
  const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
  const last = sorted[sorted.length - 1];
  if (!last || last[0] !== Infinity || !(last[1] > 0)) return null;
  const rank = q * last[1];
  let prevLe = 0;
  let prevCount = 0;
  for (const [le, count] of sorted) {
    if (count >= rank) {
      if (le === Infinity) return prevLe;
      if (count === prevCount) return le;
      return prevLe + ((le - prevLe) * (rank - prevCount)) / (count - prevCount);
    }
    prevLe = le;
    prevCount = count;
  }
  return prevLe;
}

/** Sums a group's instances; `latencyScale` turns bucket bounds into seconds. */
export function groupRed(instances: readonly InstanceRates[], latencyScale = 1): GroupRed {
  if (instances.length === 0) return { rps: null, errorRatio: null, p95: null };
  const known = instances.filter((i) => i.rps !== null);
  const rps = known.length ? known.reduce((a, i) => a + i.rps!, 0) : null;
  const errs = instances.reduce((a, i) => a + (i.errorsPs ?? 0), 0);
  const merged = new Map<number, number>();
  for (const i of instances) for (const [le, r] of i.buckets) merged.set(le, (merged.get(le) ?? 0) + r);
  const p95 = histogramQuantile(0.95, [...merged]);
  return { rps, errorRatio: rps !== null && rps > 0 ? Math.min(1, errs / rps) : null, p95: p95 === null ? null : p95 * latencyScale };
}
