import 'server-only';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sloFixtureOpenMetrics } from './slo-fixture';

/**
 * A second test Prometheus holding only the SLO fixture (35 days, slo-fixture.ts), started by the
 * vitest global setup through deploy/local-stack.sh like the main one. Its port follows the
 * TEST_PORT_OFFSET scheme: 29096 + offset (the main stack uses 29090, 29093, 28428 and 22379 + offset).
 *
 * promtool writes one block per 2 hours of history (420 here, about 8 s). The fixture is fixed (its end
 * is a date, not "now"), so the blocks are written once into .stack/cache/slo-fixture-<content hash>
 * and copied into the data directory on later runs (about 0.1 s); a change to the fixture changes the
 * hash and rebuilds them.
 */
export interface SloStackInfo {
  promUrl: string;
  /** The fixture's end E (unix seconds, a whole hour): the cases are defined relative to it. */
  endS: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sloStack: SloStackInfo;
  }
}

export const SLO_PROM_PORT_BASE = 29096;

/** The fixture's blocks (written once, then cached): also loaded by tests that start their own Prometheus. */
export function sloFixtureBlocks(root: string, endS: number): string {
  const files = sloFixtureOpenMetrics(endS);
  const hash = createHash('sha256');
  for (const f of files) hash.update(f);
  const cache = join(root, '.stack', 'cache', `slo-fixture-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(cache)) return cache;
  // Built aside and renamed, so parallel runs (other offsets) never see a half-written cache.
  const tmp = `${cache}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  files.forEach((text, i) => {
    const om = join(tmp, `day-${i}.om`);
    writeFileSync(om, text);
    execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', om, tmp, '-q'], { stdio: ['ignore', 'ignore', 'inherit'] });
    rmSync(om);
  });
  try {
    renameSync(tmp, cache);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another run won the race; its blocks are the same
  }
  return cache;
}

export function sloPrometheus(root: string, dir: string, offset: number) {
  const port = SLO_PROM_PORT_BASE + offset;
  const run = (cmd: 'up' | 'down') =>
    execFileSync('bash', [join(root, 'deploy/local-stack.sh'), cmd], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, STACK_DIR: dir, COMPONENTS: 'prometheus', PROM_PORT: String(port), PROM_CONFIG: join(root, 'deploy/prometheus/test.yml') },
    });
  return {
    async start(endS: number): Promise<SloStackInfo> {
      run('down');
      rmSync(dir, { recursive: true, force: true });
      // Blocks must be in place before start (they are only loaded at start-up); local-stack.sh keeps
      // prom/ as it is when PROM_BACKFILL is unset.
      cpSync(sloFixtureBlocks(root, endS), join(dir, 'prom'), { recursive: true });
      run('up');
      const promUrl = `http://127.0.0.1:${port}`;
      // local-stack.sh calls a port that answers "ready"; make sure it is this Prometheus, with the
      // fixture, and not another one left on the port.
      const res = await fetch(`${promUrl}/api/v1/query?${new URLSearchParams({ query: 'count(slofx_requests_total)', time: String(endS) })}`);
      const body = (await res.json()) as { data?: { result?: Array<{ value: [number, string] }> } };
      if (Number(body.data?.result?.[0]?.value[1]) !== 6) throw new Error(`the Prometheus on port ${port} does not hold the SLO fixture (another process on the port? see ${dir}/logs)`);
      return { promUrl, endS };
    },
    stop: () => run('down'),
  };
}
