import 'server-only';
import type { ProfileSpec } from '@/lib/schemas/config';
import type { Slo } from '@/lib/schemas/slo';
import type { BurnRateRowStatus, SloAlertState, SloStatus, SloStatusResponse } from '@/lib/schemas/slo-status';
import { promMs, sloQueries, type SloQueries } from '@/lib/slo/promql';
import { periodRange } from '@/lib/slo/rules';
import { ALERT_WINDOWS, CURRENT_BURN_WINDOW, burnRateRows, coverageStepMs, gridPointsIn, sloWindowAt, type AlertWindow, type SloWindowRange } from '@/lib/slo/windows';
import { formatPromDuration } from '@/lib/time/duration';
import { ErrorList } from '@/server/services/source-errors';
import type { PrometheusSource } from '@/server/sources/prometheus/port';
import { instantBatch, type BatchResult } from './batch';

export interface SloDeps {
  prometheus: PrometheusSource;
  profile: ProfileSpec;
}

interface Prepared {
  slo: Slo;
  q: SloQueries;
  range: SloWindowRange;
  /** The PromQL range of the whole window at t: "30d" for rolling windows, exact ms for a month so far. */
  periodRange: string;
  /** Step of the coverage count. */
  stepMs: number;
}

/**
 * The state of many SLOs at time t with a fixed number of PromQL queries: one per alert window (7), and
 * per distinct SLO window (30d, 28d, this month in a zone …) one for the error ratio over the window and
 * one for its data coverage. Each query carries every SLO (lib/slo/promql.ts batchQuery).
 *
 * Coverage counts, on a grid of coverageStepMs in (t − W, t] (1 day for 30 days), the steps in which
 * the SLO's total events have a value (a series with ≥ 2 samples in the step; a step with zero
 * traffic counts, a step without samples does not), divided by the number of steps. Only the total is
 * counted: it says whether there was data at all, at half the cost of the ratio. The subquery range is
 * W − 1 ms so the step at exactly t − W, which belongs to the previous window, is never counted
 * (Prometheus 2 ranges include their start, 3.x ranges do not: this way both count the same steps).
 */
export async function computeSloStatus(deps: SloDeps, slos: Slo[], tMs: number, signal?: AbortSignal): Promise<SloStatusResponse> {
  const t = Math.floor(tMs / 1000) * 1000;
  const errors = new ErrorList();
  const problems = new Map<string, string[]>(slos.map((s) => [s.id, []]));
  const addProblem = (id: string, message: string) => problems.get(id)?.push(message);

  const prepared: Prepared[] = [];
  for (const slo of slos) {
    let range: SloWindowRange;
    try {
      range = sloWindowAt(slo.window, t);
    } catch (err) {
      addProblem(slo.id, `window: ${(err as Error).message}`);
      continue;
    }
    const stepMs = coverageStepMs(range.periodMs);
    prepared.push({ slo, q: sloQueries(slo, deps.profile), range, periodRange: periodRange(slo) ?? promMs(t - range.startMs), stepMs });
  }

  // A broken query fails in every batch it is part of: report it once.
  const rejected = new Set<string>();
  const addRejection = (id: string, message: string) => {
    if (!rejected.has(id)) addProblem(id, message);
    rejected.add(id);
  };
  const run = (items: Array<{ id: string; expr: string }>, wrap: (b: string) => string = (b) => b) =>
    instantBatch(deps.prometheus, items, wrap, t, signal, errors, addRejection);

  const windowResults = Promise.all(ALERT_WINDOWS.map((w) => run(prepared.map((p) => ({ id: p.slo.id, expr: p.q.errorRatio(w) })))));

  // One period query and one coverage query per distinct window (and step).
  const byPeriod = groupBy(prepared, (p) => `${p.periodRange}|${p.stepMs}`);
  const periodResults = Promise.all(
    [...byPeriod.values()].map(async (group) => {
      const { periodRange: range, stepMs, range: win } = group[0]!;
      const step = formatPromDuration(stepMs);
      const [ratio, coverage] = await Promise.all([
        run(group.map((p) => ({ id: p.slo.id, expr: p.q.errorRatio(range) }))),
        run(
          group.map((p) => ({ id: p.slo.id, expr: p.q.total(step) })),
          (b) => `count_over_time((${b})[${promMs(t - win.startMs - 1)}:${step}])`,
        ),
      ]);
      return { group, ratio, coverage };
    }),
  );

  const [perWindow, perPeriod] = await Promise.all([windowResults, periodResults]);
  const periodOf = new Map<string, { ratio: BatchResult; coverage: BatchResult }>();
  for (const { group, ratio, coverage } of perPeriod) for (const p of group) periodOf.set(p.slo.id, { ratio, coverage });

  const noData = Object.fromEntries(ALERT_WINDOWS.map((w) => [w, null])) as Record<AlertWindow, null>;
  const preparedById = new Map(prepared.map((p) => [p.slo.id, p]));
  const statuses = slos.map((slo): SloStatus => {
    const p = preparedById.get(slo.id);
    // A window that cannot be evaluated (unknown time zone) still lists the SLO, with its problem.
    if (!p) return sloStatus({ slo, range: { startMs: t, endMs: t, periodMs: 0 } }, noData, null, null, problems.get(slo.id)!);
    const id = slo.id;
    const windowRatios = Object.fromEntries(ALERT_WINDOWS.map((w, i) => [w, valueOf(perWindow[i]!, id)])) as Record<AlertWindow, number | null>;
    const period = periodOf.get(id)!;
    const grid = gridPointsIn(p.range.startMs, t, p.stepMs);
    const counted = period.coverage.failed.has(id) ? null : (period.coverage.values.get(id) ?? 0);
    const ind = slo.indicator;
    // Requests exist but the ratio has no series at all (not NaN, which is zero traffic): the
    // latency threshold matched no bucket.
    if (ind.kind === 'latency' && counted && !period.ratio.failed.has(id) && !period.ratio.values.has(id)) {
      problems.get(id)!.push(`threshold ${ind.threshold} is not a bucket bound (le) of ${ind.histogram}: there is no good-event count to read`);
    }
    return sloStatus(p, windowRatios, valueOf(period.ratio, id), counted === null || grid === 0 ? null : Math.min(1, counted / grid), problems.get(id)!);
  });
  return { atMs: t, slos: statuses, errors: errors.toArray() };
}

/** The numbers of one SLO from its error ratios; every formula of docs/slo.md "Math" is here. */
export function sloStatus(p: Omit<Prepared, 'q' | 'periodRange' | 'stepMs'>, windowRatios: Record<AlertWindow, number | null>, periodRatio: number | null, coverage: number | null, problems: string[]): SloStatus {
  const { slo, range } = p;
  const budget = 1 - slo.objective;
  const burn = (ratio: number | null) => (ratio === null ? null : ratio / budget);
  const burnRates = Object.fromEntries(ALERT_WINDOWS.map((w) => [w, burn(windowRatios[w])])) as Record<AlertWindow, number | null>;
  const budgetRemaining = periodRatio === null ? null : 1 - periodRatio / budget;
  const currentBurn = burnRates[CURRENT_BURN_WINDOW];

  let timeToExhaustionMs: number | null = null;
  if (budgetRemaining !== null && budgetRemaining <= 0) timeToExhaustionMs = 0;
  else if (budgetRemaining !== null && currentBurn !== null && currentBurn > 0) timeToExhaustionMs = (budgetRemaining * range.periodMs) / currentBurn;

  const alerts = burnRateRows(slo.window).map((row): BurnRateRowStatus => {
    // Compared on the error ratio, with the same arithmetic as the generated alert expression.
    const threshold = row.factor * (1 - slo.objective);
    const long = windowRatios[row.long];
    const short = windowRatios[row.short];
    return {
      severity: row.severity,
      longWindow: row.long,
      shortWindow: row.short,
      factor: row.factor,
      errorRatioThreshold: threshold,
      for: row.for,
      longBurn: burn(long),
      shortBurn: burn(short),
      enabled: slo.alerting[row.severity],
      firing: long !== null && short !== null && long > threshold && short > threshold,
    };
  });
  const firing = (sev: 'page' | 'ticket') => alerts.some((a) => a.enabled && a.firing && a.severity === sev);
  const alertState: SloAlertState = firing('page') ? 'page' : firing('ticket') ? 'ticket' : periodRatio === null ? 'no-data' : 'ok';

  return {
    id: slo.id,
    name: slo.name,
    service: slo.service,
    labels: slo.labels,
    objective: slo.objective,
    window: slo.window,
    windowStartMs: range.startMs,
    windowEndMs: range.endMs,
    periodMs: range.periodMs,
    sli: periodRatio === null ? null : 1 - periodRatio,
    errorRatio: periodRatio,
    budgetRemaining,
    periodBurn: burn(periodRatio),
    burnRates,
    currentBurn,
    currentBurnWindow: CURRENT_BURN_WINDOW,
    timeToExhaustionMs,
    alerts,
    alertState,
    coverage,
    problems,
  };
}

/** NaN (0/0: zero traffic), ±Inf and missing series are all "no data". */
function valueOf(r: BatchResult, id: string): number | null {
  const v = r.values.get(id);
  return v === undefined || !Number.isFinite(v) ? null : v;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}
