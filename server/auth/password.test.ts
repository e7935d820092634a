import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hashPassword, parsePasswordHash, verifyPassword } from './password';

// RFC 7914 §12, third vector: scrypt(P="pleaseletmein", S="SodiumChloride", N=16384, r=8, p=1, dkLen=64).
const RFC_HASH =
  '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887';
const rfcEntry = `scrypt$16384$8$1$${Buffer.from('SodiumChloride').toString('base64')}$${Buffer.from(RFC_HASH, 'hex').toString('base64')}`;

// RFC 7914 §12, second vector: scrypt(P="password", S="NaCl", N=1024, r=8, p=16, dkLen=64).
const RFC_HASH_2 =
  'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640';
const rfcEntry2 = `scrypt$1024$8$16$${Buffer.from('NaCl').toString('base64')}$${Buffer.from(RFC_HASH_2, 'hex').toString('base64')}`;

describe('password hashes', () => {
  it('verifies the RFC 7914 test vectors written in our format', async () => {
    await expect(verifyPassword('pleaseletmein', rfcEntry)).resolves.toBe(true);
    await expect(verifyPassword('pleaseletmeIn', rfcEntry)).resolves.toBe(false);
    await expect(verifyPassword('password', rfcEntry2)).resolves.toBe(true);
    await expect(verifyPassword('password ', rfcEntry2)).resolves.toBe(false);
  });

  it('hashes with a fresh salt and the stated parameters, and verifies only the same password', async () => {
    const a = await hashPassword('correct horse', { N: 1024, r: 8, p: 1 });
    const b = await hashPassword('correct horse', { N: 1024, r: 8, p: 1 });
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    await expect(verifyPassword('correct horse', a)).resolves.toBe(true);
    await expect(verifyPassword('correct horsE', a)).resolves.toBe(false);
    await expect(verifyPassword('', a)).resolves.toBe(false);
  });

  it('refuses malformed entries and costs past the bound instead of computing them', async () => {
    expect(parsePasswordHash('plain')).toBeNull();
    expect(parsePasswordHash('scrypt$1000$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==')).toBeNull(); // N not a power of two
    expect(parsePasswordHash('scrypt$2097152$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==')).toBeNull(); // N = 2^21 > 2^20
    expect(parsePasswordHash('scrypt$1024$8$1$c2FsdA==$aGFzaA==')).toBeNull(); // 4-byte hash
    await expect(verifyPassword('x', 'bcrypt$whatever')).resolves.toBe(false);
  });

  it('deploy/hash-password.mjs writes entries the server verifies', async () => {
    const out = spawnSync('node', ['deploy/hash-password.mjs'], { input: 's3cret pass\n', encoding: 'utf8' });
    expect(out.status).toBe(0);
    const entry = out.stdout.trim();
    expect(entry).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(out.stdout + out.stderr).not.toContain('s3cret');
    await expect(verifyPassword('s3cret pass', entry)).resolves.toBe(true); // the pipe's newline is not part of it
    await expect(verifyPassword('s3cret pass\n', entry)).resolves.toBe(false);
  });
});
