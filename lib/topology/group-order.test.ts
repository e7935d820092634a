import { describe, expect, it } from 'vitest';
import { carryOverOrder, countNonForward, orderGroupGraph } from './group-order';

const layerOf = (layers: string[][]) => new Map(layers.flatMap((l, i) => l.map((k) => [k, i] as const)));

describe('orderGroupGraph', () => {
  it('puts a chain in consecutive layers', () => {
    expect(orderGroupGraph(['c', 'a', 'b'], [['a', 'b'], ['b', 'c']])).toEqual([['a'], ['b'], ['c']]);
  });

  it('keeps groups without calls, sorted, in one layer', () => {
    expect(orderGroupGraph(['y', 'x', 'x'], [])).toEqual([['x', 'y']]);
    expect(orderGroupGraph([], [])).toEqual([]);
  });

  it('breaks a cycle by reversing one call', () => {
    const layers = orderGroupGraph(['a', 'b', 'c'], [['a', 'b'], ['b', 'c'], ['c', 'a']]);
    expect(layers.flat().sort()).toEqual(['a', 'b', 'c']);
    const l = layerOf(layers);
    const backwards = [['a', 'b'], ['b', 'c'], ['c', 'a']].filter(([s, t]) => l.get(s!)! >= l.get(t!)!);
    expect(backwards).toHaveLength(1);
  });

  it('pulls an uncalled group next to its callee instead of leaving a long call', () => {
    // s calls only d, which sits three layers deep.
    const l = layerOf(orderGroupGraph(['a', 'b', 'c', 'd', 's'], [['a', 'b'], ['b', 'c'], ['c', 'd'], ['s', 'd']]));
    expect(l.get('s')).toBe(l.get('d')! - 1);
  });

  it('orders layers so that parallel calls do not cross', () => {
    // a→d and b→c: with a above b, d must be above c.
    const layers = orderGroupGraph(['a', 'b', 'c', 'd'], [['a', 'd'], ['b', 'c']]);
    expect(layers).toHaveLength(2);
    const [top, bottom] = layers as [string[], string[]];
    expect(top.indexOf('a') < top.indexOf('b')).toBe(bottom.indexOf('d') < bottom.indexOf('c'));
  });
});

describe('carryOverOrder', () => {
  it('keeps every remaining group in place, drops the gone and appends the new after their callers', () => {
    const layers = carryOverOrder([['a'], ['b', 'c'], ['d']], ['a', 'b', 'd', 'e', 'f'], [['a', 'e'], ['b', 'd']]);
    expect(layers).toEqual([['a', 'f'], ['b', 'e'], ['d']]);
    expect(carryOverOrder([['a'], ['b']], ['a', 'b', 'z'], [['b', 'z']])).toEqual([['a'], ['b'], ['z']]);
  });
  it('counts the calls that do not point right', () => {
    expect(countNonForward([['a'], ['b', 'c']], [['a', 'b'], ['b', 'a'], ['b', 'c']])).toBe(2);
  });
});
