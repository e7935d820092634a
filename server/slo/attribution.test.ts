import 'server-only';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Slo } from '@/lib/schemas/slo';
import type { ProfileKind } from '@/lib/schemas/config';
import { attributionShares } from '@/lib/slo/attribution';
import { expectedServices, profileEdges } from '@/server/testing/expected-views';
import { SPAN_S } from '@/server/testing/fixture-history';
import { relClose, removeRegistryFiles, viewContainer } from '@/server/testing/view-container';
import { sloAttribution } from './attribution';

const { promUrl, fixtureEndS } = inject('stack');
const T = fixtureEndS * 1000;

afterAll(() => removeRegistryFiles());

const slo = (service: string, days = 7) =>
  Slo.parse({
    id: 'attr',
    name: 'attr',
    service,
    objective: 0.99,
    window: { kind: 'rolling', days },
    indicator: { kind: 'service-availability' },
    source: { format: 'switchyard', file: 'test.yaml' },
  });

/**
 * What attribution must report for `service` over `seconds` of the fixture, from FLEET's rates and how
 * each profile renders them (expected-views.ts), never from PromQL: callees are the profile's edges
 * out of the service, the service's failures its server-side errors.
 */
function expected(kind: ProfileKind, service: string, seconds: number) {
  const callees = profileEdges(kind)
    .filter((e) => e.client === service && e.server !== service)
    .map((e) => ({ service: e.server, calls: (e.okRate + e.errRate) * seconds, failed: e.errRate * seconds }));
  const own = expectedServices(kind).get(service);
  const failed = own ? own.rps * own.errorRatio * seconds : null;
  const sum = callees.reduce((a, c) => a + c.failed, 0);
  const scaled = failed !== null && failed > 0 && sum > failed;
  const shares = new Map(callees.map((c) => [c.service, failed === null || failed === 0 ? null : c.failed / (scaled ? sum : failed)]));
  const itself = failed === null || failed === 0 ? null : scaled ? 0 : 1 - sum / failed;
  return { callees, failed, requests: own ? own.rps * seconds : null, shares, itself, scaled };
}

const close = (a: number | null, e: number | null) => (e === null ? a === null : e === 0 ? a === 0 : relClose(a, e));

describe('sloAttribution on the real Prometheus fixture', () => {
  const cases: Array<[ProfileKind, string]> = [
    ['otel-http', 'frontend'], // 1/6 of its failures are checkout's, catalog never fails
    ['otel-http', 'checkout'], // payments fails 25× more calls than checkout fails requests: scaled
    ['otel-http', 'catalog'], // no callees, no failures
    ['service-graph', 'frontend'],
    ['istio', 'frontend'], // callees, but no server-side metrics (only its callers' proxies report it)
    ['istio', 'checkout'],
  ];

  for (const [kind, service] of cases) {
    for (const window of ['1h', 'slo'] as const) {
      it(`${kind} ${service} over ${window}: counts and shares from the fixture's rates, in two queries`, async () => {
        const { c, queries } = viewContainer({ promUrl, kind });
        const got = await sloAttribution({ prometheus: c.prometheus, profile: c.profile }, slo(service), window, T);
        // 1h lies inside the 3-hour history; the 7-day window holds all of it (counters start at 0,
        // so increase() extrapolates nothing beyond the first sample).
        const seconds = window === '1h' ? 3600 : SPAN_S;
        const want = expected(kind, service, seconds);

        expect(queries).toHaveLength(2);
        expect(got.errors).toEqual([]);
        expect(got.endMs).toBe(T);
        expect(got.startMs).toBe(window === '1h' ? T - 3_600_000 : T - 7 * 86_400_000);
        expect(got.dependencies.map((d) => d.service).sort()).toEqual(want.callees.map((c) => c.service).sort());
        for (const c of want.callees) {
          const d = got.dependencies.find((x) => x.service === c.service)!;
          expect(close(d.calls, c.calls), `${c.service} calls ${d.calls} vs ${c.calls}`).toBe(true);
          expect(close(d.failed, c.failed), `${c.service} failed ${d.failed} vs ${c.failed}`).toBe(true);
          expect(close(d.share, want.shares.get(c.service)!), `${c.service} share ${d.share}`).toBe(true);
        }
        expect(close(got.serviceFailed, want.failed), `serviceFailed ${got.serviceFailed} vs ${want.failed}`).toBe(true);
        expect(close(got.serviceRequests, want.requests)).toBe(true);
        expect(close(got.itself, want.itself), `itself ${got.itself} vs ${want.itself}`).toBe(true);
        expect(got.scaled).toBe(want.scaled);
      });
    }
  }

  it('names the three branches the fixture exercises (so the cases above cannot all be trivial)', () => {
    const f = expected('otel-http', 'frontend', 3600);
    expect(f.shares.get('checkout')).toBeCloseTo(1 / 6, 12);
    expect(f.itself).toBeCloseTo(5 / 6, 12);
    expect(expected('otel-http', 'checkout', 3600).scaled).toBe(true);
    expect(expected('istio', 'frontend', 3600).failed).toBeNull();
  });

  it('reports a dead Prometheus as an error, with no numbers', async () => {
    const { c } = viewContainer({ promUrl: 'http://127.0.0.1:9', kind: 'otel-http' });
    const got = await sloAttribution({ prometheus: c.prometheus, profile: c.profile }, slo('frontend'), '1h', T);
    expect(got.errors.map((e) => [e.source, e.kind])).toEqual([['prometheus', 'unavailable']]);
    expect(got.dependencies).toEqual([]);
    expect(got.serviceFailed).toBeNull();
    expect(got.itself).toBeNull();
  });
});

describe('attributionShares', () => {
  it('leaves self-calls to the service and orders callees by failed calls', () => {
    const s = attributionShares(
      'a',
      [
        { service: 'b', calls: 100, failed: 1 },
        { service: 'a', calls: 50, failed: 5 },
        { service: 'c', calls: 10, failed: 3 },
      ],
      8,
    );
    expect(s.dependencies.map((d) => [d.service, d.share])).toEqual([
      ['c', 3 / 8],
      ['b', 1 / 8],
    ]);
    expect(s.itself).toBe(1 - 4 / 8);
    expect(s.scaled).toBe(false);
  });

  it('has no shares when the service failed nothing', () => {
    const s = attributionShares('a', [{ service: 'b', calls: 100, failed: 4 }], 0);
    expect(s.dependencies[0]!.share).toBeNull();
    expect(s.itself).toBeNull();
    expect(s.scaled).toBe(false);
  });
});
