import { describe, expect, it } from 'vitest';
import { RateLimitSpec } from '../../lib/schemas/policy';
import { FakeClock } from './clock';
import { RateLimiter, TokenBucket } from './token-bucket';

/** Calls at n evenly spaced instants from 0 to spanMs inclusive; how many the bucket allowed. */
function evenly(bucket: { tryTake(): { allowed: boolean } }, clock: FakeClock, n: number, spanMs: number): number {
  let allowed = 0;
  for (let i = 0; i < n; i++) {
    clock.set((i * spanMs) / (n - 1));
    if (bucket.tryTake().allowed) allowed++;
  }
  return allowed;
}

describe('TokenBucket', () => {
  it('starts full: burst calls at once, then rejects with the time to the next token', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 5, clock);
    for (let i = 0; i < 5; i++) expect(bucket.tryTake()).toEqual({ allowed: true, retryAfterS: 0 });
    expect(bucket.tryTake()).toEqual({ allowed: false, retryAfterS: 0.1 });
    clock.advance(40); // 0.4 of a token
    const r = bucket.tryTake();
    expect(r.allowed).toBe(false);
    expect(r.retryAfterS).toBeCloseTo(0.06, 12);
    clock.advance(60);
    expect(bucket.tryTake().allowed).toBe(true);
  });

  it('allows exactly burst + rate × span when calls outrun the rate (10/s, burst 5, 100 calls over 2 s → 25)', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 5, clock);
    // Demand (50/s) always exceeds supply, so the bucket never sits full after the first call:
    // everything refilled over the 2 s is taken, plus the initial 5.
    expect(evenly(bucket, clock, 100, 2_000)).toBe(5 + 20);
  });

  it('allows floor(burst + rate × span) for an uneven rate (3/s, burst 2, 61 calls over 3 s → 11)', () => {
    const clock = new FakeClock();
    expect(evenly(new TokenBucket(3, 2, clock), clock, 61, 3_000)).toBe(Math.floor(2 + 3 * 3));
  });

  it('never holds more than burst: a long quiet spell allows burst calls, not more', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(100, 3, clock);
    clock.advance(60_000);
    const got = Array.from({ length: 10 }, () => bucket.tryTake().allowed);
    expect(got.filter(Boolean)).toHaveLength(3);
  });

  it('lets every call through when calls come slower than the rate', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 1, clock);
    expect(evenly(bucket, clock, 50, 49 * 100)).toBe(50); // one call every 100 ms at 10/s
  });

  it('applies a new rate from now and clamps the tokens to a smaller burst', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 10, clock);
    for (let i = 0; i < 10; i++) bucket.tryTake();
    clock.advance(500); // 5 tokens at the old rate
    bucket.setRate(1);
    clock.advance(1_000); // 1 more at the new one
    expect(bucket.available()).toBeCloseTo(6, 9);
    bucket.setCapacity(4);
    expect(bucket.available()).toBe(4);
    bucket.setCapacity(8); // a larger bucket fills at the rate, not at once
    expect(bucket.available()).toBe(4);
  });
});

describe('RateLimiter', () => {
  const spec = (over: Partial<RateLimitSpec>) => RateLimitSpec.parse({ ratePerSecond: 10, burst: 1, ...over });

  it('scope instance: the full rate on this instance whatever the registry lists', () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(spec({ scope: 'instance' }), () => 4, clock);
    expect(evenly(limiter, clock, 101, 1_000)).toBe(1 + 10);
  });

  it('scope global: the rate divided by the instances listed, re-divided when that changes', () => {
    const clock = new FakeClock();
    let instances = 2;
    const limiter = new RateLimiter(spec({ scope: 'global', ratePerSecond: 10, burst: 1 }), () => instances, clock);
    expect(evenly(limiter, clock, 101, 1_000)).toBe(1 + 5); // 10/s shared by 2
    // One instance left: from the first call that sees it, the bucket refills at the whole rate.
    instances = 1;
    let allowed = 0;
    for (let i = 0; i <= 100; i++) {
      clock.set(1_000 + i * 10);
      if (limiter.tryTake().allowed) allowed++;
    }
    expect(allowed).toBe(10);
    // A registry that lists none yet (own key not seen) divides by 1, never by 0: half a token after 50 ms.
    instances = 0;
    clock.advance(50);
    expect(limiter.tryTake().allowed).toBe(false);
    clock.advance(50);
    expect(limiter.tryTake().allowed).toBe(true);
  });

  it('when disabled allows everything; an update keeps the tokens it holds', () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(spec({ enabled: false, burst: 1 }), () => 1, clock);
    expect(Array.from({ length: 50 }, () => limiter.tryTake().allowed).every(Boolean)).toBe(true);
    const live = new RateLimiter(spec({ ratePerSecond: 1, burst: 3 }), () => 1, clock);
    live.tryTake();
    live.update(spec({ ratePerSecond: 2, burst: 5 })); // 2 tokens left, not a fresh bucket of 5
    expect([live.tryTake(), live.tryTake(), live.tryTake()].map((t) => t.allowed)).toEqual([true, true, false]);
  });
});
