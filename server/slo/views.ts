import 'server-only';
import { setMaxListeners } from 'node:events';
import { stringify } from 'yaml';
import type { Point } from '@/lib/schemas/services';
import type { Slo } from '@/lib/schemas/slo';
import { SloIdParam, type SloAttribution, type SloAttributionParams, type SloAtParams, type SloBurnParams, type SloDetailResponse, type SloListParams, type SloListResponse } from '@/lib/schemas/slo-api';
import type { SloBudgetSeries, SloBurnSeries } from '@/lib/schemas/slo-status';
import { resolveTimePoint } from '@/lib/schemas/time';
import { sloWindowAt } from '@/lib/slo/windows';
import { MAX_RANGE_MS } from '@/lib/time/range';
import type { Container } from '@/server/container';
import { InputError, NotFoundError } from '@/server/runtime/errors';
import { ErrorList } from '@/server/services/source-errors';
import { sloAttribution } from './attribution';
import { computeSloCoverage, computeSloStatus, type SloDeps } from './compute';
import { KeptValues } from './kept';
import { sloBudgetSeries, sloBurnSeries } from './series';
import { budgetSparklines } from './sparklines';

/**
 * What the SLO routes return, assembled from the spec store and the math (compute.ts, series.ts):
 * the routes only parse and call these.
 *
 * Time: every view evaluates at `at`. A live `at` ("now", "now-1h") is aligned down to the query cache
 * slot, so every viewer refreshing within the same slot sends identical PromQL and the cache answers
 * it once (as the services view does); an absolute `at` is used to the second.
 */
export function resolveAt(at: string, nowMs: number, slotMs: number, field = 'at'): number {
  const ms = resolveTimePoint(at, nowMs);
  if (!Number.isFinite(ms) || ms < 0) throw new InputError(`${field}: cannot read "${at}" as a time`, field);
  if (!at.startsWith('now')) return Math.floor(ms / 1000) * 1000;
  const slot = Math.max(1000, slotMs);
  return Math.floor(ms / slot) * slot;
}

const deps = (c: Container): SloDeps => ({ prometheus: c.prometheus, profile: c.profile });
const atOf = (c: Container, p: SloAtParams, nowMs: number) => resolveAt(p.at, nowMs, c.config.cache.ttlMs);

/** The SLO by id, or a 404 naming it. */
export function findSlo(c: Container, id: string): Slo {
  const slo = c.slos.get(id);
  if (!slo) throw new NotFoundError(`no SLO with id "${id}" (${c.slos.list().length} loaded; see GET /api/v1/slos for them and for specs that did not load)`);
  return slo;
}

/**
 * Every SLO's status at `at`, with the spec problems and a budget sparkline per SLO. The status costs
 * compute.ts's fixed queries (the recorded ratios' read, then 7 + 2 per distinct SLO window for SLOs
 * without recording rules), the sparklines one range query per distinct window, all whatever the
 * number of SLOs. A live view (`at=now…`) keeps the coverage and the sparklines for a few minutes
 * (kept.ts): they move by the day and cost as much as the rest. Filters other than `service` are the page's.
 */
export async function listSlos(c: Container, p: SloListParams, nowMs: number, signal?: AbortSignal): Promise<SloListResponse> {
  const t = atOf(c, p, nowMs);
  // Each query listens for the request's abort: 7 + 3 per distinct window is past Node's default of 10.
  if (signal) setMaxListeners(0, signal);
  const slos = p.service === undefined ? c.slos.list() : c.slos.list().filter((s) => s.service === p.service);
  const d = deps(c);
  const wantSparks = p.sparklines === 'true' && slos.length > 0;
  const kept = p.at.startsWith('now') ? keptOf(c) : null;
  let coverage = { values: new Map<string, number>(), missing: slos };
  let keptSparks = { values: new Map<string, Point[]>(), missing: slos };
  if (kept) {
    const loaded = new Set(c.slos.list().map((s) => s.id));
    kept.coverage.retain(loaded);
    kept.sparklines.retain(loaded);
    coverage = kept.coverage.take(slos, t, async (stale, at) => {
      const r = await computeSloCoverage(d, stale, at);
      return r.errors.length ? null : keepable(r.coverage);
    });
    if (wantSparks) {
      keptSparks = kept.sparklines.take(slos, t, async (stale, at) => {
        const errors = new ErrorList();
        const found = await budgetSparklines(d, stale, at, errors);
        return errors.toArray().length ? null : keepable(heads(stale, found, at));
      });
    }
  }
  const sparkErrors = new ErrorList();
  const sparksToCompute = wantSparks ? keptSparks.missing : [];
  const [status, sparks] = await Promise.all([
    computeSloStatus(d, slos, t, signal, { coverage: coverage.values }),
    sparksToCompute.length ? budgetSparklines(d, sparksToCompute, t, sparkErrors, signal) : Promise.resolve(new Map<string, Point[]>()),
  ]);
  const fresh = heads(sparksToCompute, sparks, t);
  if (kept) {
    if (status.errors.length === 0) kept.coverage.put(coverage.missing, t, keepable(new Map(status.slos.map((s) => [s.id, s.coverage]))));
    if (sparkErrors.toArray().length === 0) kept.sparklines.put(sparksToCompute, t, keepable(fresh));
  }
  const sparklines: SloListResponse['sparklines'] = {};
  if (wantSparks) {
    for (const s of status.slos) {
      const head = fresh.get(s.id) ?? keptSparks.values.get(s.id);
      // End on the tile's exact number (the summed steps are close to it, not equal).
      if (head) sparklines[s.id] = [...head, [status.atMs, s.budgetRemaining]];
    }
  }
  return {
    atMs: status.atMs,
    slos: status.slos,
    sparklines,
    problems: c.slos.problems(),
    paths: [...c.config.slo.paths],
    files: c.slos.files(),
    errors: mergeErrors(status.errors, sparkErrors.toArray()),
  };
}

interface Kept {
  coverage: KeptValues<number>;
  /** The sparkline's points before the time it was computed at (the tile supplies the last one). */
  sparklines: KeptValues<Point[]>;
}
const keptByContainer = new WeakMap<Container, Kept>();
function keptOf(c: Container): Kept {
  let k = keptByContainer.get(c);
  if (!k) keptByContainer.set(c, (k = { coverage: new KeptValues(), sparklines: new KeptValues() }));
  return k;
}

/** Per SLO, its sparkline's points before t (null when it has none). */
function heads(slos: Slo[], found: Map<string, Point[]>, t: number): Map<string, Point[] | null> {
  return new Map(slos.map((s) => [s.id, found.get(s.id)?.filter(([pt]) => pt < t) ?? null]));
}

/**
 * What is worth keeping: a coverage above 0 and a sparkline with points. "No data" is not kept, so a
 * fleet that just started (a demo) shows its first data at the next refresh.
 */
function keepable<V>(m: Map<string, V | null>): Map<string, V> {
  return new Map([...m].filter((e): e is [string, V] => e[1] !== null && e[1] !== 0));
}

function mergeErrors<T extends { source: string; kind: string; message: string }>(...lists: T[][]): T[] {
  const seen = new Map<string, T>();
  for (const e of lists.flat()) seen.set(`${e.source}|${e.kind}|${e.message}`, e);
  return [...seen.values()];
}

/** One SLO: its status at `at` and its spec. */
export async function sloDetail(c: Container, id: string, p: SloAtParams, nowMs: number, signal?: AbortSignal): Promise<SloDetailResponse> {
  const slo = findSlo(c, id);
  const t = atOf(c, p, nowMs);
  const status = await computeSloStatus(deps(c), [slo], t, signal);
  const own = status.slos[0];
  if (!own) throw new Error(`no status computed for SLO ${id}`);
  return { atMs: status.atMs, status: own, spec: slo, specYaml: specYaml(slo), errors: status.errors };
}

/** The spec for reading: the fields as loaded, without the bookkeeping of where it came from. */
function specYaml(slo: Slo): string {
  const { source: _source, ...rest } = slo;
  return stringify(rest, { lineWidth: 0 });
}

export function sloBudget(c: Container, id: string, p: SloAtParams, nowMs: number, signal?: AbortSignal): Promise<SloBudgetSeries> {
  const slo = findSlo(c, id);
  return sloBudgetSeries(deps(c), slo, atOf(c, p, nowMs), signal);
}

/** Burn rates from `from` (default: the start of the SLO window at `at`) to `at`. */
export function sloBurn(c: Container, id: string, p: SloBurnParams, nowMs: number, signal?: AbortSignal): Promise<SloBurnSeries> {
  const slo = findSlo(c, id);
  const t = atOf(c, p, nowMs);
  let fromMs: number;
  if (p.from === undefined) {
    fromMs = sloWindowAt(slo.window, t).startMs;
  } else {
    fromMs = resolveAt(p.from, nowMs, 1000, 'from');
    if (!(fromMs < t)) throw new InputError(`from: "${p.from}" must be before at ("${p.at}")`, 'from');
    if (t - fromMs > MAX_RANGE_MS) throw new InputError('from: the range is longer than 400 days', 'from');
  }
  return sloBurnSeries(deps(c), slo, fromMs, t, signal);
}

export function sloAttributionView(c: Container, id: string, p: SloAttributionParams, nowMs: number, signal?: AbortSignal): Promise<SloAttribution> {
  const slo = findSlo(c, id);
  return sloAttribution(deps(c), slo, p.window, atOf(c, p, nowMs), signal);
}

/** The {id} path segment: a 400 naming `id` unless it is a valid SLO id (so a hostile URL never reaches a query). */
export function parseSloId(raw: string): string {
  const parsed = SloIdParam.safeParse(raw);
  if (!parsed.success) throw new InputError(`id: ${parsed.error.issues[0]?.message ?? 'invalid'}`, 'id');
  return parsed.data;
}
