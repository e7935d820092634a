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
 * of `key` (what the data is) and the rules. promtool writes a block per rule and 2 hours (5,500 for
 * 500 SLOs), which no real Prometheus has; they are dumped and written again as one block.
 */
export function cachedRuleBlocks(name: string, key: string, promUrl: string, rulesYaml: string, fromS: number, toS: number, log: (msg: string) => void): string {
  const cache = join(ROOT, '.stack', 'cache', `${name}-${createHash('sha256').update(key).update(rulesYaml).digest('hex').slice(0, 16)}`);
  if (existsSync(cache)) return cache;
  log(`evaluating the recording rules with promtool (once; cached in ${cache})`);
  const tmp = `${cache}.tmp-${process.pid}`;
  const perRule = join(tmp, 'per-rule');
  const blocks = join(tmp, 'blocks');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(perRule, 'wal'), { recursive: true }); // `tsdb dump` opens it as a database
  mkdirSync(blocks);
  const file = join(tmp, 'rules.yml');
  writeFileSync(file, rulesYaml);
  const big = { stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' as const };
  // promtool logs every rule it evaluates; the output is in the error if it fails.
  execFileSync('promtool', ['tsdb', 'create-blocks-from', 'rules', `--url=${promUrl}`, `--start=${fromS}`, `--end=${toS}`, `--output-dir=${perRule}`, '-q', file], big);
  const om = join(tmp, 'rules.om');
  writeFileSync(om, dumpToOpenMetrics(execFileSync('promtool', ['tsdb', 'dump', perRule], big)));
  execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', om, blocks, '-q'], big);
  renameSync(blocks, cache);
  rmSync(tmp, { recursive: true, force: true });
  return cache;
}

/** `promtool tsdb dump` lines (`{__name__="x", a="b"} value ms`) as OpenMetrics (families together, seconds). */
function dumpToOpenMetrics(dump: string): string {
  const families = new Map<string, string[]>();
  for (const line of dump.split('\n')) {
    const m = /^\{(.*)\} (\S+) (\d+)$/.exec(line);
    if (!m) continue;
    const labels = [...m[1]!.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k!, v!] as const);
    const metric = labels.find(([k]) => k === '__name__')![1];
    const rest = labels.filter(([k]) => k !== '__name__').map(([k, v]) => `${k}="${v}"`);
    let lines = families.get(metric);
    if (!lines) families.set(metric, (lines = []));
    lines.push(`${metric}{${rest.join(',')}} ${m[2]} ${Number(m[3]) / 1000}`);
  }
  const out: string[] = [];
  for (const [metric, lines] of families) out.push(`# TYPE ${metric} gauge`, ...lines);
  return [...out, '# EOF'].join('\n') + '\n';
}
