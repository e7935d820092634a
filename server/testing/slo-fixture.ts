import 'server-only';

/**
 * A 35-day history for the SLO math tests, in its own Prometheus (slo-prometheus.ts) with its own
 * metric names (slofx_*), so the main fixture's exact assertions are untouched.
 *
 * Every case follows the same piecewise-constant event rates (PROFILE), so the events in any interval
 * have a closed form (events()), and expected SLIs, burn rates and budgets are computed from it, never
 * from PromQL. The cases differ in what Prometheus sees:
 *   steady  samples every 15 min (older than 4 days) / 1 min (last 4 days) from E − 35 d
 *   reset   the same events, but both counters restart from 0 at E − 4 d and E − 30 min
 *   gap     no samples in (E − 20 h, E − 14 h); the counters kept counting
 *   idle    no traffic at all from E − 3 h (counters flat, series still scraped)
 *   young   the metrics only exist from E − 10 d (a 30-day window is one third covered)
 *   clean   requests only: the error counter was never created (0 errors, not "no data")
 *   lat, lat3  a latency histogram whose slow requests are the profile's bad events; lat spells the
 *           bounds "0.25"/"1", lat3 as Prometheus 3 and %e do ("2.5e-01", "1.0")
 * Resets happen right after a sample, so the next sample counts exactly the events since the restart
 * and increase() loses nothing: reset must give the same numbers as steady.
 */
export const MIN_S = 60;
export const HOUR_S = 3600;
export const DAY_S = 86_400;
export const HISTORY_S = 35 * DAY_S;
const FINE_FROM_S = -4 * DAY_S; // 1-minute samples from here on, 15-minute before
const COARSE_STEP_S = 15 * MIN_S;

/**
 * The fixture's end E: a fixed date, not "now", so month starts and lengths are known (the window of a
 * calendar-month SLO at E is 1–10 March 2026, 9 days) and the history never depends on when tests run.
 */
export const SLO_FIXTURE_END_S = Date.UTC(2026, 2, 10) / 1000;

/** Event rates per second from `fromS` (seconds relative to the fixture end E) until the next row. */
export const PROFILE: Array<{ fromS: number; total: number; bad: number }> = [
  { fromS: -35 * DAY_S, total: 10, bad: 0.005 },
  { fromS: -10 * DAY_S, total: 20, bad: 0.02 },
  { fromS: -2 * DAY_S, total: 5, bad: 0.05 },
  { fromS: -6 * HOUR_S, total: 8, bad: 0.4 },
  { fromS: -1 * HOUR_S, total: 10, bad: 2 },
  { fromS: -20 * MIN_S, total: 10, bad: 0.1 },
];

export type CaseName = 'steady' | 'reset' | 'gap' | 'idle' | 'young' | 'clean' | 'lat' | 'lat3';

interface Case {
  startS: number;
  resetsS: number[];
  /** Open intervals without samples. */
  gapsS: Array<[number, number]>;
  /** No traffic from here on. */
  idleFromS?: number;
  noErrorSeries?: boolean;
  histogram?: 'plain' | 'v3';
}

export const CASES: Record<CaseName, Case> = {
  steady: { startS: -35 * DAY_S, resetsS: [], gapsS: [] },
  reset: { startS: -35 * DAY_S, resetsS: [-4 * DAY_S, -30 * MIN_S], gapsS: [] },
  gap: { startS: -35 * DAY_S, resetsS: [], gapsS: [[-20 * HOUR_S, -14 * HOUR_S]] },
  idle: { startS: -35 * DAY_S, resetsS: [], gapsS: [], idleFromS: -3 * HOUR_S },
  young: { startS: -10 * DAY_S, resetsS: [], gapsS: [] },
  clean: { startS: -35 * DAY_S, resetsS: [], gapsS: [], noErrorSeries: true },
  lat: { startS: -35 * DAY_S, resetsS: [], gapsS: [], histogram: 'plain' },
  lat3: { startS: -35 * DAY_S, resetsS: [], gapsS: [], histogram: 'v3' },
};

export type Kind = 'total' | 'bad';

/** Events of a case in (a, b] (seconds relative to E): the integral of the piecewise-constant rate. */
export function events(name: CaseName, kind: Kind, aS: number, bS: number): number {
  const c = CASES[name];
  if (kind === 'bad' && c.noErrorSeries) return 0;
  const from = Math.max(aS, c.startS);
  const to = Math.min(bS, c.idleFromS ?? 0, 0);
  let sum = 0;
  PROFILE.forEach((seg, i) => {
    const segEnd = PROFILE[i + 1]?.fromS ?? 0;
    const overlap = Math.min(to, segEnd) - Math.max(from, seg.fromS);
    if (overlap > 0) sum += overlap * seg[kind];
  });
  return sum;
}

/** bad / total over (a, b], or null without events (the answer for "no traffic"). */
export function errorRatio(name: CaseName, aS: number, bS: number): number | null {
  const total = events(name, 'total', aS, bS);
  return total === 0 ? null : events(name, 'bad', aS, bS) / total;
}

function sampleTimes(c: Case): number[] {
  const out: number[] = [];
  for (let s = c.startS; s <= 0; s += s < FINE_FROM_S ? COARSE_STEP_S : MIN_S) {
    if (!c.gapsS.some(([a, b]) => s > a && s < b)) out.push(s);
  }
  return out;
}

/** Counter value at a sample: events since the last restart before it (a restart at s shows at s + step). */
function counter(name: CaseName, kind: Kind, s: number, scale = 1): number {
  const c = CASES[name];
  const since = Math.max(c.startS, ...c.resetsS.filter((r) => r < s));
  return events(name, kind, since, s) * scale;
}

/** Histogram bounds: cumulative share of events at or below, as (total − share × bad). */
const BUCKETS: Array<{ plain: string; v3: string; badShare: number }> = [
  { plain: '0.1', v3: '1.0e-01', badShare: Number.NaN }, // half of the good requests, see below
  { plain: '0.25', v3: '2.5e-01', badShare: 1 },
  { plain: '0.5', v3: '5.0e-01', badShare: 0.5 },
  { plain: '1', v3: '1.0', badShare: 0.25 },
  { plain: '+Inf', v3: '+Inf', badShare: 0 },
];

/** Bad events of the latency cases for a threshold: slower than 0.25 s = the profile's bad events. */
export const SLOW_SHARE: Record<string, number> = { '0.25': 1, '0.5': 0.5, '1': 0.25 };

interface Family {
  header: string;
  series: Array<{ name: string; value: (s: number) => number; times: number[] }>;
}

function families(): Family[] {
  const counters = (Object.keys(CASES) as CaseName[]).filter((n) => !CASES[n].histogram);
  const counterFamily = (metric: string, names: CaseName[], value: (n: CaseName, s: number) => number): Family => ({
    header: `# TYPE ${metric} counter`,
    series: names.map((n) => ({ name: `${metric}_total{case="${n}"}`, value: (s) => value(n, s), times: sampleTimes(CASES[n]) })),
  });
  const hist: Family = { header: '# TYPE slofx_latency_seconds histogram', series: [] };
  for (const n of ['lat', 'lat3'] as const) {
    const times = sampleTimes(CASES[n]);
    const spelling = CASES[n].histogram!;
    for (const b of BUCKETS) {
      const value = (s: number) => {
        const total = counter(n, 'total', s);
        const bad = counter(n, 'bad', s);
        return Number.isNaN(b.badShare) ? (total - bad) / 2 : total - b.badShare * bad;
      };
      hist.series.push({ name: `slofx_latency_seconds_bucket{case="${n}",le="${b[spelling]}"}`, value, times });
    }
    hist.series.push({ name: `slofx_latency_seconds_count{case="${n}"}`, value: (s) => counter(n, 'total', s), times });
    hist.series.push({ name: `slofx_latency_seconds_sum{case="${n}"}`, value: (s) => counter(n, 'total', s) * 0.1, times });
  }
  return [
    counterFamily('slofx_requests', counters, (n, s) => counter(n, 'total', s)),
    counterFamily('slofx_errors', counters.filter((n) => !CASES[n].noErrorSeries), (n, s) => counter(n, 'bad', s)),
    counterFamily('slofx_good', ['steady'], (n, s) => counter(n, 'total', s) - counter(n, 'bad', s)),
    hist,
  ];
}

const fmt = (v: number) => String(+v.toFixed(6));

/**
 * OpenMetrics for promtool (seconds, families contiguous, # EOF), one file per day of history.
 * promtool 2.42 re-reads its whole input for every 2-hour block it writes, so one 35-day file costs
 * 420 passes (over a minute); a file per day costs 12 passes of a day each (a few seconds in all).
 */
export function sloFixtureOpenMetrics(endS: number): string[] {
  const fams = families();
  const files: string[] = [];
  for (let from = -HISTORY_S; from <= 0; from += DAY_S) {
    const to = from + DAY_S;
    const lines: string[] = [];
    for (const f of fams) {
      lines.push(f.header);
      for (const series of f.series) {
        for (const s of series.times) if (s >= from && s < to) lines.push(`${series.name} ${fmt(series.value(s))} ${endS + s}`);
      }
    }
    lines.push('# EOF');
    files.push(lines.join('\n') + '\n');
  }
  return files;
}
