import 'server-only';
import type { ProfileSpec } from '@/lib/schemas/config';
import type { Slo } from '@/lib/schemas/slo';
import type { SloStatus, SloStatusResponse } from '@/lib/schemas/slo-status';
import { GROUP_IDS, groupedQueries, profileGroupOf, seriesGroupKey, sloGroupKey, type ProfileGroup } from '@/lib/slo/grouped';
import { promMs, sloQueries, type SloQueries } from '@/lib/slo/promql';
import { periodRange } from '@/lib/slo/rules';
import { ALERT_WINDOWS, coverageStepMs, sloWindowAt, type AlertWindow, type SloWindowRange } from '@/lib/slo/windows';
import { formatPromDuration } from '@/lib/time/duration';
import { ErrorList } from '@/server/services/source-errors';
import type { PrometheusSource, PromSample } from '@/server/sources/prometheus/port';
import { runBatch, type BatchItem, type BatchResult } from './batch';
import { sloStatus } from './status';

export interface SloDeps {
  prometheus: PrometheusSource;
  profile: ProfileSpec;
}

interface Prepared {
  slo: Slo;
  q: SloQueries;
  /** Availability SLOs are computed per group (lib/slo/grouped.ts), the others per SLO. */
  group: ProfileGroup | null;
  range: SloWindowRange;
  /** The PromQL range of the whole window at t: "30d" for rolling windows, exact ms for a month so far. */
  periodRange: string;
  /** Step of the coverage count. */
  stepMs: number;
}

/**
 * The state of many SLOs at time t with a fixed number of PromQL queries: one per alert window (7), and
 * per distinct SLO window (30d, 28d, this month in a zone …) one for the error ratio over the window and
 * one for its data coverage. Each query carries every SLO: ratio and latency SLOs each tagged with its
 * id (lib/slo/promql.ts batchQuery), availability SLOs as one `sum by` part per kind
 * (lib/slo/grouped.ts).
 *
 * Coverage: the window is cut into steps of coverageStepMs ending at t (t, t − step, … : 30 one-day
 * steps for 30 days), and a step counts when the SLO's total events have a value over it (a series with
 * ≥ 2 samples in the step; a step of zero traffic counts, a step without samples does not). One range
 * query per distinct window, counting points per series. The grid ends at t rather than at midnight so
 * the newest data always counts: a demo started an hour ago covers 1 of 30 steps, not 0. Only the total
 * is counted: whether there was data at all, at half the cost of the ratio.
 */
export async function computeSloStatus(deps: SloDeps, slos: Slo[], tMs: number, signal?: AbortSignal): Promise<SloStatusResponse> {
  const t = Math.floor(tMs / 1000) * 1000;
  const errors = new ErrorList();
  const problems = new Map<string, string[]>(slos.map((s) => [s.id, []]));

  const prepared: Prepared[] = [];
  for (const slo of slos) {
    let range: SloWindowRange;
    try {
      range = sloWindowAt(slo.window, t);
    } catch (err) {
      problems.get(slo.id)!.push(`window: ${(err as Error).message}`);
      continue;
    }
    const q = sloQueries(slo, deps.profile);
    prepared.push({ slo, q, group: profileGroupOf(slo), range, periodRange: periodRange(slo) ?? promMs(t - range.startMs), stepMs: coverageStepMs(range.periodMs) });
  }

  // A broken query fails in every batch it is part of: report it once (for a grouped part, on each of its SLOs).
  const rejected = new Set<string>();
  const addRejection = (batchId: string, message: string) => {
    const ids = batchId === GROUP_IDS.service || batchId === GROUP_IDS.edge ? prepared.filter((p) => GROUP_IDS[p.group!] === batchId).map((p) => p.slo.id) : [batchId];
    for (const id of ids) {
      if (!rejected.has(id)) problems.get(id)?.push(message);
      rejected.add(id);
    }
  };
  const prom = deps.prometheus;
  type Exec = (query: string) => Promise<PromSample[]>;
  const instant: Exec = (query) => prom.instant(query, { timeMs: t, signal });
  const run = (preps: Prepared[], expr: (q: Pick<SloQueries, 'errorRatio' | 'total'>) => string, exec: Exec = instant) =>
    runBatch(prom.name, batchItems(preps, deps.profile, expr), exec, signal, errors, addRejection);

  const windowResults = Promise.all(ALERT_WINDOWS.map((w) => run(prepared, (q) => q.errorRatio(w))));
  // One period query and one coverage query per distinct window (and step).
  const periodResults = Promise.all(
    [...groupBy(prepared, (p) => `${p.periodRange}|${p.stepMs}`).values()].map(async (group) => {
      const { periodRange: range, stepMs, range: win } = group[0]!;
      const steps = coverageSteps(win, stepMs);
      // Points with a value per series (NaN, zero traffic, is a value).
      const countPoints: Exec = async (query) =>
        (await prom.range(query, { startMs: t - (steps - 1) * stepMs, endMs: t, stepMs, signal })).map((s) => ({ labels: s.labels, value: s.points.length }));
      const [ratio, coverage] = await Promise.all([run(group, (q) => q.errorRatio(range)), run(group, (q) => q.total(formatPromDuration(stepMs)), countPoints)]);
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
    const windowRatios = Object.fromEntries(ALERT_WINDOWS.map((w, i) => [w, finite(lookup(perWindow[i]!, p, deps.profile))])) as Record<AlertWindow, number | null>;
    const period = periodOf.get(slo.id)!;
    const periodRaw = lookup(period.ratio, p, deps.profile);
    const counted = lookup(period.coverage, p, deps.profile);
    const covered = counted === 'failed' ? null : (counted ?? 0);
    const grid = coverageSteps(p.range, p.stepMs);
    const ind = slo.indicator;
    // Requests exist but the ratio has no series at all (NaN would be zero traffic): the latency
    // threshold matched no bucket.
    if (ind.kind === 'latency' && covered && periodRaw === undefined) {
      problems.get(slo.id)!.push(`threshold ${ind.threshold} is not a bucket bound (le) of ${ind.histogram}: there is no good-event count to read`);
    }
    return sloStatus(p, windowRatios, finite(periodRaw), covered === null || grid === 0 ? null : Math.min(1, covered / grid), problems.get(slo.id)!);
  });
  return { atMs: t, slos: statuses, errors: errors.toArray() };
}

/** Coverage steps of a window: the steps ending at t, t − step, … that start inside it (a partial first one counts). */
const coverageSteps = (win: SloWindowRange, stepMs: number) => Math.ceil((win.endMs - win.startMs) / stepMs);

/** The batch for some SLOs: one item per ratio or latency SLO, one per availability group present. */
function batchItems(preps: Prepared[], profile: ProfileSpec, expr: (q: Pick<SloQueries, 'errorRatio' | 'total'>) => string): BatchItem[] {
  const items: BatchItem[] = [];
  const grouped: Record<ProfileGroup, Slo[]> = { service: [], edge: [] };
  for (const p of preps) {
    if (p.group) grouped[p.group].push(p.slo);
    else items.push({ id: p.slo.id, expr: expr(p.q) });
  }
  for (const g of ['service', 'edge'] as const) if (grouped[g].length) items.push({ id: GROUP_IDS[g], expr: expr(groupedQueries(g, profile, grouped[g])) });
  return items;
}

/** An SLO's raw value in a batch result: a number (maybe NaN), undefined (no series) or 'failed'. */
function lookup(r: BatchResult, p: Prepared, profile: ProfileSpec): number | undefined | 'failed' {
  if (!p.group) return r.failed.has(p.slo.id) ? 'failed' : r.values.get(p.slo.id);
  const id = GROUP_IDS[p.group];
  if (r.failed.has(id)) return 'failed';
  const key = sloGroupKey(p.slo);
  return r.series.get(id)?.find((s) => seriesGroupKey(p.group!, profile, s.labels) === key)?.value;
}

/** NaN (0/0: zero traffic), ±Inf, missing series and failed queries are all "no data". */
const finite = (v: number | undefined | 'failed'): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

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
