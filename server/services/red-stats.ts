import 'server-only';
import type { ProfileSpec } from '@/lib/schemas/config';
import type { RedStats } from '@/lib/schemas/services';
import { ERRORS, RATE, quantile, serviceStatQuery, edgeStatQuery, type RedStat } from '@/lib/promql/red';
import type { PrometheusSource, PromSample } from '@/server/sources/prometheus/port';
import type { ErrorList } from './source-errors';

const STATS: Array<[keyof RedStats, RedStat]> = [
  ['rps', RATE],
  ['errorRatio', ERRORS],
  ['p50', quantile(0.5)],
  ['p95', quantile(0.95)],
  ['p99', quantile(0.99)],
];

export const EMPTY_STATS: RedStats = { rps: null, errorRatio: null, p50: null, p95: null, p99: null };

export interface StatsQuery {
  prom: PrometheusSource;
  spec: ProfileSpec;
  promRange: string;
  timeMs: number;
  errors: ErrorList;
  signal?: AbortSignal;
}

/**
 * Runs the five RED queries of a view in parallel and folds them into stats keyed by `keyOf(labels)`.
 * A failed query leaves its field null and adds one error; the others still count.
 */
async function collect(q: StatsQuery, build: (stat: RedStat) => string, keyOf: (l: Record<string, string>) => string | null, scale: number) {
  const results = await Promise.allSettled(STATS.map(([, stat]) => q.prom.instant(build(stat), { timeMs: q.timeMs, signal: q.signal })));
  const out = new Map<string, RedStats>();
  const errorsBy = new Map<string, number>();
  const at = (key: string) => {
    let s = out.get(key);
    if (!s) out.set(key, (s = { ...EMPTY_STATS }));
    return s;
  };
  let ratesKnown = false;
  results.forEach((r, i) => {
    const [field] = STATS[i]!;
    if (r.status === 'rejected') return q.errors.add(r.reason, q.prom.name);
    if (field === 'rps') ratesKnown = true;
    for (const sample of r.value as PromSample[]) {
      const key = keyOf(sample.labels);
      if (key === null) continue;
      if (field === 'errorRatio') errorsBy.set(key, sample.value);
      else at(key)[field] = finite(field === 'rps' ? sample.value : sample.value * scale);
    }
  });
  // No error series for a key with traffic means no errors; with no traffic the ratio is undefined.
  const errorsKnown = results[1]!.status === 'fulfilled';
  for (const [key, s] of out) {
    if (!ratesKnown || !errorsKnown || s.rps === null) continue;
    s.errorRatio = s.rps > 0 ? Math.min(1, (errorsBy.get(key) ?? 0) / s.rps) : null;
  }
  return out;
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** RED stats per service (all services, or one). */
export function serviceStats(q: StatsQuery, service?: string): Promise<Map<string, RedStats>> {
  const label = q.spec.service.serviceLabel;
  return collect(q, (stat) => serviceStatQuery(q.spec, stat, q.promRange, service), (l) => l[label] ?? null, q.spec.service.latencyScale);
}

export const edgeKey = (client: string, server: string) => `${client}\u0000${server}`;

/** RED stats per edge, keyed by edgeKey(client, server); with `touching`, only edges of that service. */
export function edgeStats(q: StatsQuery, touching?: string): Promise<Map<string, RedStats>> {
  const { clientLabel, serverLabel } = q.spec.edge;
  return collect(
    q,
    (stat) => edgeStatQuery(q.spec, stat, q.promRange, touching),
    (l) => (l[clientLabel] !== undefined && l[serverLabel] !== undefined ? edgeKey(l[clientLabel], l[serverLabel]) : null),
    q.spec.edge.latencyScale,
  );
}
