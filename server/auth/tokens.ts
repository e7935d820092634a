import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Signed tokens for the session cookie and the CSRF token. Stateless: any BFF instance holding the same
 * secret accepts them (two instances behind one URL need the same SWITCHYARD_SESSION_SECRET).
 * Separate keys are derived from the one secret, so a CSRF token can never pass as a session or back.
 */
export interface TokenKeys {
  session: Buffer;
  csrf: Buffer;
}

export function deriveKeys(secret: string | Buffer): TokenKeys {
  const derive = (purpose: string) => createHmac('sha256', secret).update(`switchyard ${purpose} v1`).digest();
  return { session: derive('session'), csrf: derive('csrf') };
}

const mac = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** Equal strings, in time that does not depend on where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  // timingSafeEqual needs equal lengths; a length is no secret (our MACs have a fixed one).
  if (x.length !== y.length) return false;
  return timingSafeEqual(x, y);
}

const SessionPayload = z.object({
  /** Session id: what logout revokes and what the CSRF token is bound to. */
  sid: z.string().min(16).max(64),
  /** User name. */
  u: z.string().min(1).max(200),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type SessionPayload = z.infer<typeof SessionPayload>;

export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * `v1.<payload>.<mac>`. The MAC also covers the user's current password hash (`binding`), so changing
 * a password in the config ends that user's sessions, and a user removed from the config has none.
 */
export function signSession(keys: TokenKeys, payload: SessionPayload, binding: string): string {
  const body = `v1.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${mac(keys.session, `${body}\0${binding}`).toString('base64url')}`;
}

export type SessionCheck = { ok: true; payload: SessionPayload } | { ok: false; reason: 'malformed' | 'unknown-user' | 'bad-signature' | 'expired' };

/** `bindingOf(user)`: the user's password hash, or null when the user no longer exists. */
export function verifySession(keys: TokenKeys, token: string, bindingOf: (user: string) => string | null, nowMs: number): SessionCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') return { ok: false, reason: 'malformed' };
  let payload: SessionPayload;
  try {
    const parsed = SessionPayload.safeParse(JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')));
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    payload = parsed.data;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const binding = bindingOf(payload.u);
  if (binding === null) return { ok: false, reason: 'unknown-user' };
  const expected = mac(keys.session, `v1.${parts[1]}\0${binding}`).toString('base64url');
  if (!safeEqual(expected, parts[2]!)) return { ok: false, reason: 'bad-signature' };
  if (nowMs >= payload.exp) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}

/**
 * CSRF token `<nonce>.<mac>`, bound to who it was issued for (a session id, a proxy user, or the
 * anonymous visitor): a token lifted from one session is useless in another.
 */
export function mintCsrf(keys: TokenKeys, binding: string): string {
  const nonce = randomBytes(16).toString('base64url');
  return `${nonce}.${mac(keys.csrf, `${binding}\0${nonce}`).toString('base64url')}`;
}

export function csrfMatches(keys: TokenKeys, token: string, binding: string): boolean {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 200) return false;
  const nonce = token.slice(0, dot);
  return safeEqual(mac(keys.csrf, `${binding}\0${nonce}`).toString('base64url'), token.slice(dot + 1));
}
