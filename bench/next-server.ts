/**
 * The built app under `next start` for the browser benches (topology-browser.ts, slo-chart-browser.ts):
 * a free port, start and wait until `readyPath` answers, stop the whole process group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Functions sent into the page need tsx's __name() shim (esbuild keepNames wraps them). */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f)';

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

export async function startNext(port: number, readyPath: string): Promise<ChildProcess> {
  const child = spawn(join(ROOT, 'node_modules/.bin/next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}${readyPath}`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stopNext(child);
  throw new Error('next start did not answer within 60 s');
}

export function stopNext(child: ChildProcess) {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM'); // its own process group (detached): next and its workers
    } catch {
      child.kill('SIGTERM');
    }
  }
}
