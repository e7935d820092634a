import { describe, expect, it } from 'vitest';
import { QueryCache, type CacheOutcome } from './cache';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('QueryCache', () => {
  it('coalesces concurrent identical calls into one load', async () => {
    const outcomes: CacheOutcome[] = [];
    const cache = new QueryCache(5_000, (o) => outcomes.push(o));
    const d = deferred<number>();
    let loads = 0;
    const load = () => (loads++, d.promise);
    const callers = Array.from({ length: 50 }, () => cache.get('q', load));
    d.resolve(42);
    expect(await Promise.all(callers)).toEqual(Array(50).fill(42));
    expect(loads).toBe(1);
    expect(outcomes.filter((o) => o === 'coalesced')).toHaveLength(49);
  });

  it('serves from cache within the TTL and reloads after it', async () => {
    let now = 1_000;
    const cache = new QueryCache(5_000, undefined, () => now);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('q', load)).toBe(1);
    now += 4_999;
    expect(await cache.get('q', load)).toBe(1);
    now += 2;
    expect(await cache.get('q', load)).toBe(2);
  });

  it('does not cache failures', async () => {
    const cache = new QueryCache(5_000);
    let loads = 0;
    await expect(cache.get('q', async () => (loads++, Promise.reject(new Error('down'))))).rejects.toThrow('down');
    expect(await cache.get('q', async () => ++loads)).toBe(2);
  });

  it('lets one caller give up without cancelling the shared call', async () => {
    const cache = new QueryCache(5_000);
    const d = deferred<string>();
    const leaving = new AbortController();
    const a = cache.get('q', () => d.promise, leaving.signal);
    const b = cache.get('q', () => d.promise);
    leaving.abort(new Error('viewer left'));
    await expect(a).rejects.toThrow('viewer left');
    d.resolve('data');
    expect(await b).toBe('data');
  });

  it('bounds its size under a flood of distinct keys', async () => {
    const cache = new QueryCache(60_000, undefined, Date.now, 100);
    for (let i = 0; i < 1_000; i++) await cache.get(`k${i}`, async () => i);
    expect(cache.size).toBeLessThanOrEqual(100);
  });
});
