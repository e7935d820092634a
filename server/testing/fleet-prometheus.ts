import 'server-only';
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A Prometheus scraping real instances a test starts (deploy/prometheus/fleet-test.yml: every second,
 * file_sd targets), through deploy/local-stack.sh like the other test backends. Port 29098 + the
 * TEST_PORT_OFFSET (the main stack uses 29090, 29093, 28428, 22379; the SLO one 29096), so parallel
 * runs do not collide.
 */
const ROOT = resolve(import.meta.dirname, '../..');

export interface FleetPrometheus {
  url: string;
  /** Scrape `address` as job `service` from now on (file_sd picks it up within a second). */
  target(service: string, name: string, address: string): void;
  stop(): void;
}

export function startFleetPrometheus(): FleetPrometheus {
  const offset = Number(process.env.TEST_PORT_OFFSET ?? 0);
  const port = 29098 + offset;
  const dir = join(ROOT, '.stack', offset ? `test-fleet-prom-${offset}` : 'test-fleet-prom');
  const env = { ...process.env, STACK_DIR: dir, COMPONENTS: 'prometheus', PROM_PORT: String(port), PROM_CONFIG: join(ROOT, 'deploy/prometheus/fleet-test.yml') };
  const run = (cmd: 'up' | 'down') => execFileSync('bash', [join(ROOT, 'deploy/local-stack.sh'), cmd], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  run('down');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'targets'), { recursive: true });
  run('up');
  return {
    url: `http://127.0.0.1:${port}`,
    target(service, name, address) {
      // Written aside and renamed, so Prometheus never reads half a file (the .tmp name is outside the glob).
      const tmp = join(dir, 'targets', `.${name}.json.tmp`);
      writeFileSync(tmp, JSON.stringify([{ targets: [address], labels: { job: service } }]));
      renameSync(tmp, join(dir, 'targets', `${name}.json`));
    },
    stop: () => run('down'),
  };
}
