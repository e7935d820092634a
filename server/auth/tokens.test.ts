import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { csrfMatches, deriveKeys, mintCsrf, signSession, verifySession } from './tokens';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const keys = deriveKeys(SECRET);
const HASHES: Record<string, string> = { ana: 'scrypt$1024$8$1$AAAA$BBBB', bo: 'scrypt$1024$8$1$CCCC$DDDD' };
const bindingOf = (u: string) => HASHES[u] ?? null;
const T0 = 1_700_000_000_000;
const payload = { sid: 'sid-0123456789abcdef', u: 'ana', iat: T0, exp: T0 + 3_600_000 };

const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe('session tokens', () => {
  it('are v1.<payload>.<HMAC-SHA256>, keyed by a key derived from the secret, covering the password hash', () => {
    const token = signSession(keys, payload, HASHES.ana!);
    // Computed here from the documented construction, not with the module's helpers.
    const sessionKey = createHmac('sha256', SECRET).update('switchyard session v1').digest();
    const body = `v1.${b64(JSON.stringify(payload))}`;
    const mac = createHmac('sha256', sessionKey).update(`${body}\0${HASHES.ana}`).digest('base64url');
    expect(token).toBe(`${body}.${mac}`);
    expect(verifySession(keys, token, bindingOf, T0 + 1000)).toEqual({ ok: true, payload });
  });

  it('expire at exp, not a millisecond later', () => {
    const token = signSession(keys, payload, HASHES.ana!);
    expect(verifySession(keys, token, bindingOf, payload.exp - 1).ok).toBe(true);
    expect(verifySession(keys, token, bindingOf, payload.exp)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse a changed payload (another user, a later expiry) under the old signature', () => {
    const token = signSession(keys, payload, HASHES.ana!);
    const [, , mac] = token.split('.');
    const asBo = `v1.${b64(JSON.stringify({ ...payload, u: 'bo' }))}.${mac}`;
    const longer = `v1.${b64(JSON.stringify({ ...payload, exp: payload.exp + 86_400_000 }))}.${mac}`;
    expect(verifySession(keys, asBo, bindingOf, T0)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifySession(keys, longer, bindingOf, T0)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuse a flipped signature bit, another secret, a changed password and a removed user', () => {
    const token = signSession(keys, payload, HASHES.ana!);
    const mac = Buffer.from(token.split('.')[2]!, 'base64url');
    mac[0] = mac[0]! ^ 1;
    const flipped = `${token.split('.').slice(0, 2).join('.')}.${mac.toString('base64url')}`;
    expect(verifySession(keys, flipped, bindingOf, T0).ok).toBe(false);
    expect(verifySession(deriveKeys('another-secret-of-at-least-32-characters'), token, bindingOf, T0)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifySession(keys, token, () => 'scrypt$1024$8$1$NEW$HASH', T0)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifySession(keys, token, () => null, T0)).toEqual({ ok: false, reason: 'unknown-user' });
  });

  it('refuse garbage without throwing', () => {
    for (const junk of ['', 'v1', 'v1..', 'v2.a.b', `v1.${b64('{"sid":1}')}.x`, `v1.${b64('not json')}.x`, 'v1.%%%.x']) {
      expect(verifySession(keys, junk, bindingOf, T0)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});

describe('CSRF tokens', () => {
  it('match only the binding they were minted for, and only with the CSRF key', () => {
    const t = mintCsrf(keys, 'session\0abc');
    expect(csrfMatches(keys, t, 'session\0abc')).toBe(true);
    expect(csrfMatches(keys, t, 'session\0abd')).toBe(false);
    expect(csrfMatches(keys, t, 'anonymous')).toBe(false);
    expect(csrfMatches(deriveKeys('another-secret-of-at-least-32-characters'), t, 'session\0abc')).toBe(false);
    const [nonce] = t.split('.');
    expect(csrfMatches(keys, `${nonce}.${'A'.repeat(43)}`, 'session\0abc')).toBe(false);
    expect(csrfMatches(keys, 'no-dot', 'session\0abc')).toBe(false);
  });

  it('differ on every mint (a random nonce), so two tabs never share one by accident', () => {
    expect(mintCsrf(keys, 'x')).not.toBe(mintCsrf(keys, 'x'));
  });
});
