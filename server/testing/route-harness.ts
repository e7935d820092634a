import 'server-only';
import { AuthConfig, CSRF_COOKIE, CSRF_HEADER } from '@/lib/schemas/auth';
import { authService } from '@/server/auth/guard';
import type { Container } from '@/server/container';

/**
 * Route handlers in-process, as the browser reaches them through an auth proxy: the container the
 * handlers use is put where container() finds it, auth is in proxy mode (the proxy names the user and
 * role), and writes carry the CSRF cookie and header a page would send.
 */
const KEY = Symbol.for('switchyard.container');
const SECRET = 'proxy-secret-0123456789';
export const ORIGIN = 'http://switchyard.test';

export const PROXY_AUTH = AuthConfig.parse({ mode: 'proxy', sessionSecret: 's'.repeat(32), proxy: { roleHeader: 'X-Role', sharedSecret: SECRET } });

export type Who = { user: string; role: 'viewer' | 'operator' } | null;
export const OPERATOR: Who = { user: 'olga', role: 'operator' };
export const VIEWER: Who = { user: 'vic', role: 'viewer' };

/** Makes `c` the process container, with proxy auth. */
export function installContainer(c: Container): Container {
  c.config = { ...c.config, auth: PROXY_AUTH };
  (globalThis as Record<symbol, unknown>)[KEY] = c;
  return c;
}

export function uninstallContainer(): void {
  delete (globalThis as Record<symbol, unknown>)[KEY];
}

/** A request as the dashboard's page would send it through the proxy: identity headers, CSRF cookie and header. */
export function proxyRequest(method: string, path: string, who: Who, body?: unknown, csrf = true): Request {
  const headers = new Headers({ origin: ORIGIN, 'content-type': 'application/json' });
  if (who) {
    headers.set('X-Forwarded-User', who.user);
    headers.set('X-Role', who.role);
    headers.set('X-Switchyard-Proxy-Secret', SECRET);
  }
  if (csrf && method !== 'GET') {
    const token = authService().sessionInfo(new Request(`${ORIGIN}/api/v1/session`, { headers })).body.csrfToken;
    headers.set('cookie', `${CSRF_COOKIE}=${encodeURIComponent(token)}`);
    headers.set(CSRF_HEADER, token);
  }
  return new Request(`${ORIGIN}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}
