import { createServer, connect, type Server, type Socket } from 'node:net';
import { Etcd3 } from 'etcd3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { policyKey, type StoredPolicy } from '../../lib/schemas/policy';
import { PolicyWatch, type PolicyView } from './policy-watch';

/**
 * The watch against the test stack's real etcd. Disconnects are real too: the watch talks to etcd
 * through a TCP proxy the test cuts and restores while writes go to etcd directly.
 */

const PREFIX = `/policy-watch-test-${process.pid}-${Date.now()}/`;

/** A TCP proxy to etcd that can drop every connection and refuse new ones for a while. */
class Proxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: URL) {}

  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(Number(this.target.port), this.target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
  }

  async cut(): Promise<void> {
    const closed = new Promise<void>((r) => this.server?.close(() => r()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

let etcd: Etcd3;
let proxy: Proxy;

const stored = (service: string, version: number, extra: Partial<StoredPolicy> = {}): StoredPolicy => ({
  id: `service:${service}`,
  spec: { target: { kind: 'service', service }, circuitBreaker: null, rateLimit: { enabled: true, ratePerSecond: version, burst: 1, scope: 'instance' } },
  version,
  updatedAt: new Date().toISOString(),
  updatedBy: 'test',
  reason: 'test',
  rollout: { stage: 'all' },
  deleted: false,
  ...extra,
});

/** Puts a policy straight into etcd; returns the write's revision. */
async function put(p: StoredPolicy): Promise<number> {
  const res = await etcd.put(policyKey(PREFIX, p.id)).value(JSON.stringify(p)).exec();
  return Number(res.header.revision);
}

async function until<T>(what: string, fn: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A watch through the proxy, recording every view and log line. */
function watchThroughProxy() {
  const client = new Etcd3({ hosts: `http://127.0.0.1:${proxy.port}` });
  const views: PolicyView[] = [];
  const logs: string[] = [];
  const watch = new PolicyWatch(client, PREFIX, (m) => logs.push(m), (v) => void views.push(v));
  const versions = (id: string) => views.map((v) => v.policies.get(id)?.version ?? null).filter((v, i, all) => i === 0 || v !== all[i - 1]);
  const close = async () => {
    await watch.stop();
    client.close();
  };
  return { watch, views, logs, versions, close, latest: () => views.at(-1) };
}

beforeAll(async () => {
  const url = inject('stack').etcdUrl;
  etcd = new Etcd3({ hosts: url });
  proxy = new Proxy(new URL(url));
  await proxy.up();
});

afterAll(async () => {
  await proxy.cut();
  await etcd.delete().prefix(PREFIX);
  etcd.close();
});

describe('PolicyWatch', () => {
  it('reads the stored policies, then every change from the next revision, one view per revision', async () => {
    await etcd.delete().prefix(PREFIX);
    await put(stored('cart', 1));
    await etcd.put(policyKey(PREFIX, 'service:broken')).value('{"id":"service:broken"}');
    const w = watchThroughProxy();
    await w.watch.start();
    const first = w.latest()!;
    expect([...first.policies.keys()]).toEqual(['service:cart']);
    // The revision comes from the key, not the value (which has none).
    expect(first.policies.get('service:cart')?.revision).toBe(Number((await etcd.get(policyKey(PREFIX, 'service:cart')).exec()).kvs[0]!.mod_revision));
    expect(w.logs.some((l) => l.includes('ignoring /policy-watch-test') && l.includes('service:broken'))).toBe(true);

    const r2 = await put(stored('cart', 2));
    const r3 = await put(stored('users', 1));
    const r4 = Number((await etcd.delete().key(policyKey(PREFIX, 'service:cart')).exec()).header.revision);
    await until('the delete', () => (w.latest()!.revision === r4 ? true : undefined));
    expect(w.views.map((v) => v.revision)).toEqual([first.revision, r2, r3, r4]);
    expect(w.views.map((v) => [...v.policies.keys()].sort().join(','))).toEqual(['service:cart', 'service:cart', 'service:cart,service:users', 'service:users']);
    expect(w.views[1]!.policies.get('service:cart')).toMatchObject({ version: 2, revision: r2 });
    await w.close();
  });

  it('resumes after a disconnect from the last revision it applied: every version written meanwhile, in order', async () => {
    await etcd.delete().prefix(PREFIX);
    await put(stored('payments', 1));
    const w = watchThroughProxy();
    await w.watch.start();
    await proxy.cut();
    await until('the watch to notice', () => (w.logs.some((l) => l.includes('policy watch lost')) ? true : undefined));
    const written = [];
    for (const v of [2, 3, 4]) written.push(await put(stored('payments', v)));
    await etcd.delete().key(policyKey(PREFIX, 'service:payments'));
    const last = await put(stored('orders', 1));
    await proxy.up();
    await until('the backlog', () => (w.latest()!.revision === last ? true : undefined));
    expect(w.versions('service:payments')).toEqual([1, 2, 3, 4, null]);
    expect(w.views.slice(1).map((v) => v.revision).slice(0, 3)).toEqual(written);
    expect([...w.latest()!.policies.keys()]).toEqual(['service:orders']);
    expect(w.logs.some((l) => /resuming from revision \d+/.test(l))).toBe(true);
    expect(w.logs.some((l) => l.includes('reading all policies again'))).toBe(false);
    await w.close();
  });

  it('reads everything again when the revisions it missed were compacted away', async () => {
    await etcd.delete().prefix(PREFIX);
    await put(stored('shipping', 1));
    const w = watchThroughProxy();
    await w.watch.start();
    await proxy.cut();
    await until('the watch to notice', () => (w.logs.some((l) => l.includes('policy watch lost')) ? true : undefined));
    await put(stored('shipping', 2));
    const last = await put(stored('shipping', 3));
    await etcd.kv.compact({ revision: last });
    await proxy.up();
    await until('the reload', () => (w.latest()!.policies.get('service:shipping')?.version === 3 ? true : undefined));
    expect(w.logs.some((l) => l.includes('reading all policies again'))).toBe(true);
    // Version 2 is gone from etcd's history: the reload jumps from 1 to 3, at a revision ≥ the last write.
    expect(w.versions('service:shipping')).toEqual([1, 3]);
    expect(w.latest()!.revision).toBeGreaterThanOrEqual(last);
    await w.close();
  });
});
