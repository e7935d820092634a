import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { safeNextPath } from '../schemas/auth';
import { csrfFromCookie, sendJson } from './write-json';

const Ok = z.object({ ok: z.literal(true) });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const session = (csrfToken: string) => ({ mode: 'users', user: { name: 'otto', role: 'operator' }, role: 'operator', csrfToken, expiresAtMs: 1 });

afterEach(() => vi.unstubAllGlobals());

const calls = (f: ReturnType<typeof vi.fn>) =>
  (f.mock.calls as Array<[string, RequestInit | undefined]>).map(([url, init]) => ({ url, method: init?.method ?? 'GET', token: new Headers(init?.headers).get('x-csrf-token') }));

describe('sendJson', () => {
  it('sends the token from the sy_csrf cookie as X-CSRF-Token, with a JSON body', async () => {
    vi.stubGlobal('document', { cookie: 'theme=dark; sy_csrf=abc.def%3D; other=1' });
    const f = vi.fn(async () => json(200, { ok: true }));
    vi.stubGlobal('fetch', f);
    await expect(sendJson('PUT', '/api/v1/x', { a: 1 }, Ok)).resolves.toEqual({ ok: true });
    expect(calls(f)).toEqual([{ url: '/api/v1/x', method: 'PUT', token: 'abc.def=' }]);
    const init = (f.mock.calls as unknown as Array<[string, RequestInit]>)[0]![1];
    expect(new Headers(init.headers).get('content-type')).toBe('application/json');
    expect(init.body).toBe('{"a":1}');
  });

  it('asks the session for a token when there is no cookie', async () => {
    vi.stubGlobal('document', { cookie: '' });
    const f = vi.fn(async (url: string) => (url === '/api/v1/session' ? json(200, session('fresh.1')) : json(200, { ok: true })));
    vi.stubGlobal('fetch', f);
    await sendJson('POST', '/api/v1/x', undefined, Ok);
    expect(calls(f)).toEqual([
      { url: '/api/v1/session', method: 'GET', token: null },
      { url: '/api/v1/x', method: 'POST', token: 'fresh.1' },
    ]);
  });

  it('renews a token refused as CSRF once, and reports a second refusal', async () => {
    vi.stubGlobal('document', { cookie: 'sy_csrf=stale.0' });
    const refuse = () => json(403, { error: { code: 'csrf', message: 'write refused: the CSRF token belongs to another session; reload the page' } });
    let writes = 0;
    const f = vi.fn(async (url: string) => (url === '/api/v1/session' ? json(200, session('fresh.1')) : ++writes === 1 ? refuse() : json(200, { ok: true })));
    vi.stubGlobal('fetch', f);
    await expect(sendJson('DELETE', '/api/v1/x', undefined, Ok)).resolves.toEqual({ ok: true });
    expect(calls(f).map((c) => c.token)).toEqual(['stale.0', null, 'fresh.1']);

    vi.stubGlobal('fetch', vi.fn(async (url: string) => (url === '/api/v1/session' ? json(200, session('fresh.1')) : refuse())));
    await expect(sendJson('POST', '/api/v1/x', {}, Ok)).rejects.toMatchObject({ status: 403, code: 'csrf' });
  });

  it('does not retry other refusals', async () => {
    vi.stubGlobal('document', { cookie: 'sy_csrf=t.0' });
    const f = vi.fn(async () => json(403, { error: { code: 'forbidden', message: 'vera has the viewer role; this needs operator' } }));
    vi.stubGlobal('fetch', f);
    await expect(sendJson('POST', '/api/v1/x', {}, Ok)).rejects.toMatchObject({ status: 403, code: 'forbidden', message: expect.stringContaining('viewer role') });
    expect(f).toHaveBeenCalledTimes(1);
  });
});

describe('csrfFromCookie', () => {
  it('finds the cookie among others, or null', () => {
    expect(csrfFromCookie('a=1; sy_csrf=x.y')).toBe('x.y');
    expect(csrfFromCookie('not_sy_csrf=x; a=1')).toBeNull();
    expect(csrfFromCookie('')).toBeNull();
  });
});

describe('safeNextPath', () => {
  it('keeps local paths and refuses other origins', () => {
    expect(safeNextPath('/topology?group=team')).toBe('/topology?group=team');
    for (const bad of [null, '', 'https://evil.test/', '//evil.test/x', '/\\evil.test', 'javascript:alert(1)', '/a\nb']) expect(safeNextPath(bad)).toBe('/services');
  });
});
