/**
 * A seeded synthetic fleet of realistic shape, for the topology bench and the UI's tests. It is the
 * generator of docs' layout calibration (../shared/reference/layout-calibration.md §1, appendix),
 * ported draw for draw so the same (N, seed) gives the same graph the calibration measured:
 * groups of 10–60 services on 4 levels (frontend 10 %, two domain levels, platform 15 %), 3–5 tiers
 * per group, ~20 % cross-group edges, 1 % back-edges (cycles), E ≈ 3N, call depth ≈ 15 at any N.
 */

export interface FleetNode {
  id: string;
  group: string;
  /** Tier inside the group: 0 = gateways, last = leaf data services. */
  tier: number;
}

export type FleetEdgeKind = 'intra' | 'cross' | 'back';

export interface FleetEdge {
  source: string;
  target: string;
  kind: FleetEdgeKind;
}

export interface FleetGroup {
  id: string;
  kind: 'frontend' | 'domain' | 'platform';
  /** 0 frontend, 1 domain A, 2 domain B, 3 platform: cross-group calls go only to higher levels. */
  level: number;
  tiers: number;
  members: string[];
}

export interface Fleet {
  nodes: FleetNode[];
  edges: FleetEdge[];
  groups: FleetGroup[];
}

export interface FleetOptions {
  services: number;
  seed?: number;
  minGroup?: number;
  maxGroup?: number;
  edgeFactor?: number;
  crossFrac?: number;
  backFrac?: number;
}

export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Group {
  idx: number;
  size: number;
  kind: FleetGroup['kind'];
  level: number;
  T: number;
  tiers: number[][];
  members: number[];
  deps: number[];
}

/** Index access that the generator's own bookkeeping guarantees; throws rather than hide a bug. */
function at<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new Error(`fleet generator: index ${i} out of range ${xs.length}`);
  return x;
}

export function generateFleet(options: FleetOptions): Fleet {
  const { services: N, seed = 1, minGroup = 10, maxGroup = 60, edgeFactor = 3, crossFrac = 0.2, backFrac = 0.01 } = options;
  const rnd = mulberry32(seed * 7919 + N);
  const ri = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
  const pick = <T>(xs: readonly T[]): T => at(xs, Math.floor(rnd() * xs.length));

  const sizes: number[] = [];
  let left = N;
  while (left > 0) {
    let s = ri(minGroup, maxGroup);
    if (s > left) s = left;
    if (left - s > 0 && left - s < minGroup) s = left - minGroup >= minGroup ? left - minGroup : left;
    sizes.push(s);
    left -= s;
  }
  const G = sizes.length;
  const nFront = Math.max(1, Math.round(G * 0.1));
  const nPlat = Math.max(1, Math.round(G * 0.15));
  const groups: Group[] = sizes.map((size, g) => ({
    idx: g,
    size,
    kind: g < nFront ? 'frontend' : g >= G - nPlat ? 'platform' : 'domain',
    level: 0,
    T: ri(3, 5),
    tiers: [],
    members: [],
    deps: [],
  }));

  const nodeGroup: number[] = [];
  const nodeTier: number[] = [];
  for (const grp of groups) {
    const T = Math.min(grp.T, grp.size);
    grp.T = T;
    // Tier weights: ~12 % gateways, ~30 % leaves, the rest spread over the middle tiers.
    const w: number[] = [];
    for (let t = 0; t < T; t++) w.push(t === 0 ? 0.12 : t === T - 1 ? 0.3 : 0.58 / (T - 2 || 1));
    const counts = w.map((x) => Math.max(1, Math.floor(x * grp.size)));
    let sum = counts.reduce((a, b) => a + b, 0);
    let k = 1;
    while (sum < grp.size) {
      const i = 1 + (k++ % Math.max(1, T - 1));
      counts[i] = at(counts, i) + 1;
      sum++;
    }
    while (sum > grp.size) {
      const i = counts.findIndex((c, j) => c > 1 && j > 0);
      counts[i] = at(counts, i) - 1;
      sum--;
    }
    for (let t = 0; t < T; t++) {
      const tier: number[] = [];
      grp.tiers.push(tier);
      for (let i = 0; i < at(counts, t); i++) {
        tier.push(nodeGroup.length);
        nodeGroup.push(grp.idx);
        nodeTier.push(t);
      }
    }
    grp.members = grp.tiers.flat();
  }

  // 4 group levels; cross-group calls only to strictly higher levels, 40 % of them to platform groups.
  const nA = Math.round((G - nFront - nPlat) * 0.45);
  for (const g of groups) g.level = g.kind === 'frontend' ? 0 : g.kind === 'platform' ? 3 : g.idx < nFront + nA ? 1 : 2;
  for (const grp of groups) {
    const cand = groups.filter((h) => h.level > grp.level);
    if (!cand.length) continue;
    const plat = cand.filter((c) => c.kind === 'platform');
    const other = cand.filter((c) => c.kind !== 'platform');
    const nd = Math.min(cand.length, ri(2, 5));
    const set = new Set<number>();
    let guard = 0;
    while (set.size < nd && guard++ < 100) set.add((plat.length && (rnd() < 0.4 || !other.length) ? pick(plat) : pick(other)).idx);
    grp.deps = [...set];
  }

  const E = Math.round(edgeFactor * N);
  const nBack = Math.round(E * backFrac);
  const target = E - nBack;
  const lastTier = (i: number) => at(groups, at(nodeGroup, i)).T - 1;
  const nonLeaf: number[] = [];
  for (let i = 0; i < N; i++) if (at(nodeTier, i) < lastTier(i)) nonLeaf.push(i);
  // Fan-out per non-leaf service: gateways 3–6, others 2–5, then nudged until the total hits E.
  const fan = new Map<number, number>();
  let S = 0;
  for (const n of nonLeaf) {
    const f = at(nodeTier, n) === 0 ? ri(3, 6) : ri(2, 5);
    fan.set(n, f);
    S += f;
  }
  while (S < target) {
    const n = pick(nonLeaf);
    fan.set(n, (fan.get(n) ?? 0) + 1);
    S++;
  }
  while (S > target) {
    const n = pick(nonLeaf);
    const f = fan.get(n) ?? 0;
    if (f > 1) {
      fan.set(n, f - 1);
      S--;
    }
  }

  const raw: Array<{ s: number; t: number; kind: FleetEdgeKind }> = [];
  const seen = new Set<number>();
  const add = (s: number, t: number, kind: FleetEdgeKind) => {
    if (s === t || seen.has(s * 1e6 + t)) return false;
    seen.add(s * 1e6 + t);
    raw.push({ s, t, kind });
    return true;
  };
  const crossP = crossFrac / (1 - backFrac);
  const crossTarget = (n: number) => {
    const g = at(groups, at(nodeGroup, n));
    if (!g.deps.length) return -1;
    const h = at(groups, pick(g.deps));
    // 60 % of cross-group calls land on the callee group's entry tier.
    return rnd() < 0.6 ? pick(at(h.tiers, 0)) : pick(h.members);
  };
  for (const n of nonLeaf) {
    const grp = at(groups, at(nodeGroup, n));
    const tierN = at(nodeTier, n);
    for (let j = 0; j < (fan.get(n) ?? 0); j++) {
      let ok = false;
      for (let tries = 0; tries < 12 && !ok; tries++) {
        if (rnd() < crossP || tries >= 8) {
          const t = crossTarget(n);
          if (t >= 0) ok = add(n, t, 'cross');
          if (t < 0 && tries >= 8) break;
        } else {
          // Intra-group: next tier (75 %) or a skip to a deeper tier (25 %).
          let tt = tierN + 1;
          if (rnd() < 0.25 && tierN + 2 < grp.T) tt = ri(tierN + 2, grp.T - 1);
          ok = add(n, pick(at(grp.tiers, tt)), 'intra');
        }
      }
    }
  }
  const dependents: number[][] = groups.map(() => []);
  for (const g of groups) for (const d of g.deps) at(dependents, d).push(g.idx);
  let nb = 0;
  let guard = 0;
  while (nb < nBack && guard++ < nBack * 50) {
    const ni = Math.floor(rnd() * N);
    const grp = at(groups, at(nodeGroup, ni));
    const deps = at(dependents, grp.idx);
    let t: number;
    // Back-edges: 60 % to an earlier tier of the same group, the rest into a dependent (caller) group.
    if (rnd() < 0.6 || !deps.length) {
      const tierN = at(nodeTier, ni);
      if (tierN === 0) continue;
      t = pick(at(grp.tiers, ri(0, tierN - 1)));
    } else t = pick(at(groups, pick(deps)).members);
    if (add(ni, t, 'back')) nb++;
  }

  const id = (i: number) => `n${i}`;
  const gid = (g: number) => `g${g}`;
  return {
    nodes: nodeGroup.map((g, i) => ({ id: id(i), group: gid(g), tier: at(nodeTier, i) })),
    edges: raw.map((e) => ({ source: id(e.s), target: id(e.t), kind: e.kind })),
    groups: groups.map((g) => ({ id: gid(g.idx), kind: g.kind, level: g.level, tiers: g.T, members: g.members.map(id) })),
  };
}
