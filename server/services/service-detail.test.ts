import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ProfileKind } from '@/lib/schemas/config';
import type { EdgePeer } from '@/lib/schemas/services';
import type { Container } from '@/server/container';
import { NotFoundError } from '@/server/runtime/errors';
import { edgeExpected, expectedHealth, expectedServices, profileEdges, q, type Expected } from '@/server/testing/expected-views';
import { FLEET, HOSTILE } from '@/server/testing/fixture-history';
import { registryFile, relClose, removeRegistryFiles, viewContainer } from '@/server/testing/view-container';
import { serviceDetail } from './service-detail';

const { promUrl, fixtureEndS } = inject('stack');
const T = fixtureEndS * 1000;
const WINDOW = { from: String(T - 10 * 60_000), to: String(T) };
const PROFILES: ProfileKind[] = ['otel-http', 'service-graph', 'istio'];

const REGISTRY = registryFile([
  // checkout-a is the fixture's scrape target 10.0.0.3:8080; checkout-b was never scraped.
  { name: 'checkout', instances: [{ id: 'checkout-a', address: '10.0.0.3:8080', metadata: { zone: 'a' } }, { id: 'checkout-b', address: '10.9.9.9:8080' }] },
  { name: HOSTILE, instances: [{ id: 'h-1', address: '10.0.0.6:8080' }] },
]);

const containers: Container[] = [];
afterAll(async () => {
  await Promise.all(containers.map((c) => c.registry?.close()));
  removeRegistryFiles();
});

const expectClose = (actual: number | null, expected: number, what: string) =>
  expect(relClose(actual, expected), `${what}: got ${actual}, want ${expected}`).toBe(true);

function expectStats(actual: { rps: number | null; errorRatio: number | null; p50: number | null; p95: number | null; p99: number | null }, e: Expected, what: string) {
  expectClose(actual.rps, e.rps, `${what} rps`);
  expectClose(actual.errorRatio, e.errorRatio, `${what} error ratio`);
  expectClose(actual.p50, q(0.5, e), `${what} p50`);
  expectClose(actual.p95, q(0.95, e), `${what} p95`);
  expectClose(actual.p99, q(0.99, e), `${what} p99`);
}

describe.each(PROFILES)('service detail with the %s profile', (kind) => {
  const made = viewContainer({ promUrl, kind, registry: { kind: 'static', file: REGISTRY } });
  containers.push(made.c);
  const c = made.c;
  const expected = expectedServices(kind);
  const edges = profileEdges(kind);

  it('reports each service with exact callers and callees', async () => {
    for (const [name, e] of expected) {
      const res = await serviceDetail(c, name, WINDOW, Date.now());
      expect(res.errors).toEqual([]);
      expectStats(res.service, e, name);
      expect(res.service.health, name).toBe(expectedHealth(e));
      const peers = (list: EdgePeer[]) => list.map((p) => p.service);
      const callers = edges.filter((x) => x.server === name).sort((a, b) => b.okRate + b.errRate - (a.okRate + a.errRate));
      const callees = edges.filter((x) => x.client === name).sort((a, b) => b.okRate + b.errRate - (a.okRate + a.errRate));
      expect(peers(res.callers), `${name} callers`).toEqual(callers.map((x) => x.client));
      expect(peers(res.callees), `${name} callees`).toEqual(callees.map((x) => x.server));
      callers.forEach((x, i) => expectStats(res.callers[i]!, edgeExpected(x), `${x.client} → ${name}`));
      callees.forEach((x, i) => expectStats(res.callees[i]!, edgeExpected(x), `${name} → ${x.server}`));
    }
  });

  it('gives checkout its caller frontend at 4.02 req/s and callee payments at 3 req/s, 1/6 failing', async () => {
    const res = await serviceDetail(c, 'checkout', WINDOW, Date.now());
    expect(res.callers.map((p) => p.service)).toEqual(['frontend']);
    expectClose(res.callers[0]!.rps, 4 + 0.02, 'frontend → checkout');
    expectClose(res.callers[0]!.errorRatio, 0.02 / 4.02, 'frontend → checkout errors');
    expect(res.callees.map((p) => p.service)).toEqual(['payments']);
    expectClose(res.callees[0]!.rps, 2.5 + 0.5, 'checkout → payments');
    expectClose(res.callees[0]!.errorRatio, 0.5 / 3, 'checkout → payments errors');
  });

  it('lists registry instances with scrape health where Prometheus has it', async () => {
    const res = await serviceDetail(c, 'checkout', WINDOW, Date.now());
    const scraped = kind === 'otel-http'; // only otel-http services are scrape jobs with `up`
    expect(res.instances).toEqual([
      { id: 'checkout-a', address: '10.0.0.3:8080', metadata: { zone: 'a' }, up: scraped ? true : null },
      { id: 'checkout-b', address: '10.9.9.9:8080', metadata: {}, up: null },
    ]);
    expect(res.service.instances).toBe(2);
    expect(res.service.inRegistry).toBe(true);

    // An unregistered service: its instances are its scrape targets, if the profile has any.
    const frontend = await serviceDetail(c, 'frontend', WINDOW, Date.now());
    const targets = FLEET.services.find((s) => s.name === 'frontend')!.instances;
    expect(frontend.instances).toEqual(scraped ? targets.map((a) => ({ id: a, address: a, metadata: {}, up: true })) : []);
    expect(frontend.service.inRegistry).toBe(false);
  });

  it('answers NotFoundError for a service nobody knows', async () => {
    await expect(serviceDetail(c, 'no-such-service', WINDOW, Date.now())).rejects.toBeInstanceOf(NotFoundError);
  });

  it('finds the hostile service name', async () => {
    const res = await serviceDetail(c, HOSTILE, WINDOW, Date.now());
    expect(res.service.name).toBe(HOSTILE);
    expect(res.service.inRegistry).toBe(true);
    const e = expected.get(HOSTILE);
    if (e) {
      expectStats(res.service, e, HOSTILE);
      expect(res.instances).toEqual([{ id: 'h-1', address: '10.0.0.6:8080', metadata: {}, up: true }]);
    } else {
      // The hostile service has no edges, so graph-derived profiles see no traffic for it.
      expect(res.service).toMatchObject({ rps: 0, health: 'idle', inMetrics: false, instances: 1 });
    }
    expect(res.callers).toEqual([]);
    expect(res.callees).toEqual([]);
  });
});
