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
import { readRecorded } from './recorded';
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

export interface SloStatusOptions {
  /**
   * Coverage already known for some SLOs (the /slos view keeps it for a few minutes: it moves in steps
   * of about a day): they skip the coverage query, which costs as much as a 30-day ratio.
   */
  coverage?: ReadonlyMap<string, number | null>;
}

/**
 * The state of many SLOs at time t with a fixed number of PromQL queries: one per alert window (7), and
 * per distinct SLO window (30d, 28d, this month in a zone …) one for the error ratio over the window and
 * one for its data coverage. Each query carries every SLO: ratio and latency SLOs each tagged with its
 * id (lib/slo/promql.ts batchQuery), availability SLOs as one `sum by` part per kind
 * (lib/slo/grouped.ts).
 *
 * First, one query reads the generated recording rules' ratios (recorded.ts): SLOs whose rules run in
 * Prometheus take their numbers from there (`source: 'recorded'`) and leave the raw batches; when every
 * SLO is recorded, only that query and the coverage remain. Without rules: 1 + 7 + 2 per window.
 *
 * Coverage: the window is cut into steps of coverageStepMs ending at t (t, t − step, … : 30 one-day
 * steps for 30 days), and a step counts when the SLO's total events have a value over it (a series with
 * ≥ 2 samples in the step; a step of zero traffic counts, a step without samples does not). One range
 * query per distinct window, counting points per series. The grid ends at t rather than at midnight so
 * the newest data always counts: a demo started an hour ago covers 1 of 30 steps, not 0. Only the total
 * is counted: whether there was data at all, at half the cost of the ratio.
 */
export async function computeSloStatus(deps: SloDeps, slos: Slo[], tMs: number, signal?: AbortSignal, opts: SloStatusOptions = {}): Promise<SloStatusResponse> {
  const t = Math.floor(tMs / 1000) * 1000;
  const errors = new ErrorList();
  const problems = new Map<string, string[]>(slos.map((s) => [s.id, []]));
  const prepared = prepare(deps, slos, t, problems);
  const exec = executor(deps, prepared, t, errors, problems, signal);

  // Coverage always comes from the raw counters (no record holds every step of the window); it runs
  // beside the read of the recorded ratios, then the SLOs without recorded ratios are computed raw.
  const coverageP = coverageOf(exec, prepared.filter((p) => !opts.coverage?.has(p.slo.id)));
  const recorded = await readRecorded(deps.prometheus, deps.profile, prepared.map((p) => p.slo), t, signal);
  const raw = prepared.filter((p) => !recorded.has(p.slo.id));
  const windowResults = raw.length ? Promise.all(ALERT_WINDOWS.map((w) => exec.run(raw, (q) => q.errorRatio(w)))) : Promise.resolve([]);
  // One period query per distinct window.
  const periodResults = Promise.all([...groupBy(raw, (p) => p.periodRange).values()].map(async (group) => ({ group, ratio: await exec.run(group, (q) => q.errorRatio(group[0]!.periodRange)) })));
  const [perWindow, perPeriod, coverage] = await Promise.all([windowResults, periodResults, coverageP]);
  const periodOf = new Map<string, BatchResult>();
  for (const { group, ratio } of perPeriod) for (const p of group) periodOf.set(p.slo.id, ratio);

  const noData = Object.fromEntries(ALERT_WINDOWS.map((w) => [w, null])) as Record<AlertWindow, null>;
  const preparedById = new Map(prepared.map((p) => [p.slo.id, p]));
  const statuses = slos.map((slo): SloStatus => {
    const p = preparedById.get(slo.id);
    // A window that cannot be evaluated (unknown time zone) still lists the SLO, with its problem.
    if (!p) return sloStatus({ slo, range: { startMs: t, endMs: t, periodMs: 0 } }, noData, null, null, problems.get(slo.id)!);
    const rec = recorded.get(slo.id);
    const windowRatios = Object.fromEntries(ALERT_WINDOWS.map((w, i) => [w, finite(rec ? rec.windows[w] : lookup(perWindow[i]!, p, deps.profile))])) as Record<AlertWindow, number | null>;
    const periodRaw = rec ? rec.period : lookup(periodOf.get(slo.id)!, p, deps.profile);
    const covered = opts.coverage?.has(slo.id) ? opts.coverage.get(slo.id)! : (coverage.get(slo.id) ?? null);
    const ind = slo.indicator;
    // Requests exist but the ratio has no series at all (NaN would be zero traffic): the latency
    // threshold matched no bucket.
    if (ind.kind === 'latency' && covered && periodRaw === undefined) {
      problems.get(slo.id)!.push(`threshold ${ind.threshold} is not a bucket bound (le) of ${ind.histogram}: there is no good-event count to read`);
    }
    return { ...sloStatus(p, windowRatios, finite(periodRaw), covered, problems.get(slo.id)!), source: rec ? 'recorded' : 'raw' };
  });
  return { atMs: t, slos: statuses, errors: errors.toArray() };
}

/** Data coverage alone (see computeSloStatus), for the /slos view's periodic refresh of it. */
export async function computeSloCoverage(deps: SloDeps, slos: Slo[], tMs: number, signal?: AbortSignal): Promise<{ coverage: Map<string, number | null>; errors: SloStatusResponse['errors'] }> {
  const t = Math.floor(tMs / 1000) * 1000;
  const errors = new ErrorList();
  const problems = new Map<string, string[]>(slos.map((s) => [s.id, []]));
  const prepared = prepare(deps, slos, t, problems);
  const coverage = await coverageOf(executor(deps, prepared, t, errors, problems, signal), prepared);
  return { coverage, errors: errors.toArray() };
}

function prepare(deps: SloDeps, slos: Slo[], t: number, problems: Map<string, string[]>): Prepared[] {
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
  return prepared;
}

type Exec = (query: string) => Promise<PromSample[]>;

interface Executor {
  run(preps: Prepared[], expr: (q: Pick<SloQueries, 'errorRatio' | 'total'>) => string, exec?: Exec): Promise<BatchResult>;
  range: PrometheusSource['range'];
  t: number;
  profile: ProfileSpec;
  signal?: AbortSignal;
}

/** Runs batches at t; a broken SLO's query fails in every batch it is in, and is reported once. */
function executor(deps: SloDeps, prepared: Prepared[], t: number, errors: ErrorList, problems: Map<string, string[]>, signal?: AbortSignal): Executor {
  const rejected = new Set<string>();
  const addRejection = (batchId: string, message: string) => {
    // For a grouped part: on each of its SLOs.
    const ids = batchId === GROUP_IDS.service || batchId === GROUP_IDS.edge ? prepared.filter((p) => GROUP_IDS[p.group!] === batchId).map((p) => p.slo.id) : [batchId];
    for (const id of ids) {
      if (!rejected.has(id)) problems.get(id)?.push(message);
      rejected.add(id);
    }
  };
  const prom = deps.prometheus;
  const instant: Exec = (query) => prom.instant(query, { timeMs: t, signal });
  return {
    run: (preps, expr, exec = instant) => runBatch(prom.name, batchItems(preps, deps.profile, expr), exec, signal, errors, addRejection),
    range: (query, o) => prom.range(query, o),
    t,
    profile: deps.profile,
    signal,
  };
}

/** Coverage per SLO: one range query per distinct window (and step), counting points per series. */
async function coverageOf(exec: Executor, prepared: Prepared[]): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  await Promise.all(
    [...groupBy(prepared, (p) => `${p.periodRange}|${p.stepMs}`).values()].map(async (group) => {
      const { stepMs, range: win } = group[0]!;
      const steps = coverageSteps(win, stepMs);
      // Points with a value per series (NaN, zero traffic, is a value).
      const countPoints: Exec = async (query) =>
        (await exec.range(query, { startMs: exec.t - (steps - 1) * stepMs, endMs: exec.t, stepMs, signal: exec.signal })).map((s) => ({ labels: s.labels, value: s.points.length }));
      const result = await exec.run(group, (q) => q.total(formatPromDuration(stepMs)), countPoints);
      for (const p of group) {
        const counted = lookup(result, p, exec.profile);
        const covered = counted === 'failed' ? null : (counted ?? 0);
        const grid = coverageSteps(p.range, p.stepMs);
        out.set(p.slo.id, covered === null || grid === 0 ? null : Math.min(1, covered / grid));
      }
    }),
  );
  return out;
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
