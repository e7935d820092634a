import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { generateFleet, type Fleet } from './fleet-generator';
import { createLayoutCache, layoutGraph, layoutOverview, pendingGroups, prepareGroups, UNGROUPED_KEY } from './layout';
import { NODE_BOX, toLayoutInput } from './layout-input';
import { countOverlaps, displacement, forwardShare, nodeBoxes } from './layout-metrics';
import type { LayoutInput, LayoutResult } from './layout-types';
import { COLLAPSED_BOX } from './overview-placement';

// One real ELK for the file; ~250 services in 7 groups keeps the file at a few seconds.
const elk = new ELK();
const fleet = generateFleet({ services: 250, seed: 5 });
const input = toLayoutInput(fleet);
const groupIds = fleet.groups.map((g) => g.id);
const groupOf = new Map(fleet.nodes.map((n) => [n.id, n.group]));

function shuffled<T>(xs: readonly T[]): T[] {
  // Deterministic reversal + interleave: a different order without randomness in tests.
  const r = [...xs].reverse();
  return [...r.filter((_, i) => i % 2 === 0), ...r.filter((_, i) => i % 2 === 1)];
}

/** One more service in `group`: called by its first member, calling its last one. */
function withAddedService(f: Fleet, group: string, name: string): LayoutInput {
  const members = f.groups.find((g) => g.id === group)!.members;
  const base = toLayoutInput(f);
  return {
    ...base,
    nodes: [...base.nodes, { id: name, group, ...NODE_BOX }],
    edges: [...base.edges, { id: `${name}-in`, source: members[0]!, target: name }, { id: `${name}-out`, source: name, target: members[members.length - 1]! }],
  };
}

function expectSound(result: LayoutResult, expanded: ReadonlySet<string>) {
  const want = fleet.nodes.filter((n) => expanded.has(n.group)).map((n) => n.id);
  expect(Object.keys(result.positions).sort()).toEqual(want.sort());
  expect(countOverlaps(nodeBoxes(result.positions, () => NODE_BOX))).toBe(0);
  expect(countOverlaps(result.groups)).toBe(0);
  const boxes = new Map(result.groups.map((g) => [g.group, g]));
  expect(result.groups.map((g) => g.group).sort()).toEqual([...groupIds].sort());
  for (const [id, p] of Object.entries(result.positions)) {
    const b = boxes.get(groupOf.get(id)!)!;
    expect(p.x - NODE_BOX.width / 2).toBeGreaterThanOrEqual(b.x);
    expect(p.x + NODE_BOX.width / 2).toBeLessThanOrEqual(b.x + b.width);
    expect(p.y - NODE_BOX.height / 2).toBeGreaterThanOrEqual(b.y);
    expect(p.y + NODE_BOX.height / 2).toBeLessThanOrEqual(b.y + b.height);
  }
}

describe('layoutGraph', () => {
  it('positions every node once, inside its group box, with no overlaps and edges pointing right', async () => {
    const r = await layoutGraph(input, elk);
    expectSound(r, new Set(groupIds));
    expect(r.timings).toMatchObject({ groupsLaidOut: groupIds.length, groupsFromCache: 0 });
    expect(r.timings.totalMs).toBeGreaterThanOrEqual(r.timings.groupsMs);
    for (const g of r.groups) expect(g).toMatchObject({ collapsed: false, size: fleet.groups.find((x) => x.id === g.group)!.members.length });
    const intra = fleet.edges.filter((e) => e.kind === 'intra');
    expect(forwardShare(r.positions, intra)).toBeGreaterThanOrEqual(0.95);
  });

  it('gives collapsed groups a box and no member positions', async () => {
    const collapsed = [groupIds[0]!, groupIds[2]!];
    const r = await layoutGraph({ ...input, collapsed }, elk);
    expectSound(r, new Set(groupIds.filter((g) => !collapsed.includes(g))));
    for (const g of r.groups.filter((x) => collapsed.includes(x.group!))) expect(g).toMatchObject({ collapsed: true, ...COLLAPSED_BOX });
  });

  it('does not depend on the order of nodes and edges', async () => {
    const a = await layoutGraph(input, elk);
    const b = await layoutGraph({ nodes: shuffled(input.nodes), edges: shuffled(input.edges) }, elk);
    expect(b.positions).toEqual(a.positions);
    expect(b.groups).toEqual(a.groups);
  });

  it('re-lays nothing for the same shape and exactly the changed group for one new service', async () => {
    const cache = createLayoutCache();
    const first = await layoutGraph(input, elk, cache);
    const again = await layoutGraph({ nodes: shuffled(input.nodes), edges: shuffled(input.edges) }, elk, cache);
    expect(again.timings).toMatchObject({ groupsLaidOut: 0, groupsFromCache: groupIds.length });
    expect(again.positions).toEqual(first.positions);

    const changed = groupIds[3]!;
    const grown = await layoutGraph(withAddedService(fleet, changed, 'new-svc'), elk, cache);
    expect(grown.timings).toMatchObject({ groupsLaidOut: 1, groupsFromCache: groupIds.length - 1 });
    expect(grown.positions['new-svc']).toBeDefined();
    // Every node outside the changed group stays exactly where it was.
    for (const [id, p] of Object.entries(first.positions)) if (groupOf.get(id) !== changed) expect(grown.positions[id]).toEqual(p);
    // Inside it, the others move little: seeded with their previous layers, order and heights.
    const members = Object.fromEntries(Object.entries(first.positions).filter(([id]) => groupOf.get(id) === changed));
    const box = first.groups.find((g) => g.group === changed)!;
    expect(displacement(members, grown.positions).mean).toBeLessThan(0.1 * Math.hypot(box.width, box.height));
    expect(countOverlaps(nodeBoxes(grown.positions, () => NODE_BOX))).toBe(0);
    expect(countOverlaps(grown.groups)).toBe(0);
  });

  it('ignores self-loops, duplicate nodes and edges to unknown nodes', async () => {
    const cache = createLayoutCache();
    const clean = await layoutGraph(input, elk, cache);
    const n0 = input.nodes[0]!;
    const noisy: LayoutInput = {
      nodes: [...input.nodes, { ...n0 }],
      edges: [...input.edges, { id: 'loop', source: n0.id, target: n0.id }, { id: 'ghost', source: n0.id, target: 'nowhere' }, { ...input.edges[0]!, id: 'dup' }],
    };
    const r = await layoutGraph(noisy, elk, cache);
    expect(r.timings.groupsLaidOut).toBe(0);
    expect(r.positions).toEqual(clean.positions);
  });

  it('lays out the ungrouped bucket without calls as a grid, and can collapse it', async () => {
    const externals = ['ext-a', 'ext-b', 'ext-c', 'ext-d', 'ext-e'];
    const small: LayoutInput = { nodes: externals.map((id) => ({ id, group: null, ...NODE_BOX })), edges: [] };
    const r = await layoutGraph(small, elk);
    expect(Object.keys(r.positions).sort()).toEqual(externals);
    expect(countOverlaps(nodeBoxes(r.positions, () => NODE_BOX))).toBe(0);
    expect(r.groups).toEqual([expect.objectContaining({ group: null, collapsed: false, size: 5 })]);
    const c = await layoutGraph({ ...small, collapsed: [UNGROUPED_KEY] }, elk);
    expect(c.positions).toEqual({});
    expect(c.groups).toEqual([expect.objectContaining({ group: null, collapsed: true })]);
    expect(await layoutGraph({ nodes: [], edges: [] }, elk)).toMatchObject({ positions: {}, groups: [] });
  });

  it('stops between groups when aborted', async () => {
    const ctl = new AbortController();
    ctl.abort(new Error('superseded'));
    await expect(layoutGraph(input, elk, createLayoutCache(), { signal: ctl.signal })).rejects.toThrow('superseded');
  });
});

describe('pendingGroups', () => {
  it('counts expanded groups whose shape is not cached, and their members', async () => {
    const cache = createLayoutCache();
    expect(pendingGroups(input, cache)).toEqual({ groups: groupIds.length, nodes: fleet.nodes.length });
    const first = groupIds[0]!;
    const rest = groupIds.slice(1);
    expect(pendingGroups({ ...input, collapsed: rest }, cache)).toEqual({ groups: 1, nodes: fleet.groups[0]!.members.length });
    await prepareGroups(input, elk, cache, [first]);
    expect(pendingGroups({ ...input, collapsed: rest }, cache)).toEqual({ groups: 0, nodes: 0 });
    expect(pendingGroups(input, cache).groups).toBe(groupIds.length - 1);
    // The overview (everything collapsed) needs no ELK call at all.
    const refuse = { layout: () => Promise.reject(new Error('no ELK call expected')) };
    const overview = await layoutOverview(input, refuse, createLayoutCache());
    expect(overview.groups.every((g) => g.collapsed)).toBe(true);
  });
});

describe('layoutOverview', () => {
  it('shows every group collapsed without laying any out, then expands one group for the cost of one', async () => {
    const cache = createLayoutCache();
    const overview = await layoutOverview(input, elk, cache);
    expect(overview.positions).toEqual({});
    expect(overview.groups.map((g) => g.group).sort()).toEqual([...groupIds].sort());
    expect(overview.groups.every((g) => g.collapsed)).toBe(true);
    expect(countOverlaps(overview.groups)).toBe(0);
    expect(overview.timings.groupsLaidOut).toBe(0);

    const open = groupIds[1]!;
    const expanded = await layoutGraph({ ...input, collapsed: groupIds.filter((g) => g !== open) }, elk, cache);
    expect(expanded.timings.groupsLaidOut).toBe(1);
    expectSound(expanded, new Set([open]));

    const progress: number[] = [];
    const prepared = await prepareGroups(input, elk, cache, undefined, { onGroup: (done) => progress.push(done) });
    expect(prepared).toMatchObject({ laidOut: groupIds.length - 1, fromCache: 1 });
    expect(progress).toEqual(groupIds.slice(1).map((_, i) => i + 1));
    const all = await layoutGraph(input, elk, cache);
    expect(all.timings.groupsLaidOut).toBe(0);
    expectSound(all, new Set(groupIds));
  });
});
