import { describe, expect, it } from 'vitest';
import { fleetBucket, simulateTokenBucket } from './token-bucket-sim';

describe('simulateTokenBucket (fluid model)', () => {
  it('drains the burst first, then rejects the excess over the rate; a gap refills it', () => {
    // R = 10/s, B = 20, Δt = 10 s.
    //  5/s: under the rate, stays full (20), nothing rejected.
    // 15/s: drains at 5/s, empty after 4 s; 6 s × 5/s = 30 rejected → 3/s.
    // 15/s twice: empty all along: 10 s × 5/s = 50 → 5/s.
    // null: no data; refills to 20 (100 tokens offered, capped).
    // 30/s: drains at 20/s, empty after 1 s; 9 s × 20/s = 180 → 18/s.
    expect(simulateTokenBucket([5, 15, 15, 15, null, 30], 10, { ratePerSecond: 10, burst: 20 })).toEqual([0, 3, 5, 5, null, 18]);
  });

  it('rejects nothing while a large bucket absorbs a small excess, and remembers what is left', () => {
    // 12/s against 10/s: 20 tokens a step out of 100 → 80, 60, 40; then 20/s drains 40 at 10/s in 4 s:
    // 6 s × 10/s = 60 rejected → 6/s.
    expect(simulateTokenBucket([12, 12, 12, 20], 10, { ratePerSecond: 10, burst: 100 })).toEqual([0, 0, 0, 6]);
  });

  it('a rate exactly at the limit neither drains nor rejects', () => {
    expect(simulateTokenBucket([10, 10, 40], 1, { ratePerSecond: 10, burst: 5 })).toEqual([0, 0, (30 * (1 - 5 / 30)) / 1]);
  });
});

describe('fleetBucket', () => {
  it('multiplies the rate by the instances for scope instance, shares it for global; the burst is per instance', () => {
    expect(fleetBucket({ ratePerSecond: 2, burst: 5, scope: 'instance' }, 3)).toEqual({ ratePerSecond: 6, burst: 15 });
    expect(fleetBucket({ ratePerSecond: 2, burst: 5, scope: 'global' }, 3)).toEqual({ ratePerSecond: 2, burst: 15 });
    expect(fleetBucket({ ratePerSecond: 2, burst: 5, scope: 'instance' }, 0)).toEqual({ ratePerSecond: 2, burst: 5 });
  });
});
