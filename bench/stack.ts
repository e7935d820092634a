import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Starts a bench-only Prometheus through the same local-stack script the demo and tests use. */
export function startBenchPrometheus(openMetrics: string, port: number): { url: string; stop: () => void } {
  const dir = join(ROOT, '.stack', 'bench');
  const env = {
    ...process.env,
    STACK_DIR: dir,
    COMPONENTS: 'prometheus',
    PROM_PORT: String(port),
    PROM_CONFIG: join(ROOT, 'deploy/prometheus/test.yml'),
    PROM_BACKFILL: join(dir, 'history.om'),
  };
  execFileSync('bash', [join(ROOT, 'deploy/local-stack.sh'), 'down'], { env, stdio: 'inherit' });
  execFileSync('rm', ['-rf', dir]);
  mkdirSync(dir, { recursive: true });
  writeFileSync(env.PROM_BACKFILL, openMetrics);
  execFileSync('bash', [join(ROOT, 'deploy/local-stack.sh'), 'up'], { env, stdio: 'inherit' });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => execFileSync('bash', [join(ROOT, 'deploy/local-stack.sh'), 'down'], { env, stdio: 'inherit' }),
  };
}
