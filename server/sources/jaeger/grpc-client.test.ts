import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '@/server/testing/assertions';
import { startGrpcContract, type GrpcContract } from '@/server/testing/jaeger-contract/grpc';
import type { TraceCall } from '@/server/testing/jaeger-contract/calls';
import { createJaegerGrpcSource } from './grpc-client';
import type { TraceSource } from './port';

const T = 1_750_000_000_000;
// A window that does not start on a whole second, so the Timestamp's nanos are exercised too.
const WINDOW = { startMs: T - 600_250, endMs: T };
const CALLS: TraceCall[] = [
  { parent: 'gateway', child: 'orders', count: 3, atMs: T - 500_000 },
  { parent: 'gateway', child: 'orders', count: 2, atMs: T - 60_000 },
  // Beyond 32 bits: call_count is a uint64 on the wire.
  { parent: 'orders', child: 'db', count: 5_000_000_007, atMs: T - 1 },
  { parent: 'gateway', child: 'legacy', count: 50, atMs: T - 3_600_000 },
  { parent: 'gateway', child: 'later', count: 9, atMs: T + 60_000 },
];
const byKey = (a: { parent: string; child: string }, b: { parent: string; child: string }) => `${a.parent}>${a.child}`.localeCompare(`${b.parent}>${b.child}`);

const sources: TraceSource[] = [];
const source = (target: string, timeoutMs = 5000) => {
  const s = createJaegerGrpcSource({ target, tls: false, timeoutMs });
  sources.push(s);
  return s;
};
afterAll(() => sources.forEach((s) => s.close()));

describe('Jaeger gRPC adapter against the api_v2 GetDependencies contract', () => {
  let jaeger: GrpcContract;
  beforeAll(async () => {
    jaeger = await startGrpcContract(CALLS);
  });
  afterAll(() => jaeger.close());
  beforeEach(() => {
    jaeger.mode = 'ok';
    jaeger.requests.length = 0;
  });

  it('returns exactly the links of the window, repeated links added up', async () => {
    const links = await source(jaeger.target).dependencies(WINDOW);
    expect(links.sort(byKey)).toEqual([
      { parent: 'gateway', child: 'orders', callCount: 5 },
      { parent: 'orders', child: 'db', callCount: 5_000_000_007 },
    ]);
  });

  it('sends the window as start and end Timestamps', async () => {
    await source(jaeger.target).dependencies(WINDOW);
    expect(jaeger.requests).toEqual([{ startMs: T - 600_250, endMs: T }]);
  });

  it('reports a storage failure (INTERNAL) as unavailable with Jaeger\'s message', async () => {
    jaeger.mode = 'fail';
    const e = await failure(source(jaeger.target).dependencies(WINDOW));
    expect([e.source, e.kind, e.message]).toEqual(['jaeger', 'unavailable', 'jaeger: gRPC INTERNAL: failed to fetch dependencies: storage is down']);
  });

  it('times out within the deadline when Jaeger never answers', async () => {
    jaeger.mode = 'hang';
    const e = await failure(source(jaeger.target, 300).dependencies(WINDOW));
    expect(e.kind).toBe('timeout');
  });

  it('reports bytes that are not a GetDependenciesResponse as a bad response', async () => {
    jaeger.mode = 'garbage';
    const e = await failure(source(jaeger.target).dependencies(WINDOW));
    expect(e.kind).toBe('bad_response');
    expect(e.message).toMatch(/^jaeger: GetDependencies answered bytes that are not a GetDependenciesResponse/);
  });

  it('works again on the same channel after a failure', async () => {
    const s = source(jaeger.target);
    jaeger.mode = 'fail';
    await failure(s.dependencies(WINDOW));
    jaeger.mode = 'ok';
    expect(await s.dependencies(WINDOW)).toHaveLength(2);
  });
});

describe('Jaeger gRPC adapter against the wrong server', () => {
  it('a refused connection is unavailable', async () => {
    const gone = createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    const port = (gone.address() as AddressInfo).port;
    await new Promise((r) => gone.close(r));
    const e = await failure(source(`127.0.0.1:${port}`, 2000).dependencies(WINDOW));
    expect(e.kind).toBe('unavailable');
    expect(e.message).toMatch(/^jaeger: gRPC UNAVAILABLE: .*ECONNREFUSED/);
  });

  it('a gRPC server without the query service (say, the OTLP port) is bad_query: UNIMPLEMENTED', async () => {
    const other = await startGrpcContract([], { serveQueryService: false });
    try {
      const e = await failure(source(other.target).dependencies(WINDOW));
      expect(e.kind).toBe('bad_query');
      expect(e.message).toMatch(/^jaeger: gRPC UNIMPLEMENTED: /);
    } finally {
      await other.close();
    }
  });
});
