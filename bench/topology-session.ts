/**
 * One layout "session" of the topology bench, run in its own Node process so that ELK starts cold,
 * as it does in a freshly opened page's Web Worker. Usage: tsx bench/topology-session.ts <scenario>;
 * prints one JSON object on stdout, progress on stderr. Scenarios:
 *   n1000      1,000 services: cold layout of all groups, warm re-layout, quality, stability strategies
 *   n5000      5,000 services: collapsed overview, expanding groups, all groups in the background
 *   warm1000   the same cold layout after warmUp() (what the worker can do while the data loads)
 *   flat1000   the baseline: one flat layered layout (calibration set B5) of the same 1,000 services
 */
import type { StabilityStrategy } from '@/lib/topology/elk-options';
import { GROUP_LAYOUT_OPTIONS, STABILITY_OPTIONS } from '@/lib/topology/elk-options';
import { generateFleet, mulberry32, type Fleet } from '@/lib/topology/fleet-generator';
import { createLayoutCache, layoutGraph, layoutOverview, prepareGroups, warmUp, DEFAULT_STABILITY } from '@/lib/topology/layout';
import { NODE_BOX, toLayoutInput } from '@/lib/topology/layout-input';
import { countOverlaps, displacement, extent, forwardShare, nodeBoxes } from '@/lib/topology/layout-metrics';
import type { ElkLike, LayoutInput, LayoutResult } from '@/lib/topology/layout-types';

const SEED = 42;
const round = (v: number, d = 1) => +v.toFixed(d);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const log = (msg: string) => process.stderr.write(`[topology ${process.argv[2]}] ${msg}\n`);

async function loadElk(): Promise<{ elk: ElkLike; loadMs: number }> {
  const t0 = performance.now();
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  return { elk, loadMs: round(performance.now() - t0) };
}

function quality(fleet: Fleet, result: LayoutResult) {
  const nonBackIntra = fleet.edges.filter((e) => e.kind === 'intra');
  const nodes = nodeBoxes(result.positions, () => NODE_BOX);
  const size = extent(result);
  return {
    positioned: Object.keys(result.positions).length,
    nodeOverlaps: countOverlaps(nodes),
    groupBoxOverlaps: countOverlaps(result.groups),
    intraForwardPct: round(100 * forwardShare(result.positions, nonBackIntra), 2),
    extentPx: { width: Math.round(size.width), height: Math.round(size.height) },
  };
}

/**
 * Adds one service to a group as the calibration did: 1 call in from an earlier tier, 2 calls out;
 * with `crossCall`, also a call to a service of another group (often a group pair with no call yet).
 */
function addService(fleet: Fleet, groupId: string, name: string, rnd: () => number, crossCall = false): Fleet {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const group = fleet.groups.find((g) => g.id === groupId)!;
  const members = fleet.nodes.filter((n) => n.group === groupId);
  const caller = pick(members.filter((n) => n.tier < group.tiers - 1));
  const callees = members.filter((n) => n.tier > caller.tier);
  const a = pick(callees);
  const b = pick(callees);
  const edges = [
    ...fleet.edges,
    { source: caller.id, target: name, kind: 'intra' as const },
    { source: name, target: a.id, kind: 'intra' as const },
    ...(b.id !== a.id ? [{ source: name, target: b.id, kind: 'intra' as const }] : []),
  ];
  if (crossCall) edges.push({ source: name, target: pick(fleet.nodes.filter((n) => n.group !== groupId)).id, kind: 'cross' });
  return {
    nodes: [...fleet.nodes, { id: name, group: groupId, tier: caller.tier + 1 }],
    edges,
    groups: fleet.groups.map((g) => (g.id === groupId ? { ...g, members: [...g.members, name] } : g)),
  };
}

/**
 * Adds one service to each group in turn (cumulative, as a growing fleet would) and measures how far
 * the nodes that were already there move, with one stability strategy.
 */
async function stabilityRun(elk: ElkLike, start: Fleet, stability: StabilityStrategy, crossCall = false) {
  const cache = createLayoutCache();
  let fleet = start;
  let before = await layoutGraph(toLayoutInput(fleet), elk, cache, { stability });
  const rnd = mulberry32(SEED);
  const trials: Array<{ ms: number; laidOut: number; meanAll: number; maxAll: number; meanGroup: number; groupDiag: number; otherGroupsMoved: number }> = [];
  for (const group of start.groups) {
    fleet = addService(fleet, group.id, `added-${group.id}`, rnd, crossCall);
    const after = await layoutGraph(toLayoutInput(fleet), elk, cache, { stability });
    const all = displacement(before.positions, after.positions);
    const inGroup: Record<string, { x: number; y: number }> = {};
    for (const id of group.members) if (before.positions[id]) inGroup[id] = before.positions[id];
    const box = before.groups.find((g) => g.group === group.id)!;
    const otherGroupsMoved = before.groups.filter((g) => {
      const h = after.groups.find((a) => a.group === g.group);
      return g.group !== group.id && (!h || h.x !== g.x || h.y !== g.y);
    }).length;
    trials.push({
      ms: after.timings.totalMs,
      laidOut: after.timings.groupsLaidOut,
      meanAll: all.mean,
      maxAll: all.max,
      meanGroup: displacement(inGroup, after.positions).mean,
      groupDiag: Math.hypot(box.width, box.height),
      otherGroupsMoved,
    });
    before = after;
  }
  const diag = extent(before).diagonal;
  const mean = (f: (t: (typeof trials)[number]) => number) => trials.reduce((a, t) => a + f(t), 0) / trials.length;
  return {
    stability,
    ...(crossCall ? { withCallToAnotherGroup: true } : {}),
    trials: trials.length,
    relayoutMedianMs: round(median(trials.map((t) => t.ms))),
    groupsLaidOutPerChange: round(mean((t) => t.laidOut), 2),
    meanDisplacementPx: round(mean((t) => t.meanAll)),
    maxDisplacementPx: round(Math.max(...trials.map((t) => t.maxAll))),
    meanDisplacementOfDiagonal: round(mean((t) => t.meanAll) / diag, 5),
    changedGroupMeanDisplacementPx: round(mean((t) => t.meanGroup)),
    changedGroupMeanDisplacementOfGroupDiagonal: round(mean((t) => t.meanGroup / t.groupDiag), 4),
    changesThatMovedNoOtherGroupPct: round((100 * trials.filter((t) => t.otherGroupsMoved === 0).length) / trials.length),
    layoutDiagonalPx: Math.round(diag),
  };
}

async function n1000() {
  const { elk, loadMs } = await loadElk();
  const fleet = generateFleet({ services: 1000, seed: SEED });
  const cache = createLayoutCache();
  log('cold layout');
  const cold = await layoutGraph(toLayoutInput(fleet), elk, cache);
  log('warm re-layouts');
  const warm: LayoutResult[] = [];
  // A live refresh: a new response object with the same shape (only rates would differ).
  for (let i = 0; i < 5; i++) warm.push(await layoutGraph(toLayoutInput(fleet), elk, cache));
  const stability = [];
  for (const s of Object.keys(STABILITY_OPTIONS) as StabilityStrategy[]) {
    log(`stability ${s}`);
    stability.push(await stabilityRun(elk, fleet, s));
  }
  log('stability with a new cross-group call');
  const crossCall = await stabilityRun(elk, fleet, DEFAULT_STABILITY, true);
  return {
    services: fleet.nodes.length,
    edges: fleet.edges.length,
    groups: fleet.groups.length,
    elkLoadMs: loadMs,
    cold: { ...cold.timings, ...quality(fleet, cold) },
    warmUnchangedShape: {
      medianTotalMs: round(median(warm.map((w) => w.timings.totalMs)), 2),
      groupsLaidOut: Math.max(...warm.map((w) => w.timings.groupsLaidOut)),
      identicalPositions: warm.every((w) => displacement(cold.positions, w.positions).max === 0),
    },
    defaultStability: DEFAULT_STABILITY,
    stability,
    stabilityWithCrossGroupCall: crossCall,
  };
}

async function n5000() {
  const { elk, loadMs } = await loadElk();
  const fleet = generateFleet({ services: 5000, seed: SEED });
  const input = toLayoutInput(fleet);
  const cache = createLayoutCache();
  log('overview');
  const overview = await layoutOverview(input, elk, cache);
  const allGroups = fleet.groups.map((g) => g.id);
  const expandOne = (id: string): LayoutInput => ({ ...input, collapsed: allGroups.filter((g) => g !== id) });
  // Largest group first (the costliest expand), then nine others spread over the fleet.
  const bySize = [...fleet.groups].sort((a, b) => b.members.length - a.members.length);
  const targets = [bySize[0]!.id, ...Array.from({ length: 9 }, (_, i) => fleet.groups[Math.floor(((i + 0.5) * fleet.groups.length) / 9)]!.id)];
  log('expanding groups');
  const expands: LayoutResult[] = [];
  for (const id of targets) expands.push(await layoutGraph(expandOne(id), elk, cache));
  log('all groups in the background');
  const t0 = performance.now();
  const prepared = await prepareGroups(input, elk, cache);
  const full = await layoutGraph(input, elk, cache);
  const backgroundMs = performance.now() - t0;
  const expandCached = await layoutGraph(expandOne(targets[1]!), elk, cache);
  log('all groups from an empty cache');
  const fresh = await layoutGraph(input, elk, createLayoutCache());
  const ov = extent(overview);
  return {
    services: fleet.nodes.length,
    edges: fleet.edges.length,
    groups: fleet.groups.length,
    elkLoadMs: loadMs,
    overviewCold: { ...overview.timings, groupBoxOverlaps: countOverlaps(overview.groups), extentPx: { width: ov.width, height: ov.height } },
    expandOneGroup: {
      firstMs: round(expands[0]!.timings.totalMs),
      firstGroupSize: bySize[0]!.members.length,
      medianMs: round(median(expands.map((e) => e.timings.totalMs))),
      maxMs: round(Math.max(...expands.map((e) => e.timings.totalMs))),
      groupsLaidOutEach: Math.max(...expands.map((e) => e.timings.groupsLaidOut)),
      alreadyLaidOutMs: round(expandCached.timings.totalMs, 2),
    },
    allGroupsInBackground: { totalMs: round(backgroundMs), groupsLaidOut: prepared.laidOut, groupLayoutMs: round(prepared.ms), placementMs: round(full.timings.totalMs, 2) },
    allGroupsEmptyCacheWarmJit: { ...fresh.timings, ...quality(fleet, fresh) },
  };
}

async function warm1000() {
  const { elk, loadMs } = await loadElk();
  const t0 = performance.now();
  await warmUp(elk);
  const warmUpMs = performance.now() - t0;
  const r = await layoutGraph(toLayoutInput(generateFleet({ services: 1000, seed: SEED })), elk, createLayoutCache());
  return { elkLoadMs: loadMs, warmUpMs: round(warmUpMs), layoutAfterWarmUpMs: round(r.timings.totalMs) };
}

async function flat1000() {
  const { elk, loadMs } = await loadElk();
  const fleet = generateFleet({ services: 1000, seed: SEED });
  const index = new Map(fleet.nodes.map((n, i) => [n.id, `n${i}`]));
  const { 'elk.padding': _padding, ...options } = GROUP_LAYOUT_OPTIONS;
  const graph = {
    id: 'flat',
    layoutOptions: options,
    children: fleet.nodes.map((n) => ({ id: index.get(n.id)!, ...NODE_BOX })),
    edges: fleet.edges.map((e, i) => ({ id: `e${i}`, sources: [index.get(e.source)!], targets: [index.get(e.target)!] })),
  };
  log('flat B5 layout');
  const t0 = performance.now();
  const out = await elk.layout(graph);
  const ms = performance.now() - t0;
  return { services: fleet.nodes.length, edges: fleet.edges.length, elkLoadMs: loadMs, flatB5Ms: round(ms), extentPx: { width: Math.round(out.width ?? 0), height: Math.round(out.height ?? 0) } };
}

const scenarios: Record<string, () => Promise<unknown>> = { n1000, warm1000, n5000, flat1000 };
const scenario = scenarios[process.argv[2] ?? ''];
if (!scenario) {
  console.error(`usage: tsx bench/topology-session.ts <${Object.keys(scenarios).join('|')}>`);
  process.exit(2);
}
scenario().then(
  (result) => console.log(JSON.stringify(result)),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
