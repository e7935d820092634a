import 'server-only';
import type { Point } from '@/lib/schemas/services';
import type { Slo } from '@/lib/schemas/slo';
import { GROUP_IDS, groupedQueries, profileGroupOf, seriesGroupKey, sloGroupKey, type ProfileGroup } from '@/lib/slo/grouped';
import { batchQuery, sloQueries } from '@/lib/slo/promql';
import { sloWindowAt } from '@/lib/slo/windows';
import { formatPromDuration } from '@/lib/time/duration';
import { SourceFailure } from '@/server/runtime/errors';
import type { ErrorList } from '@/server/services/source-errors';
import type { PromSeries } from '@/server/sources/prometheus/port';
import type { SloDeps } from './compute';

/** Points per sparkline interval count: the window in 30 steps (a day for 30 days). */
export const SPARK_STEPS = 30;

const tagged = (expr: string, value: string) => `label_replace(${expr}, "part", "${value}", "", "")`;

interface Plan {
  slo: Slo;
  /** First and last bucket end of the range query, and its step. */
  firstMs: number;
  lastMs: number;
  stepMs: number;
  /** The sparkline's points (bucket ends) and how many buckets each one sums (rolling) or from the first (calendar). */
  points: number[];
  rolling: boolean;
}

/**
 * A compact error-budget series per SLO for the /slos table, with one range query per distinct SLO
 * window (not per SLO): the bad and total events of each step (1/30 of the window), summed per point.
 *
 * - Rolling N days: the budget at each of the 31 points ending at t needs the 30 steps before it, so
 *   the query covers 60 steps back from t (2 windows), reading each sample about once.
 * - Calendar month: steps from the 1st; each point sums the steps from the 1st up to it.
 * Σbad / Σtotal over steps equals the ratio over the span when samples fall on step boundaries;
 * otherwise it can differ by rate()'s extrapolation at each step edge, which a sparkline can afford.
 * The caller replaces the point at t with the exact number of the tile (listSlos), so the row's
 * sparkline always ends where its budget column says. Availability SLOs are one `sum by` part per kind
 * for all of them (lib/slo/grouped.ts), as in the status queries: 500 service SLOs cost 4 selectors.
 */
export async function budgetSparklines(deps: SloDeps, slos: Slo[], tMs: number, errors: ErrorList, signal?: AbortSignal): Promise<Map<string, Point[]>> {
  const t = Math.floor(tMs / 1000) * 1000;
  const plans: Plan[] = [];
  for (const slo of slos) {
    let win;
    try {
      win = sloWindowAt(slo.window, t);
    } catch {
      continue; // an unknown time zone: the status reports it
    }
    const stepMs = Math.max(1000, Math.round(win.periodMs / SPARK_STEPS / 1000) * 1000);
    if (slo.window.kind === 'rolling') {
      const points = Array.from({ length: SPARK_STEPS + 1 }, (_, i) => t - (SPARK_STEPS - i) * stepMs);
      plans.push({ slo, firstMs: t - (2 * SPARK_STEPS - 1) * stepMs, lastMs: t, stepMs, points, rolling: true });
    } else {
      const points: number[] = [];
      for (let p = win.startMs + stepMs; p <= t; p += stepMs) points.push(p);
      if (points.length === 0) continue;
      plans.push({ slo, firstMs: points[0]!, lastMs: points.at(-1)!, stepMs, points, rolling: false });
    }
  }

  const groups = new Map<string, Plan[]>();
  for (const p of plans) {
    const key = `${p.firstMs}|${p.lastMs}|${p.stepMs}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }

  const out = new Map<string, Point[]>();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const { firstMs, lastMs, stepMs } = group[0]!;
      const step = formatPromDuration(stepMs);
      const parts = (q: { bad(w: string): string; total(w: string): string }) => `${tagged(q.bad(step), 'bad')} or ${tagged(q.total(step), 'total')}`;
      const items: Array<{ id: string; expr: string }> = [];
      const grouped: Record<ProfileGroup, Slo[]> = { service: [], edge: [] };
      for (const p of group) {
        const g = profileGroupOf(p.slo);
        if (g) grouped[g].push(p.slo);
        else items.push({ id: p.slo.id, expr: parts(sloQueries(p.slo, deps.profile)) });
      }
      for (const g of ['service', 'edge'] as const) if (grouped[g].length) items.push({ id: GROUP_IDS[g], expr: parts(groupedQueries(g, deps.profile, grouped[g])) });
      const series = await rangeBatch(deps, items, { startMs: firstMs, endMs: lastMs, stepMs, signal }, errors);
      for (const p of group) {
        const g = profileGroupOf(p.slo);
        const key = sloGroupKey(p.slo);
        const mine = g ? series.filter((s) => s.labels.slo_id === GROUP_IDS[g] && seriesGroupKey(g, deps.profile, s.labels) === key) : series.filter((s) => s.labels.slo_id === p.slo.id);
        const points = sparkline(p, mine, 1 - p.slo.objective);
        if (points.some(([, v]) => v !== null)) out.set(p.slo.id, points);
      }
    }),
  );
  return out;
}

function sparkline(p: Plan, series: PromSeries[], budget: number): Point[] {
  const values = (part: string) => new Map((series.find((s) => s.labels.part === part)?.points ?? []).filter(([, v]) => Number.isFinite(v)));
  const bad = values('bad');
  const total = values('total');
  // Prefix sums over the bucket grid; a bucket without a total series adds no events.
  const grid: number[] = [];
  for (let b = p.firstMs; b <= p.lastMs; b += p.stepMs) grid.push(b);
  const sumBad = [0];
  const sumTotal = [0];
  for (const b of grid) {
    const tot = total.get(b);
    sumTotal.push(sumTotal.at(-1)! + (tot ?? 0));
    sumBad.push(sumBad.at(-1)! + (tot === undefined ? 0 : (bad.get(b) ?? 0)));
  }
  const indexOf = (ms: number) => Math.round((ms - p.firstMs) / p.stepMs);
  return p.points.map((pt): Point => {
    const end = indexOf(pt) + 1;
    const start = p.rolling ? Math.max(0, end - SPARK_STEPS) : 0;
    const tot = sumTotal[end]! - sumTotal[start]!;
    const b = sumBad[end]! - sumBad[start]!;
    return [pt, tot > 0 ? 1 - b / tot / budget : null];
  });
}

/**
 * One range query for many SLOs. Prometheus rejects the whole query when one SLO's own PromQL is
 * wrong, so a rejection is bisected until the broken SLOs are alone and left out (their status row
 * names the problem); outages are reported once and leave every sparkline of the batch empty.
 */
async function rangeBatch(
  deps: SloDeps,
  items: Array<{ id: string; expr: string }>,
  opts: { startMs: number; endMs: number; stepMs: number; signal?: AbortSignal },
  errors: ErrorList,
): Promise<PromSeries[]> {
  const out: PromSeries[] = [];
  const run = async (part: typeof items): Promise<void> => {
    if (part.length === 0) return;
    try {
      out.push(...(await deps.prometheus.range(batchQuery(part), opts)));
    } catch (err) {
      const rejected = err instanceof SourceFailure && (err.kind === 'bad_query' || err.kind === 'execution');
      if (!rejected || opts.signal?.aborted) {
        errors.add(err, deps.prometheus.name);
        return;
      }
      if (part.length === 1) return;
      const mid = Math.ceil(part.length / 2);
      await Promise.all([run(part.slice(0, mid)), run(part.slice(mid))]);
    }
  };
  await run(items);
  return out;
}
