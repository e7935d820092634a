import 'server-only';
import { ForbiddenError } from '../runtime/errors';

/**
 * The first CSRF line: a browser names where a request comes from (Sec-Fetch-Site, Origin), and a
 * page on another site cannot hide it. A write must come from the dashboard's own origin (as the
 * browser sees it: the Host or X-Forwarded-Host it sent) or from auth.allowedOrigins. Requests with
 * neither header are not from a browser (curl, scripts); they pass this check and still need the
 * CSRF token and a role.
 */
export function checkWriteOrigin(req: Request, allowedOrigins: readonly string[]): void {
  const origin = req.headers.get('origin');
  const site = req.headers.get('sec-fetch-site');
  if (origin !== null) {
    if (origin === 'null') throw crossSite('Origin "null" (a sandboxed or privacy-redirected page)');
    if (allowedOrigins.includes(origin)) return;
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw crossSite(`a malformed Origin header`);
    }
    if (!ownHosts(req).has(host.toLowerCase())) throw crossSite(`Origin ${origin}`);
  }
  // Same-site (a sibling subdomain) is still another origin; "none" is a user-typed navigation.
  if (site !== null && site !== 'same-origin' && site !== 'none' && (origin === null || !allowedOrigins.includes(origin))) {
    throw crossSite(`Sec-Fetch-Site: ${site}`);
  }
}

function ownHosts(req: Request): Set<string> {
  const hosts = new Set<string>([new URL(req.url).host.toLowerCase()]);
  const host = req.headers.get('host');
  if (host) hosts.add(host.toLowerCase());
  // A reverse proxy that rewrites Host names the original in X-Forwarded-Host. A cross-site page cannot
  // set it: a custom header on a cross-origin fetch needs a CORS preflight, which we never grant.
  for (const h of (req.headers.get('x-forwarded-host') ?? '').split(',')) if (h.trim()) hosts.add(h.trim().toLowerCase());
  return hosts;
}

const crossSite = (what: string) =>
  new ForbiddenError(`write refused: it comes from another site (${what}); writes are accepted only from the dashboard's own pages or auth.allowedOrigins`, 'csrf');
