/**
 * /slos figures for issue #4 ("Budgets": 500 SLOs, a fixed number of PromQL queries, page data ≤ 1 s on
 * the local stack, as a ratio against the same queries sent straight to Prometheus).
 *
 * A real Prometheus holds a month of counters for 500 SLOs of mixed kinds (bench/slo-history.ts). The
 * BFF's listSlos runs in-process through a real container (spec files on disk, the Prometheus adapter,
 * zod, the math), without Next's HTTP layer and with the query cache off; its queries are recorded and
 * replayed straight to Prometheus in the same process, all in parallel (the BFF sends some of them one
 * round after another, which the ratio then includes). Measured with and without sparklines, for 50
 * and 500 SLOs (the query count must be the same), and with and without the generated recording
 * rules' series in Prometheus (the fast path, server/slo/recorded.ts).
 *
 * Run alone: tsx --conditions=react-server bench/slos-view.ts (writes bench/results/slos-view-latest.json);
 * npm run bench puts the same object under "slosView" in bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SwitchyardConfig } from '@/lib/schemas/config';
import type { SloListResponse } from '@/lib/schemas/slo-api';
import { buildContainer, type Container } from '@/server/container';
import { generateRules, rulesToYaml } from '@/lib/slo/rules';
import { listSlos } from '@/server/slo/views';
import { BENCH_END_S, benchOpenMetrics, benchSlos, listParams, ratioOf, specYaml } from './slo-history';
import { cachedBlocks, cachedRuleBlocks, startPromWithBlocks } from './slo-stack';

const ROOT = resolve(import.meta.dirname, '..');
const PORT = 39191;
const log = (msg: string) => process.stderr.write(`[slos-view] ${msg}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const r1 = (v: number) => +v.toFixed(1);

interface Sent {
  query: string;
  params: Record<string, string>;
  path: 'query' | 'query_range';
}

interface Bench {
  container: Container;
  sent: Sent[];
}

/** A container for the first `count` bench SLOs, with every Prometheus query recorded for the replay. */
function benchContainer(promUrl: string, count: number): Bench {
  const dir = join(ROOT, '.stack', 'bench-slo-specs', String(count));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'slos.yaml'), specYaml(benchSlos(count)));
  const config = SwitchyardConfig.parse({
    prometheus: { url: promUrl, timeoutMs: 120_000 },
    profile: { kind: 'otel-http' },
    cache: { ttlMs: 0 }, // measure real work, not cache hits
    slo: { paths: [dir] },
  });
  const container = buildContainer(config);
  const sent: Sent[] = [];
  const inner = container.prometheus;
  const sec = (ms: number) => String(ms / 1000);
  container.prometheus = {
    ...inner,
    name: inner.name,
    instant: (q, o) => (sent.push({ query: q, path: 'query', params: o?.timeMs === undefined ? {} : { time: sec(o.timeMs) } }), inner.instant(q, o)),
    range: (q, o) => (sent.push({ query: q, path: 'query_range', params: { start: sec(o.startMs), end: sec(o.endMs), step: sec(o.stepMs) } }), inner.range(q, o)),
  };
  if (container.slos.list().length !== count) throw new Error(`expected ${count} SLOs, loaded ${container.slos.list().length}: ${JSON.stringify(container.slos.problems().slice(0, 3))}`);
  return { container, sent };
}

async function refresh(b: Bench, sparklines: boolean, live: boolean): Promise<SloListResponse> {
  b.sent.length = 0;
  // "now" is the end of the bench history, so a live view and an absolute one evaluate at the same t.
  const res = await listSlos(b.container, listParams(BENCH_END_S * 1000, sparklines, live), BENCH_END_S * 1000);
  if (res.errors.length) throw new Error(`listSlos failed: ${JSON.stringify(res.errors)}`);
  return res;
}

/** The same queries straight to Prometheus, all in parallel. */
async function direct(promUrl: string, sent: Sent[]): Promise<void> {
  await Promise.all(
    sent.map(async (s) => {
      const res = await fetch(`${promUrl}/api/v1/${s.path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ query: s.query, ...s.params }) });
      const body = (await res.json()) as { status: string };
      if (body.status !== 'success') throw new Error(`direct query failed: ${s.query.slice(0, 200)}`);
    }),
  );
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Every SLO from the expected path, with the history's constant error ratio (bench/slo-history.ts). */
function check(res: SloListResponse, source: 'raw' | 'recorded', sparklines: boolean) {
  const want = new Map(benchSlos(500).map((s) => [s.id, ratioOf(s.kind, s.n)]));
  for (const s of res.slos) {
    const r = want.get(s.id)!;
    if (s.source !== source) throw new Error(`${s.id}: source ${s.source}, expected ${source}`);
    for (const v of [s.errorRatio, s.burnRates['5m']! * (1 - s.objective), s.burnRates['3d']! * (1 - s.objective)]) {
      if (!(Math.abs(v! - r) / r < 1e-6)) throw new Error(`${s.id}: error ratio ${v}, expected ${r}`);
    }
    if (s.coverage !== 1) throw new Error(`${s.id}: coverage ${s.coverage}`);
    if (sparklines && res.sparklines[s.id]?.length !== 31) throw new Error(`${s.id}: sparkline of ${res.sparklines[s.id]?.length} points`);
  }
}

/**
 * One path (raw counters, or recorded series) measured cold (an absolute `at`: everything computed, as
 * a first visit or a historical view) and warm (`at=now` refreshed: coverage and sparklines kept).
 */
async function phase(promUrl: string, source: 'raw' | 'recorded') {
  // A fresh Prometheus on a port an earlier one used: let the connection pool see it before timing.
  for (let i = 0; !(await fetch(`${promUrl}/-/ready`).then((r) => r.ok, () => false)); i++) {
    if (i > 20) throw new Error(`${promUrl} is not ready`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const small = benchContainer(promUrl, 50);
  const large = benchContainer(promUrl, 500);
  const out: Record<string, Record<string, unknown>> = { cold: {}, warm: {} };
  for (const live of [false, true]) {
    for (const sparklines of [false, true]) {
      await refresh(small, sparklines, live);
      await refresh(small, sparklines, live);
      const queries50 = small.sent.length;
      check(await refresh(large, sparklines, live), source, sparklines);
      await refresh(large, sparklines, live);
      const sent = [...large.sent];
      const first = await time(() => refresh(large, sparklines, live));
      const iterations = first > 2000 ? 3 : 9; // the raw path at 500 SLOs takes seconds per refresh
      const bff: number[] = [];
      const dir: number[] = [];
      for (let i = 0; i < iterations; i++) {
        // Alternate, so drift in machine load hits both sides alike.
        bff.push(await time(() => refresh(large, sparklines, live)));
        dir.push(await time(() => direct(promUrl, sent)));
      }
      const row = { queries50, queries500: sent.length, bffMedianMs: r1(median(bff)), directMedianMs: r1(median(dir)), ratio: +(median(bff) / median(dir)).toFixed(3), iterations };
      log(`${source} ${live ? 'warm' : 'cold'} sparklines=${sparklines}: ${JSON.stringify(row)}`);
      out[live ? 'warm' : 'cold']![sparklines ? 'withSparklines' : 'withoutSparklines'] = row;
    }
  }
  await Promise.all([small.container.slos.close(), large.container.slos.close()]);
  return out;
}

export async function runSlosViewBench() {
  const all = benchSlos(500);
  const dataBlocks = cachedBlocks('bench-slo', benchOpenMetrics(all), log);
  let prom = startPromWithBlocks('bench-slo', PORT, [dataBlocks]);
  try {
    const raw = await phase(prom.url, 'raw');
    // The generated rules for the 500 SLOs, evaluated by promtool over the last 5 minutes of the
    // history; then the same Prometheus restarted with those blocks too (blocks load at start).
    const c = benchContainer(prom.url, 500).container;
    const rules = rulesToYaml(generateRules(c.slos.list(), { profile: c.profile }));
    await c.slos.close();
    const ruleBlocks = cachedRuleBlocks('bench-slo-rules', dataBlocks, prom.url, rules, BENCH_END_S - 300, BENCH_END_S - 1, log);
    prom.stop();
    prom = startPromWithBlocks('bench-slo', PORT, [dataBlocks, ruleBlocks]);
    const recorded = await phase(prom.url, 'recorded');
    const rows = [raw, recorded].flatMap((p) => Object.values(p).flatMap((byMode) => Object.values(byMode) as Array<{ queries50: number; queries500: number }>));
    return {
      queriesEqual: rows.every((r) => r.queries50 === r.queries500),
      date: new Date().toISOString(),
      slos: '500: 250 service-availability, 150 ratio, 100 latency; windows 30d, 28d (1 in 5), 7d (1 in 10); 31 days of history at 5-minute samples (1-minute in the last 6 h)',
      note: 'cold: absolute `at`, everything computed; warm: `at=now` refreshed, coverage and sparklines kept (server/slo/kept.ts). direct: the same queries sent straight to Prometheus in parallel. Wall times on a shared 2-core machine: noisy.',
      raw,
      recorded,
      target: { pageDataMs: 1000 },
    };
  } finally {
    prom.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runSlosViewBench()
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
      writeFileSync(join(ROOT, 'bench/results/slos-view-latest.json'), JSON.stringify(r, null, 2) + '\n');
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
