import 'server-only';
import { replayBreaker } from '@/lib/policy/breaker-replay';
import { fleetBucket, simulateTokenBucket } from '@/lib/policy/token-bucket-sim';
import { edgeTotalQuery, ERRORS, RATE, serviceTotalQuery, type RedStat } from '@/lib/promql/red';
import { rateWindowMs } from '@/lib/promql/step';
import type { PreviewRequest, PreviewResponse } from '@/lib/schemas/policy-api';
import type { Point } from '@/lib/schemas/services';
import { formatPromDuration } from '@/lib/time/duration';
import type { Container } from '@/server/container';
import { fillGrid, ratio } from '@/server/services/red-range';
import { ErrorList } from '@/server/services/source-errors';
import type { PromSeries } from '@/server/sources/prometheus/port';
import { instanceCount } from './instances';

/** About this many steps whatever the period: fine enough for a chart and for the replays. */
const TARGET_STEPS = 240;

/**
 * What a spec would have done over the last `minutes` of real traffic (POST /api/v1/policies/preview).
 * Two PromQL range queries, the profile's RED rate and errors of the calls the policy guards (inbound:
 * the service's server side; edge: the caller's client side of calls to the callee), plus the instance
 * count for a rate limit. The token bucket and the breaker are then replayed over the per-step
 * averages (lib/policy/token-bucket-sim.ts, breaker-replay.ts); `notes` says what that approximates.
 */
export async function previewImpact(c: Container, req: PreviewRequest, nowMs: number, signal?: AbortSignal): Promise<PreviewResponse> {
  const { spec } = req;
  const scrapeMs = c.config.prometheus.scrapeIntervalS * 1000;
  const spanMs = req.minutes * 60_000;
  const stepMs = Math.max(scrapeMs, Math.ceil(spanMs / TARGET_STEPS / 1000) * 1000);
  const stepS = stepMs / 1000;
  const endMs = Math.floor(nowMs / stepMs) * stepMs;
  const startMs = Math.floor((endMs - spanMs) / stepMs) * stepMs;
  const win = formatPromDuration(rateWindowMs(stepMs, scrapeMs));
  const t = spec.target;
  const build = (stat: RedStat) =>
    t.kind === 'service' ? serviceTotalQuery(c.profile, stat, win, t.service) : edgeTotalQuery(c.profile, stat, win, { client: t.source, server: t.target });
  // The instances that apply it: the service's own for an inbound policy, the caller's for an edge.
  const applier = t.kind === 'service' ? t.service : t.source;

  const errors = new ErrorList();
  const range = (stat: RedStat) => c.prometheus.range(build(stat), { startMs, endMs, stepMs, signal }).catch((err): null => (errors.add(err, c.prometheus.name), null));
  const rl = spec.rateLimit?.enabled ? spec.rateLimit : null;
  const [rateSeries, errSeries, instances] = await Promise.all([
    range(RATE),
    range(ERRORS),
    rl ? instanceCount(c, applier, endMs, errors, signal) : Promise.resolve(null),
  ]);
  const grid = (s: PromSeries[] | null) => fillGrid(s?.[0]?.points ?? [], startMs, endMs, stepMs, 1);
  const traffic = rateSeries ? grid(rateSeries) : [];
  const errorRatio = rateSeries && errSeries ? ratio(grid(errSeries), traffic) : [];
  const hasTraffic = traffic.some(([, v]) => v !== null && v > 0);

  const what = t.kind === 'service' ? `requests ${t.service} served (its server-side metrics)` : `calls ${t.source} made to ${t.target} (${t.source}'s client-side metrics)`;
  const notes = [`From the ${what}, averaged per ${stepS} s step over the last ${req.minutes} minutes: bursts shorter than a step are not seen.`];
  if (rateSeries && !hasTraffic) notes.push('No traffic in the period: nothing to replay.');

  let wouldReject: Point[] = [];
  let rejectedPerMinute: number | null = null;
  if (spec.rateLimit && !spec.rateLimit.enabled) notes.push('The rate limit is disabled: it would reject nothing.');
  if (rl && rateSeries && instances) {
    const bucket = fleetBucket(rl, instances.count);
    const rejected = simulateTokenBucket(traffic.map(([, v]) => v), stepS, bucket);
    wouldReject = traffic.map(([ts], i) => [ts, rejected[i] ?? null]);
    const data = rejected.filter((v): v is number => v !== null);
    rejectedPerMinute = hasTraffic && data.length > 0 ? (data.reduce((a, b) => a + b, 0) / data.length) * 60 : null;
    const n = instances.count;
    const counted = instances.from === null ? `1 instance of ${applier} assumed (neither the registry nor the scrape targets list it)` : `${n} instance${n === 1 ? '' : 's'} of ${applier} (${instances.from})`;
    notes.push(
      rl.scope === 'global'
        ? `Rate limit, scope global: ${rl.ratePerSecond}/s shared by ${counted}, burst ${rl.burst} each, against their total traffic.`
        : `Rate limit, scope instance: ${rl.ratePerSecond}/s on each of ${counted}, i.e. ${bucket.ratePerSecond}/s with a burst of ${bucket.burst} in all, assuming traffic spreads evenly over them.`,
      'Token bucket replayed as a fluid: full at the start, calls spread evenly within each step, the excess over the rate rejected once the burst is spent.',
    );
  }

  let breakerOpen: Point[] = [];
  let breakerOpenings: number | null = null;
  const cb = spec.circuitBreaker;
  if (cb && rateSeries && errSeries) {
    const replay = replayBreaker(
      traffic.map(([, v], i) => ({ rate: v, errorRatio: errorRatio[i]?.[1] ?? null })),
      stepS,
      cb,
    );
    breakerOpen = traffic.flatMap(([ts], i): Point[] => ((replay.openFraction[i] ?? 0) > 0 ? [[ts, replay.openFraction[i]!]] : []));
    breakerOpenings = replay.openings;
    if (!cb.enabled) notes.push('The breaker is disabled: it would never open.');
    else if (cb.mode === 'force-open') notes.push('The breaker is forced open: it sheds every call for as long as it stays so.');
    else if (cb.mode === 'force-closed') notes.push('The breaker is forced closed: it never opens.');
    else
      notes.push(
        "Breaker replayed on per-step error ratios: each breakerOpen point is the share of its step spent open. It decides at step ends (an opening shows up to a step late); a half-open round re-opens when a failed probe is more likely than not; slow calls are not replayed (the metrics hold percentiles, not each call's duration).",
      );
  }
  if (cb && rl) notes.push('The breaker and the rate limit are replayed independently: calls the breaker sheds would not reach the limiter.');
  return { startMs, endMs, stepMs, traffic, errorRatio, wouldReject, rejectedPerMinute, breakerOpen, breakerOpenings, notes, errors: errors.toArray() };
}
