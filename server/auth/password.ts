import 'server-only';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PASSWORD_HASH_PATTERN } from '@/lib/schemas/auth';

/**
 * Password hashes are `scrypt$N$r$p$salt$hash` (salt and hash base64), the parameters stored with the
 * hash so they can be raised later without breaking old entries. Defaults N=2^15, r=8, p=1 (OWASP's
 * scrypt minimum is N=2^17 with 64 MiB; 2^15 keeps a login near 100 ms on a small box, and logins are
 * rate-limited). deploy/hash-password.mjs writes the same format with the same defaults.
 */
export const SCRYPT_DEFAULTS = { N: 32_768, r: 8, p: 1 } as const;
/** Bound what a config entry can make us compute: a typo like N=2^30 must not eat the machine. */
const MAX_COST = 1 << 20;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

const maxmem = (N: number, r: number, p: number) => 128 * N * r * (p + 1) + 1024 * 1024;

export async function hashPassword(password: string, params: { N: number; r: number; p: number } = SCRYPT_DEFAULTS): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32, { ...params, maxmem: maxmem(params.N, params.r, params.p) });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface Parsed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

export function parsePasswordHash(encoded: string): Parsed | null {
  if (!PASSWORD_HASH_PATTERN.test(encoded)) return null;
  const [, n, r, p, salt, hash] = encoded.split('$') as [string, string, string, string, string, string];
  const parsed = { N: Number(n), r: Number(r), p: Number(p), salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
  const powerOfTwo = parsed.N > 1 && (parsed.N & (parsed.N - 1)) === 0;
  if (!powerOfTwo || parsed.N > MAX_COST || parsed.r < 1 || parsed.p < 1 || parsed.r * parsed.p >= 1 << 10 || parsed.hash.length < 16) return null;
  return parsed;
}

/** True when `password` matches; the comparison takes the same time wherever the bytes differ. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parsePasswordHash(encoded);
  if (!parsed) return false;
  const key = await scryptAsync(password, parsed.salt, parsed.hash.length, { N: parsed.N, r: parsed.r, p: parsed.p, maxmem: maxmem(parsed.N, parsed.r, parsed.p) });
  return timingSafeEqual(key, parsed.hash);
}

/**
 * Burned for an unknown user name, so a wrong name takes as long as a wrong password and the answer
 * time does not tell which names exist.
 */
let dummy: Promise<string> | null = null;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('switchyard-dummy-password');
  await verifyPassword(password, await dummy);
  return false;
}
