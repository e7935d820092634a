import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ProfileKind } from '@/lib/schemas/config';
import type { ServiceSummary } from '@/lib/schemas/services';
import type { Container } from '@/server/container';
import { freePort } from '@/server/testing/etcd-process';
import { expectedHealth, expectedServices, q } from '@/server/testing/expected-views';
import { FLEET, HOSTILE } from '@/server/testing/fixture-history';
import { registryFile, relClose, removeRegistryFiles, viewContainer, type StaticService } from '@/server/testing/view-container';
import { listServices } from './list-services';

const { promUrl, fixtureEndS } = inject('stack');
const T = fixtureEndS * 1000;
const WINDOW = { from: String(T - 10 * 60_000), to: String(T) };
const PROFILES: ProfileKind[] = ['otel-http', 'service-graph', 'istio'];

/** Some fixture services registered (one with an instance Prometheus never scraped), one registry-only service, one with no instances. */
const REGISTERED: StaticService[] = [
  { name: 'checkout', instances: [{ id: 'checkout-a', address: '10.0.0.3:8080', metadata: { zone: 'a' } }, { id: 'checkout-b', address: '10.9.9.9:8080' }] },
  { name: HOSTILE, instances: [{ id: 'h-1', address: '10.0.0.6:8080' }] },
  { name: 'ghost', instances: [{ id: 'g-1', address: '10.1.1.1:80' }, { id: 'g-2', address: '10.1.1.2:80' }] },
  { name: 'empty' },
];
const extras = (n: number): StaticService[] => Array.from({ length: n }, (_, i) => ({ name: `extra-${i}`, instances: [{ id: `x-${i}`, address: `10.8.${i >> 8}.${i & 255}:80` }] }));

const containers: Container[] = [];
afterAll(async () => {
  await Promise.all(containers.map((c) => c.registry?.close()));
  removeRegistryFiles();
});
function make(kind: ProfileKind, services: StaticService[] | null, url = promUrl) {
  const made = viewContainer({ promUrl: url, kind, registry: services ? { kind: 'static', file: registryFile(services) } : { kind: 'none' } });
  containers.push(made.c);
  return made;
}

const expectClose = (actual: number | null, expected: number, what: string) =>
  expect(relClose(actual, expected), `${what}: got ${actual}, want ${expected}`).toBe(true);

describe.each(PROFILES)('services view with the %s profile', (kind) => {
  const expected = expectedServices(kind);
  const registered = new Map(REGISTERED.map((s) => [s.name, s.instances?.length ?? 0]));
  // Without a registration, instances are counted from `up` targets, which only otel-http has.
  const fixtureInstances = (name: string) => (kind === 'otel-http' ? (FLEET.services.find((s) => s.name === name)?.instances.length ?? 0) : 0);

  it('reports every service of the metrics with exact RED numbers, health and instance counts', async () => {
    const { c } = make(kind, REGISTERED);
    const res = await listServices(c, WINDOW, Date.now());
    expect(res.errors).toEqual([]);
    expect(res.window).toEqual({ startMs: T - 600_000, endMs: T });
    expect(res.services.map((s) => s.name)).toEqual([...new Set([...expected.keys(), ...registered.keys()])].sort());
    for (const [name, e] of expected) {
      const s = res.services.find((x) => x.name === name)!;
      expectClose(s.rps, e.rps, `${name} rps`);
      expectClose(s.errorRatio, e.errorRatio, `${name} error ratio`);
      expectClose(s.p50, q(0.5, e), `${name} p50`);
      expectClose(s.p95, q(0.95, e), `${name} p95`);
      expectClose(s.p99, q(0.99, e), `${name} p99`);
      expect(s.health, name).toBe(expectedHealth(e));
      expect(s.inMetrics, name).toBe(true);
      expect(s.inRegistry, name).toBe(registered.has(name));
      expect(s.instances, name).toBe(registered.get(name) ?? fixtureInstances(name));
    }
  });

  it('lists registered services without traffic as idle, with their registry instance count', async () => {
    const { c } = make(kind, REGISTERED);
    const res = await listServices(c, WINDOW, Date.now());
    const idle: Partial<ServiceSummary> = { rps: 0, errorRatio: null, p50: null, p95: null, p99: null, health: 'idle', inRegistry: true, inMetrics: false };
    expect(res.services.find((s) => s.name === 'ghost')).toEqual({ name: 'ghost', ...idle, instances: 2 });
    expect(res.services.find((s) => s.name === 'empty')).toEqual({ name: 'empty', ...idle, instances: 0 });
    if (!expected.has(HOSTILE)) expect(res.services.find((s) => s.name === HOSTILE)).toEqual({ name: HOSTILE, ...idle, instances: 1 });
  });

  it('costs the same number of PromQL queries for 2 or 200 extra registry services', async () => {
    const small = make(kind, [...REGISTERED, ...extras(2)]);
    const large = make(kind, [...REGISTERED, ...extras(200)]);
    const a = await listServices(small.c, WINDOW, Date.now());
    const b = await listServices(large.c, WINDOW, Date.now());
    expect(b.services.length - a.services.length).toBe(198);
    expect(small.queries.length).toBeGreaterThan(0);
    expect(large.queries).toEqual(small.queries);
  });
});

describe('services view with a backend down', () => {
  it('still lists registry services when Prometheus is unreachable, with one prometheus error', async () => {
    const { c } = make('otel-http', REGISTERED, `http://127.0.0.1:${await freePort()}`);
    const res = await listServices(c, WINDOW, Date.now());
    expect(res.errors).toEqual([{ source: 'prometheus', kind: 'unavailable', message: expect.any(String) }]);
    expect(res.services.map((s) => s.name)).toEqual(REGISTERED.map((s) => s.name).sort());
    for (const s of res.services) {
      // Unknown, not idle: with metrics down we cannot tell "no traffic" from "no answer".
      expect(s).toMatchObject({ rps: null, health: 'unknown', inRegistry: true, inMetrics: false });
      expect(s.instances).toBe(REGISTERED.find((r) => r.name === s.name)!.instances?.length ?? 0);
    }
  });

  it('still lists metrics services when the registry fails, with one registry error', async () => {
    const made = viewContainer({
      promUrl,
      kind: 'otel-http',
      registry: { kind: 'etcd', endpoints: [`http://127.0.0.1:${await freePort()}`], prefix: '/microservices/', dialTimeoutMs: 500 },
    });
    containers.push(made.c);
    const res = await listServices(made.c, WINDOW, Date.now());
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]!.source).toBe('registry:etcd');
    expect(['unavailable', 'timeout']).toContain(res.errors[0]!.kind);
    expect(res.services.map((s) => s.name)).toEqual(FLEET.services.map((s) => s.name).sort());
    for (const svc of FLEET.services) expectClose(res.services.find((s) => s.name === svc.name)!.rps, svc.okRate + svc.errRate, svc.name);
  });
});
