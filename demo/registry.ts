import type { Etcd3, Lease, Watcher } from 'etcd3';

/**
 * Service registration and discovery in etcd, in go-kratos's layout: one key per instance,
 * `<prefix><service>/<instanceId>`, holding a ServiceInstance JSON, bound to a lease so that a dead
 * instance disappears by itself.
 */

export interface KratosInstance {
  id: string;
  name: string;
  version: string;
  metadata: Record<string, string>;
  endpoints: string[];
}

type Log = (msg: string) => void;

export function normalizePrefix(prefix: string): string {
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}

export function instanceKey(prefix: string, service: string, id: string): string {
  return `${normalizePrefix(prefix)}${service}/${id}`;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Keeps one key registered for as long as the process lives. etcd3 keeps the lease alive on its own;
 * when the lease is lost anyway (etcd restarted without its data, or was unreachable for longer than
 * the TTL) the key is gone with it, so we grant a new lease and write the key again.
 */
export class Registration {
  private lease: Lease | undefined;
  private stopped = false;
  private registering: Promise<void> | undefined;

  constructor(
    private readonly client: Etcd3,
    private readonly key: string,
    private readonly value: KratosInstance,
    private readonly ttlS: number,
    private readonly log: Log,
  ) {}

  /** Resolves once the key is written the first time (retrying until etcd answers). */
  start(): Promise<void> {
    this.registering ??= this.register();
    return this.registering;
  }

  private async register(): Promise<void> {
    let backoffMs = 200;
    while (!this.stopped) {
      const lease = this.client.lease(this.ttlS);
      lease.on('lost', (err) => {
        if (this.lease !== lease || this.stopped) return;
        this.log(`lease lost (${err.message}); registering again`);
        this.lease = undefined;
        this.registering = this.register();
      });
      try {
        await lease.put(this.key).value(JSON.stringify(this.value));
        if (this.stopped) {
          await lease.revoke().catch(() => undefined);
          return;
        }
        this.lease = lease;
        this.log(`registered ${this.key} (lease ttl ${this.ttlS}s)`);
        return;
      } catch (err) {
        void lease.revoke().catch(() => undefined);
        this.log(`registration failed (${(err as Error).message}); retrying in ${backoffMs} ms`);
        await sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5_000);
      }
    }
  }

  /** Revokes the lease so the key disappears now rather than after the TTL. */
  async stop(timeoutMs = 1_000): Promise<void> {
    this.stopped = true;
    const lease = this.lease;
    this.lease = undefined;
    if (!lease) return;
    await lease.revoke({ deadline: new Date(Date.now() + timeoutMs) }).catch((err: Error) => this.log(`revoke failed: ${err.message}`));
  }
}

/**
 * A live map of service → instance addresses under a prefix: a watch for changes as they happen, plus
 * a periodic full read, because a watch that reconnects after an etcd outage can miss deletes.
 */
export class Discovery {
  private readonly byKey = new Map<string, { service: string; address: string }>();
  private readonly cursor = new Map<string, number>();
  private watcher: Watcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: Etcd3,
    private readonly prefix: string,
    private readonly log: Log,
    private readonly resyncMs = 5_000,
  ) {}

  async start(): Promise<void> {
    this.timer = setInterval(() => void this.resync(), this.resyncMs);
    this.timer.unref();
    try {
      this.watcher = await this.client.watch().prefix(this.prefix).create();
      this.watcher.on('put', (kv) => this.apply(kv.key.toString(), kv.value.toString()));
      this.watcher.on('delete', (kv) => this.byKey.delete(kv.key.toString()));
      this.watcher.on('error', (err) => this.log(`watch error: ${err.message}`));
    } catch (err) {
      this.log(`watch failed (${(err as Error).message}); relying on periodic reads`);
    }
    await this.resync();
  }

  private async resync(): Promise<void> {
    try {
      const all = await this.client.getAll().prefix(this.prefix).strings();
      this.byKey.clear();
      for (const [key, value] of Object.entries(all)) this.apply(key, value);
    } catch (err) {
      this.log(`registry read failed: ${(err as Error).message}`);
    }
  }

  private apply(key: string, value: string): void {
    const service = key.slice(this.prefix.length).split('/')[0];
    let address: string | undefined;
    try {
      const endpoint = (JSON.parse(value) as Partial<KratosInstance>).endpoints?.find((e) => e.startsWith('http://'));
      address = endpoint ? new URL(endpoint).host : undefined;
    } catch {
      address = undefined;
    }
    if (service && address) this.byKey.set(key, { service, address });
  }

  addresses(service: string): string[] {
    return [...this.byKey.values()].filter((e) => e.service === service).map((e) => e.address).sort();
  }

  /** Round-robin over the service's current instances; undefined when it has none. */
  pick(service: string): string | undefined {
    const all = this.addresses(service);
    if (all.length === 0) return undefined;
    const i = (this.cursor.get(service) ?? 0) % all.length;
    this.cursor.set(service, i + 1);
    return all[i];
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.watcher?.cancel().catch(() => undefined);
  }
}
