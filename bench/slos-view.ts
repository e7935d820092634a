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
import { listSlos } from '@/server/slo/views';
import { BENCH_END_S, benchOpenMetrics, benchSlos, listParams, specYaml } from './slo-history';
import { cachedBlocks, startPromWithBlocks } from './slo-stack';

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

async function refresh(b: Bench, sparklines: boolean): Promise<SloListResponse> {
  b.sent.length = 0;
  const res = await listSlos(b.container, listParams(BENCH_END_S * 1000, sparklines), Date.now());
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

/** Each query alone, sequentially: where Prometheus spends the time. */
async function perQuery(promUrl: string, sent: Sent[]) {
  const out: Array<{ ms: number; kind: string; chars: number; head: string }> = [];
  for (const s of sent) out.push({ ms: r1(await time(() => direct(promUrl, [s]))), kind: s.path, chars: s.query.length, head: s.query.slice(0, 90) });
  return out;
}

export async function runSlosViewBench(iterations = 7) {
  const all = benchSlos(500);
  const prom = startPromWithBlocks('bench-slo', PORT, [cachedBlocks('bench-slo', benchOpenMetrics(all), log)]);
  try {
    const small = benchContainer(prom.url, 50);
    const large = benchContainer(prom.url, 500);
    const out: Record<string, unknown> = {};
    for (const sparklines of [false, true]) {
      await refresh(small, sparklines);
      const smallQueries = small.sent.length;
      await refresh(large, sparklines);
      const sent = [...large.sent];
      log(`sparklines=${sparklines}: ${smallQueries} / ${sent.length} queries`);
      log(JSON.stringify(await perQuery(prom.url, sent), null, 1));
      const bff: number[] = [];
      const dir: number[] = [];
      for (let i = 0; i < iterations; i++) {
        bff.push(await time(() => refresh(large, sparklines)));
        dir.push(await time(() => direct(prom.url, sent)));
      }
      out[sparklines ? 'withSparklines' : 'withoutSparklines'] = { queries50: smallQueries, queries500: sent.length, bffMedianMs: r1(median(bff)), directMedianMs: r1(median(dir)), ratio: +(median(bff) / median(dir)).toFixed(3) };
    }
    return out;
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
