import 'server-only';
import type { Point } from '@/lib/schemas/services';
import type { Slo } from '@/lib/schemas/slo';
import type { AlertWindowName, SloBudgetSeries, SloBurnSeries } from '@/lib/schemas/slo-status';
import { promMs, sloQueries } from '@/lib/slo/promql';
import { periodRange } from '@/lib/slo/rules';
import { burnRateRows, chartBurnWindows, chartStepMs, sloWindowAt } from '@/lib/slo/windows';
import { escapeLabelValue } from '@/lib/promql/escape';
import { formatPromDuration } from '@/lib/time/duration';
import { ErrorList } from '@/server/services/source-errors';
import type { SloDeps } from './compute';

const finite = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);
const tagged = (expr: string, label: string, value: string) => `label_replace(${expr}, "${label}", "${escapeLabelValue(value)}", "", "")`;

/**
 * Error budget remaining over the SLO window, ending at t, with the tile's formula at every point.
 *
 * - Rolling: one range query of the error ratio over the whole window, on a grid ending exactly at t
 *   (the last point is the tile's number). 30 days at 1 h: 721 points.
 * - Calendar month: the window grows from the 1st, which a fixed PromQL range cannot express, so the
 *   bad and total events of each step are summed from the 1st (Σbad / Σtotal; both share the unit, so
 *   rate or count queries give the same ratio). The last point, at t, is the tile's own query. Summing
 *   steps equals the whole-range ratio when samples fall on step boundaries; otherwise they can differ
 *   by rate()'s edge extrapolation within each step.
 */
export async function sloBudgetSeries(deps: SloDeps, slo: Slo, tMs: number, signal?: AbortSignal): Promise<SloBudgetSeries> {
  const t = Math.floor(tMs / 1000) * 1000;
  const errors = new ErrorList();
  const win = sloWindowAt(slo.window, t);
  const stepMs = chartStepMs(win.periodMs);
  const q = sloQueries(slo, deps.profile);
  const budget = 1 - slo.objective;
  const remaining = (ratio: number | null) => (ratio === null ? null : 1 - ratio / budget);
  let points: Point[] = [];

  const rolling = periodRange(slo);
  if (rolling !== null) {
    try {
      const [s] = await deps.prometheus.range(q.errorRatio(rolling), { startMs: win.startMs, endMs: t, stepMs, signal });
      const byT = new Map((s?.points ?? []).map(([pt, v]) => [pt, v]));
      for (let pt = win.startMs; pt <= t; pt += stepMs) points.push([pt, remaining(finite(byT.get(pt)))]);
    } catch (err) {
      errors.add(err, deps.prometheus.name);
    }
  } else {
    const step = formatPromDuration(stepMs);
    const first = win.startMs + stepMs;
    try {
      const [parts, whole] = await Promise.all([
        t >= first
          ? deps.prometheus.range(`${tagged(q.bad(step), 'part', 'bad')} or ${tagged(q.total(step), 'part', 'total')}`, { startMs: first, endMs: t, stepMs, signal })
          : Promise.resolve([]),
        deps.prometheus.instant(q.errorRatio(promMs(t - win.startMs)), { timeMs: t, signal }),
      ]);
      const bad = new Map(parts.find((s) => s.labels.part === 'bad')?.points ?? []);
      const total = new Map(parts.find((s) => s.labels.part === 'total')?.points ?? []);
      let sumBad = 0;
      let sumTotal = 0;
      for (let pt = first; pt <= t; pt += stepMs) {
        const b = finite(bad.get(pt));
        const tot = finite(total.get(pt));
        // A step without series adds no events (the bad part is 0 whenever there is traffic).
        if (tot !== null) {
          sumTotal += tot;
          sumBad += b ?? 0;
        }
        if (pt < t) points.push([pt, sumTotal > 0 ? remaining(sumBad / sumTotal) : null]);
      }
      points.push([t, remaining(finite(whole[0]?.value))]);
    } catch (err) {
      errors.add(err, deps.prometheus.name);
      points = [];
    }
  }
  return { id: slo.id, startMs: win.startMs, endMs: t, stepMs, points, errors: errors.toArray() };
}

/**
 * Burn rate over time on [from, to] for every alert window at least one step long (chartBurnWindows),
 * in one range query (each window tagged with a `window` label), plus the alert rows' thresholds. The
 * grid is aligned to multiples of the step so that refreshes hit the query cache.
 */
export async function sloBurnSeries(deps: SloDeps, slo: Slo, fromMs: number, toMs: number, signal?: AbortSignal): Promise<SloBurnSeries> {
  const errors = new ErrorList();
  const stepMs = chartStepMs(Math.max(1, toMs - fromMs));
  const startMs = Math.ceil(fromMs / stepMs) * stepMs;
  const endMs = Math.floor(toMs / stepMs) * stepMs;
  const windows = chartBurnWindows(stepMs);
  const q = sloQueries(slo, deps.profile);
  const budget = 1 - slo.objective;
  const grid: number[] = [];
  for (let pt = startMs; pt <= endMs; pt += stepMs) grid.push(pt);

  let series: SloBurnSeries['series'] = [];
  if (grid.length > 0) {
    try {
      const result = await deps.prometheus.range(windows.map((w) => tagged(q.errorRatio(w), 'window', w)).join(' or '), { startMs, endMs, stepMs, signal });
      series = windows.map((w) => {
        const byT = new Map(result.find((s) => s.labels.window === w)?.points ?? []);
        const burn = (v: number | null) => (v === null ? null : v / budget);
        return { window: w as AlertWindowName, points: grid.map((pt): Point => [pt, burn(finite(byT.get(pt)))]) };
      });
    } catch (err) {
      errors.add(err, deps.prometheus.name);
    }
  }
  const thresholds = burnRateRows(slo.window)
    .filter((r) => slo.alerting[r.severity])
    .map((r) => ({ severity: r.severity, longWindow: r.long, shortWindow: r.short, factor: r.factor }));
  return { id: slo.id, startMs, endMs, stepMs, series, thresholds, errors: errors.toArray() };
}
