import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TopologyResponse, type TopologyEdge, type TopologyNode } from '@/lib/schemas/topology';
import type { Container } from '@/server/container';
import { freePort } from '@/server/testing/etcd-process';
import { edgeExpected, expectedHealth } from '@/server/testing/expected-views';
import { FLEET } from '@/server/testing/fixture-history';
import type { TraceCall } from '@/server/testing/jaeger-contract/calls';
import { startGrpcContract, type GrpcContract } from '@/server/testing/jaeger-contract/grpc';
import { startHttpContract, type HttpContract } from '@/server/testing/jaeger-contract/http';
import { registryFile, relClose, removeRegistryFiles, viewContainer } from '@/server/testing/view-container';
import { buildTopology } from './build-topology';

const { promUrl, fixtureEndS } = inject('stack');
const T = fixtureEndS * 1000;
const WINDOW = { from: String(T - 10 * 60_000), to: String(T) };
const MIN = 60_000;

/**
 * What the traces know over the fixture's window, against what the fixture's metrics know
 * (frontend → checkout, frontend → catalog, checkout → payments; ghost only in the registry).
 */
const CALLS: TraceCall[] = [
  { parent: 'frontend', child: 'checkout', count: 40, atMs: T - 5 * MIN }, // in metrics too
  { parent: 'checkout', child: 'payments', count: 9, atMs: T - 4 * MIN }, // in metrics too
  { parent: 'checkout', child: 'catalog', count: 4, atMs: T - 3 * MIN }, // traces only, known services
  { parent: 'payments', child: 'fraud-check', count: 2, atMs: T - 2 * MIN }, // traces only, unknown callee
  { parent: 'catalog', child: 'ghost', count: 1, atMs: T - 2 * MIN }, // traces only, registry-only callee
  { parent: 'catalog', child: 'catalog', count: 6, atMs: T - MIN }, // a self-call: not an edge
  { parent: 'frontend', child: 'legacy-search', count: 30, atMs: T - 120 * MIN }, // before the window
];
const TRACE_ONLY = [
  ['catalog', 'ghost'],
  ['checkout', 'catalog'],
  ['payments', 'fraud-check'],
] as const;
const NO_TRAFFIC = { rps: 0, errorRatio: null, p50: null, p95: null, p99: null, health: 'idle' } as const;

const containers: Container[] = [];
const registry = registryFile([{ name: 'ghost', instances: [{ id: 'g-1', address: '10.1.1.1:80', metadata: { team: 'zeta' } }] }, { name: 'checkout' }]);
let http: HttpContract;
let grpc: GrpcContract;
beforeAll(async () => {
  [http, grpc] = await Promise.all([startHttpContract(CALLS), startGrpcContract(CALLS)]);
});
afterAll(async () => {
  for (const c of containers) c.traces?.close();
  await Promise.all([...containers.map((c) => c.registry?.close()), http.close(), grpc.close()]);
  removeRegistryFiles();
});

function make(jaeger?: unknown) {
  const made = viewContainer({ promUrl, kind: 'otel-http', registry: { kind: 'static', file: registry }, jaeger });
  containers.push(made.c);
  return made;
}

const TRANSPORTS = [
  ['http', () => ({ url: http.url }), () => http.requests.length],
  ['grpc', () => ({ url: http.url, transport: 'grpc', grpcTarget: grpc.target }), () => grpc.requests.length],
] as const;

describe.each(TRANSPORTS)('topology with Jaeger dependency links over %s', (transport, config, jaegerCalls) => {
  it('adds the links only traces know as edges without traffic, and keeps every metric number', async () => {
    const plain = await buildTopology(make().c, WINDOW, Date.now());
    const res = await buildTopology(make(config()).c, WINDOW, Date.now());
    expect(() => TopologyResponse.parse(res)).not.toThrow();
    expect(res.errors).toEqual([]);

    const metricIds = new Set(plain.edges.map((e) => e.id));
    expect([...metricIds].sort()).toEqual(FLEET.edges.map((e) => `${e.client}\u2192${e.server}`).sort());
    // Metrics win: the links both know are exactly what metrics alone gave.
    expect(res.edges.filter((e) => metricIds.has(e.id))).toEqual(plain.edges);
    const cp = res.edges.find((e) => e.id === 'checkout\u2192payments')!;
    expect(relClose(cp.rps, 3), `checkout → payments rps ${cp.rps}`).toBe(true);
    expect([cp.traffic, cp.health]).toEqual([true, expectedHealth(edgeExpected(FLEET.edges[2]!))]);

    expect(res.edges.filter((e) => !metricIds.has(e.id))).toEqual(
      TRACE_ONLY.map(([source, target]): TopologyEdge => ({ id: `${source}\u2192${target}`, source, target, ...NO_TRAFFIC, traffic: false })),
    );
    expect(res.edges.map((e) => e.id)).toEqual([...res.edges.map((e) => e.id)].sort());
    expect(res.edges.some((e) => e.source === e.target)).toBe(false);
  });

  it('shows an endpoint only traces know as an external node without traffic, and changes no other node', async () => {
    const plain = await buildTopology(make().c, WINDOW, Date.now());
    const res = await buildTopology(make(config()).c, WINDOW, Date.now());
    expect(res.nodes.filter((n) => n.id !== 'fraud-check')).toEqual(plain.nodes);
    expect(res.nodes.find((n) => n.id === 'fraud-check')).toEqual({
      id: 'fraud-check',
      kind: 'external',
      group: null,
      ...NO_TRAFFIC,
      instances: 0,
      inRegistry: false,
      inMetrics: false,
    } satisfies TopologyNode);
    // A registry-only callee stays a service; a link from before the window brings nothing.
    expect(res.nodes.find((n) => n.id === 'ghost')).toMatchObject({ kind: 'service', inRegistry: true, ...NO_TRAFFIC });
    expect(res.nodes.some((n) => n.id === 'legacy-search')).toBe(false);
  });

  it('costs one Jaeger call and not one PromQL query more', async () => {
    const plain = make();
    const withJaeger = make(config());
    await buildTopology(plain.c, WINDOW, Date.now());
    const before = jaegerCalls();
    await buildTopology(withJaeger.c, WINDOW, Date.now());
    expect(jaegerCalls() - before).toBe(1);
    expect(withJaeger.queries).toHaveLength(14) // 11 RED + 3 policy state (enrich/);
    expect(withJaeger.queries).toEqual(plain.queries);
  });

  it(`reports a dead Jaeger as one jaeger error and returns the metric topology unchanged (${transport})`, async () => {
    const port = await freePort();
    const dead = transport === 'http' ? { url: `http://127.0.0.1:${port}` } : { url: http.url, transport: 'grpc', grpcTarget: `127.0.0.1:${port}` };
    const plain = await buildTopology(make().c, WINDOW, Date.now());
    const res = await buildTopology(make(dead).c, WINDOW, Date.now());
    expect(res.errors).toEqual([{ source: 'jaeger', kind: 'unavailable', message: expect.stringMatching(/ECONNREFUSED/) }]);
    expect({ ...res, errors: [] }).toEqual(plain);
  });
});

describe('topology and the Jaeger window', () => {
  it('asks for exactly the topology window', async () => {
    const before = http.requests.length;
    await buildTopology(make({ url: http.url }).c, WINDOW, Date.now());
    expect(http.requests.slice(before).map((p) => Object.fromEntries(p))).toEqual([{ endTs: String(T), lookback: String(10 * MIN) }]);
    const g = grpc.requests.length;
    await buildTopology(make({ url: http.url, transport: 'grpc', grpcTarget: grpc.target }).c, WINDOW, Date.now());
    expect(grpc.requests.slice(g)).toEqual([{ startMs: T - 10 * MIN, endMs: T }]);
  });
});
