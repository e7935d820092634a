import 'server-only';
import type { NamedSeries, Point, RedSeries } from '@/lib/schemas/services';
import type { TimeRangeParams } from '@/lib/schemas/time';
import { ERRORS, RATE, quantile, type RedStat } from '@/lib/promql/red';
import { chooseStepMs, rateWindowMs } from '@/lib/promql/step';
import { formatPromDuration } from '@/lib/time/duration';
import { isRangeProblem, resolveRange } from '@/lib/time/range';
import type { Container } from '@/server/container';
import { InputError } from '@/server/runtime/errors';
import type { PromSeries } from '@/server/sources/prometheus/port';
import { ErrorList } from './source-errors';

export interface RedRangeQuery {
  params: TimeRangeParams;
  widthPx: number;
  nowMs: number;
  /** PromQL for one statistic as a single series, with `window` as the rate() window. */
  build: (stat: RedStat, window: string) => string;
  /** Multiplier from histogram units to seconds (the profile side's latencyScale). */
  latencyScale: number;
  signal?: AbortSignal;
}

/**
 * The five range queries behind a set of RED charts (rate, errors, p50, p95, p99), whatever they
 * measure. The step follows the panel width and start/end are aligned to it, so refreshes and
 * concurrent viewers reuse cached results and points land on the same timestamps across panels.
 * A failed query empties its charts and adds one error; a bad range throws InputError before any query.
 */
export async function redRange(c: Container, q: RedRangeQuery): Promise<RedSeries> {
  const r = resolveRange(q.params, q.nowMs);
  if (isRangeProblem(r)) throw new InputError(r.message, r.field);
  const scrapeMs = c.config.prometheus.scrapeIntervalS * 1000;
  const stepMs = chooseStepMs({ startMs: r.startMs, endMs: r.endMs, widthPx: q.widthPx, minStepMs: scrapeMs });
  const startMs = Math.floor(r.startMs / stepMs) * stepMs;
  const endMs = Math.floor(r.endMs / stepMs) * stepMs;
  const win = formatPromDuration(rateWindowMs(stepMs, scrapeMs));
  const errors = new ErrorList();
  const run = (stat: RedStat) =>
    c.prometheus.range(q.build(stat, win), { startMs, endMs, stepMs, signal: q.signal }).catch((err) => (errors.add(err, c.prometheus.name), null));
  const [rate, errs, p50, p95, p99] = (await Promise.all([RATE, ERRORS, quantile(0.5), quantile(0.95), quantile(0.99)].map(run))) as [
    PromSeries[] | null,
    PromSeries[] | null,
    PromSeries[] | null,
    PromSeries[] | null,
    PromSeries[] | null,
  ];
  const grid = (series: PromSeries[] | null, scale = 1) => fillGrid(series?.[0]?.points ?? [], startMs, endMs, stepMs, scale);
  const ratePoints = grid(rate);
  const errPoints = grid(errs);
  const failed = (s: unknown) => s === null;
  return {
    startMs,
    endMs,
    stepMs,
    rate: failed(rate) ? [] : [{ name: 'total', points: ratePoints }],
    errorRatio: failed(rate) || failed(errs) ? [] : [{ name: 'errors', points: ratio(errPoints, ratePoints) }],
    latency: ([['p50', p50], ['p95', p95], ['p99', p99]] as const)
      .filter(([, s]) => !failed(s))
      .map(([name, s]): NamedSeries => ({ name, points: grid(s, q.latencyScale) })),
    errors: errors.toArray(),
  };
}

/** Puts samples on the step grid; missing steps and NaN (0/0 quantiles) are gaps, never zeros. */
export function fillGrid(points: Array<[number, number]>, startMs: number, endMs: number, stepMs: number, scale: number): Point[] {
  const at = new Map(points.map(([t, v]) => [t, v]));
  const out: Point[] = [];
  for (let t = startMs; t <= endMs; t += stepMs) {
    const v = at.get(t);
    out.push([t, v === undefined || !Number.isFinite(v) ? null : v * scale]);
  }
  return out;
}

/** Error ratio per step: no error series with traffic present means 0, no traffic means a gap. */
export function ratio(errs: Point[], rate: Point[]): Point[] {
  return rate.map(([t, total], i) => {
    if (total === null || total === 0) return [t, null];
    return [t, Math.min(1, (errs[i]?.[1] ?? 0) / total)];
  });
}
