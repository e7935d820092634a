// Prints a password hash for auth.users[].passwordHash: scrypt$N$r$p$salt$hash (docs/auth.md).
//   node deploy/hash-password.mjs            asks for the password without echoing it
//   printf %s "$PW" | node deploy/hash-password.mjs   reads it from a pipe (no trailing newline kept)
// The password is never an argument, so it stays out of shell history and `ps`.
// Same format and defaults as server/auth/password.ts (this script must run without the app's build).
import { Buffer } from 'node:buffer';
import { randomBytes, scryptSync } from 'node:crypto';
import { createInterface } from 'node:readline';

const N = 32768;
const r = 8;
const p = 1;

async function readPassword() {
  if (!process.stdin.isTTY) {
    const chunks = [];
    for await (const c of process.stdin) chunks.push(c);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const ask = (q) =>
    new Promise((resolve) => {
      process.stderr.write(q);
      rl._writeToOutput = () => {}; // no echo while typing
      rl.question('', (a) => {
        process.stderr.write('\n');
        resolve(a);
      });
    });
  const first = await ask('password: ');
  const again = await ask('again: ');
  rl.close();
  if (first !== again) {
    console.error('the two passwords differ');
    process.exit(1);
  }
  return first;
}

const password = await readPassword();
if (password.length === 0) {
  console.error('empty password');
  process.exit(1);
}
const salt = randomBytes(16);
const hash = scryptSync(password, salt, 32, { N, r, p, maxmem: 128 * N * r * (p + 1) + 1024 * 1024 });
console.log(`scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`);
