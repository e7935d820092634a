/**
 * SLO chart render figures for issue #4 (budget: "charts over 30 days: ≤ 1,100 points per series;
 * chart render ≤ 100 ms in Chromium"), measured on the REAL built page (`next start` on a free port,
 * started and stopped here; needs `.next` from `npx next build`) in Debian's headless Chromium
 * through playwright-core, with the SLO API answered by page.route() with generated 30-day series.
 *
 * What is measured: the page's own User Timing measures `slo-chart:budget` and `slo-chart:burn`
 * (components/slo-detail/useChartRenderTiming.ts): from building the chart option for new data to
 * ECharts' `finished` event, i.e. the series drawn on the canvas. Runs:
 *  - 30 days at the SLO window's step (1 h): budget 721 points; burn 5 windows × 721 points;
 *  - the default burn range (24 h at 2 min): 7 windows × 721 points;
 *  - /slos with 500 SLOs and their sparklines (SVG): ms from the list response's arrival (resource
 *    timing) to the table showing 500 rows.
 * Each detail run is a fresh navigation in a warm context (chunks cached, as for a returning user);
 * medians and maxima of RUNS runs are reported.
 *
 * Run alone (needs the build; take the e2e lock when others build): tsx bench/slo-chart-browser.ts
 * (writes bench/results/slo-chart-browser-latest.json).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Route } from 'playwright-core';
import type { Point } from '@/lib/schemas/services';
import { Slo } from '@/lib/schemas/slo';
import type { SloAttribution, SloDetailResponse, SloListResponse } from '@/lib/schemas/slo-api';
import type { AlertWindowName, SloBudgetSeries, SloBurnSeries, SloStatus } from '@/lib/schemas/slo-status';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const RUNS = 8;
const H = 3_600_000;
const D = 24 * H;
const log = (msg: string) => process.stderr.write(`[slo-chart-browser] ${msg}\n`);
const r1 = (v: number) => +v.toFixed(1);

/** Deterministic noise, so every run draws the same chart. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const grid = (endMs: number, stepMs: number, n: number, f: (i: number) => number | null): Point[] => Array.from({ length: n }, (_, i) => [endMs - (n - 1 - i) * stepMs, f(i)]);

function status(id: string, endMs: number, rnd: () => number): SloStatus {
  const budget = 1 - rnd() * 1.3;
  const burn = rnd() * 20;
  return {
    id,
    name: `SLO ${id}`,
    service: `svc-${Math.floor(rnd() * 80)}`,
    labels: { team: `team-${Math.floor(rnd() * 12)}` },
    objective: 0.999,
    window: { kind: 'rolling', days: 30 },
    windowStartMs: endMs - 30 * D,
    windowEndMs: endMs,
    periodMs: 30 * D,
    sli: 1 - (1 - budget) * 0.001,
    errorRatio: (1 - budget) * 0.001,
    budgetRemaining: budget,
    periodBurn: 1 - budget,
    burnRates: { '5m': burn, '30m': burn, '1h': burn, '2h': burn, '6h': burn, '1d': burn, '3d': burn },
    currentBurn: burn,
    currentBurnWindow: '1h',
    timeToExhaustionMs: budget <= 0 ? 0 : (budget * 30 * D) / burn,
    alerts: [
      { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: 14.4, errorRatioThreshold: 0.0144, for: '2m', longBurn: burn, shortBurn: burn, enabled: true, firing: burn > 14.4 },
      { severity: 'page', longWindow: '6h', shortWindow: '30m', factor: 6, errorRatioThreshold: 0.006, for: '15m', longBurn: burn, shortBurn: burn, enabled: true, firing: burn > 6 },
      { severity: 'ticket', longWindow: '1d', shortWindow: '2h', factor: 3, errorRatioThreshold: 0.003, for: '1h', longBurn: burn, shortBurn: burn, enabled: true, firing: burn > 3 },
      { severity: 'ticket', longWindow: '3d', shortWindow: '6h', factor: 1, errorRatioThreshold: 0.001, for: '3h', longBurn: burn, shortBurn: burn, enabled: true, firing: burn > 1 },
    ],
    alertState: burn > 6 ? 'page' : burn > 1 ? 'ticket' : 'ok',
    coverage: 1,
    problems: [],
  };
}

const THRESHOLDS: SloBurnSeries['thresholds'] = [
  { severity: 'page', longWindow: '1h', shortWindow: '5m', factor: 14.4 },
  { severity: 'page', longWindow: '6h', shortWindow: '30m', factor: 6 },
  { severity: 'ticket', longWindow: '1d', shortWindow: '2h', factor: 3 },
  { severity: 'ticket', longWindow: '3d', shortWindow: '6h', factor: 1 },
];

function burnSeries(endMs: number, stepMs: number, windows: AlertWindowName[], rnd: () => number): SloBurnSeries {
  const series = windows.map((window, k) => {
    let v = 1;
    return { window, points: grid(endMs, stepMs, 721, () => (v = Math.max(0, v + (rnd() - 0.5) * (3 / (k + 1))))) };
  });
  return { id: 'bench', startMs: endMs - 720 * stepMs, endMs, stepMs, series, thresholds: THRESHOLDS, errors: [] };
}

/** The answers of one generated SLO (and a 500-SLO list), by API path. */
function api(endMs: number) {
  const rnd = mulberry32(7);
  const spec = Slo.parse({
    id: 'bench',
    name: 'Bench availability',
    service: 'svc-1',
    objective: 0.999,
    window: { kind: 'rolling', days: 30 },
    indicator: { kind: 'service-availability' },
    source: { format: 'switchyard', file: 'bench.yaml' },
  });
  const detail: SloDetailResponse = { atMs: endMs, status: { ...status('bench', endMs, rnd), name: spec.name, service: spec.service }, spec, specYaml: 'id: bench\n', errors: [] };
  let b = 1;
  const budget: SloBudgetSeries = { id: 'bench', startMs: endMs - 30 * D, endMs, stepMs: H, points: grid(endMs, H, 721, () => (b -= rnd() * 0.003)), errors: [] };
  const burnWindow = burnSeries(endMs, H, ['1h', '2h', '6h', '1d', '3d'], rnd);
  const burnDay = burnSeries(endMs, 120_000, ['5m', '30m', '1h', '2h', '6h', '1d', '3d'], rnd);
  const attribution: SloAttribution = {
    id: 'bench',
    service: 'svc-1',
    window: 'slo',
    startMs: endMs - 30 * D,
    endMs,
    serviceRequests: 1e6,
    serviceFailed: 1200,
    dependencies: [{ service: 'svc-2', calls: 3e5, failed: 700, share: 700 / 1200 }],
    itself: 500 / 1200,
    scaled: false,
    errors: [],
  };
  const slos = Array.from({ length: 500 }, (_, i) => status(`slo-${i}`, endMs, rnd));
  const sparklines = Object.fromEntries(slos.map((s) => [s.id, grid(endMs, D, 31, (i) => 1 - i * 0.02 * rnd())]));
  const list: SloListResponse = { atMs: endMs, slos, sparklines, problems: [], paths: ['bench/'], files: ['bench/x.yaml'], errors: [] };
  return { detail, budget, burnWindow, burnDay, attribution, list };
}

async function route(context: BrowserContext, answers: ReturnType<typeof api>) {
  const json = (r: Route, body: unknown, status = 200) => r.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  await context.route('**/api/v1/**', (r) => {
    const url = new URL(r.request().url());
    const p = url.pathname;
    if (p === '/api/v1/slos') return json(r, answers.list);
    if (p === '/api/v1/slos/bench') return json(r, answers.detail);
    if (p === '/api/v1/slos/bench/budget') return json(r, answers.budget);
    if (p === '/api/v1/slos/bench/burn') return json(r, url.searchParams.has('from') ? answers.burnDay : answers.burnWindow);
    if (p === '/api/v1/slos/bench/attribution') return json(r, answers.attribution);
    // Everything else (the RED charts) is not measured: an empty answer keeps the page quiet.
    return json(r, { error: { code: 'not_found', message: 'not part of the bench' } }, 404);
  });
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

async function startNext(port: number): Promise<ChildProcess> {
  const child = spawn(join(ROOT, 'node_modules/.bin/next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/slos`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stopNext(child);
  throw new Error('next start did not answer within 60 s');
}

function stopNext(child: ChildProcess) {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM'); // its own process group (detached): next and its workers
    } catch {
      child.kill('SIGTERM');
    }
  }
}

const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f)';

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { medianMs: r1(s[Math.floor(s.length / 2)]!), maxMs: r1(s.at(-1)!), runs: s.length };
};

export async function runSloChartBench(): Promise<Record<string, unknown>> {
  if (!existsSync(join(ROOT, '.next/BUILD_ID'))) return { skipped: 'skipped: no .next build (run `npx next build` first)' };
  if (!existsSync(CHROMIUM)) return { skipped: `skipped: no Chromium at ${CHROMIUM}` };
  const started = Date.now();
  const port = await freePort();
  log(`next start on ${port}`);
  const next = await startNext(port);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    const answers = api(Math.floor(Date.now() / H) * H);
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(NAME_SHIM);
    await route(context, answers);
    const page = await context.newPage();

    const chartRuns = async (path: string) => {
      const budget: number[] = [];
      const burn: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        await page.goto(`${base}${path}`);
        const got = await page.waitForFunction(
          () => {
            const m = (n: string) => performance.getEntriesByName(`slo-chart:${n}`)[0]?.duration;
            const b = m('budget');
            const u = m('burn');
            return b !== undefined && u !== undefined ? [b, u] : false;
          },
          undefined,
          { polling: 'raf', timeout: 30_000 },
        );
        const [b, u] = (await got.jsonValue()) as [number, number];
        // The first navigation warms Next's server and the browser cache; it is not counted.
        if (i > 0) {
          budget.push(b);
          burn.push(u);
        }
      }
      return { budget: stats(budget), burn: stats(burn) };
    };

    const window = await chartRuns('/slos/bench?burn=window');
    log(`30 days: budget ${JSON.stringify(window.budget)}, burn ${JSON.stringify(window.burn)}`);
    const day = await chartRuns('/slos/bench');
    log(`24 h burn: ${JSON.stringify(day.burn)}`);

    const listRuns: number[] = [];
    for (let i = 0; i <= 3; i++) {
      await page.goto(`${base}/slos`);
      const shown = await page.waitForFunction(() => (document.querySelectorAll('table tbody tr').length >= 500 ? performance.now() : false), undefined, { polling: 'raf', timeout: 30_000 });
      const at = (await shown.jsonValue()) as number;
      const arrived = await page.evaluate(() => {
        const e = performance.getEntriesByType('resource').find((r) => new URL(r.name).pathname === '/api/v1/slos');
        return e ? (e as PerformanceResourceTiming).responseEnd : NaN;
      });
      if (i > 0) listRuns.push(at - arrived);
    }
    log(`/slos 500 rows: ${JSON.stringify(stats(listRuns))}`);
    await context.close();

    return {
      date: new Date().toISOString(),
      note: 'Browser only (the SLO API is intercepted with generated series); chart figures are the page\'s slo-chart:* User Timing measures (new option → ECharts finished).',
      budgetMs: 100,
      thirtyDays: { budgetPoints: answers.budget.points.length, burnSeries: answers.burnWindow.series.length, burnPointsPerSeries: 721, budgetChart: window.budget, burnChart: window.burn },
      day: { burnSeries: answers.burnDay.series.length, burnPointsPerSeries: 721, burnChart: day.burn },
      list500: { dataToTableMs: stats(listRuns) },
      wallMs: Date.now() - started,
    };
  } finally {
    await browser.close();
    stopNext(next);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runSloChartBench()
    .then((result) => {
      console.log(JSON.stringify(result, null, 2));
      mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
      writeFileSync(join(ROOT, 'bench/results/slo-chart-browser-latest.json'), JSON.stringify(result, null, 2));
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
