import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ProfileKind } from '@/lib/schemas/config';
import type { RedStats } from '@/lib/schemas/services';
import { TopologyResponse, edgeId, type TopologyNode } from '@/lib/schemas/topology';
import type { Container } from '@/server/container';
import { InputError } from '@/server/runtime/errors';
import { listServices } from '@/server/services/list-services';
import { freePort } from '@/server/testing/etcd-process';
import { edgeExpected, expectedHealth, expectedServices, profileEdges, q, type Expected } from '@/server/testing/expected-views';
import { HOSTILE } from '@/server/testing/fixture-history';
import { registryFile, relClose, removeRegistryFiles, viewContainer, type StaticService } from '@/server/testing/view-container';
import { buildTopology } from './build-topology';

const { promUrl, fixtureEndS } = inject('stack');
const T = fixtureEndS * 1000;
const WINDOW = { from: String(T - 10 * 60_000), to: String(T) };
const PROFILES: ProfileKind[] = ['otel-http', 'service-graph', 'istio'];

/**
 * Registered fixture services (checkout's teams split 2:1, so its group is the majority), the hostile
 * name, a registry-only service whose two instances tie (the alphabetically first team wins), and a
 * registry-only service with no instances (no group).
 */
const REGISTERED: StaticService[] = [
  {
    name: 'checkout',
    instances: [
      { id: 'checkout-a', address: '10.0.0.3:8080', metadata: { team: 'orders', zone: 'a' } },
      { id: 'checkout-b', address: '10.9.9.9:8080', metadata: { team: 'platform' } },
      { id: 'checkout-c', address: '10.9.9.8:8080', metadata: { team: 'orders' } },
    ],
  },
  { name: HOSTILE, instances: [{ id: 'h-1', address: '10.0.0.6:8080', metadata: { team: 'we"ird team' } }] },
  {
    name: 'ghost',
    instances: [
      { id: 'g-1', address: '10.1.1.1:80', metadata: { team: 'zeta' } },
      { id: 'g-2', address: '10.1.1.2:80', metadata: { team: 'alpha' } },
    ],
  },
  { name: 'empty' },
];
const EXPECTED_GROUP: Record<string, string> = { checkout: 'orders', [HOSTILE]: 'we"ird team', ghost: 'alpha' };
const extras = (n: number): StaticService[] =>
  Array.from({ length: n }, (_, i) => ({ name: `extra-${i}`, instances: [{ id: `x-${i}`, address: `10.8.${i >> 8}.${i & 255}:80`, metadata: { team: `t${i % 7}` } }] }));

const containers: Container[] = [];
afterAll(async () => {
  await Promise.all(containers.map((c) => c.registry?.close()));
  removeRegistryFiles();
});
const registry = registryFile(REGISTERED);
function make(kind: ProfileKind, file: string | null = registry, url = promUrl) {
  const made = viewContainer({ promUrl: url, kind, registry: file ? { kind: 'static', file } : { kind: 'none' } });
  containers.push(made.c);
  return made;
}

const expectClose = (actual: number | null, expected: number, what: string) =>
  expect(relClose(actual, expected), `${what}: got ${actual}, want ${expected}`).toBe(true);
function expectStats(actual: RedStats, e: Expected, what: string) {
  expectClose(actual.rps, e.rps, `${what} rps`);
  expectClose(actual.errorRatio, e.errorRatio, `${what} error ratio`);
  expectClose(actual.p50, q(0.5, e), `${what} p50`);
  expectClose(actual.p95, q(0.95, e), `${what} p95`);
  expectClose(actual.p99, q(0.99, e), `${what} p99`);
}
const sorted = (xs: Iterable<string>) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const idle = { rps: 0, errorRatio: null, p50: null, p95: null, p99: null, health: 'idle' } as const;
/** Fixed PromQL cost: 5 service RED + 5 edge RED + the scrape-target count where the profile has `up` + 3 policy-state queries (no SLOs loaded here). */
const QUERIES: Record<ProfileKind, number> = { 'otel-http': 14, 'service-graph': 13, istio: 13 };

describe.each(PROFILES)('topology with the %s profile', (kind) => {
  const expected = expectedServices(kind);
  const edges = profileEdges(kind);
  const registered = new Set(REGISTERED.map((s) => s.name));
  const services = new Set([...expected.keys(), ...registered]);
  const endpoints = new Set(edges.flatMap((e) => [e.client, e.server]));
  const externals = [...endpoints].filter((n) => !services.has(n));

  it('has exactly the services of metrics and registry, plus edge-only endpoints as external nodes', async () => {
    const { c } = make(kind);
    const res = await buildTopology(c, WINDOW, Date.now());
    expect(() => TopologyResponse.parse(res)).not.toThrow();
    expect(res.errors).toEqual([]);
    expect(res.window).toEqual({ startMs: T - 600_000, endMs: T });
    expect(res.groupBy).toBeNull();
    expect(res.nodes.map((n) => [n.id, n.kind])).toEqual(
      sorted([...services, ...externals]).map((id) => [id, services.has(id) ? 'service' : 'external']),
    );
    // service-graph: the virtual client of root spans; istio: frontend only calls (no destination-side metrics of its own).
    expect(externals).toEqual({ 'otel-http': [], 'service-graph': ['user'], istio: ['frontend'] }[kind]);
    for (const id of externals) {
      // Pure callers: nothing measures them, so unknown, not idle.
      expect(res.nodes.find((n) => n.id === id)).toEqual({ id, kind: 'external', group: null, ...idle, rps: null, health: 'unknown', instances: 0, inRegistry: false, inMetrics: false });
    }
    expect(res.nodes.find((n) => n.id === HOSTILE)?.kind).toBe('service');
    expect(res.nodes.every((n) => n.group === null)).toBe(true);
  });

  it('has one edge per client → server pair with exact rate, error ratio, latency and health', async () => {
    const { c } = make(kind);
    const res = await buildTopology(c, WINDOW, Date.now());
    expect(res.edges.map((e) => e.id)).toEqual(sorted(edges.map((e) => edgeId(e.client, e.server))));
    for (const x of edges) {
      const e = res.edges.find((y) => y.id === edgeId(x.client, x.server))!;
      const what = `${x.client} → ${x.server}`;
      expect(e.source, what).toBe(x.client);
      expect(e.target, what).toBe(x.server);
      expectStats(e, edgeExpected(x), what);
      expect(e.health, what).toBe(expectedHealth(edgeExpected(x)));
      expect(e.traffic, what).toBe(true);
    }
    // The fixture's numbers, spelled out: checkout → payments carries 3 req/s, one in six failing.
    const cp = res.edges.find((e) => e.id === 'checkout\u2192payments')!;
    expectClose(cp.rps, 3, 'checkout → payments rps');
    expectClose(cp.errorRatio, 0.5 / 3, 'checkout → payments error ratio');
    expect(cp.health).toBe('critical');
  });

  it('gives service nodes exact RED numbers, the same as the services view, and registry-only services as idle', async () => {
    const { c } = make(kind);
    const [res, view] = await Promise.all([buildTopology(c, WINDOW, Date.now()), listServices(c, WINDOW, Date.now())]);
    for (const [name, e] of expected) {
      const n = res.nodes.find((x) => x.id === name)!;
      expectStats(n, e, name);
      expect(n.health, name).toBe(expectedHealth(e));
      expect(n.inMetrics, name).toBe(true);
      expect(n.inRegistry, name).toBe(registered.has(name));
    }
    expect(res.nodes.filter((n) => n.kind === 'service').map(({ id, kind: _k, group: _g, ...rest }) => ({ name: id, ...rest }))).toEqual(view.services);
    expect(res.nodes.find((n) => n.id === 'ghost')).toEqual({ id: 'ghost', kind: 'service', group: null, ...idle, instances: 2, inRegistry: true, inMetrics: false });
    expect(res.nodes.find((n) => n.id === 'empty')).toEqual({ id: 'empty', kind: 'service', group: null, ...idle, instances: 0, inRegistry: true, inMetrics: false });
    expect(res.nodes.find((n) => n.id === 'checkout')?.instances).toBe(3);
    if (!expected.has(HOSTILE)) expect(res.nodes.find((n) => n.id === HOSTILE)).toEqual({ id: HOSTILE, kind: 'service', group: null, ...idle, instances: 1, inRegistry: true, inMetrics: false });
  });

  it('shows an un-instrumented callee as an external node with the traffic its callers saw', async () => {
    const { c } = make(kind);
    // Hide payments' own server metrics: only checkout's calls to it remain.
    c.profile = { ...c.profile, service: { ...c.profile.service, matchers: [...c.profile.service.matchers, `${c.profile.service.serviceLabel}!="payments"`] } };
    const res = await buildTopology(c, WINDOW, Date.now());
    expect(res.errors).toEqual([]);
    const into = edges.find((e) => e.server === 'payments')!;
    const n = res.nodes.find((x) => x.id === 'payments')!;
    expect(n).toMatchObject({ kind: 'external', group: null, instances: 0, inRegistry: false, inMetrics: false });
    expectStats(n, edgeExpected(into), 'payments as callers saw it');
    expect(n.health).toBe(expectedHealth(edgeExpected(into)));
    expect(res.edges.map((e) => e.id)).toContain('checkout\u2192payments');
  });

  it('groups nodes by a registry metadata key: the majority value of the instances, null without one', async () => {
    const { c } = make(kind);
    const res = await buildTopology(c, { ...WINDOW, groupBy: 'team' }, Date.now());
    expect(res.groupBy).toBe('team');
    expect(Object.fromEntries(res.nodes.map((n) => [n.id, n.group]))).toEqual(Object.fromEntries(res.nodes.map((n) => [n.id, EXPECTED_GROUP[n.id] ?? null])));
    expect(res.nodes.find((n) => n.id === 'checkout')?.group).toBe('orders');
    const zoned = await buildTopology(c, { ...WINDOW, groupBy: 'zone' }, Date.now());
    expect(zoned.nodes.filter((n) => n.group !== null).map((n) => [n.id, n.group])).toEqual([['checkout', 'a']]);
  });

  it(`costs exactly ${QUERIES[kind]} PromQL queries for 2 or 5,000 extra registry services`, async () => {
    const small = make(kind, registryFile([...REGISTERED, ...extras(2)]));
    const large = make(kind, registryFile([...REGISTERED, ...extras(5000)]));
    const a = await buildTopology(small.c, { ...WINDOW, groupBy: 'team' }, Date.now());
    const b = await buildTopology(large.c, { ...WINDOW, groupBy: 'team' }, Date.now());
    expect(b.nodes.length - a.nodes.length).toBe(4998);
    expect(b.nodes.find((n) => n.id === 'extra-4999')).toMatchObject({ kind: 'service', group: `t${4999 % 7}`, ...idle, instances: 1 });
    expect(small.queries).toHaveLength(QUERIES[kind]);
    expect(large.queries).toEqual(small.queries);
    expect(large.queries.some((x) => x.includes('extra-'))).toBe(false);
  });
});

describe('topology with a backend down', () => {
  it('still has the registry nodes when Prometheus is unreachable, with one prometheus error', async () => {
    const { c } = make('otel-http', registry, `http://127.0.0.1:${await freePort()}`);
    const res = await buildTopology(c, { ...WINDOW, groupBy: 'team' }, Date.now());
    expect(res.errors).toEqual([{ source: 'prometheus', kind: 'unavailable', message: expect.any(String) }]);
    expect(res.edges).toEqual([]);
    expect(res.nodes.map((n) => n.id)).toEqual(sorted(REGISTERED.map((s) => s.name)));
    for (const n of res.nodes) {
      // Unknown, not idle: with metrics down we cannot tell "no traffic" from "no answer".
      const reg = REGISTERED.find((r) => r.name === n.id)!;
      expect(n).toEqual({
        id: n.id,
        kind: 'service',
        group: EXPECTED_GROUP[n.id] ?? null,
        rps: null,
        errorRatio: null,
        p50: null,
        p95: null,
        p99: null,
        health: 'unknown',
        instances: reg.instances?.length ?? 0,
        inRegistry: true,
        inMetrics: false,
      } satisfies TopologyNode);
    }
  });

  it.each(PROFILES)('still has the metric nodes and edges when the registry is broken, with one registry error (%s)', async (kind) => {
    const broken = registryFile([]);
    writeFileSync(broken, '{"services": [');
    const { c } = make(kind, broken);
    const res = await buildTopology(c, { ...WINDOW, groupBy: 'team' }, Date.now());
    expect(res.errors).toEqual([{ source: 'registry:static', kind: 'bad_response', message: expect.stringContaining('not valid JSON') }]);
    const expected = expectedServices(kind);
    const edges = profileEdges(kind);
    const endpoints = new Set(edges.flatMap((e) => [e.client, e.server]));
    expect(res.nodes.map((n) => n.id)).toEqual(sorted(new Set([...expected.keys(), ...endpoints])));
    for (const [name, e] of expected) expectStats(res.nodes.find((n) => n.id === name)!, e, name);
    expect(res.nodes.every((n) => !n.inRegistry && n.group === null)).toBe(true);
    expect(res.edges.map((e) => e.id)).toEqual(sorted(edges.map((e) => edgeId(e.client, e.server))));
  });

  it('rejects a range that ends before it starts with an InputError naming the field', async () => {
    const { c, queries } = make('otel-http');
    const err = await buildTopology(c, { from: String(T), to: String(T - 60_000) }, Date.now()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe('to');
    expect(queries).toEqual([]);
  });
});
