import 'server-only';

export interface ThrottleLimits {
  /** Failed logins allowed per user name within windowMs before that name is locked. */
  perUser: number;
  /** Failed logins allowed per client address within windowMs (higher: an office shares one address). */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { perUser: 5, perAddress: 20, windowMs: 15 * 60_000 };

/** Bounds memory when someone sprays random user names: the oldest keys go first. */
const MAX_KEYS = 10_000;

/**
 * Failed-login counting in memory, per user name and per client address: a key with `limit` failures
 * in the last window is refused until its oldest failure leaves the window. Refused attempts are not
 * checked at all (so a locked name cannot be probed) and do not count. A success clears the user's
 * key, not the address's. Per process: with several BFF instances each keeps its own count, which
 * multiplies the allowance by the instance count (docs/auth.md).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  private keys(user: string, address: string | null): Array<[string, number]> {
    const keys: Array<[string, number]> = [[`u:${user.toLowerCase()}`, this.limits.perUser]];
    if (address !== null) keys.push([`a:${address}`, this.limits.perAddress]);
    return keys;
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** Seconds until an attempt is allowed again, or 0 when it is allowed now. */
  retryAfterS(user: string, address: string | null): number {
    let waitMs = 0;
    for (const [key, limit] of this.keys(user, address)) {
      const list = this.recent(key);
      if (list.length >= limit) waitMs = Math.max(waitMs, list[list.length - limit]! + this.limits.windowMs - this.now());
    }
    return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
  }

  fail(user: string, address: string | null): void {
    for (const [key] of this.keys(user, address)) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.delete(key); // re-insert: Map order is then least recently failed first
      this.failures.set(key, list);
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(user: string): void {
    this.failures.delete(`u:${user.toLowerCase()}`);
  }
}
