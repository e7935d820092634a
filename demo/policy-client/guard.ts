import type { BreakerState, PolicySpec } from '../../lib/schemas/policy';
import { CircuitBreaker, type Rejection } from './breaker';
import type { Clock } from './clock';
import { RateLimiter } from './token-bucket';

/** The verdict on one call: go ahead (and report how it went), or rejected by the breaker or the limiter. */
export type Admission =
  | { allowed: true; done(failed: boolean): void }
  | { allowed: false; by: 'breaker'; reason: Rejection; retryAfterS: number | undefined }
  | { allowed: false; by: 'limiter'; retryAfterS: number };

export const ADMIT_ALL: Admission = { allowed: true, done: () => undefined };

/**
 * One policy's breaker and rate limit around one flow of calls (what an instance receives, or what it
 * sends to one callee). The breaker is asked first, so a call it sheds costs no token; a call the
 * limiter then rejects gives its half-open probe slot back, since it was never made.
 */
export class Guard {
  private breaker: CircuitBreaker | null = null;
  private limiter: RateLimiter | null = null;

  constructor(
    spec: PolicySpec,
    private readonly clock: Clock,
    /** How many instances share a `global` rate: the registry's count for the service applying it. */
    private readonly instances: () => number,
    private readonly onBreakerState: (from: BreakerState, to: BreakerState) => void,
  ) {
    this.update(spec);
  }

  /** A new version: parts kept keep their state (breaker.update, limiter.update); a removed part goes. */
  update(spec: PolicySpec): void {
    if (!spec.circuitBreaker) this.breaker = null;
    else if (this.breaker) this.breaker.update(spec.circuitBreaker);
    else this.breaker = new CircuitBreaker(spec.circuitBreaker, this.clock, this.onBreakerState);
    if (!spec.rateLimit) this.limiter = null;
    else if (this.limiter) this.limiter.update(spec.rateLimit);
    else this.limiter = new RateLimiter(spec.rateLimit, this.instances, this.clock);
  }

  /** The breaker's state, or null when there is none to report (no breaker, or disabled). */
  breakerState(): BreakerState | null {
    return this.breaker?.active ? this.breaker.state : null;
  }

  admit(): Admission {
    const permit = this.breaker?.tryAcquire();
    if (permit && !permit.allowed) return { allowed: false, by: 'breaker', reason: permit.reason, retryAfterS: permit.retryAfterMs === undefined ? undefined : permit.retryAfterMs / 1000 };
    const take = this.limiter?.tryTake();
    if (take && !take.allowed) {
      permit?.cancel();
      return { allowed: false, by: 'limiter', retryAfterS: take.retryAfterS };
    }
    return permit ? { allowed: true, done: permit.done } : ADMIT_ALL;
  }
}
