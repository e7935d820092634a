import { describe, expect, it } from 'vitest';
import { generateFleet, mulberry32 } from './fleet-generator';

describe('generateFleet', () => {
  it('is deterministic per seed', () => {
    const a = generateFleet({ services: 500, seed: 3 });
    expect(generateFleet({ services: 500, seed: 3 })).toEqual(a);
    expect(generateFleet({ services: 500, seed: 4 }).edges).not.toEqual(a.edges);
    const r = mulberry32(9);
    const s = mulberry32(9);
    expect([r(), r(), r()]).toEqual([s(), s(), s()]);
  });

  it('reproduces the calibration fleet at N = 1,000 (layout-calibration.md §1)', () => {
    const f = generateFleet({ services: 1000, seed: 42 });
    const kinds = { intra: 0, cross: 0, back: 0 };
    for (const e of f.edges) kinds[e.kind]++;
    expect({ groups: f.groups.length, edges: f.edges.length, ...kinds }).toEqual({ groups: 28, edges: 2997, intra: 2389, cross: 578, back: 30 });
  });

  it.each([200, 1000, 2000])('has the realistic shape at N = %i', (services) => {
    const f = generateFleet({ services, seed: 7 });
    expect(f.nodes).toHaveLength(services);
    const ids = new Set(f.nodes.map((n) => n.id));
    expect(ids.size).toBe(services);
    const groupOf = new Map(f.nodes.map((n) => [n.id, n.group]));

    const ratio = f.edges.length / services;
    expect(ratio).toBeGreaterThan(2.9);
    expect(ratio).toBeLessThanOrEqual(3);
    const cross = f.edges.filter((e) => groupOf.get(e.source) !== groupOf.get(e.target)).length / f.edges.length;
    expect(cross).toBeGreaterThan(0.15);
    expect(cross).toBeLessThan(0.25);
    const back = f.edges.filter((e) => e.kind === 'back').length / f.edges.length;
    expect(back).toBeGreaterThan(0.005);
    expect(back).toBeLessThan(0.015);

    const pairs = new Set<string>();
    for (const e of f.edges) {
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      expect(e.source).not.toBe(e.target);
      pairs.add(`${e.source}>${e.target}`);
    }
    expect(pairs.size).toBe(f.edges.length);

    for (const g of f.groups) {
      expect(g.members.length).toBeGreaterThanOrEqual(10);
      expect(g.members.length).toBeLessThanOrEqual(60);
      expect(g.members.every((m) => groupOf.get(m) === g.id)).toBe(true);
    }
    expect(f.groups.reduce((a, g) => a + g.members.length, 0)).toBe(services);
    // Intra-group calls go to deeper tiers, except the back-edges.
    const tierOf = new Map(f.nodes.map((n) => [n.id, n.tier]));
    for (const e of f.edges.filter((x) => x.kind === 'intra')) expect(tierOf.get(e.target)!).toBeGreaterThan(tierOf.get(e.source)!);
  });
});
