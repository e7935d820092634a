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
 *    timing) to the table showing 500 rows;
 *  - ECharts alone (blank page, setOption + synchronous flush) for 5 and 7 lines of 721 points: the
 *    library's share of the in-page figure, which also holds the frames the rest of the page renders in.
 * The machine's load average is recorded with the figures: on a shared 2-core box they move with it.
 * Each detail run is a fresh navigation in a warm context (chunks cached, as for a returning user);
 * medians and maxima of RUNS runs are reported.
 *
 * Run alone (needs the build; take the e2e lock when others build): tsx bench/slo-chart-browser.ts
 * (writes bench/results/slo-chart-browser-latest.json).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NAME_SHIM, freePort, startNext, stopNext } from './next-server';
import { chromium, type Browser, type BrowserContext, type Route } from 'playwright-core';
import type { Point } from '@/lib/schemas/services';
import { mulberry32 } from '@/lib/topology/fleet-generator';
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



/**
 * ECharts alone, on a blank page with the library's own build: setOption of a burn chart shaped like
 * ours (lines × 721 points, the four threshold mark lines) plus a synchronous flush to the canvas.
 * Separates the chart library's cost from what else the SLO page renders in the same frames.
 */
async function echartsOnly(browser: Browser, lines: number): Promise<ReturnType<typeof stats>> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.setContent('<div id="c" style="width:660px;height:260px"></div>');
    await page.addScriptTag({ path: join(ROOT, 'node_modules/echarts/dist/echarts.min.js') });
    await page.evaluate(NAME_SHIM);
    const times = await page.evaluate((n) => {
      const echarts = (window as unknown as { echarts: { init: (el: HTMLElement) => { setOption: (o: unknown, x: unknown) => void; getZr: () => { flush: () => void }; dispose: () => void } } }).echarts;
      const hour = 3_600_000;
      const end = Math.floor(Date.now() / hour) * hour;
      let seed = 1;
      const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      const series = Array.from({ length: n }, (_, k) => {
        let v = 1;
        return { type: 'line', name: `w${k}`, showSymbol: false, connectNulls: false, emphasis: { disabled: true }, data: Array.from({ length: 721 }, (_, i) => [end - (720 - i) * hour, (v = Math.max(0, v + (rnd() - 0.5) * (3 / (k + 1))))]) };
      });
      const marks = { type: 'line', name: 'thresholds', data: [], markLine: { silent: true, symbol: 'none', data: [14.4, 6, 3, 1].map((f) => ({ yAxis: f, label: { formatter: `${f}x` } })) } };
      const out: number[] = [];
      for (let i = 0; i < 16; i++) {
        const chart = echarts.init(document.getElementById('c')!);
        const t0 = performance.now();
        chart.setOption({ animation: false, legend: {}, tooltip: { trigger: 'axis' }, xAxis: { type: 'time' }, yAxis: { type: 'value', min: 0 }, series: [...series, marks] }, { notMerge: true });
        chart.getZr().flush();
        if (i > 0) out.push(performance.now() - t0);
        chart.dispose();
      }
      return out;
    }, lines);
    return stats(times);
  } finally {
    await page.close();
  }
}

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
  const next = await startNext(port, '/slos');
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
    const lib5 = await echartsOnly(browser, 5);
    const lib7 = await echartsOnly(browser, 7);
    log(`ECharts alone, setOption + flush: 5 × 721 ${JSON.stringify(lib5)}, 7 × 721 ${JSON.stringify(lib7)}`);

    return {
      date: new Date().toISOString(),
      note: 'Browser only (the SLO API is intercepted with generated series); chart figures are the page\'s slo-chart:* User Timing measures (new option → ECharts finished).',
      budgetMs: 100,
      thirtyDays: { budgetPoints: answers.budget.points.length, burnSeries: answers.burnWindow.series.length, burnPointsPerSeries: 721, budgetChart: window.budget, burnChart: window.burn },
      day: { burnSeries: answers.burnDay.series.length, burnPointsPerSeries: 721, burnChart: day.burn },
      list500: { dataToTableMs: stats(listRuns) },
      echartsOnly: { burn5x721: lib5, burn7x721: lib7 },
      loadAverage: loadavg().map((l) => +l.toFixed(2)),
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
