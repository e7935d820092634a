/**
 * Topology layout figures for issue #3, from lib/topology/layout.ts with a real elkjs on generated
 * fleets (lib/topology/fleet-generator.ts, the calibration's generator). Each scenario runs in a fresh
 * Node process (bench/topology-session.ts) so ELK starts cold, like a page's new Web Worker.
 * Budgets are reported as figures and ratios, never asserted: wall time on a shared machine is noisy,
 * which is also why the flat-layout baseline runs in the same bench (calibration: ~4 s B5, ~10 s
 * default at 1,000 services) and the group-wise layout is reported as a ratio of it.
 *
 * Run alone: tsx bench/topology.ts (writes bench/results/topology-latest.json); npm run bench runs it
 * after the services-view figures and puts it under "topology" in bench/results/latest.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');

/* eslint-disable @typescript-eslint/no-explicit-any -- session JSON is read back field by field below. */
function session(name: string): any {
  const t0 = performance.now();
  const out = execFileSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'bench/topology-session.ts'), name], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const result = JSON.parse(out);
  result.processWallMs = Math.round(performance.now() - t0);
  return result;
}

const r1 = (v: number) => +v.toFixed(1);
const budget = (what: string, ms: number, budgetMs: number, note?: string) => ({ what, ms: r1(ms), budgetMs, ofBudget: +(ms / budgetMs).toFixed(2), ...(note ? { note } : {}) });

export async function runTopologyBench() {
  const flat = session('flat1000');
  const n1000 = session('n1000');
  const warmed = session('warm1000');
  const n5000 = session('n5000');
  const chosen = n1000.stability.find((s: any) => s.stability === n1000.defaultStability);
  const fresh = n1000.stability.find((s: any) => s.stability === 'none');
  return {
    budgets: [
      budget('1,000 services / ~3,000 edges: cold layout of all groups (layout part of data → interactive)', n1000.cold.totalMs, 2000, `+ ${n1000.elkLoadMs} ms to load elk.bundled.js`),
      budget('1,000: re-layout with the shape unchanged (live refresh, cache)', n1000.warmUnchangedShape.medianTotalMs, 500),
      budget('5,000 services / ~15,000 edges: collapsed-groups overview, cold ELK', n5000.overviewCold.totalMs, 1000, `+ ${n5000.elkLoadMs} ms to load elk.bundled.js`),
      budget('5,000: every group laid out in the background after the overview', n5000.allGroupsInBackground.totalMs, 5000),
      budget('5,000: expanding one group not laid out yet, cache warm (median of 10)', n5000.expandOneGroup.medianMs, 300, `max ${n5000.expandOneGroup.maxMs} ms; first (largest group, ${n5000.expandOneGroup.firstGroupSize} services) ${n5000.expandOneGroup.firstMs} ms`),
    ],
    warmUpBeforeData: {
      warmUpMs: warmed.warmUpMs,
      coldLayoutAfterWarmUpMs: warmed.layoutAfterWarmUpMs,
      coldLayoutWithoutMs: r1(n1000.cold.totalMs),
    },
    baseline: {
      flatB5LayoutMs: flat.flatB5Ms,
      groupwiseColdLayoutMs: r1(n1000.cold.totalMs),
      groupwiseOverFlat: +(n1000.cold.totalMs / flat.flatB5Ms).toFixed(3),
      flatExtentPx: flat.extentPx,
      groupwiseExtentPx: n1000.cold.extentPx,
    },
    displacementOnAddingOneService: {
      strategy: n1000.defaultStability,
      meanPx: chosen.meanDisplacementPx,
      maxPx: chosen.maxDisplacementPx,
      meanOfLayoutDiagonal: chosen.meanDisplacementOfDiagonal,
      changedGroupMeanPx: chosen.changedGroupMeanDisplacementPx,
      changedGroupMeanOfGroupDiagonal: chosen.changedGroupMeanDisplacementOfGroupDiagonal,
      changesThatMovedNoOtherGroupPct: chosen.changesThatMovedNoOtherGroupPct,
      freshLayoutForComparison: { meanPx: fresh.meanDisplacementPx, maxPx: fresh.maxDisplacementPx, changedGroupMeanPx: fresh.changedGroupMeanDisplacementPx },
      whenTheServiceAlsoCallsAnotherGroup: {
        meanPx: n1000.stabilityWithCrossGroupCall.meanDisplacementPx,
        maxPx: n1000.stabilityWithCrossGroupCall.maxDisplacementPx,
        changesThatMovedNoOtherGroupPct: n1000.stabilityWithCrossGroupCall.changesThatMovedNoOtherGroupPct,
      },
    },
    sessions: { n1000, warm1000: warmed, n5000, flat1000: flat },
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runTopologyBench().then(
    (result) => {
      const out = { date: new Date().toISOString(), topology: result };
      console.log(JSON.stringify(out, null, 2));
      mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
      writeFileSync(join(ROOT, 'bench/results/topology-latest.json'), JSON.stringify(out, null, 2));
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
