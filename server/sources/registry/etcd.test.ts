import { randomUUID } from 'node:crypto';
import { Etcd3 } from 'etcd3';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { EtcdProcess, freePort } from '@/server/testing/etcd-process';
import { createEtcdRegistry, type EtcdRegistry } from './etcd';
import { eventually, failure } from '@/server/testing/assertions';

const { etcdUrl } = inject('stack');
const admin = new Etcd3({ hosts: etcdUrl });
const opened: EtcdRegistry[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((r) => r.close()));
});
afterAll(() => admin.close());

/** A fresh prefix per test, so tests never see each other's keys. */
const newPrefix = () => `/switchyard-test/${randomUUID()}/`;
const registry = (prefix: string, endpoints = [etcdUrl], dialTimeoutMs = 3000) => {
  const r = createEtcdRegistry({ endpoints, prefix, dialTimeoutMs });
  opened.push(r);
  return r;
};

const kratos = (id: string, name: string, endpoints: string[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, name, version: 'v1.2.3', metadata: { zone: 'eu-1', weight: 10 }, endpoints, ...extra });

describe('etcd registry against a real etcd', () => {
  it('lists go-kratos and go-micro registrations, with the service name from the key', async () => {
    const p = newPrefix();
    await admin.put(`${p}orders/o-1`).value(kratos('o-1', 'orders', ['grpc://10.0.0.5:9000?isSecure=false', 'http://127.0.0.1:18100']));
    await admin.put(`${p}orders/o-2`).value(kratos('o-2', 'orders', ['grpc://10.0.0.6:9000?isSecure=false']));
    await admin
      .put(`${p}billing/b-1`)
      .value(
        JSON.stringify({
          name: 'go.micro.billing',
          version: 'latest',
          metadata: { team: 'pay' },
          endpoints: [{ name: 'Billing.Charge', request: { name: 'ChargeRequest', type: 'ChargeRequest' }, response: null, metadata: {} }],
          nodes: [{ id: 'b-1', address: '10.0.0.7:8080', metadata: { protocol: 'grpc', n: 3 } }],
        }),
      );
    const r = registry(p);
    expect(await r.list()).toEqual([
      { service: 'billing', id: 'b-1', address: '10.0.0.7:8080', metadata: { team: 'pay', protocol: 'grpc', version: 'latest' } },
      // The http endpoint wins over the grpc one listed first; numbers in metadata are dropped.
      { service: 'orders', id: 'o-1', address: '127.0.0.1:18100', metadata: { zone: 'eu-1', version: 'v1.2.3' } },
      { service: 'orders', id: 'o-2', address: '10.0.0.6:9000', metadata: { zone: 'eu-1', version: 'v1.2.3' } },
    ]);
    expect(await r.services()).toEqual(['billing', 'orders']);
    expect(r.problems.size).toBe(0);
  });

  it('follows puts and deletes through the watch, and notifies subscribers', async () => {
    const p = newPrefix();
    await admin.put(`${p}a/1`).value(kratos('1', 'a', ['http://10.1.0.1:80']));
    const r = registry(p);
    expect((await r.list()).map((i) => i.id)).toEqual(['1']);
    let changes = 0;
    const unsubscribe = r.subscribe(() => changes++);

    await admin.put(`${p}b/2`).value(kratos('2', 'b', ['http://10.1.0.2:8080']));
    await eventually(async () => expect((await r.list()).map((i) => `${i.service}/${i.id}@${i.address}`)).toEqual(['a/1@10.1.0.1:80', 'b/2@10.1.0.2:8080']));
    await eventually(() => expect(changes).toBeGreaterThanOrEqual(1));
    expect(await r.services()).toEqual(['a', 'b']);

    const before = changes;
    await admin.delete().key(`${p}a/1`);
    await eventually(async () => expect((await r.list()).map((i) => i.id)).toEqual(['2']));
    await eventually(() => expect(changes).toBeGreaterThan(before));
    // etcd has no "service without instances": the last instance gone, the service is gone.
    expect(await r.services()).toEqual(['b']);

    unsubscribe();
    const after = changes;
    await admin.put(`${p}c/3`).value(kratos('3', 'c', ['http://10.1.0.3:80']));
    await eventually(async () => expect(await r.services()).toEqual(['b', 'c']));
    expect(changes).toBe(after);
  });

  it('misses no write made while it loads and starts watching', async () => {
    const p = newPrefix();
    const N = 300;
    // Writes race the initial load: each lands before the load, between load and watch, or after.
    const writes = (async () => {
      for (let i = 0; i < N; i++) await admin.put(`${p}race/${String(i).padStart(3, '0')}`).value(kratos(`r-${i}`, 'race', [`http://10.6.${i >> 8}.${i & 255}:80`]));
    })();
    await new Promise((r) => setTimeout(r, 5));
    const r = registry(p);
    await r.list();
    await writes;
    await eventually(async () => expect((await r.list()).length).toBe(N));
  });

  it('drops an instance whose lease expires, with no client action', async () => {
    const p = newPrefix();
    const r = registry(p);
    expect(await r.list()).toEqual([]);
    const lease = admin.lease(2, { autoKeepAlive: false });
    await lease.put(`${p}ephemeral/e-1`).value(kratos('e-1', 'ephemeral', ['http://10.2.0.1:80']));
    await eventually(async () => expect((await r.list()).map((i) => i.id)).toEqual(['e-1']));
    await eventually(async () => expect(await r.list()).toEqual([]), 15_000);
    expect(await r.services()).toEqual([]);
    lease.release();
  });

  it('skips malformed values, keeps the others and says why', async () => {
    const p = newPrefix();
    await admin.put(`${p}good/g-1`).value(kratos('g-1', 'good', ['http://10.3.0.1:80']));
    await admin.put(`${p}bad/not-json`).value('{nope');
    await admin.put(`${p}bad/wrong-shape`).value(JSON.stringify({ id: 'x', endpoints: [] }));
    await admin.put(`${p}no-instance-segment`).value(kratos('z', 'z', ['http://10.3.0.9:80']));
    const r = registry(p);
    expect((await r.list()).map((i) => i.id)).toEqual(['g-1']);
    expect(await r.services()).toEqual(['good']);
    expect([...r.problems.keys()].sort()).toEqual([`${p}bad/not-json`, `${p}bad/wrong-shape`, `${p}no-instance-segment`]);
    expect(r.problems.get(`${p}bad/not-json`)).toMatch(/not JSON/);

    // A good instance overwritten with garbage disappears; fixed again, it comes back and the problem clears.
    await admin.put(`${p}good/g-1`).value('garbage');
    await eventually(async () => expect(await r.list()).toEqual([]));
    expect(r.problems.has(`${p}good/g-1`)).toBe(true);
    await admin.put(`${p}good/g-1`).value(kratos('g-1', 'good', ['http://10.3.0.1:80']));
    await eventually(async () => expect((await r.list()).map((i) => i.id)).toEqual(['g-1']));
    expect(r.problems.has(`${p}good/g-1`)).toBe(false);
  });

  it('keeps hostile service names exactly', async () => {
    const p = newPrefix();
    const names = ['we"ird\\svc', 'has space', "it's", 'back\\\\slash', 'ünï'];
    for (const [i, n] of names.entries()) await admin.put(`${p}${n}/i-${i}`).value(kratos(`i-${i}`, 'ignored', [`http://10.4.0.${i}:80`]));
    const r = registry(p);
    expect(await r.services()).toEqual([...names].sort());
    for (const [i, n] of names.entries()) expect((await r.list()).find((x) => x.id === `i-${i}`)?.service).toBe(n);
  });

  it('fails fast with a SourceFailure naming a dead endpoint', async () => {
    const port = await freePort();
    const r = registry(newPrefix(), [`http://127.0.0.1:${port}`], 1000);
    const t0 = Date.now();
    const e = await failure(r.list());
    expect(['unavailable', 'timeout']).toContain(e.kind);
    expect(e.source).toBe('registry:etcd');
    expect(e.message).toContain(`127.0.0.1:${port}`);
    expect(Date.now() - t0).toBeLessThan(5000); // bounded by the 1 s dial timeout, not by gRPC's retries
    expect((await failure(r.services())).source).toBe('registry:etcd');
  });
});

describe('etcd registry when etcd comes and goes', () => {
  let etcd: EtcdProcess | null = null;
  afterEach(async () => {
    await etcd?.dispose();
    etcd = null;
  });

  it('retries after a failed first read, and reloads after etcd restarts', { timeout: 90_000 }, async () => {
    etcd = new EtcdProcess(await freePort(), await freePort());
    const p = newPrefix();
    const r = registry(p, [etcd.url], 1000);
    expect((await failure(r.list())).message).toContain(etcd.url.replace('http://', ''));

    await etcd.start();
    const own = new Etcd3({ hosts: etcd.url });
    try {
      await own.put(`${p}svc/1`).value(kratos('1', 'svc', ['http://10.5.0.1:80']));
      // Not stuck with the first failure: a later read loads the prefix.
      await eventually(async () => expect((await r.list()).map((i) => i.id)).toEqual(['1']), 30_000);

      let changes = 0;
      r.subscribe(() => changes++);
      await etcd.stop();
      // While etcd is down, the last known view is still served.
      expect((await r.list()).map((i) => i.id)).toEqual(['1']);
      await etcd.start();
      await own.put(`${p}svc/2`).value(kratos('2', 'svc', ['http://10.5.0.2:80']));
      await own.delete().key(`${p}svc/1`);
      await eventually(async () => expect((await r.list()).map((i) => i.id)).toEqual(['2']), 45_000);
      expect(changes).toBeGreaterThan(0);
    } finally {
      own.close();
    }
  });
});
