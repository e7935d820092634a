import { describe, expect, inject, it } from 'vitest';
import type { ProfileKind } from '@/lib/schemas/config';
import { EdgeRedParams } from '@/lib/schemas/api-params';
import { EdgeRedSeriesResponse, type NamedSeries } from '@/lib/schemas/services';
import { InputError } from '@/server/runtime/errors';
import { parseParams } from '@/server/runtime/http';
import { edgeExpected, profileEdges, q } from '@/server/testing/expected-views';
import { HOSTILE } from '@/server/testing/fixture-history';
import { relClose, viewContainer } from '@/server/testing/view-container';
import { edgeRedSeries } from './edge-red-series';

const { promUrl, fixtureEndS } = inject('stack');
const T = fixtureEndS * 1000; // a whole hour, so every step below divides it
const HOUR = 3_600_000;
const PROFILES: ProfileKind[] = ['otel-http', 'service-graph', 'istio'];
const LAST_HOUR = { from: String(T - HOUR), to: String(T) };
/** 1 h over 240 px at one point per 2 px: 120 intervals of 30 s (above the 15 s scrape interval). */
const GRID = Array.from({ length: 121 }, (_, i) => T - HOUR + i * 30_000);

const series = (list: NamedSeries[], name: string) => list.find((s) => s.name === name)?.points ?? [];

describe.each(PROFILES)('edge RED series with the %s profile', (kind) => {
  const { c, queries } = viewContainer({ promUrl, kind });

  it('puts exact rates, error ratios and percentiles of every edge on the step grid', async () => {
    for (const x of profileEdges(kind)) {
      const e = edgeExpected(x);
      const res = await edgeRedSeries(c, { source: x.client, target: x.server }, LAST_HOUR, 240, Date.now());
      expect(() => EdgeRedSeriesResponse.parse(res)).not.toThrow();
      expect(res.errors).toEqual([]);
      expect(res).toMatchObject({ source: x.client, target: x.server, startMs: T - HOUR, endMs: T, stepMs: 30_000 });
      const want: Array<[string, NamedSeries[], string, number]> = [
        ['rate', res.rate, 'total', e.rps],
        ['error ratio', res.errorRatio, 'errors', e.errorRatio],
        ['p50', res.latency, 'p50', q(0.5, e)],
        ['p95', res.latency, 'p95', q(0.95, e)],
        ['p99', res.latency, 'p99', q(0.99, e)],
      ];
      for (const [what, list, name, value] of want) {
        const points = series(list, name);
        const edge = `${x.client} → ${x.server} ${what}`;
        expect(points.map(([t]) => t), `${edge} grid`).toEqual(GRID);
        expect(points.filter(([, v]) => !relClose(v, value)), `${edge} should be ${value} at every step`).toEqual([]);
      }
    }
  });

  it('spells out checkout → payments: 3 req/s, one in six failing, p95 of 0.75 s', async () => {
    queries.length = 0;
    const res = await edgeRedSeries(c, { source: 'checkout', target: 'payments' }, LAST_HOUR, 240, Date.now());
    // Five range queries, narrowed to the edge by both of the profile's labels.
    expect(queries).toHaveLength(5);
    const [client, server] = { 'otel-http': ['job', 'peer_service'], 'service-graph': ['client', 'server'], istio: ['source_workload', 'destination_workload'] }[kind];
    for (const query of queries) expect(query).toContain(`${client}="checkout",${server}="payments"`);
    expect(series(res.rate, 'total').every(([, v]) => relClose(v, 3))).toBe(true);
    expect(series(res.errorRatio, 'errors').every(([, v]) => relClose(v, 0.5 / 3))).toBe(true);
    // payments' latency: 90 % within 0.5 s, 95 % within 0.75 s, so p95 sits on the 0.75 s bound.
    expect(series(res.latency, 'p95').every(([, v]) => relClose(v, 0.75))).toBe(true);
  });

  it('without a source, sums every caller of the target', async () => {
    for (const target of new Set(profileEdges(kind).map((x) => x.server))) {
      const callers = profileEdges(kind).filter((x) => x.server === target);
      const rps = callers.reduce((a, x) => a + x.okRate + x.errRate, 0);
      const res = await edgeRedSeries(c, { target }, LAST_HOUR, 240, Date.now());
      expect(res.source).toBeNull();
      expect(series(res.rate, 'total').filter(([, v]) => !relClose(v, rps)), `into ${target}`).toEqual([]);
    }
  });

  it('answers gaps, not an error, for an edge nobody called and for hostile names', async () => {
    for (const ends of [{ source: 'payments', target: 'checkout' }, { source: HOSTILE, target: 'a"} or vector(1) #' }, { target: HOSTILE }]) {
      const res = await edgeRedSeries(c, ends, LAST_HOUR, 240, Date.now());
      expect(res.errors, JSON.stringify(ends)).toEqual([]);
      for (const s of [...res.rate, ...res.errorRatio, ...res.latency]) {
        expect(s.points).toHaveLength(121);
        expect(s.points.every(([, v]) => v === null), `${JSON.stringify(ends)} ${s.name}`).toBe(true);
      }
    }
  });

  it('rejects an inverted range naming the field, before asking Prometheus', async () => {
    queries.length = 0;
    const err = await edgeRedSeries(c, { source: 'checkout', target: 'payments' }, { from: String(T), to: String(T - HOUR) }, 600, Date.now()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe('to');
    expect(queries).toEqual([]);
  });
});

describe('edge RED parameters', () => {
  const parse = (qs: string) => parseParams(EdgeRedParams, new URLSearchParams(qs));
  const fieldOf = (qs: string) => {
    try {
      parse(qs);
      return null;
    } catch (err) {
      return err instanceof InputError ? `${err.field}: ${err.message}` : String(err);
    }
  };

  it('takes source, target, range and width; source is optional', () => {
    expect(parse('source=checkout&target=payments&from=now-1h&width=300')).toEqual({ source: 'checkout', target: 'payments', from: 'now-1h', to: 'now', width: 300 });
    expect(parse('target=payments')).toEqual({ target: 'payments', from: 'now-15m', to: 'now', width: 800 });
    expect(parse(`source=${encodeURIComponent(HOSTILE)}&target=x`).source).toBe(HOSTILE);
  });

  it('names the parameter at fault', () => {
    expect(fieldOf('source=checkout')).toBe('target: target: is required');
    expect(fieldOf('source=&target=payments')).toBe('source: source: must not be empty');
    expect(fieldOf(`target=${'x'.repeat(254)}`)).toBe('target: target: must be at most 253 characters');
    expect(fieldOf('target=a%0Ab')).toBe('target: target: must not contain control characters');
    expect(fieldOf('target=a&width=10')).toMatch(/^width: width: /);
  });
});
