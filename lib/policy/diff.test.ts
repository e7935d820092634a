import { describe, expect, it } from 'vitest';
import { diffFields, sameJson } from './diff';

describe('diffFields', () => {
  it('gives one change per differing leaf, with dotted paths, sorted', () => {
    const a = { spec: { rateLimit: { ratePerSecond: 10, burst: 20, scope: 'instance' }, circuitBreaker: { mode: 'auto', minimumCalls: 20 } }, deleted: false };
    const b = { spec: { rateLimit: { ratePerSecond: 25, burst: 20, scope: 'global' }, circuitBreaker: { mode: 'force-open', minimumCalls: 20 } }, deleted: false };
    expect(diffFields(a, b)).toEqual([
      { path: 'spec.circuitBreaker.mode', from: 'auto', to: 'force-open' },
      { path: 'spec.rateLimit.ratePerSecond', from: 10, to: 25 },
      { path: 'spec.rateLimit.scope', from: 'instance', to: 'global' },
    ]);
  });

  it('is empty for equal values, whatever the key order', () => {
    expect(diffFields({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('shows fields appearing and disappearing with the missing side undefined (JSON omits it)', () => {
    const d = diffFields({ w: { kind: 'count', size: 100 } }, { w: { kind: 'time', seconds: 60 } });
    expect(d).toEqual([
      { path: 'w.kind', from: 'count', to: 'time' },
      { path: 'w.seconds', from: undefined, to: 60 },
      { path: 'w.size', from: 100, to: undefined },
    ]);
    expect(JSON.parse(JSON.stringify(d[1]))).toStrictEqual({ path: 'w.seconds', to: 60 });
  });

  it('reports a null replaced by an object as the null going plus each new field', () => {
    expect(diffFields({ rateLimit: null }, { rateLimit: { burst: 5, ratePerSecond: 1 } })).toEqual([
      { path: 'rateLimit', from: null, to: undefined },
      { path: 'rateLimit.burst', from: undefined, to: 5 },
      { path: 'rateLimit.ratePerSecond', from: undefined, to: 1 },
    ]);
    expect(diffFields({ rateLimit: { burst: 5 } }, { rateLimit: null })).toEqual([
      { path: 'rateLimit', from: undefined, to: null },
      { path: 'rateLimit.burst', from: 5, to: undefined },
    ]);
  });

  it('compares arrays whole and treats a created document as every leaf appearing', () => {
    expect(diffFields({ ids: ['a', 'b'] }, { ids: ['b', 'a'] })).toEqual([{ path: 'ids', from: ['a', 'b'], to: ['b', 'a'] }]);
    expect(diffFields(undefined, { x: 1, y: { z: false } })).toEqual([
      { path: 'x', from: undefined, to: 1 },
      { path: 'y.z', from: undefined, to: false },
    ]);
  });

  it('distinguishes 0, false, null and missing', () => {
    expect(diffFields({ a: 0, b: false, c: null }, { a: false, b: null, c: 0 }).map((c) => c.path)).toEqual(['a', 'b', 'c']);
  });
});

describe('sameJson', () => {
  it('ignores key order and undefined-valued keys, not array order', () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });
});
