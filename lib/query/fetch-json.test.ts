import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServicesResponse } from '../schemas/services';
import { ApiError, toApiError } from './api-error';
import { getJson } from './fetch-json';
import { chartWidthBucket, redSeriesQuery, servicesQuery } from './services';

const respond = (status: number, body: unknown) =>
  vi.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

afterEach(() => vi.unstubAllGlobals());

describe('getJson', () => {
  it('returns the parsed body', async () => {
    const body = { services: [], window: { startMs: 1, endMs: 2 }, errors: [] };
    vi.stubGlobal('fetch', respond(200, body));
    await expect(getJson('/api/v1/services', ServicesResponse)).resolves.toEqual(body);
  });

  it('turns an error body into an ApiError with code, field and source', async () => {
    vi.stubGlobal('fetch', respond(400, { error: { code: 'bad_request', message: 'from: expected "now"', field: 'from' } }));
    const err = await getJson('/api/v1/services', ServicesResponse).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'bad_request', field: 'from', message: 'from: expected "now"', retryable: false });

    vi.stubGlobal('fetch', respond(504, { error: { code: 'upstream_timeout', message: 'prometheus: deadline', source: 'prometheus' } }));
    await expect(getJson('/x', ServicesResponse)).rejects.toMatchObject({ status: 504, source: 'prometheus', retryable: true });
  });

  it('copes with non-JSON error pages', async () => {
    vi.stubGlobal('fetch', respond(502, '<html>bad gateway</html>'));
    await expect(getJson('/x', ServicesResponse)).rejects.toMatchObject({ status: 502, code: 'http_502' });
  });

  it('rejects a 200 that breaks the contract, naming the path', async () => {
    vi.stubGlobal('fetch', respond(200, { services: 'nope', window: { startMs: 1, endMs: 2 }, errors: [] }));
    await expect(getJson('/api/v1/services?from=now', ServicesResponse)).rejects.toMatchObject({ code: 'bad_response', message: expect.stringContaining('services') });
  });

  it('maps network failures, but leaves cancellations alone', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('fetch failed'))));
    await expect(getJson('/x', ServicesResponse)).rejects.toMatchObject({ status: 0, code: 'network' });

    const ctl = new AbortController();
    ctl.abort();
    const abortErr = new DOMException('aborted', 'AbortError');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(abortErr)));
    await expect(getJson('/x', ServicesResponse, ctl.signal)).rejects.toBe(abortErr);
  });

  it('toApiError passes ApiErrors through', () => {
    const e = new ApiError({ status: 404, code: 'not_found', message: 'no such service' });
    expect(toApiError(e)).toBe(e);
    expect(toApiError('boom')).toMatchObject({ code: 'network' });
  });
});

describe('query descriptors', () => {
  it('keys hold the range as written and never the refresh interval', () => {
    const q = servicesQuery({ from: 'now-1h', to: 'now' });
    expect(q.queryKey).toEqual(['services', 'list', { from: 'now-1h', to: 'now' }]);
    const r = redSeriesQuery('a/b', { from: '1', to: '2' }, 800);
    expect(r.queryKey).toEqual(['services', 'red', 'a/b', { from: '1', to: '2', width: 800 }]);
  });

  it('calls the API with encoded names and the range', async () => {
    const fetchMock = respond(200, { service: 'a/b', startMs: 0, endMs: 1, stepMs: 1, rate: [], errorRatio: [], latency: [], errors: [] });
    vi.stubGlobal('fetch', fetchMock);
    await redSeriesQuery('a/b', { from: 'now-5m', to: 'now' }, 600).queryFn({ signal: new AbortController().signal });
    expect((fetchMock.mock.calls as unknown[][])[0]?.[0]).toBe('/api/v1/services/a%2Fb/red?from=now-5m&to=now&width=600');
  });

  it('buckets chart widths', () => {
    expect(chartWidthBucket(0)).toBe(100);
    expect(chartWidthBucket(437)).toBe(400);
    expect(chartWidthBucket(451)).toBe(500);
    expect(chartWidthBucket(50_000)).toBe(10_000);
  });
});
