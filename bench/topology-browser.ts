/**
 * Topology map figures for issue #3 measured in the browser: the REAL built page (`next start` on a
 * free port, started and stopped here; needs `.next` from `npx next build`) in Debian's headless
 * Chromium through playwright-core, with generated fleets (lib/topology/fleet-generator.ts, with
 * plausible rates and health) served to the page by intercepting GET /api/v1/topology (page.route).
 * The BFF side (PromQL, enrichment) is benchmarked separately (bench/run.ts, server/topology tests):
 * this measures the browser only, from navigation to what the user sees.
 *
 * Figures (ms from navigation start, performance.now() in the page, checked once per animation frame;
 * also from the moment the topology response had arrived, resource timing's responseEnd):
 *  - 1,000 services: "interactive" = the map's canvas is on the page and its accessible name reports
 *    the counts, i.e. the worker's first answer (overview or full layout) is painted and clickable;
 *    "all groups laid out" = the name reports no collapsed group and the map is no longer busy.
 *  - 5,000 services: the collapsed overview interactive; expanding one group (a click on a group node,
 *    to the map no longer busy); "Expand all" (click to not busy).
 *  - Pan frame rate: requestAnimationFrame count during a scripted 2 s mouse drag, with the 1,000 and
 *    the 5,000 services expanded, with and without the roam thinning (TopologyGraph); as a ratio of
 *    the same browser's rAF rate on an empty page measured in this run (noisy machines compare fairly).
 *
 * Run alone: tsx bench/topology-browser.ts (writes bench/results/topology-browser-latest.json);
 * npm run bench runs it last and puts it under "topologyBrowser" in bench/results/latest.json.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NAME_SHIM, freePort, startNext, stopNext } from './next-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { generateFleet, mulberry32 } from '@/lib/topology/fleet-generator';
import { edgeId, type TopologyEdge, type TopologyNode, type TopologyResponse } from '@/lib/schemas/topology';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const log = (msg: string) => process.stderr.write(`[topology-browser] ${msg}\n`);
const r1 = (v: number) => +v.toFixed(1);

/** A generated fleet as the BFF would answer it, grouped by team. */
export function fleetResponse(services: number, seed = 42): TopologyResponse {
  const fleet = generateFleet({ services, seed });
  const rnd = mulberry32(seed);
  const health = (err: number, p95: number) => (err > 0.05 || p95 > 1 ? 'critical' : err > 0.01 || p95 > 0.5 ? 'warning' : 'healthy');
  const nodes: TopologyNode[] = fleet.nodes.map((n) => {
    const rps = +(Math.exp(rnd() * 7) - 1).toFixed(2);
    const errorRatio = rnd() < 0.9 ? rnd() * 0.005 : rnd() * 0.1;
    const p95 = 0.01 + rnd() * (rnd() < 0.95 ? 0.3 : 1.5);
    return {
      id: n.id,
      kind: 'service',
      group: `team-${n.group}`,
      instances: 1 + Math.floor(rnd() * 4),
      inRegistry: true,
      inMetrics: true,
      rps,
      errorRatio,
      p50: p95 / 3,
      p95,
      p99: p95 * 1.5,
      health: rps === 0 ? 'idle' : health(errorRatio, p95),
    };
  });
  const edges: TopologyEdge[] = fleet.edges.map((e) => {
    const rps = +(Math.exp(rnd() * 5) - 1).toFixed(2);
    const errorRatio = rnd() < 0.92 ? rnd() * 0.005 : rnd() * 0.1;
    const p95 = 0.005 + rnd() * 0.4;
    const traffic = rnd() > 0.03;
    return {
      id: edgeId(e.source, e.target),
      source: e.source,
      target: e.target,
      traffic,
      rps: traffic ? rps : 0,
      errorRatio: traffic ? errorRatio : null,
      p50: traffic ? p95 / 3 : null,
      p95: traffic ? p95 : null,
      p99: traffic ? p95 * 1.5 : null,
      health: traffic ? health(errorRatio, p95) : 'idle',
    };
  });
  const endMs = Date.now();
  return { nodes, edges, groupBy: 'team', window: { startMs: endMs - 15 * 60_000, endMs }, errors: [] } as TopologyResponse;
}



const MAP = '[role="img"][aria-label^="Service topology:"]';

/** ms since navigation at the first animation frame where `pred(label, busy)` holds for the map with a canvas. */
async function waitMap(page: Page, pattern: string, timeoutMs = 30_000): Promise<number> {
  const handle = await page.waitForFunction(
    ({ sel, pattern: p }) => {
      const el = document.querySelector(sel);
      if (!el || !el.querySelector('canvas')) return false;
      const label = el.getAttribute('aria-label') ?? '';
      const busy = el.closest('[aria-busy]')?.getAttribute('aria-busy') === 'true';
      const ok = p === 'interactive' ? true : p === 'done' ? !busy && !label.includes('collapsed') : !busy && new RegExp(p).test(label);
      return ok ? performance.now() : false;
    },
    { sel: MAP, pattern },
    { polling: 'raf', timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as number;
}

/** ms since navigation when the topology response had fully arrived (resource timing). */
async function dataArrived(page: Page): Promise<number> {
  return page.evaluate(() => {
    const e = performance.getEntriesByType('resource').find((r) => r.name.includes('/api/v1/topology'));
    return e ? (e as PerformanceResourceTiming).responseEnd : NaN;
  });
}

async function mapBox(page: Page) {
  const box = await page.locator(`${MAP} canvas`).first().boundingBox();
  if (!box) throw new Error('no map canvas');
  return box;
}

/** rAF frames per second while a drag runs over the map (or, with no map, over the page). */
async function dragFps(page: Page, durationMs = 2000): Promise<{ fps: number; worstFrameMs: number }> {
  const box = (await page.locator(`${MAP} canvas`).count()) ? await mapBox(page) : { x: 100, y: 100, width: 600, height: 400 };
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __rafOn: boolean };
    w.__frames = [];
    w.__rafOn = true;
    const tick = (t: number) => {
      w.__frames.push(t);
      if (w.__rafOn) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const t0 = Date.now();
  let i = 0;
  while (Date.now() - t0 < durationMs) {
    const a = (i++ / 30) * Math.PI;
    await page.mouse.move(cx + Math.cos(a) * 150, cy + Math.sin(a) * 80);
    await new Promise((r) => setTimeout(r, 8));
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __rafOn: boolean };
    w.__rafOn = false;
    return w.__frames;
  });
  const span = frames[frames.length - 1]! - frames[0]!;
  let worst = 0;
  for (let k = 1; k < frames.length; k++) worst = Math.max(worst, frames[k]! - frames[k - 1]!);
  return { fps: r1(((frames.length - 1) * 1000) / span), worstFrameMs: r1(worst) };
}

async function panBoth(page: Page, baseline: number) {
  await page.evaluate(() => ((window as { switchyardRoamThinning?: boolean }).switchyardRoamThinning = false));
  const before = await dragFps(page);
  await page.waitForTimeout(400);
  await page.evaluate(() => ((window as { switchyardRoamThinning?: boolean }).switchyardRoamThinning = true));
  const after = await dragFps(page);
  await page.waitForTimeout(400);
  return {
    withoutThinning: { ...before, ofBaseline: +(before.fps / baseline).toFixed(2) },
    withThinning: { ...after, ofBaseline: +(after.fps / baseline).toFixed(2) },
  };
}

/** Finds a collapsed group's node by hovering over the map until the tooltip offers to expand one. */
async function findGroupNode(page: Page): Promise<{ x: number; y: number }> {
  const box = await mapBox(page);
  for (let gy = 0.5; gy > 0.05; gy -= 0.05)
    for (const sy of [gy, 1 - gy])
      for (let fx = 0.1; fx < 0.95; fx += 0.03) {
        const x = box.x + box.width * fx;
        const y = box.y + box.height * sy;
        await page.mouse.move(x, y);
        await page.waitForTimeout(40);
        const offered = await page.evaluate(() =>
          [...document.querySelectorAll('div')].some((d) => d.children.length <= 8 && d.innerHTML.includes('click to expand') && getComputedStyle(d).visibility !== 'hidden' && getComputedStyle(d).opacity !== '0' && getComputedStyle(d).display !== 'none'),
        );
        if (offered) return { x, y };
      }
  throw new Error('no group node found on the overview');
}

async function open(browser: Browser, baseUrl: string, body: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(NAME_SHIM);
  const page = await context.newPage();
  await page.route('**/api/v1/topology**', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  const t0 = Date.now();
  await page.goto(`${baseUrl}/topology?groupBy=team`, { waitUntil: 'commit' });
  return { context, page, t0 };
}

export async function runTopologyBrowserBench(): Promise<Record<string, unknown>> {
  if (!existsSync(join(ROOT, '.next/BUILD_ID'))) {
    const msg = 'skipped: no .next build (run `npx next build` first)';
    log(msg);
    return { skipped: msg };
  }
  if (!existsSync(CHROMIUM)) return { skipped: `skipped: no Chromium at ${CHROMIUM}` };
  const started = Date.now();
  const port = await freePort();
  log(`next start on ${port}`);
  const next = await startNext(port, '/topology');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    // Baseline: the same browser's frame rate on an empty page during the same drag.
    const blank = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await blank.setContent('<html><body style="margin:0;height:100vh"></body></html>');
    await blank.evaluate(NAME_SHIM);
    const baseline = (await dragFps(blank)).fps;
    await blank.close();
    log(`baseline rAF ${baseline} fps`);

    // Warm Next's server and the browser's cache of the page's chunks once, as a returning user has.
    const warm = await open(browser, baseUrl, JSON.stringify(fleetResponse(60)));
    await waitMap(warm.page, 'done');
    await warm.context.close();

    const body1000 = JSON.stringify(fleetResponse(1000));
    const s1 = await open(browser, baseUrl, body1000);
    const interactive1000 = await waitMap(s1.page, 'interactive');
    const done1000 = await waitMap(s1.page, 'done');
    const label1000 = await s1.page.locator(MAP).getAttribute('aria-label');
    const data1000 = await dataArrived(s1.page);
    log(`1,000: interactive ${r1(interactive1000)} ms, all groups ${r1(done1000)} ms`);
    await s1.page.waitForTimeout(300);
    const pan1000 = await panBoth(s1.page, baseline);
    await s1.context.close();

    const body5000 = JSON.stringify(fleetResponse(5000));
    const s5 = await open(browser, baseUrl, body5000);
    const overview5000 = await waitMap(s5.page, 'interactive');
    const label5000 = (await s5.page.locator(MAP).getAttribute('aria-label')) ?? '';
    const data5000 = await dataArrived(s5.page);
    const groups = Number(/(\d+) groups collapsed/.exec(label5000)?.[1] ?? NaN);
    log(`5,000: overview ${r1(overview5000)} ms (${label5000})`);
    // Let the background preparation run a while (a user reads the overview first), then expand one.
    await waitMap(s5.page, '.', 30_000);
    await s5.page.waitForTimeout(1500);
    const node = await findGroupNode(s5.page);
    const c0 = await s5.page.evaluate(() => performance.now());
    await s5.page.mouse.click(node.x, node.y);
    const expandOne = (await waitMap(s5.page, `; ${groups - 1} groups collapsed`)) - c0;
    log(`5,000: expand one group ${r1(expandOne)} ms`);
    const e0 = await s5.page.evaluate(() => performance.now());
    await s5.page.getByRole('button', { name: 'Expand all' }).click();
    const expandAll = (await waitMap(s5.page, 'done', 60_000)) - e0;
    log(`5,000: expand all ${r1(expandAll)} ms`);
    await s5.page.waitForTimeout(500);
    const pan5000 = await panBoth(s5.page, baseline);
    await s5.context.close();

    return {
      date: new Date().toISOString(),
      note: 'Browser only (the topology API is intercepted with generated fleets); ms from navigation start unless stated.',
      baselineRafFps: baseline,
      services1000: {
        label: label1000,
        dataArrivedMs: r1(data1000),
        interactiveMs: r1(interactive1000),
        allGroupsLaidOutMs: r1(done1000),
        dataToInteractiveMs: r1(interactive1000 - data1000),
        dataToAllGroupsMs: r1(done1000 - data1000),
        budgetMs: 2000,
        panFps: pan1000,
        panBudgetFps: 50,
      },
      services5000: {
        label: label5000,
        dataArrivedMs: r1(data5000),
        overviewInteractiveMs: r1(overview5000),
        dataToOverviewMs: r1(overview5000 - data5000),
        overviewBudgetMs: 1000,
        expandOneGroupMs: r1(expandOne),
        expandOneBudgetMs: 300,
        expandAllMs: r1(expandAll),
        panFps: pan5000,
        panBudgetFps: 30,
      },
      wallMs: Date.now() - started,
    };
  } finally {
    await browser.close();
    stopNext(next);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runTopologyBrowserBench()
    .then((result) => {
      console.log(JSON.stringify(result, null, 2));
      mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
      writeFileSync(join(ROOT, 'bench/results/topology-browser-latest.json'), JSON.stringify(result, null, 2));
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
