import { describe, expect, it } from 'vitest';
import { countOverlaps } from './layout-metrics';
import { COLLAPSED_BOX, placeGroups, type BoxSize } from './overview-placement';

const expanded = (width: number, height: number): BoxSize => ({ width, height, expanded: true });

describe('placeGroups', () => {
  const layers = [['a'], ['b', 'c', 'd'], ['e']];
  const sizes = new Map<string, BoxSize>([
    ['a', expanded(400, 300)],
    ['b', expanded(600, 500)],
    ['c', expanded(300, 200)],
    ['d', { ...COLLAPSED_BOX, expanded: false }],
    ['e', expanded(500, 400)],
  ]);

  it('places layers left to right without overlaps, boxes at their own size', () => {
    const { boxes } = placeGroups(layers, sizes, null);
    expect(countOverlaps([...boxes.values()])).toBe(0);
    for (const [k, s] of sizes) expect(boxes.get(k)).toMatchObject({ width: s.width, height: s.height });
    const right = (ks: string[]) => Math.max(...ks.map((k) => boxes.get(k)!.x + boxes.get(k)!.width));
    const left = (ks: string[]) => Math.min(...ks.map((k) => boxes.get(k)!.x));
    expect(left(layers[1]!)).toBeGreaterThan(right(layers[0]!));
    expect(left(layers[2]!)).toBeGreaterThan(right(layers[1]!));
  });

  it('keeps every box in its slot while a changed group still fits, and moves only followers when not', () => {
    const first = placeGroups(layers, sizes, null);
    const small = new Map(sizes).set('b', expanded(640, 540));
    const same = placeGroups(layers, small, first.state);
    expect(same.boxes).toEqual(new Map([...first.boxes].map(([k, b]) => [k, k === 'b' ? { ...b, width: 640, height: 540 } : b])));

    const big = new Map(sizes).set('b', expanded(2000, 1500));
    const moved = placeGroups(layers, big, first.state);
    expect(countOverlaps([...moved.boxes.values()])).toBe(0);
    expect(moved.boxes.get('a')).toEqual(first.boxes.get('a'));
    expect(moved.boxes.get('b')).toMatchObject({ x: first.boxes.get('b')!.x, y: first.boxes.get('b')!.y });
  });

  it('wraps a long layer into columns for a map near 16:9', () => {
    const many = Array.from({ length: 60 }, (_, i) => `g${String(i).padStart(2, '0')}`);
    const s = new Map(many.map((k) => [k, { ...COLLAPSED_BOX, expanded: false }]));
    const { boxes, state } = placeGroups([many], s, null);
    expect(countOverlaps([...boxes.values()])).toBe(0);
    expect(state.perColumn).toBeGreaterThan(1);
    expect(state.perColumn).toBeLessThan(60);
    const w = Math.max(...[...boxes.values()].map((b) => b.x + b.width));
    const h = Math.max(...[...boxes.values()].map((b) => b.y + b.height));
    expect(w / h).toBeGreaterThan(16 / 9 / 1.6);
    expect(w / h).toBeLessThan((16 / 9) * 1.6);
    // Reading order is kept: column by column, top to bottom.
    const sorted = [...many].sort((p, q) => boxes.get(p)!.x - boxes.get(q)!.x || boxes.get(p)!.y - boxes.get(q)!.y);
    expect(sorted).toEqual(many);
  });
});
