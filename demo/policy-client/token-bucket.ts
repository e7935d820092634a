import type { RateLimitSpec } from '../../lib/schemas/policy';
import type { Clock } from './clock';

/**
 * Envoy's local rate limit as a continuous token bucket: `burst` tokens when full (and at the start),
 * refilled at `ratePerSecond`, one token per call. Envoy adds tokens_per_fill every fill_interval;
 * refilling continuously is the same rate without the step, so a limit reads the same either way.
 */

export interface Take {
  allowed: boolean;
  /** Seconds until a token is due (0 when allowed): what a 429's Retry-After says, rounded up. */
  retryAfterS: number;
}

/** Float sums of elapsed × rate land a hair under a whole token; this much short still counts as one. */
const EPSILON = 1e-9;

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private rate: number,
    private capacity: number,
    private readonly clock: Clock,
  ) {
    this.tokens = capacity;
    this.last = clock.now();
  }

  tryTake(): Take {
    this.refill();
    if (this.tokens >= 1 - EPSILON) {
      this.tokens = Math.max(0, this.tokens - 1);
      return { allowed: true, retryAfterS: 0 };
    }
    return { allowed: false, retryAfterS: (1 - this.tokens) / this.rate };
  }

  /** Tokens in the bucket now (for tests and the impact of a change). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** A new rate applies from now: the time before it refills at the old one. */
  setRate(ratePerSecond: number): void {
    this.refill();
    this.rate = ratePerSecond;
  }

  /** A smaller bucket drops the excess; a larger one fills at the rate, not at once. */
  setCapacity(burst: number): void {
    this.refill();
    this.capacity = burst;
    this.tokens = Math.min(this.tokens, burst);
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.last) this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.rate) / 1000);
    this.last = Math.max(this.last, now);
  }
}

/**
 * A rate limit per RateLimitSpec. Scope `instance`: this process allows ratePerSecond. Scope `global`:
 * the rate is shared by the service's instances, so each allows ratePerSecond / N, N being how many the
 * registry lists now (looked up on every call, so a scale-out or a stopped instance re-divides it at
 * once; at least 1, since the instance applying it exists even before its own key is seen). The burst
 * is per instance in both scopes, as the spec defines only the rate as shared.
 */
export class RateLimiter {
  private readonly bucket: TokenBucket;
  private divisor: number;

  constructor(
    private spec: RateLimitSpec,
    private readonly instances: () => number,
    clock: Clock,
  ) {
    this.divisor = this.currentDivisor();
    this.bucket = new TokenBucket(spec.ratePerSecond / this.divisor, spec.burst, clock);
  }

  get active(): boolean {
    return this.spec.enabled;
  }

  tryTake(): Take {
    if (!this.spec.enabled) return { allowed: true, retryAfterS: 0 };
    const divisor = this.currentDivisor();
    if (divisor !== this.divisor) {
      this.divisor = divisor;
      this.bucket.setRate(this.spec.ratePerSecond / divisor);
    }
    return this.bucket.tryTake();
  }

  /** A changed rate or burst keeps the tokens the bucket holds (capped at the new burst). */
  update(spec: RateLimitSpec): void {
    this.spec = spec;
    this.divisor = this.currentDivisor();
    this.bucket.setRate(spec.ratePerSecond / this.divisor);
    this.bucket.setCapacity(spec.burst);
  }

  private currentDivisor(): number {
    return this.spec.scope === 'global' ? Math.max(1, this.instances()) : 1;
  }
}
