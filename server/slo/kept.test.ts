import 'server-only';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Slo } from '@/lib/schemas/slo';
import { makeSlo, ratioSlo } from '@/server/testing/slo-expect';
import { removeRegistryFiles, viewContainer } from '@/server/testing/view-container';
import { KEEP_FRESH_MS, KEEP_STALE_MS, KeptValues } from './kept';
import { listSlos } from './views';

const slo = (id: string, objective = 0.99) => makeSlo(id, { kind: 'service-availability' }, { service: id, objective });
const T = 1_700_000_000_000;
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('KeptValues', () => {
  it('uses a value while fresh, refreshes it in the background while stale, recomputes it when too old or changed', async () => {
    const kept = new KeptValues<number>();
    const a = slo('a');
    const b = slo('b');
    const calls: Array<{ ids: string[]; t: number }> = [];
    let release: (v: Map<string, number> | null) => void = () => {};
    const refresh = (stale: Slo[], t: number) => {
      calls.push({ ids: stale.map((s) => s.id), t });
      return new Promise<Map<string, number> | null>((r) => (release = r));
    };

    expect(kept.take([a, b], T, refresh)).toEqual({ values: new Map(), missing: [a, b] });
    kept.put([a, b], T, new Map([['a', 1]])); // b had no value: not kept
    expect(kept.take([a, b], T + KEEP_FRESH_MS - 1, refresh)).toEqual({ values: new Map([['a', 1]]), missing: [b] });
    expect(calls).toEqual([]);

    // Stale: still used, one refresh at a time.
    const stale = T + KEEP_FRESH_MS;
    expect(kept.take([a], stale, refresh).values).toEqual(new Map([['a', 1]]));
    expect(kept.take([a], stale + 1, refresh).values).toEqual(new Map([['a', 1]]));
    expect(calls).toEqual([{ ids: ['a'], t: stale }]);
    release(new Map([['a', 2]]));
    await settle();
    expect(kept.take([a], stale + 1, refresh).values).toEqual(new Map([['a', 2]]));
    expect(calls).toHaveLength(1);

    // A failed refresh keeps the old value, and the next look tries again.
    kept.take([a], stale + KEEP_FRESH_MS, refresh);
    release(null);
    await settle();
    expect(kept.take([a], stale + KEEP_FRESH_MS + 1, refresh).values).toEqual(new Map([['a', 2]]));
    expect(calls).toHaveLength(3);

    // Too old, a changed spec, or a time before the value: computed again before answering.
    expect(kept.take([a], stale + KEEP_STALE_MS, refresh).missing).toEqual([a]);
    expect(kept.take([slo('a', 0.999)], stale + 1, refresh).missing).toHaveLength(1);
    expect(kept.take([a], stale - 1, refresh).missing).toEqual([a]);

    kept.retain(new Set(['b']));
    expect(kept.take([a], stale + 1, refresh).missing).toEqual([a]);
  });
});

describe('the live /slos view', () => {
  const { promUrl, endS } = inject('sloStack');
  const E = endS * 1000;
  afterAll(removeRegistryFiles);

  it('keeps coverage and sparklines between refreshes, with the numbers of a full computation', async () => {
    const slos = [ratioSlo('steady', 'steady', { window: { kind: 'rolling', days: 7 } }), ratioSlo('young', 'young')];
    const { c, queries } = viewContainer({ promUrl, kind: 'otel-http' });
    const byId = new Map(slos.map((s) => [s.id, s]));
    c.slos = { list: () => slos, get: (id) => byId.get(id), problems: () => [], files: () => [], subscribe: () => () => {}, reload: () => {}, close: async () => {} };

    const exact = await listSlos(c, { at: String(E), sparklines: 'true' }, E);
    queries.length = 0;
    const first = await listSlos(c, { at: 'now', sparklines: 'true' }, E);
    const cold = queries.length;
    queries.length = 0;
    const again = await listSlos(c, { at: 'now', sparklines: 'true' }, E + 500);
    // Cold: the records' read, 7 windows, (ratio, coverage) per window, a sparkline query per window.
    expect(cold).toBe(1 + 7 + 2 * 2 + 2);
    // Warm: no coverage and no sparkline queries.
    expect(queries).toHaveLength(1 + 7 + 2);
    expect(first).toEqual(exact);
    expect(again).toEqual(exact);
    // The kept coverage is the computed one: 10 days of data in a 30-day window.
    expect(again.slos.find((s) => s.id === 'young')!.coverage).toBeCloseTo(1 / 3, 12);
  });
});
