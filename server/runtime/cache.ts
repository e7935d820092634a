import 'server-only';

interface Entry<T> {
  expiresAt: number;
  value: Promise<T>;
}

export type CacheOutcome = 'hit' | 'miss' | 'coalesced';

/**
 * A short-TTL cache that also coalesces in-flight work: fifty viewers asking for the same query in the
 * same second cost the backend one request. The shared call runs without any one caller's AbortSignal
 * (one viewer leaving must not cancel the others); each caller can still stop waiting on its own.
 * Failures are not cached: the next caller retries.
 */
export class QueryCache {
  private readonly entries = new Map<string, Entry<unknown>>();
  private sweepAt = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly onOutcome: (outcome: CacheOutcome) => void = () => {},
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 5_000,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  async get<T>(key: string, load: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const now = this.now();
    this.sweep(now);
    const found = this.entries.get(key) as Entry<T> | undefined;
    let value: Promise<T>;
    if (found && (found.expiresAt > now || found.expiresAt === Infinity)) {
      this.onOutcome(found.expiresAt === Infinity ? 'coalesced' : 'hit');
      value = found.value;
    } else {
      this.onOutcome('miss');
      // Infinity marks "in flight": it becomes a TTL entry when it settles successfully.
      const entry: Entry<T> = { expiresAt: Infinity, value: load() };
      this.entries.set(key, entry);
      entry.value.then(
        () => {
          if (this.entries.get(key) === entry) {
            if (this.ttlMs > 0) entry.expiresAt = this.now() + this.ttlMs;
            else this.entries.delete(key);
          }
        },
        () => {
          if (this.entries.get(key) === entry) this.entries.delete(key);
        },
      );
      value = entry.value;
    }
    return signal ? raceAbort(value, signal) : value;
  }

  private sweep(now: number): void {
    if (now < this.sweepAt && this.entries.size < this.maxEntries) return;
    this.sweepAt = now + Math.max(this.ttlMs, 1_000);
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
    // Still too big (a flood of distinct keys): drop the oldest settled entries, never in-flight ones.
    for (const [k, e] of this.entries) {
      if (this.entries.size < this.maxEntries) break;
      if (e.expiresAt !== Infinity) this.entries.delete(k);
    }
  }
}

function raceAbort<T>(value: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    value.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
