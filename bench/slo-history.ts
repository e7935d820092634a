/**
 * The SLO bench's fleet and SLOs (bench/slos-view.ts): a month of counters for promtool backfill and
 * 500 SLOs of mixed kinds over them, each SLO on its own series (as in a real fleet, where 500 SLOs
 * read 500 different services' metrics):
 *   - 250 service-availability SLOs on otel-http server counts (job="svc-<i>", 200 and 500);
 *   - 150 ratio SLOs on bench_requests_total{job="ratio-<i>", code} (bad = 5xx, or good = 2xx);
 *   - 100 latency SLOs on the histogram bench_latency_seconds{job="lat-<i>"}.
 * Windows: 30d mostly, every 5th 28d, every 10th 7d (three distinct windows, as a real spec set has).
 * Every series grows at a constant rate, so every window's error ratio is the SLO's constant ratio
 * (ratioOf): the bench checks the BFF's numbers against it.
 *
 * Samples: every 5 minutes, and every minute in the last 6 hours (the 5m window needs two samples).
 * A real scrape interval (15–30 s) puts 10–20 times more samples in each 30-day range the raw queries
 * read; the figures say so.
 */
import type { SloListParams } from '@/lib/schemas/slo-api';

export const DAY_S = 86_400;
export const HISTORY_DAYS = 31;
/** A fixed end (a whole hour), so the blocks can be cached across runs (.stack/cache/bench-slo-*). */
export const BENCH_END_S = Date.UTC(2026, 5, 1, 12) / 1000;

export type BenchKind = 'service' | 'ratio' | 'latency';
export interface BenchSlo {
  id: string;
  kind: BenchKind;
  /** Index of its series (svc-<n>, ratio-<n>, lat-<n>). */
  n: number;
  days: number;
  objective: number;
  good: boolean;
}

const BUCKETS = ['0.1', '0.25', '0.5', '1', '+Inf'];
/** Share of a latency job's requests at or below each bucket; the SLO threshold is 0.5 (share 1 − ratio). */
const latencyShares = (ratio: number) => [0.6, 0.9, 1 - ratio, 1 - ratio / 4, 1];

const totalRate = (n: number) => 1 + (n % 7);
/** The SLO's constant error ratio: 0.01 %–1.9 %. */
export const ratioOf = (kind: BenchKind, n: number) => (1 + ((n * 37 + (kind === 'ratio' ? 3 : kind === 'latency' ? 5 : 0)) % 190)) / 10_000;

/** The first `count` SLOs of the 500 (every kind and window in the same proportions when count is a multiple of 10). */
export function benchSlos(count: number): BenchSlo[] {
  const out: BenchSlo[] = [];
  const counts: Record<BenchKind, number> = { service: 0, ratio: 0, latency: 0 };
  for (let i = 0; out.length < count; i++) {
    // 5 service, 3 ratio, 2 latency in every 10.
    const kind: BenchKind = i % 10 < 5 ? 'service' : i % 10 < 8 ? 'ratio' : 'latency';
    const n = counts[kind]++;
    out.push({ id: `${kind}-${n}`, kind, n, days: i % 10 === 9 ? 7 : i % 5 === 2 ? 28 : 30, objective: [0.99, 0.995, 0.98][i % 3]!, good: kind === 'ratio' && n % 2 === 1 });
  }
  return out;
}

export function specYaml(slos: BenchSlo[]): string {
  const lines = ['apiVersion: switchyard/v1', 'kind: SLOList', 'slos:'];
  for (const s of slos) {
    lines.push(`  - id: ${s.id}`, `    name: ${s.kind} ${s.n}`, `    service: ${s.kind === 'service' ? `svc-${s.n}` : `${s.kind}-${s.n}`}`, `    labels: { team: team-${s.n % 12} }`);
    lines.push(`    objective: ${s.objective}`, `    window: ${s.days}d`);
    if (s.kind === 'service') lines.push('    indicator: { kind: service-availability }');
    else if (s.kind === 'latency') lines.push(`    indicator: { kind: latency, histogram: bench_latency_seconds, threshold: 0.5, matchers: ['job="lat-${s.n}"'] }`);
    else {
      const sel = (code: string) => `sum(rate(bench_requests_total{job="ratio-${s.n}"${code}}[{{.window}}]))`;
      const part = s.good ? `good: '${sel(',code=~"2.."')}'` : `bad: '${sel(',code=~"5.."')}'`;
      lines.push(`    indicator: { kind: ratio, ${part}, total: '${sel('')}' }`);
    }
  }
  return lines.join('\n') + '\n';
}

interface Series {
  name: string;
  perS: number;
}

function families(slos: BenchSlo[]): Array<{ header: string; series: Series[] }> {
  const svc: Series[] = [];
  const req: Series[] = [];
  const lat: Series[] = [];
  for (const s of slos) {
    const rate = totalRate(s.n);
    const bad = rate * ratioOf(s.kind, s.n);
    if (s.kind === 'service') {
      const l = `job="svc-${s.n}",instance="10.1.${s.n >> 8}.${s.n & 255}:8080"`;
      svc.push({ name: `http_server_request_duration_seconds_count{${l},http_response_status_code="200"}`, perS: rate - bad });
      svc.push({ name: `http_server_request_duration_seconds_count{${l},http_response_status_code="500"}`, perS: bad });
    } else if (s.kind === 'ratio') {
      req.push({ name: `bench_requests_total{job="ratio-${s.n}",code="200"}`, perS: rate - bad });
      req.push({ name: `bench_requests_total{job="ratio-${s.n}",code="503"}`, perS: bad });
    } else {
      const shares = latencyShares(ratioOf(s.kind, s.n));
      BUCKETS.forEach((le, k) => lat.push({ name: `bench_latency_seconds_bucket{job="lat-${s.n}",le="${le}"}`, perS: rate * shares[k]! }));
      lat.push({ name: `bench_latency_seconds_count{job="lat-${s.n}"}`, perS: rate });
    }
  }
  return [
    { header: '# TYPE http_server_request_duration_seconds histogram', series: svc },
    { header: '# TYPE bench_requests counter', series: req },
    { header: '# TYPE bench_latency_seconds histogram', series: lat },
  ];
}

/** Sample times (unix s) in [fromS, toS): 5-minute steps, 1-minute in the last 6 hours before endS. */
function times(endS: number, fromS: number, toS: number): number[] {
  const out: number[] = [];
  const start = endS - HISTORY_DAYS * DAY_S;
  for (let t = start; t <= endS; t += t < endS - 6 * 3600 ? 300 : 60) if (t >= fromS && t < toS) out.push(t);
  return out;
}

/**
 * OpenMetrics, one text per day (promtool 2.42 re-reads its whole input for every 2-hour block it
 * writes: one file per day keeps that to 12 passes of a day).
 */
export function benchOpenMetrics(slos: BenchSlo[], endS = BENCH_END_S): string[] {
  const fams = families(slos);
  const start = endS - HISTORY_DAYS * DAY_S;
  const files: string[] = [];
  for (let from = start; from <= endS; from += DAY_S) {
    const ts = times(endS, from, Math.min(from + DAY_S, endS + 1));
    const lines: string[] = [];
    for (const f of fams) {
      lines.push(f.header);
      for (const s of f.series) for (const t of ts) lines.push(`${s.name} ${+(s.perS * (t - start)).toFixed(6)} ${t}`);
    }
    lines.push('# EOF');
    files.push(lines.join('\n') + '\n');
  }
  return files;
}

/**
 * listSlos parameters: `live` asks for "now" (the page's default, which keeps coverage and sparklines
 * between refreshes: server/slo/kept.ts), otherwise the absolute time, computed from scratch every time.
 */
export const listParams = (atMs: number, sparklines: boolean, live: boolean): SloListParams => ({ at: live ? 'now' : String(atMs), sparklines: sparklines ? 'true' : 'false' });
