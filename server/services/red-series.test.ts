import { describe, expect, inject, it } from 'vitest';
import type { ProfileKind } from '@/lib/schemas/config';
import type { NamedSeries } from '@/lib/schemas/services';
import { InputError } from '@/server/runtime/errors';
import { expectedServices, q } from '@/server/testing/expected-views';
import { HOSTILE } from '@/server/testing/fixture-history';
import { relClose, viewContainer } from '@/server/testing/view-container';
import { redSeries } from './red-series';

const { promUrl, fixtureEndS } = inject('stack');
const T = fixtureEndS * 1000; // a whole hour, so every step below divides it
const HOUR = 3_600_000;
const DAY = 86_400_000;
const PROFILES: ProfileKind[] = ['otel-http', 'service-graph', 'istio'];

const series = (list: NamedSeries[], name: string) => list.find((s) => s.name === name)?.points ?? [];

describe.each(PROFILES)('RED series with the %s profile', (kind) => {
  const { c, queries } = viewContainer({ promUrl, kind });
  const expected = expectedServices(kind);

  it('puts exact rates, error ratios and percentiles on the step grid', async () => {
    // 1 h over 240 px at one point per 2 px: 120 intervals of 30 s (above the 15 s scrape interval).
    for (const [name, e] of expected) {
      const res = await redSeries(c, name, { from: String(T - HOUR), to: String(T) }, 240, Date.now());
      expect(res.errors).toEqual([]);
      expect(res).toMatchObject({ service: name, startMs: T - HOUR, endMs: T, stepMs: 30_000 });
      const want: Array<[string, NamedSeries[], string, number]> = [
        ['rate', res.rate, 'total', e.rps],
        ['error ratio', res.errorRatio, 'errors', e.errorRatio],
        ['p50', res.latency, 'p50', q(0.5, e)],
        ['p95', res.latency, 'p95', q(0.95, e)],
        ['p99', res.latency, 'p99', q(0.99, e)],
      ];
      for (const [what, list, seriesName, value] of want) {
        const points = series(list, seriesName);
        expect(points.map(([t]) => t), `${name} ${what} grid`).toEqual(Array.from({ length: 121 }, (_, i) => T - HOUR + i * 30_000));
        const off = points.filter(([, v]) => !relClose(v, value));
        expect(off, `${name} ${what} should be ${value} at every step`).toEqual([]);
      }
    }
  });

  it('never steps finer than the scrape interval', async () => {
    const svc = [...expected.keys()][0]!;
    // 2,400 px would ask for 3 s steps; the 15 s scrape interval is the floor.
    const res = await redSeries(c, svc, { from: String(T - HOUR), to: String(T) }, 2400, Date.now());
    expect(res.stepMs).toBe(15_000);
    expect(series(res.rate, 'total')).toHaveLength(HOUR / 15_000 + 1);
  });

  it('keeps a 30-day range under 11,000 points per series', async () => {
    const svc = [...expected.keys()][0]!;
    const res = await redSeries(c, svc, { from: String(T - 30 * DAY), to: String(T) }, 100_000, Date.now());
    expect(res.stepMs).toBeGreaterThanOrEqual((30 * DAY) / 10_999);
    for (const s of [...res.rate, ...res.errorRatio, ...res.latency]) {
      expect(s.points.length).toBeLessThanOrEqual(11_000);
      expect(s.points.length).toBeGreaterThan(10_000); // the width asked for more; the cap, not the width, decided
    }
    // The last step lies inside the fixture's 3 h, where the rate is exact; steps before the history are gaps.
    const rate = series(res.rate, 'total');
    expect(relClose(rate.at(-1)![1], expected.get(svc)!.rps)).toBe(true);
    expect(rate[0]![1]).toBeNull();
  });

  it('rejects an inverted range naming the field, before asking Prometheus', async () => {
    queries.length = 0;
    const err = await redSeries(c, 'checkout', { from: String(T), to: String(T - HOUR) }, 600, Date.now()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe('to');
    expect((err as InputError).message).toMatch(/"to"/);
    expect(queries).toEqual([]);
  });
});

describe('RED series for a hostile service name', () => {
  it('charts it with exact rates (otel-http, the one profile where it has traffic)', async () => {
    const { c } = viewContainer({ promUrl, kind: 'otel-http' });
    const res = await redSeries(c, HOSTILE, { from: String(T - HOUR), to: String(T) }, 240, Date.now());
    const rate = series(res.rate, 'total');
    expect(rate).toHaveLength(121);
    expect(rate.filter(([, v]) => !relClose(v, 0.5 + 0.05))).toEqual([]);
  });
});
