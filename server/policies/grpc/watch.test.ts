import 'server-only';
import { randomUUID } from 'node:crypto';
import { Etcd3 } from 'etcd3';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { PolicySpec, type Policy } from '@/lib/schemas/policy';
import { eventually } from '@/server/testing/assertions';
import { tempDir, removeRegistryFiles } from '@/server/testing/view-container';
import { createEtcdPolicyStore } from '../etcd-store';
import { createFilePolicyStore } from '../file-store';
import type { PolicyEvent, PolicyStore } from '../port';
import { ALICE, put } from '../store-contract-helpers';
import { watchPolicies } from './client';
import { startPolicyWatchServer, type PolicyWatchServer } from './server';

/**
 * WatchPolicies over a real gRPC connection, backed by the real stores: the initial set, every change
 * in order, and after a disconnect (or a BFF restart) exactly the missing changes, in order, once.
 */
const { etcdUrl } = inject('stack');
const admin = new Etcd3({ hosts: etcdUrl });
const prefixes: string[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(async () => {
  for (const p of prefixes) await admin.delete().prefix(p);
  admin.close();
  removeRegistryFiles();
});

const etcdStore = (prefix: string) => {
  const s = createEtcdPolicyStore({ endpoints: [etcdUrl], prefix });
  cleanups.push(() => s.close());
  return s;
};
const fileStore = (dir: string) => {
  const s = createFilePolicyStore({ dir });
  cleanups.push(() => s.close());
  return s;
};

async function serve(store: PolicyStore): Promise<PolicyWatchServer> {
  const srv = await startPolicyWatchServer(store, '127.0.0.1:0', () => {});
  cleanups.push(() => srv.close());
  return srv;
}

/** A client collecting events; `cancel` disconnects it. */
function listen(port: number, fromRevision: number, service?: string) {
  const events: PolicyEvent[] = [];
  const errors: Error[] = [];
  const cancel = watchPolicies(`127.0.0.1:${port}`, { fromRevision, service }, { onEvent: (e) => events.push(e), onError: (e) => errors.push(e) });
  cleanups.push(cancel);
  return { events, errors, cancel };
}

const changes = (...ps: Policy[]): PolicyEvent[] => ps.map((policy) => ({ type: 'change', policy }));
const last = (events: PolicyEvent[]) => {
  const e = events[events.length - 1]!;
  return e.type === 'snapshot' ? e.revision : e.policy.revision;
};

for (const kind of ['file', 'etcd'] as const) {
  const fresh = () => {
    if (kind === 'file') return fileStore(tempDir('switchyard-grpc-'));
    const p = `/switchyard-grpc-test/${randomUUID()}/`;
    prefixes.push(p);
    return etcdStore(p);
  };

  describe(`WatchPolicies on the ${kind} store`, () => {
    it('sends the initial set, then every change in order; after a reconnect exactly the missing ones, once', async () => {
      const store = fresh();
      const a1 = await put(store, 'a', 0);
      const b1 = await put(store, 'b', 0);
      const srv = await serve(store);

      const first = listen(srv.port, 0);
      await eventually(() => expect(first.events).toEqual([{ type: 'snapshot', revision: expect.any(Number), policies: [a1, b1] }]));
      const a2 = await put(store, 'a', 1, 60);
      const c1 = await put(store, 'c', 0);
      await eventually(() => expect(first.events.slice(1)).toEqual(changes(a2, c1)));

      // Disconnect mid-stream; the server drops its store watch.
      first.cancel();
      await eventually(() => expect(srv.activeStreams()).toBe(0));
      const resumeFrom = last(first.events);
      expect(resumeFrom).toBe(c1.revision);
      const b2 = await put(store, 'b', 1, 70);
      const gone = await store.remove('service:a', 2, 'no longer needed', ALICE);
      const c2 = await put(store, 'c', 1, 80);

      const second = listen(srv.port, resumeFrom);
      await eventually(() => expect(second.events).toEqual(changes(b2, gone, c2)));
      const b3 = await put(store, 'b', 2, 90);
      await eventually(() => expect(second.events).toEqual(changes(b2, gone, c2, b3)));
      // Nothing else arrives: no duplicates, no snapshot.
      await new Promise((r) => setTimeout(r, 300));
      expect(second.events).toHaveLength(4);
      expect(second.errors).toEqual([]);
      expect(first.events).toHaveLength(3);
    });

    it('filters to the policies one service applies: its inbound ones and the edges it calls', async () => {
      const store = fresh();
      const edge = (source: string, target: string) => PolicySpec.parse({ target: { kind: 'edge', source, target }, circuitBreaker: {} });
      const mine = await put(store, 'checkout', 0);
      const theirs = await put(store, 'payments', 0);
      const out = await store.write('edge:checkout>payments', { spec: edge('checkout', 'payments'), expectedVersion: 0, reason: 'trip it' }, ALICE);
      const srv = await serve(store);
      const c = listen(srv.port, 0, 'checkout');
      await eventually(() => expect(c.events).toEqual([{ type: 'snapshot', revision: expect.any(Number), policies: [out, mine] }]));
      const into = await store.write('edge:gateway>checkout', { spec: edge('gateway', 'checkout'), expectedVersion: 0, reason: 'gateway applies it' }, ALICE);
      const mine2 = await put(store, 'checkout', 1, 99);
      await eventually(() => expect(c.events.slice(1)).toEqual(changes(mine2)));
      expect(into.revision).toBeLessThan(mine2.revision);
      expect(theirs.revision).toBeLessThan(out.revision);
    });
  });
}

describe('WatchPolicies across restarts and resets', () => {
  it('a client resuming on the new server from its last revision gets every write made meanwhile, in order', async () => {
    const prefix = `/switchyard-grpc-test/${randomUUID()}/`;
    prefixes.push(prefix);
    const s1 = createEtcdPolicyStore({ endpoints: [etcdUrl], prefix });
    const srv1 = await startPolicyWatchServer(s1, '127.0.0.1:0', () => {});
    const a1 = await put(s1, 'a', 0);
    const before = listen(srv1.port, 0);
    await eventually(() => expect(before.events).toEqual([{ type: 'snapshot', revision: expect.any(Number), policies: [a1] }]));
    const a2 = await put(s1, 'a', 1, 60);
    await eventually(() => expect(before.events.slice(1)).toEqual(changes(a2)));

    // The BFF goes away: its clients see the stream end.
    await srv1.close();
    await s1.close();
    await eventually(() => expect(before.errors.length).toBe(1));

    // Writes while it is down (another BFF, or etcdctl by the store's layout).
    const other = etcdStore(prefix);
    const b1 = await put(other, 'b', 0);
    const a3 = await put(other, 'a', 2, 70);

    const srv2 = await serve(etcdStore(prefix));
    const after = listen(srv2.port, last(before.events));
    await eventually(() => expect(after.events).toEqual(changes(b1, a3)));
    const a4 = await put(other, 'a', 3, 80);
    await eventually(() => expect(after.events).toEqual(changes(b1, a3, a4)));
  });

  it('answers a revision beyond the store with a snapshot (replace what you hold)', async () => {
    const store = fileStore(tempDir('switchyard-grpc-'));
    const a1 = await put(store, 'a', 0);
    const srv = await serve(store);
    const c = listen(srv.port, 1_000_000);
    await eventually(() => expect(c.events).toEqual([{ type: 'snapshot', revision: a1.revision, policies: [a1] }]));
  });
});
