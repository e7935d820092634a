import 'server-only';
import { afterEach, describe, expect, it } from 'vitest';
import { policyAfter } from '@/lib/policy/history';
import type { AuditEntry, Policy, Rollout } from '@/lib/schemas/policy';
import { InputError, NotFoundError } from '@/server/runtime/errors';
import { ConflictError } from './errors';
import type { PolicyStore } from './port';
import { allAudit, ALICE, put, rejection, spec } from './store-contract-helpers';
import { watchContract } from './store-contract-watch';

/**
 * The contract both stores must honour, as one suite run against each (file-store.test.ts,
 * etcd-store.test.ts). Revisions are only assumed to increase: etcd's are cluster-wide, so other
 * keys' writes leave gaps.
 */
export interface StoreHarness {
  /** A store on fresh, empty storage. */
  fresh(): Promise<PolicyStore>;
  /** Closes `store` and opens a new instance on the same storage: a BFF restart. */
  reopen(store: PolicyStore): Promise<PolicyStore>;
}

export function policyStoreContract(name: string, h: StoreHarness): void {
  const open: PolicyStore[] = [];
  const fresh = async () => {
    const s = await h.fresh();
    open.push(s);
    return s;
  };
  const reopen = async (s: PolicyStore) => {
    const n = await h.reopen(s);
    open.push(n);
    return n;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  describe(`${name}: writes, compare-and-set and the audit log`, () => {
    it('creates at version 1 and audits who, why and every field as a diff', async () => {
      const s = await fresh();
      const p = await put(s, 'payments', 0);
      expect(p).toMatchObject({ id: 'service:payments', version: 1, updatedBy: ALICE, reason: 'set payments to 50/s', deleted: false, rollout: { stage: 'all' } });
      expect(p.revision).toBeGreaterThan(0);
      expect(await s.get('service:payments')).toEqual(p);
      expect(await s.list()).toEqual([p]);
      const [e, ...rest] = await allAudit(s);
      expect(rest).toEqual([]);
      expect(e).toMatchObject({ policyId: 'service:payments', version: 1, revision: p.revision, by: ALICE, reason: 'set payments to 50/s', action: 'create', at: p.updatedAt });
      expect(e!.diff).toEqual([
        { path: 'deleted', to: false },
        { path: 'rollout.stage', to: 'all' },
        { path: 'spec.circuitBreaker', to: null },
        { path: 'spec.rateLimit.burst', to: 100 },
        { path: 'spec.rateLimit.enabled', to: true },
        { path: 'spec.rateLimit.ratePerSecond', to: 50 },
        { path: 'spec.rateLimit.scope', to: 'instance' },
        { path: 'spec.target.kind', to: 'service' },
        { path: 'spec.target.service', to: 'payments' },
      ]);
      expect(await s.get('service:nothing')).toBeNull();
    });

    it('updates on the current version, with the exact field diff; a stale version is a conflict carrying the current policy', async () => {
      const s = await fresh();
      const v1 = await put(s, 'payments', 0, 50);
      const v2 = await put(s, 'payments', 1, 80);
      expect(v2.version).toBe(2);
      expect(v2.revision).toBeGreaterThan(v1.revision);
      expect((await allAudit(s))[0]).toMatchObject({ action: 'update', version: 2, diff: [{ path: 'spec.rateLimit.ratePerSecond', from: 50, to: 80 }] });

      const stale = await rejection(put(s, 'payments', 1, 99), ConflictError);
      expect(stale.current).toEqual(v2);
      expect(stale.message).toContain('version 2');
      const recreate = await rejection(put(s, 'payments', 0, 99), ConflictError);
      expect(recreate.current).toEqual(v2);
      const ahead = await rejection(put(s, 'orders', 4), ConflictError);
      expect(ahead.current).toBeNull();
      expect(await s.get('service:payments')).toEqual(v2);
      expect((await allAudit(s)).map((e) => e.version)).toEqual([2, 1]);
    });

    it('rejects bad input naming the field, and stores nothing', async () => {
      const s = await fresh();
      const wrongId = await rejection(s.write('service:orders', { spec: spec('payments'), expectedVersion: 0, reason: 'mismatch' }, ALICE), InputError);
      expect(wrongId.field).toBe('spec.target');
      expect((await rejection(put(s, 'payments', 0, 50, { reason: ' x ' }), InputError)).field).toBe('reason');
      expect((await rejection(s.write('nonsense', { spec: spec('payments'), expectedVersion: 0, reason: 'bad id' }, ALICE), InputError)).field).toBe('id');
      const noRollout: Rollout = { stage: 'canary', instances: [], percent: null, baseVersion: null, baseSpec: null };
      expect((await rejection(put(s, 'payments', 0, 50, { rollout: noRollout }), InputError)).field).toBe('rollout');
      expect((await rejection(s.audit({ limit: 0 }), InputError)).field).toBe('limit');
      expect(await s.list()).toEqual([]);
      expect(await allAudit(s)).toEqual([]);
    });

    it('lets exactly one of 20 concurrent writes of the same version win, round after round', async () => {
      const s = await fresh();
      const winners: Policy[] = [];
      for (let round = 0; round < 4; round++) {
        const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => put(s, 'payments', round, 100 + round * 20 + i)));
        const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        expect(won).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
        winners.push(won[0]!);
      }
      const audit = await allAudit(s);
      expect(audit.map((e) => [e.version, e.revision, e.reason])).toEqual(winners.reverse().map((w) => [w.version, w.revision, w.reason]));
    });

    it('tombstones on delete, re-creates over a tombstone, and restores any audited version', async () => {
      const s = await fresh();
      const v1 = await put(s, 'payments', 0, 50);
      await put(s, 'payments', 1, 80);
      const gone = await s.remove('service:payments', 2, 'payments is retired', ALICE);
      expect(gone).toMatchObject({ version: 3, deleted: true, spec: spec('payments', 80), reason: 'payments is retired' });
      expect(await s.list()).toEqual([gone]);
      expect((await allAudit(s))[0]).toMatchObject({ action: 'delete', version: 3, diff: [{ path: 'deleted', from: false, to: true }] });
      expect((await rejection(s.remove('service:payments', 3, 'again', ALICE), InputError)).field).toBe('id');
      await rejection(s.remove('service:nothing', 0, 'no such policy', ALICE), NotFoundError);
      expect((await rejection(s.remove('service:payments', 2, 'stale delete', ALICE), ConflictError)).current).toEqual(gone);

      const restored = await s.restore('service:payments', v1.revision, 3, 'back to 50/s', 'bob');
      expect(restored).toMatchObject({ version: 4, deleted: false, spec: spec('payments', 50), updatedBy: 'bob', rollout: { stage: 'all' } });
      expect((await allAudit(s))[0]).toMatchObject({
        action: 'restore',
        by: 'bob',
        diff: [
          { path: 'deleted', from: true, to: false },
          { path: 'spec.rateLimit.ratePerSecond', from: 80, to: 50 },
        ],
      });
      await rejection(s.restore('service:payments', restored.revision + 1000, 4, 'no such entry', ALICE), NotFoundError);
      const other = await put(s, 'orders', 0);
      await rejection(s.restore('service:payments', other.revision, 4, "another policy's entry", ALICE), NotFoundError);

      const dropped = await s.remove('service:payments', 4, 'retire again', ALICE);
      const again = await put(s, 'payments', dropped.version, 70);
      expect(again).toMatchObject({ version: 6, deleted: false });
      expect((await allAudit(s, 'service:payments'))[0]!.action).toBe('create');
    });

    it('audits every accepted write and nothing else; each entry rebuilds its version; pages by revision', async () => {
      const s = await fresh();
      const accepted: Policy[] = [];
      const ok = async (p: Promise<Policy>) => accepted.push(await p);
      const fail = (p: Promise<unknown>) => p.then(() => expect.unreachable('accepted'), () => undefined);
      await ok(put(s, 'a', 0));
      await fail(put(s, 'a', 0));
      await ok(put(s, 'b', 0));
      await ok(put(s, 'a', 1, 60));
      await fail(put(s, 'a', 1, 61));
      await fail(put(s, 'b', 0, 5, { reason: '' }));
      await ok(s.remove('service:b', 1, 'drop b', ALICE));
      await fail(s.promote('service:a', 2, 'not a canary', ALICE));
      await ok(s.restore('service:b', accepted[1]!.revision, 2, 'bring b back', ALICE));

      const audit = await allAudit(s);
      expect(audit.map((e) => [e.policyId, e.version, e.revision])).toEqual(accepted.map((p) => [p.id, p.version, p.revision]).reverse());
      for (const p of accepted) expect(policyAfter(audit.find((e) => e.revision === p.revision)!)).toEqual(p);
      expect((await allAudit(s, 'service:a')).map((e) => e.version)).toEqual([2, 1]);

      const pages: AuditEntry[][] = [];
      let before: number | undefined;
      for (;;) {
        const page = await s.audit({ limit: 2, ...(before ? { before } : {}) });
        if (page.length === 0) break;
        pages.push(page);
        before = page.at(-1)!.revision;
      }
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual(audit);
      expect(await s.audit({ limit: 10, policyId: 'service:a', before: accepted[2]!.revision })).toEqual([audit.at(-1)]);
    });

    it('keeps everything across a restart', async () => {
      const s = await fresh();
      await put(s, 'a', 0);
      await put(s, 'a', 1, 70);
      await s.remove('service:a', 2, 'gone', ALICE);
      await put(s, 'b', 0);
      const list = await s.list();
      const audit = await allAudit(s);
      const t = await reopen(s);
      expect(await t.list()).toEqual(list);
      expect(await allAudit(t)).toEqual(audit);
      expect((await put(t, 'b', 1, 90)).version).toBe(2);
    });
  });

  describe(`${name}: canary rollouts`, () => {
    it('runs a canary beside the base version, then promotes it to all', async () => {
      const s = await fresh();
      const v1 = await put(s, 'payments', 0, 50);
      const c = await put(s, 'payments', 1, 80, { rollout: { stage: 'canary', instances: ['payments-1'], percent: null, baseVersion: 77, baseSpec: null } });
      expect(c.spec).toEqual(spec('payments', 80));
      expect(c.rollout).toEqual({ stage: 'canary', instances: ['payments-1'], percent: null, baseVersion: 1, baseSpec: v1.spec });
      expect((await allAudit(s))[0]!.diff).toEqual([
        { path: 'rollout.baseVersion', to: 1 },
        { path: 'rollout.instances', to: ['payments-1'] },
        { path: 'rollout.percent', to: null },
        { path: 'rollout.stage', from: 'all', to: 'canary' },
        { path: 'spec.rateLimit.ratePerSecond', from: 50, to: 80 },
      ]);
      await rejection(s.promote('service:payments', 1, 'stale', ALICE), ConflictError);
      const p = await s.promote('service:payments', 2, 'canary looks fine', ALICE);
      expect(p).toMatchObject({ version: 3, spec: spec('payments', 80), rollout: { stage: 'all' } });
      expect((await allAudit(s))[0]).toMatchObject({
        action: 'promote',
        diff: [
          { path: 'rollout.baseVersion', from: 1 },
          { path: 'rollout.instances', from: ['payments-1'] },
          { path: 'rollout.percent', from: null },
          { path: 'rollout.stage', from: 'canary', to: 'all' },
        ],
      });
      expect((await rejection(s.promote('service:payments', 3, 'again', ALICE), InputError)).field).toBe('rollout');
      expect((await rejection(s.rollback('service:payments', 3, 'nothing to roll back', ALICE), InputError)).field).toBe('rollout');
    });

    it('rolls back to the base spec; a second canary keeps the first one\'s base', async () => {
      const s = await fresh();
      await put(s, 'payments', 0, 50);
      await put(s, 'payments', 1, 80, { rollout: { stage: 'canary', instances: [], percent: 10, baseVersion: null, baseSpec: null } });
      const second = await put(s, 'payments', 2, 90, { rollout: { stage: 'canary', instances: ['payments-2'], percent: null, baseVersion: null, baseSpec: null } });
      expect(second.rollout).toMatchObject({ baseVersion: 1, baseSpec: spec('payments', 50) });
      const back = await s.rollback('service:payments', 3, 'canary errors up', ALICE);
      expect(back).toMatchObject({ version: 4, spec: spec('payments', 50), rollout: { stage: 'all' }, deleted: false });
      expect((await allAudit(s))[0]).toMatchObject({ action: 'rollback', diff: expect.arrayContaining([{ path: 'spec.rateLimit.ratePerSecond', from: 90, to: 50 }]) });
    });

    it('rolls a canary of a new policy back to nothing: a tombstone', async () => {
      const s = await fresh();
      const c = await put(s, 'orders', 0, 30, { rollout: { stage: 'canary', instances: ['orders-1'], percent: null, baseVersion: null, baseSpec: null } });
      expect(c.rollout).toMatchObject({ stage: 'canary', baseVersion: null, baseSpec: null });
      const back = await s.rollback('service:orders', 1, 'not yet', ALICE);
      expect(back).toMatchObject({ version: 2, deleted: true, rollout: { stage: 'all' } });
      const e = (await allAudit(s))[0]!;
      expect(e).toMatchObject({ action: 'rollback', deleted: true });
      expect(policyAfter(e)).toEqual(back);
    });
  });

  watchContract(name, { fresh, reopen });
}
