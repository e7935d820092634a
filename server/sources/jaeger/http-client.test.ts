import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '@/server/testing/assertions';
import { startHttpContract, type HttpContract } from '@/server/testing/jaeger-contract/http';
import type { TraceCall } from '@/server/testing/jaeger-contract/calls';
import { createJaegerHttpSource } from './http-client';

const T = 1_750_000_000_000;
const WINDOW = { startMs: T - 600_000, endMs: T };
/** Inside the window, on both sides of it, and exactly on its edges (which Jaeger excludes). */
const CALLS: TraceCall[] = [
  { parent: 'gateway', child: 'orders', count: 3, atMs: T - 500_000 },
  { parent: 'gateway', child: 'orders', count: 2, atMs: T - 60_000 },
  { parent: 'orders', child: 'db', count: 7, atMs: T - 1 },
  { parent: 'orders', child: 'stock', count: 1, atMs: T - 600_000 },
  { parent: 'orders', child: 'mail', count: 1, atMs: T },
  { parent: 'gateway', child: 'legacy', count: 50, atMs: T - 3_600_000 },
  { parent: 'gateway', child: 'later', count: 9, atMs: T + 60_000 },
];
const byKey = (a: { parent: string; child: string }, b: { parent: string; child: string }) => `${a.parent}>${a.child}`.localeCompare(`${b.parent}>${b.child}`);

describe('Jaeger HTTP adapter against the /api/dependencies contract', () => {
  let jaeger: HttpContract;
  beforeAll(async () => {
    jaeger = await startHttpContract(CALLS);
  });
  afterAll(() => jaeger.close());
  beforeEach(() => {
    jaeger.mode = 'ok';
    jaeger.requests.length = 0;
  });

  it('returns exactly the links of the window, call counts added up', async () => {
    const links = await createJaegerHttpSource({ url: jaeger.url, timeoutMs: 5000 }).dependencies(WINDOW);
    expect(links.sort(byKey)).toEqual([
      { parent: 'gateway', child: 'orders', callCount: 5 },
      { parent: 'orders', child: 'db', callCount: 7 },
    ]);
  });

  it('sends the window as endTs and lookback in milliseconds', async () => {
    await createJaegerHttpSource({ url: `${jaeger.url}/`, timeoutMs: 5000 }).dependencies(WINDOW);
    expect(jaeger.requests.map((p) => Object.fromEntries(p))).toEqual([{ endTs: String(T), lookback: '600000' }]);
  });

  it('reports a 400 (text/plain JSON, as Jaeger writes it) as bad_query with Jaeger\'s message', async () => {
    const raw = await fetch(`${jaeger.url}/api/dependencies?endTs=soon`);
    expect([raw.status, raw.headers.get('content-type')]).toEqual([400, 'text/plain; charset=utf-8']);
    const e = await failure(createJaegerHttpSource({ url: jaeger.url, timeoutMs: 5000 }).dependencies({ startMs: 0, endMs: Number.NaN }));
    expect(e.kind).toBe('bad_query');
    expect(e.message).toBe(`jaeger: HTTP 400: unable to parse param 'endTs': strconv.ParseInt: parsing "NaN": invalid syntax`);
  });

  it('reports a 500 as unavailable with Jaeger\'s message', async () => {
    jaeger.mode = 'fail';
    const e = await failure(createJaegerHttpSource({ url: jaeger.url, timeoutMs: 5000 }).dependencies(WINDOW));
    expect([e.source, e.kind, e.message]).toEqual(['jaeger', 'unavailable', 'jaeger: HTTP 500: storage is down']);
  });

  it('times out within the deadline when Jaeger never answers', async () => {
    jaeger.mode = 'hang';
    const e = await failure(createJaegerHttpSource({ url: jaeger.url, timeoutMs: 300 }).dependencies(WINDOW));
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe('jaeger: no answer within 300 ms');
  });

  it('reports links that do not match the documented shape as a bad response', async () => {
    jaeger.mode = 'garbage';
    const e = await failure(createJaegerHttpSource({ url: jaeger.url, timeoutMs: 5000 }).dependencies(WINDOW));
    expect(e.kind).toBe('bad_response');
    expect(e.message).toMatch(/^jaeger: \/api\/dependencies: unexpected data: 0\.callCount: /);
  });

  it('reports a URL that is not Jaeger (mux\'s plain 404) as a bad response naming the status', async () => {
    const e = await failure(createJaegerHttpSource({ url: `${jaeger.url}/not-jaeger`, timeoutMs: 5000 }).dependencies(WINDOW));
    expect(e.kind).toBe('bad_response');
    expect(e.message).toMatch(/answered HTTP 404 with non-JSON \(text\/plain; charset=utf-8\): 404 page not found/);
  });

  it('stops at once when the caller goes away, without a SourceFailure', async () => {
    jaeger.mode = 'hang';
    const ctl = new AbortController();
    const p = createJaegerHttpSource({ url: jaeger.url, timeoutMs: 10_000 }).dependencies({ ...WINDOW, signal: ctl.signal });
    setTimeout(() => ctl.abort(new Error('viewer left')), 50);
    await expect(p).rejects.toThrow(/viewer left|aborted/);
  });
});

describe('Jaeger HTTP adapter without a server', () => {
  let html: ReturnType<typeof createServer>;
  beforeAll(async () => {
    html = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>'));
    await new Promise<void>((r) => html.listen(0, '127.0.0.1', r));
  });
  afterAll(() => html.close());

  it('a refused connection is unavailable', async () => {
    const gone = createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(gone.address() as AddressInfo).port}`;
    await new Promise((r) => gone.close(r));
    const e = await failure(createJaegerHttpSource({ url, timeoutMs: 2000 }).dependencies(WINDOW));
    expect(e.kind).toBe('unavailable');
    expect(e.message).toMatch(/ECONNREFUSED/);
  });

  it('a login page instead of JSON is a bad response', async () => {
    const e = await failure(createJaegerHttpSource({ url: `http://127.0.0.1:${(html.address() as AddressInfo).port}`, timeoutMs: 2000 }).dependencies(WINDOW));
    expect(e.kind).toBe('bad_response');
    expect(e.message).toMatch(/non-JSON.*text\/html/);
  });
});
