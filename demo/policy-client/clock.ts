/**
 * Milliseconds on a monotonic clock. The breaker and the token bucket take one so tests can drive
 * time by hand; the services use performance.now(), which never jumps with the wall clock.
 */
export interface Clock {
  now(): number;
}

export const monotonicClock: Clock = { now: () => performance.now() };

/** A clock that moves only when told to: the unit tests' time. */
export class FakeClock implements Clock {
  constructor(private t = 0) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(ms: number): void {
    this.t = ms;
  }
}
