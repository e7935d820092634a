import 'server-only';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RecordingRuleDef, RuleFile } from '@/lib/schemas/slo-rules';
import { escapeLabelValue } from '@/lib/promql/escape';
import type { PrometheusSource } from '@/server/sources/prometheus/port';
import { sloFixtureBlocks } from './slo-prometheus';

/**
 * For the recording-rule fast path (server/slo/recorded.test.ts): a Prometheus holding the SLO fixture
 * plus recorded series, on port 29097 + TEST_PORT_OFFSET (29096 is the SLO fixture's, 29098 the fleet's).
 *
 * Recorded series come two ways:
 * - evaluations at exact times: every recording rule's expression evaluated by the fixture's Prometheus
 *   at t (records that read other records get them inlined, as Prometheus has them from the same
 *   evaluation), written under the rule's name and labels with timestamp t. That is what a rule
 *   evaluation at t records; Prometheus itself never evaluates at a chosen t (a group runs at a
 *   per-group offset: hash(name, file) mod interval), so this is the only way to compare the two paths
 *   at one exact time;
 * - `promtool tsdb create-blocks-from rules` over the generated rule file, evaluated the way Prometheus
 *   does (group intervals and offsets), for the check that real rule output is picked up.
 */
const ROOT = resolve(import.meta.dirname, '../..');

export type Records = Map<string, string>; // `name{slo_id="…"}` → expression

export function recordDefs(rules: RuleFile): RecordingRuleDef[] {
  return rules.groups.flatMap((g) => g.rules.filter((r): r is RecordingRuleDef => 'record' in r));
}

const ref = (r: RecordingRuleDef) => `${r.record}{slo_id="${escapeLabelValue(r.labels!.slo_id!)}"}`;

/** A record's expression with the records it reads replaced by theirs. */
export function inlined(r: RecordingRuleDef, all: RecordingRuleDef[]): string {
  let out = r.expr;
  for (const other of all) out = out.split(ref(other)).join(`(${other.expr})`);
  return out;
}

/** OpenMetrics with every record as a rule evaluation at each of `timesMs` would write it. */
export async function evaluatedRecords(prom: PrometheusSource, rules: RuleFile, timesMs: number[]): Promise<string> {
  const defs = recordDefs(rules);
  const lines = new Map<string, string[]>();
  for (const tMs of timesMs) {
    for (const r of defs) {
      const result = await prom.instant(inlined(r, defs), { timeMs: tMs });
      if (result.length > 1) throw new Error(`${ref(r)} gave ${result.length} series`);
      if (result.length === 0) continue; // a rule with no result records nothing
      const labels = Object.entries(r.labels ?? {}).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
      const v = result[0]!.value;
      const text = Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v);
      lines.set(r.record, [...(lines.get(r.record) ?? []), `${r.record}{${labels.join(',')}} ${text} ${tMs / 1000}`]);
    }
  }
  // OpenMetrics wants each family's samples together, oldest first within a series.
  const out: string[] = [];
  for (const [name, samples] of lines) out.push(`# TYPE ${name} gauge`, ...samples);
  return [...out, '# EOF'].join('\n') + '\n';
}

export interface RecordedProm {
  url: string;
  stop(): void;
}

/**
 * Starts the Prometheus with the fixture, `openMetrics` (backfilled) and rule-file evaluations from
 * promtool over [fromS, toS] (unix seconds) against `sourceUrl`.
 */
export function startRecordedPrometheus(fixtureEndS: number, openMetrics: string, rulesYaml: string, sourceUrl: string, fromS: number, toS: number): RecordedProm {
  const offset = Number(process.env.TEST_PORT_OFFSET ?? 0);
  const port = 29097 + offset;
  const dir = join(ROOT, '.stack', offset ? `test-slo-rec-${offset}` : 'test-slo-rec');
  const env = { ...process.env, STACK_DIR: dir, COMPONENTS: 'prometheus', PROM_PORT: String(port), PROM_CONFIG: join(ROOT, 'deploy/prometheus/test.yml') };
  const run = (cmd: 'up' | 'down') => execFileSync('bash', [join(ROOT, 'deploy/local-stack.sh'), cmd], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  run('down');
  rmSync(dir, { recursive: true, force: true });
  const data = join(dir, 'prom');
  const work = join(dir, 'work');
  mkdirSync(work, { recursive: true });
  // Blocks are only loaded at start: all of them go in first.
  cpSync(sloFixtureBlocks(ROOT, fixtureEndS), data, { recursive: true });
  writeFileSync(join(work, 'recorded.om'), openMetrics);
  execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', join(work, 'recorded.om'), data, '-q'], { stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(join(work, 'rules.yml'), rulesYaml);
  execFileSync(
    'promtool',
    ['tsdb', 'create-blocks-from', 'rules', `--url=${sourceUrl}`, `--start=${fromS}`, `--end=${toS}`, `--output-dir=${data}`, '-q', join(work, 'rules.yml')],
    // It logs every rule it processes; the output is in the error if it fails.
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  run('up');
  return { url: `http://127.0.0.1:${port}`, stop: () => run('down') };
}
