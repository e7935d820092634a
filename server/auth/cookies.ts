import 'server-only';

/** The Cookie header as a map; the first of duplicate names wins (as browsers send the most specific first). */
export function readCookies(req: Request): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (out.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      out.set(name, decodeURIComponent(value));
    } catch {
      // A cookie someone else set with a broken escape: not ours, skip it.
    }
  }
  return out;
}

/**
 * The page is on https when the request URL says so or the proxy in front terminated TLS. A client
 * that lies about X-Forwarded-Proto only gets Secure cookies its plain-http connection won't send back.
 */
export function isHttps(req: Request): boolean {
  if (new URL(req.url).protocol === 'https:') return true;
  return req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export interface CookieSpec {
  name: string;
  value: string;
  /** Seconds; 0 deletes the cookie. */
  maxAgeS: number;
  httpOnly: boolean;
  secure: boolean;
}

/** Always Path=/ and SameSite=Lax: sent on top-level navigation to us, never on cross-site subrequests. */
export function serializeCookie(c: CookieSpec): string {
  const parts = [`${c.name}=${encodeURIComponent(c.value)}`, 'Path=/', `Max-Age=${Math.max(0, Math.floor(c.maxAgeS))}`, 'SameSite=Lax'];
  if (c.httpOnly) parts.push('HttpOnly');
  if (c.secure) parts.push('Secure');
  return parts.join('; ');
}
