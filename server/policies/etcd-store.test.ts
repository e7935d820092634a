import { randomUUID } from 'node:crypto';
import { Etcd3 } from 'etcd3';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { policyAfter } from '@/lib/policy/history';
import { policyAuditKey, policyKey, type AuditEntry, type Policy } from '@/lib/schemas/policy';
import { eventually } from '@/server/testing/assertions';
import { EtcdProcess, freePort } from '@/server/testing/etcd-process';
import { ConflictError, StoreUnavailableError } from './errors';
import { createEtcdPolicyStore } from './etcd-store';
import type { PolicyEvent, PolicyStore } from './port';
import { policyStoreContract } from './store-contract';
import { allAudit, put, rejection } from './store-contract-helpers';

const { etcdUrl } = inject('stack');
const admin = new Etcd3({ hosts: etcdUrl });
afterAll(() => admin.close());
const prefixes = new Map<PolicyStore, { prefix: string; endpoints: string[] }>();
const newPrefix = () => `/switchyard-test/${randomUUID()}/`;
const storeAt = (prefix: string, endpoints = [etcdUrl], dialTimeoutMs = 3000) => {
  const s = createEtcdPolicyStore({ endpoints, prefix, dialTimeoutMs });
  prefixes.set(s, { prefix, endpoints });
  return s;
};

policyStoreContract('etcd store', {
  fresh: async () => storeAt(newPrefix()),
  reopen: async (s) => {
    await s.close();
    const { prefix, endpoints } = prefixes.get(s)!;
    return storeAt(prefix, endpoints);
  },
});

describe('etcd store against a real etcd', () => {
  const open: PolicyStore[] = [];
  const store = (prefix: string, endpoints?: string[], dialMs?: number) => {
    const s = storeAt(prefix, endpoints, dialMs);
    open.push(s);
    return s;
  };
  let etcd: EtcdProcess | null = null;
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await etcd?.dispose();
    etcd = null;
  });

  it('stores the documented layout: the policy without its revision, one audit key per version, one transaction', async () => {
    const p = newPrefix();
    const s = store(p);
    const v1 = await put(s, 'payments', 0);
    const kv = (await admin.get(policyKey(p, 'service:payments')).exec()).kvs[0]!;
    expect(Number(kv.mod_revision)).toBe(v1.revision);
    const { revision: _r, ...stored } = v1;
    expect(JSON.parse(kv.value.toString())).toEqual(JSON.parse(JSON.stringify(stored)));
    const audit = (await admin.get(policyAuditKey(p, 'service:payments', 1)).exec()).kvs[0]!;
    expect(Number(audit.mod_revision)).toBe(v1.revision);
    expect(await admin.getAll().prefix(p).keys()).toEqual([`${p}audit/service:payments/00000000000000000001`, `${p}policies/service:payments`]);
  });

  it('lets exactly one of 20 writers on separate connections win each version; the audit log holds exactly the winners', async () => {
    const p = newPrefix();
    const writers = Array.from({ length: 20 }, () => store(p));
    const winners: Policy[] = [];
    for (let version = 0; version < 5; version++) {
      const results = await Promise.allSettled(writers.map((w, i) => put(w, 'checkout', version, 1 + version * 100 + i)));
      const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
      for (const r of results) if (r.status === 'rejected') expect((r.reason as ConflictError).current).toEqual(won[0]);
      winners.push(won[0]!);
    }
    const audit = (await allAudit(writers[0]!)).reverse();
    expect(audit.map((e) => [e.version, e.revision, e.reason])).toEqual(winners.map((w) => [w.version, w.revision, w.reason]));
    expect(await admin.getAll().prefix(`${p}audit/`).count()).toBe(5);
  });

  it('resumes a watch in a new store instance (a BFF restart) with every later change exactly once, in order', async () => {
    const p = newPrefix();
    const writer = store(p);
    const first = store(p);
    const seen: PolicyEvent[] = [];
    first.watch(0, (e) => seen.push(e));
    await eventually(() => expect(seen).toHaveLength(1));

    const written: Policy[] = [];
    let stopWriting = false;
    const versions = new Map<string, number>();
    const writing = (async () => {
      for (let i = 0; !stopWriting || i < 30; i++) {
        const svc = ['a', 'b', 'c'][i % 3]!;
        const p = await put(writer, svc, versions.get(svc) ?? 0, 1 + i);
        versions.set(svc, p.version);
        written.push(p);
      }
    })();
    await eventually(() => expect(seen.length).toBeGreaterThan(5));
    await first.close(); // the BFF goes away mid-stream
    const lastSeen = seen.at(-1)!;
    const from = lastSeen.type === 'change' ? lastSeen.policy.revision : lastSeen.revision;
    await new Promise((r) => setTimeout(r, 50)); // writes continue while nobody watches

    const second = store(p);
    const resumed: PolicyEvent[] = [];
    second.watch(from, (e) => resumed.push(e));
    stopWriting = true;
    await writing;
    const expected = written.filter((w) => w.revision > from).map((policy) => ({ type: 'change', policy }));
    expect(expected.length).toBeGreaterThan(0);
    await eventually(() => expect(resumed).toEqual(expected), 20_000);
    // Nothing the first instance delivered is delivered again, and nothing is missing in between.
    expect([...seen.slice(1), ...resumed].map((e) => (e.type === 'change' ? e.policy.revision : -1))).toEqual(written.map((w) => w.revision));
  });

  it('rejects writes while etcd is down, with nothing partial stored; watches resume after etcd returns', { timeout: 120_000 }, async () => {
    etcd = new EtcdProcess(await freePort(), await freePort());
    await etcd.start();
    const p = newPrefix();
    const s = store(p, [etcd.url], 1000);
    const events: PolicyEvent[] = [];
    const errors: Error[] = [];
    s.watch(0, (e) => events.push(e), (e) => errors.push(e));
    const acked: Policy[] = [];
    acked.push(await put(s, 'payments', 0, 10));
    await eventually(() => expect(events.length).toBe(2));

    // Kill etcd in the middle of a burst of writes: some succeed, the rest fail; none half-way.
    const versions = new Map<string, number>([['payments', 1]]);
    const burst = (async () => {
      for (let i = 0; ; i++) {
        const svc = ['payments', 'orders'][i % 2]!;
        try {
          const p = await put(s, svc, versions.get(svc) ?? 0, 20 + i);
          versions.set(svc, p.version);
          acked.push(p);
        } catch (err) {
          return err;
        }
      }
    })();
    await eventually(() => expect(acked.length).toBeGreaterThan(5));
    await etcd.stop();
    const err = (await burst) as Error;
    expect(err).toBeInstanceOf(StoreUnavailableError);
    const down = await rejection(put(s, 'payments', versions.get('payments')!, 999), StoreUnavailableError);
    expect(down.kind).toBe('unavailable');
    expect(down.message).toContain(etcd.url.replace('http://', ''));
    await eventually(() => expect(errors.length).toBeGreaterThan(0));

    await etcd.start();
    // After the restart: every acknowledged write is there, and the policies and audit log agree entry for entry.
    let audit: AuditEntry[] = [];
    await eventually(async () => void (audit = await allAudit(s)), 30_000); // etcd3's breaker may hold calls back a few seconds
    const byRevision = new Map(audit.map((e) => [e.revision, e]));
    for (const a of acked) expect(policyAfter(byRevision.get(a.revision)!)).toEqual(a);
    for (const p of await s.list()) {
      const own = audit.filter((e) => e.policyId === p.id);
      expect(own.map((e) => e.version)).toEqual(Array.from({ length: p.version }, (_, k) => p.version - k));
      expect(policyAfter(own[0]!)).toEqual(p);
    }
    // The watch resumed on its own: every write, once, in order (including one that committed while its answer was lost).
    const after = await put(s, 'payments', (await s.get('service:payments'))!.version, 1234);
    await eventually(() => expect(events.at(-1)).toEqual({ type: 'change', policy: after }), 30_000);
    expect(events.slice(1).map((e) => (e.type === 'change' ? e.policy.revision : -1))).toEqual([...audit].reverse().map((e) => e.revision).concat(after.revision));
  });

  it('fails fast with a StoreUnavailableError naming a dead endpoint', async () => {
    const port = await freePort();
    const s = store(newPrefix(), [`http://127.0.0.1:${port}`], 1000);
    const e = await rejection(put(s, 'payments', 0), StoreUnavailableError);
    expect(e.message).toContain(`127.0.0.1:${port}`);
    expect(e.source).toBe('policies:etcd');
    await rejection(s.list(), StoreUnavailableError);
  });
});
