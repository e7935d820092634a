import { beforeAll, describe, expect, it } from 'vitest';
import { AuthConfig } from '@/lib/schemas/auth';
import { ForbiddenError, TooManyRequestsError, UnauthenticatedError } from '../runtime/errors';
import { loadConfig } from '../runtime/config';
import { errorResponse } from '../runtime/http';
import { DEFAULT_LIMITS, LoginThrottle } from './login-throttle';
import { hashPassword } from './password';
import { PEER_HEADER, peerStampFor } from './peer';
import { AuthService } from './service';

const SECRET = 'test-session-secret-0123456789abcdef';
const ORIGIN = 'http://dash.test';
let users: Array<{ name: string; role: 'viewer' | 'operator' | 'admin'; passwordHash: string }>;

beforeAll(async () => {
  const fast = { N: 1024, r: 8, p: 1 }; // the format allows cheap hashes; the tests need not wait
  users = [
    { name: 'vera', role: 'viewer', passwordHash: await hashPassword('vera-pw', fast) },
    { name: 'otto', role: 'operator', passwordHash: await hashPassword('otto-pw', fast) },
  ];
});

const clock = () => {
  let t = 1_700_000_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};
const make = (raw: Record<string, unknown>, now = clock().now) => new AuthService(AuthConfig.parse({ sessionSecret: SECRET, ...raw }), { now, warn: () => {} });
const usersMode = (now?: () => number) => make({ mode: 'users', users, sessionTtlS: 3600 }, now);

type Jar = Map<string, string>;
/** What a browser would keep from Set-Cookie lines (Max-Age=0 deletes). */
function store(jar: Jar, setCookies: string[]): Jar {
  const next = new Map(jar);
  for (const line of setCookies) {
    const [pair] = line.split(';');
    const [name, value] = [pair!.slice(0, pair!.indexOf('=')), decodeURIComponent(pair!.slice(pair!.indexOf('=') + 1))];
    if (/Max-Age=0(;|$)/.test(line)) next.delete(name);
    else next.set(name, value);
  }
  return next;
}

function req(method: string, opts: { jar?: Jar; headers?: Record<string, string>; url?: string } = {}): Request {
  const headers = new Headers(opts.headers);
  if (opts.jar && opts.jar.size > 0) headers.set('cookie', [...opts.jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '));
  return new Request(opts.url ?? `${ORIGIN}/api/v1/session`, { method, headers });
}

/** A browser write from the dashboard's own page, sending the CSRF cookie's value as the header. */
const write = (jar: Jar, extra: Record<string, string> = {}) =>
  req('POST', { jar, headers: { origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'x-csrf-token': jar.get('sy_csrf') ?? '', ...extra } });

async function signIn(svc: AuthService, user: string, password: string, jar: Jar = new Map()): Promise<Jar> {
  const out = await svc.login(req('POST', { jar, headers: { origin: ORIGIN } }), { user, password });
  return store(jar, out.setCookies);
}

const thrown = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
};

describe('password sessions', () => {
  it('sign-in sets an HttpOnly Lax session cookie and a readable CSRF cookie; Secure only on https', async () => {
    const svc = usersMode();
    const out = await svc.login(req('POST', { headers: { origin: ORIGIN } }), { user: 'otto', password: 'otto-pw' });
    expect(out.body).toMatchObject({ mode: 'users', user: { name: 'otto', role: 'operator' }, role: 'operator' });
    const [session, csrf] = out.setCookies;
    expect(session).toMatch(/^sy_session=v1\.[^;]+; Path=\/; Max-Age=3600; SameSite=Lax; HttpOnly$/);
    expect(csrf).toMatch(/^sy_csrf=[^;]+; Path=\/; Max-Age=3600; SameSite=Lax$/);
    expect(decodeURIComponent(csrf!.split(';')[0]!.slice('sy_csrf='.length))).toBe(out.body.csrfToken);

    const https = await svc.login(req('POST', { headers: { 'x-forwarded-proto': 'https' } }), { user: 'otto', password: 'otto-pw' });
    expect(https.setCookies.every((c) => c.endsWith('; Secure') || c.includes('; Secure'))).toBe(true);
  });

  it('the session names the user and role until it expires', async () => {
    const c = clock();
    const svc = usersMode(c.now);
    const jar = await signIn(svc, 'otto', 'otto-pw');
    expect(svc.currentUser(req('GET', { jar }))).toEqual({ name: 'otto', role: 'operator', via: 'session' });
    expect(svc.requireRole(req('GET', { jar }), 'operator').name).toBe('otto');
    c.advance(3600 * 1000 - 1);
    expect(svc.currentUser(req('GET', { jar }))?.name).toBe('otto');
    c.advance(1);
    expect(svc.currentUser(req('GET', { jar }))).toBeNull();
    const e = thrown(() => svc.requireRole(req('GET', { jar }), 'operator'));
    expect(e).toBeInstanceOf(UnauthenticatedError);
    expect(e.message).toMatch(/session has expired; sign in/);
  });

  it('a role too low is 403 naming both roles; nobody signed in is 401; anonymous visitors may read', async () => {
    const svc = usersMode();
    const vera = await signIn(svc, 'vera', 'vera-pw');
    const e = thrown(() => svc.requireRole(req('GET', { jar: vera }), 'operator'));
    expect(e).toBeInstanceOf(ForbiddenError);
    expect(e.message).toBe('vera has the viewer role; this needs operator');
    expect(thrown(() => svc.requireRole(req('GET'), 'operator'))).toBeInstanceOf(UnauthenticatedError);
    expect(svc.requireRole(req('GET'), 'viewer')).toEqual({ name: 'anonymous', role: 'viewer', via: 'anonymous' });
  });

  it('a wrong password and an unknown user get the same 401', async () => {
    const svc = usersMode();
    const a = (await svc.login(req('POST'), { user: 'otto', password: 'nope' }).catch((e: unknown) => e)) as Error;
    const b = (await svc.login(req('POST'), { user: 'nobody', password: 'nope' }).catch((e: unknown) => e)) as Error;
    expect(a).toBeInstanceOf(UnauthenticatedError);
    expect(b).toBeInstanceOf(UnauthenticatedError);
    expect(a.message).toBe(b.message);
  });

  it('locks a user after 5 failures: 429 with the wait, even for the right password', async () => {
    const c = clock();
    const svc = usersMode(c.now);
    for (let i = 0; i < 5; i++) await expect(svc.login(req('POST'), { user: 'otto', password: `guess${i}` })).rejects.toBeInstanceOf(UnauthenticatedError);
    const locked = await svc.login(req('POST'), { user: 'otto', password: 'otto-pw' }).catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(TooManyRequestsError);
    expect((locked as TooManyRequestsError).retryAfterS).toBe(15 * 60);
    await expect(signIn(svc, 'vera', 'vera-pw')).resolves.toBeDefined(); // other users are not locked (no address known here)
    c.advance(15 * 60 * 1000);
    await expect(signIn(svc, 'otto', 'otto-pw')).resolves.toBeDefined();
  });

  it('locks a client address (the stamped peer) after its failures across user names', async () => {
    // A lower address limit than the default 20 only to keep the test short: each failure costs a scrypt.
    const throttle = new LoginThrottle({ ...DEFAULT_LIMITS, perAddress: 3 });
    const svc = new AuthService(AuthConfig.parse({ mode: 'users', users, sessionSecret: SECRET }), { throttle });
    const from = (peer: string) => req('POST', { headers: { [PEER_HEADER]: peerStampFor(peer) } });
    for (let i = 0; i < 3; i++) await expect(svc.login(from('198.51.100.7'), { user: `u${i}`, password: 'x' })).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(svc.login(from('198.51.100.7'), { user: 'otto', password: 'otto-pw' })).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(svc.login(from('198.51.100.8'), { user: 'otto', password: 'otto-pw' })).resolves.toBeDefined();
  });

  it('sign-out ends the session here and clears both cookies', async () => {
    const svc = usersMode();
    const jar = await signIn(svc, 'otto', 'otto-pw');
    const out = svc.logout(req('DELETE', { jar, headers: { origin: ORIGIN } }));
    expect(out.body.user).toBeNull();
    const after = store(jar, out.setCookies);
    expect(after.has('sy_session')).toBe(false);
    // A copy of the old cookie is refused too (revoked in this process).
    expect(thrown(() => svc.requireRole(req('GET', { jar }), 'operator')).message).toMatch(/you have signed out/);
  });

  it("changing a password in the config ends that user's sessions", async () => {
    const svc = usersMode();
    const jar = await signIn(svc, 'otto', 'otto-pw');
    const changed = make({ mode: 'users', users: [{ ...users[1]!, passwordHash: await hashPassword('new', { N: 1024, r: 8, p: 1 }) }] });
    expect(changed.currentUser(req('GET', { jar }))).toBeNull();
    expect(usersMode().currentUser(req('GET', { jar }))?.name).toBe('otto'); // same secret, same hash: still good
  });
});

describe('writes (requireWrite)', () => {
  it("pass from the own origin with the session's token in header and cookie", async () => {
    const svc = usersMode();
    const jar = await signIn(svc, 'otto', 'otto-pw');
    expect(svc.requireWrite(write(jar), 'operator')).toEqual({ name: 'otto', role: 'operator', via: 'session' });
  });

  it("refuse a missing token, a header that differs from the cookie, and another session's token", async () => {
    const svc = usersMode();
    const jar = await signIn(svc, 'otto', 'otto-pw');
    const other = await signIn(svc, 'otto', 'otto-pw');
    const cases: Array<[Request, RegExp]> = [
      [req('POST', { jar, headers: { origin: ORIGIN } }), /no X-CSRF-Token header/],
      [write(jar, { 'x-csrf-token': other.get('sy_csrf')! }), /does not match the sy_csrf cookie/],
      [write(new Map([['sy_session', jar.get('sy_session')!], ['sy_csrf', other.get('sy_csrf')!]])), /belongs to another session/],
    ];
    for (const [r, message] of cases) {
      const e = thrown(() => svc.requireWrite(r, 'operator'));
      expect(e).toBeInstanceOf(ForbiddenError);
      expect((e as ForbiddenError).code).toBe('csrf');
      expect(e.message).toMatch(message);
    }
  });

  it('refuse a cross-site request even with a valid token', async () => {
    const svc = usersMode();
    const jar = await signIn(svc, 'otto', 'otto-pw');
    const e = thrown(() => svc.requireWrite(write(jar, { origin: 'https://evil.test', 'sec-fetch-site': 'cross-site' }), 'operator'));
    expect((e as ForbiddenError).code).toBe('csrf');
  });

  it('check the role before the token: a viewer gets 403 role, a stranger 401', async () => {
    const svc = usersMode();
    const vera = await signIn(svc, 'vera', 'vera-pw');
    expect(thrown(() => svc.requireWrite(write(vera), 'operator')).message).toMatch(/viewer role; this needs operator/);
    expect(thrown(() => svc.requireWrite(write(new Map()), 'operator'))).toBeInstanceOf(UnauthenticatedError);
  });

  it('with auth.mode "none" are off, saying how to turn them on', () => {
    const svc = make({});
    const e = thrown(() => svc.requireWrite(req('POST'), 'operator'));
    expect(e).toBeInstanceOf(ForbiddenError);
    expect((e as ForbiddenError).code).toBe('writes_disabled');
    expect(e.message).toMatch(/auth\.mode is "none".*"users" or "proxy"/);
    return expect(svc.login(req('POST'), { user: 'a', password: 'b' })).rejects.toMatchObject({ code: 'login_disabled' });
  });
});

describe('session info (GET /api/v1/session)', () => {
  it('hands an anonymous visitor a token, keeps a good cookie, and replaces one from another session', async () => {
    const svc = usersMode();
    const anon = svc.sessionInfo(req('GET'));
    expect(anon.body).toMatchObject({ mode: 'users', user: null, role: 'viewer', expiresAtMs: null });
    expect(anon.setCookies).toHaveLength(1);
    const anonJar = store(new Map(), anon.setCookies);
    expect(svc.sessionInfo(req('GET', { jar: anonJar })).setCookies).toEqual([]); // still good: kept

    const jar = await signIn(svc, 'otto', 'otto-pw', anonJar);
    const info = svc.sessionInfo(req('GET', { jar }));
    expect(info.body).toMatchObject({ user: { name: 'otto', role: 'operator' }, csrfToken: jar.get('sy_csrf') });
    expect(info.setCookies).toEqual([]);
    // The anonymous token does not carry over into the session.
    const mixed = new Map([['sy_session', jar.get('sy_session')!], ['sy_csrf', anonJar.get('sy_csrf')!]]);
    expect(svc.sessionInfo(req('GET', { jar: mixed })).body.csrfToken).not.toBe(anonJar.get('sy_csrf'));
  });
});

describe('auth proxy headers', () => {
  const proxy = (p: Record<string, unknown>) => make({ mode: 'proxy', proxy: p });
  const via = (peer: string | null, headers: Record<string, string>) => req('GET', { headers: { ...headers, ...(peer ? { [PEER_HEADER]: peerStampFor(peer) } : {}) } });

  it('are believed from a trusted proxy address, and ignored (with the reason in the 401) from anyone else', () => {
    const svc = proxy({ trustedProxies: ['10.0.0.0/8'], roleHeader: 'X-Forwarded-Role' });
    expect(svc.currentUser(via('10.1.1.1', { 'x-forwarded-user': 'ana', 'x-forwarded-role': 'Operator' }))).toEqual({ name: 'ana', role: 'operator', via: 'proxy' });
    expect(svc.currentUser(via('203.0.113.5', { 'x-forwarded-user': 'ana', 'x-forwarded-role': 'admin' }))).toBeNull();
    const e = thrown(() => svc.requireRole(via('203.0.113.5', { 'x-forwarded-user': 'ana' }), 'operator'));
    expect(e).toBeInstanceOf(UnauthenticatedError);
    expect(e.message).toMatch(/X-Forwarded-User came from 203\.0\.113\.5, which is not in auth\.proxy\.trustedProxies/);
    // Without the stamp (no instrumentation) the peer is unknown: not trusted.
    expect(svc.currentUser(via(null, { 'x-forwarded-user': 'ana' }))).toBeNull();
  });

  it('with a shared secret, need it; with both, need both', () => {
    const secretOnly = proxy({ sharedSecret: 'proxy-secret-0123456789' });
    expect(secretOnly.currentUser(via(null, { 'x-forwarded-user': 'ana', 'x-switchyard-proxy-secret': 'proxy-secret-0123456789' }))?.name).toBe('ana');
    expect(secretOnly.currentUser(via(null, { 'x-forwarded-user': 'ana', 'x-switchyard-proxy-secret': 'proxy-secret-012345678X' }))).toBeNull();
    const both = proxy({ sharedSecret: 'proxy-secret-0123456789', trustedProxies: ['127.0.0.1'] });
    expect(both.currentUser(via('127.0.0.1', { 'x-forwarded-user': 'ana', 'x-switchyard-proxy-secret': 'proxy-secret-0123456789' }))?.name).toBe('ana');
    expect(both.currentUser(via('127.0.0.2', { 'x-forwarded-user': 'ana', 'x-switchyard-proxy-secret': 'proxy-secret-0123456789' }))).toBeNull();
    expect(both.currentUser(via('127.0.0.1', { 'x-forwarded-user': 'ana' }))).toBeNull();
  });

  it('map groups to the highest role they grant, else the default role', () => {
    const svc = proxy({ trustedProxies: ['127.0.0.1'], groupsHeader: 'X-Forwarded-Groups', groupRoles: { sre: 'operator', 'platform-admins': 'admin' } });
    const role = (groups: string) => svc.currentUser(via('127.0.0.1', { 'x-forwarded-user': 'ana', 'x-forwarded-groups': groups }))?.role;
    expect(role('dev, sre')).toBe('operator');
    expect(role('sre,platform-admins')).toBe('admin');
    expect(role('dev')).toBe('viewer');
  });

  it('bind the CSRF token to the proxy user, and writes need it', () => {
    const svc = proxy({ trustedProxies: ['127.0.0.1'], roleHeader: 'X-Forwarded-Role' });
    const h = { 'x-forwarded-user': 'ana', 'x-forwarded-role': 'operator' };
    const jar = store(new Map(), svc.sessionInfo(via('127.0.0.1', h)).setCookies);
    const w = (user: string) =>
      new Request(`${ORIGIN}/api/v1/x`, {
        method: 'POST',
        headers: { ...h, 'x-forwarded-user': user, [PEER_HEADER]: peerStampFor('127.0.0.1'), origin: ORIGIN, cookie: `sy_csrf=${encodeURIComponent(jar.get('sy_csrf')!)}`, 'x-csrf-token': jar.get('sy_csrf')! },
      });
    expect(svc.requireWrite(w('ana'), 'operator').name).toBe('ana');
    expect(thrown(() => svc.requireWrite(w('bob'), 'operator')).message).toMatch(/another session/);
  });
});

describe('configuration', () => {
  it('names what is missing', () => {
    const problems = (raw: unknown) => AuthConfig.safeParse(raw).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems({ mode: 'users' })).toEqual(['users: mode "users" needs at least one user']);
    expect(problems({ mode: 'proxy', proxy: {} })?.[0]).toMatch(/^proxy: proxy mode trusts its headers only from a known proxy/);
    expect(problems({ users: [{ name: 'a', passwordHash: 'hunter2' }] })?.[0]).toMatch(/users\.0\.passwordHash: must be scrypt/);
    expect(problems({ sessionSecret: 'short' })).toEqual(['sessionSecret: must be at least 32 characters']);
    expect(problems({ proxy: { trustedProxies: ['10.0.0.0/33'] } })?.[0]).toMatch(/^proxy\.trustedProxies\.0/);
    expect(AuthConfig.parse({})).toMatchObject({ mode: 'none', sessionTtlS: 28_800 });
  });

  it('the demo config signs in the users README documents, with their roles', async () => {
    const demo = new AuthService(loadConfig({ SWITCHYARD_CONFIG: 'deploy/switchyard.demo.json', SWITCHYARD_SESSION_SECRET: SECRET }).auth);
    await expect(demo.login(req('POST'), { user: 'operator', password: 'operator-demo' })).resolves.toMatchObject({ body: { user: { name: 'operator', role: 'operator' } } });
    await expect(demo.login(req('POST'), { user: 'viewer', password: 'viewer-demo' })).resolves.toMatchObject({ body: { user: { name: 'viewer', role: 'viewer' } } });
  });

  it('takes the secrets from the environment', () => {
    const cfg = loadConfig({ SWITCHYARD_SESSION_SECRET: SECRET, SWITCHYARD_PROXY_SECRET: 'proxy-secret-0123456789' });
    expect(cfg.auth.sessionSecret).toBe(SECRET);
    expect(cfg.auth.proxy?.sharedSecret).toBe('proxy-secret-0123456789');
  });

  it('warns once without a secret, and never prints a secret', () => {
    const said: string[] = [];
    new AuthService(AuthConfig.parse({ mode: 'users', users }), { warn: (m) => said.push(m) });
    new AuthService(AuthConfig.parse({ mode: 'users', users, sessionSecret: SECRET }), { warn: (m) => said.push(m) });
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/SWITCHYARD_SESSION_SECRET/);
    expect(said[0]).not.toContain(SECRET);
  });
});

describe('HTTP mapping', () => {
  it('401, 403 with its code, 429 with Retry-After', async () => {
    const un = errorResponse(new UnauthenticatedError('sign in'));
    expect(un.status).toBe(401);
    expect(await un.json()).toEqual({ error: { code: 'unauthenticated', message: 'sign in' } });
    const csrf = errorResponse(new ForbiddenError('no token', 'csrf'));
    expect([csrf.status, ((await csrf.json()) as { error: { code: string } }).error.code]).toEqual([403, 'csrf']);
    const many = errorResponse(new TooManyRequestsError('wait', 42));
    expect([many.status, many.headers.get('retry-after')]).toEqual([429, '42']);
  });
});
