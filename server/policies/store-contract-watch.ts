import 'server-only';
import { describe, expect, it } from 'vitest';
import type { Policy } from '@/lib/schemas/policy';
import { eventually } from '@/server/testing/assertions';
import type { PolicyEvent, PolicyStore } from './port';
import { ALICE, put } from './store-contract-helpers';

const changes = (...ps: Policy[]): PolicyEvent[] => ps.map((policy) => ({ type: 'change', policy }));

/** The watch half of the contract (see store-contract.ts): what the gRPC WatchPolicies stream relays. */
export function watchContract(name: string, h: { fresh(): Promise<PolicyStore>; reopen(s: PolicyStore): Promise<PolicyStore> }): void {
  describe(`${name}: watch`, () => {
    it('from 0 sends a snapshot, then every change in revision order; unsubscribe stops it', async () => {
      const s = await h.fresh();
      const a1 = await put(s, 'a', 0);
      const events: PolicyEvent[] = [];
      const stop = s.watch(0, (e) => events.push(e));
      await eventually(() => expect(events).toHaveLength(1));
      const snap = events[0]!;
      expect(snap).toEqual({ type: 'snapshot', revision: expect.any(Number), policies: [a1] });
      expect(snap.type === 'snapshot' && snap.revision).toBeGreaterThanOrEqual(a1.revision);

      const b1 = await put(s, 'b', 0);
      const a2 = await put(s, 'a', 1, 70);
      const gone = await s.remove('service:b', 1, 'drop b', ALICE);
      await eventually(() => expect(events.slice(1)).toEqual(changes(b1, a2, gone)));

      stop();
      const a3 = await put(s, 'a', 2, 80);
      const later: PolicyEvent[] = [];
      const stop2 = s.watch(gone.revision, (e) => later.push(e));
      await eventually(() => expect(later).toEqual(changes(a3)));
      stop2();
      expect(events.slice(1)).toEqual(changes(b1, a2, gone));
    });

    it('resumes after a restart from the last revision seen: every later change exactly once, in order', async () => {
      const s = await h.fresh();
      const w1 = await put(s, 'a', 0);
      const w2 = await put(s, 'b', 0);
      const w3 = await put(s, 'a', 1, 60);
      const t = await h.reopen(s); // the BFF restarts; its client had processed up to w2
      const w4 = await put(t, 'b', 1, 70);
      const w5 = await t.remove('service:a', 2, 'drop a', ALICE);
      const events: PolicyEvent[] = [];
      const stop = t.watch(w2.revision, (e) => events.push(e));
      await eventually(() => expect(events).toEqual(changes(w3, w4, w5)));
      const w6 = await t.restore('service:a', w1.revision, 3, 'bring a back', ALICE);
      await eventually(() => expect(events).toEqual(changes(w3, w4, w5, w6)));
      stop();
    });

    it('sends a snapshot when asked to resume from a revision this store never reached', async () => {
      const s = await h.fresh();
      const a1 = await put(s, 'a', 0);
      const events: PolicyEvent[] = [];
      const stop = s.watch(a1.revision + 1_000_000, (e) => events.push(e));
      await eventually(() => expect(events).toHaveLength(1));
      expect(events[0]).toMatchObject({ type: 'snapshot', policies: [a1] });
      const a2 = await put(s, 'a', 1, 99);
      await eventually(() => expect(events.slice(1)).toEqual(changes(a2)));
      stop();
    });
  });
}
