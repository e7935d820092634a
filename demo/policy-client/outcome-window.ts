import type { SlidingWindow } from '../../lib/schemas/policy';

/** What the breaker decides on: the calls in its sliding window, and how many failed or were slow. */
export interface WindowTotals {
  calls: number;
  failures: number;
  slow: number;
}

export interface OutcomeWindow {
  record(nowMs: number, failed: boolean, slow: boolean): void;
  totals(nowMs: number): WindowTotals;
}

/** The last `size` calls: a ring of outcomes with running sums. */
class CountWindow implements OutcomeWindow {
  private readonly ring: Uint8Array; // bit 0 failed, bit 1 slow
  private next = 0;
  private filled = 0;
  private sums: WindowTotals = { calls: 0, failures: 0, slow: 0 };

  constructor(size: number) {
    this.ring = new Uint8Array(size);
  }

  record(_nowMs: number, failed: boolean, slow: boolean): void {
    if (this.filled === this.ring.length) {
      const old = this.ring[this.next]!;
      this.sums.failures -= old & 1;
      this.sums.slow -= (old >> 1) & 1;
    } else {
      this.filled++;
    }
    this.ring[this.next] = (failed ? 1 : 0) | (slow ? 2 : 0);
    this.next = (this.next + 1) % this.ring.length;
    this.sums = { calls: this.filled, failures: this.sums.failures + (failed ? 1 : 0), slow: this.sums.slow + (slow ? 1 : 0) };
  }

  totals(): WindowTotals {
    return { ...this.sums };
  }
}

/**
 * The calls of the last `seconds` seconds, in one-second buckets as resilience4j's time-based window
 * keeps them: the current (partial) second plus the `seconds - 1` before it. Per-call timestamps would
 * be exact to the millisecond but grow with the call rate; buckets stay `seconds` long whatever the load.
 */
class TimeWindow implements OutcomeWindow {
  private readonly buckets: { second: number; calls: number; failures: number; slow: number }[];
  private sums: WindowTotals = { calls: 0, failures: 0, slow: 0 };
  private newest: number | undefined;

  constructor(private readonly seconds: number) {
    this.buckets = Array.from({ length: seconds }, () => ({ second: -Infinity, calls: 0, failures: 0, slow: 0 }));
  }

  /** Drops the buckets that fell out of the window by `second`: each at most once, so O(1) per call on average. */
  private advance(second: number): void {
    if (this.newest !== undefined && second <= this.newest) return;
    const from = this.newest === undefined ? second : Math.max(this.newest + 1, second - this.seconds + 1);
    for (let s = from; s <= second; s++) {
      const b = this.buckets[((s % this.seconds) + this.seconds) % this.seconds]!;
      this.sums.calls -= b.calls;
      this.sums.failures -= b.failures;
      this.sums.slow -= b.slow;
      Object.assign(b, { second: s, calls: 0, failures: 0, slow: 0 });
    }
    this.newest = second;
  }

  record(nowMs: number, failed: boolean, slow: boolean): void {
    const second = Math.floor(nowMs / 1000);
    this.advance(second);
    // A call that finishes "before" the newest second (clock granularity) lands in the newest bucket.
    const b = this.buckets[((Math.max(second, this.newest!) % this.seconds) + this.seconds) % this.seconds]!;
    b.calls++;
    b.failures += failed ? 1 : 0;
    b.slow += slow ? 1 : 0;
    this.sums.calls++;
    this.sums.failures += failed ? 1 : 0;
    this.sums.slow += slow ? 1 : 0;
  }

  totals(nowMs: number): WindowTotals {
    this.advance(Math.floor(nowMs / 1000));
    return { ...this.sums };
  }
}

export function createWindow(spec: SlidingWindow): OutcomeWindow {
  return spec.kind === 'count' ? new CountWindow(spec.size) : new TimeWindow(spec.seconds);
}

export function sameWindow(a: SlidingWindow, b: SlidingWindow): boolean {
  return a.kind === b.kind && (a.kind === 'count' ? a.size === (b as typeof a).size : a.seconds === (b as typeof a).seconds);
}
