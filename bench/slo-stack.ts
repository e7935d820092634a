/**
 * The SLO bench's Prometheus: blocks written once by promtool and cached under .stack/cache/ by the
 * content's hash (the history ends on a fixed date), copied into a fresh data directory, then started
 * through deploy/local-stack.sh like every other backend here.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Blocks for these OpenMetrics texts (one promtool run each), cached by their hash. */
export function cachedBlocks(name: string, texts: string[], log: (msg: string) => void): string {
  const hash = createHash('sha256');
  for (const t of texts) hash.update(t);
  const cache = join(ROOT, '.stack', 'cache', `${name}-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(cache)) return cache;
  log(`writing ${texts.length} days of blocks with promtool (once; cached in ${cache})`);
  const tmp = `${cache}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  texts.forEach((text, i) => {
    const om = join(tmp, `part-${i}.om`);
    writeFileSync(om, text);
    execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', om, tmp, '-q'], { stdio: ['ignore', 'ignore', 'inherit'] });
    rmSync(om);
  });
  renameSync(tmp, cache);
  return cache;
}

export interface BenchProm {
  url: string;
  dir: string;
  stop: () => void;
}

/** A Prometheus on `port` holding the given block directories (copied; the cache stays untouched). */
export function startPromWithBlocks(stackName: string, port: number, blockDirs: string[]): BenchProm {
  const dir = join(ROOT, '.stack', stackName);
  const env = { ...process.env, STACK_DIR: dir, COMPONENTS: 'prometheus', PROM_PORT: String(port), PROM_CONFIG: join(ROOT, 'deploy/prometheus/test.yml') };
  const run = (cmd: 'up' | 'down') => execFileSync('bash', [join(ROOT, 'deploy/local-stack.sh'), cmd], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  run('down');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'prom'), { recursive: true });
  for (const b of blockDirs) cpSync(b, join(dir, 'prom'), { recursive: true });
  run('up');
  return { url: `http://127.0.0.1:${port}`, dir, stop: () => run('down') };
}

/**
 * Blocks of the recording rules in `rulesYaml` evaluated by promtool over [fromS, toS] against the
 * Prometheus at `promUrl` (as Prometheus would: group intervals, per-group offsets), cached by the hash
 * of `key` (what the data and the rules are).
 */
export function cachedRuleBlocks(name: string, key: string, promUrl: string, rulesYaml: string, fromS: number, toS: number, log: (msg: string) => void): string {
  const cache = join(ROOT, '.stack', 'cache', `${name}-${createHash('sha256').update(key).update(rulesYaml).digest('hex').slice(0, 16)}`);
  if (existsSync(cache)) return cache;
  log(`evaluating the recording rules with promtool (once; cached in ${cache})`);
  const tmp = `${cache}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const file = join(tmp, 'rules.yml');
  writeFileSync(file, rulesYaml);
  execFileSync('promtool', ['tsdb', 'create-blocks-from', 'rules', `--url=${promUrl}`, `--start=${fromS}`, `--end=${toS}`, `--output-dir=${tmp}`, '-q', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(file);
  renameSync(tmp, cache);
  return cache;
}
