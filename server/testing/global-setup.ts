import 'server-only';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { FLEET, toOpenMetrics, toPromTextWithMs } from './fixture-history';
import { SLO_FIXTURE_END_S } from './slo-fixture';
import { sloPrometheus } from './slo-prometheus';

/**
 * Starts the real backends once for the whole vitest run, through deploy/local-stack.sh (the same
 * script the demo and CI use): Prometheus backfilled with the fixture history (promtool, before start,
 * because blocks are only loaded at start), VictoriaMetrics with the same history imported, etcd and
 * Alertmanager. Tests read the URLs with inject('stack').
 */
export interface StackInfo {
  promUrl: string;
  vmUrl: string;
  amUrl: string;
  etcdUrl: string;
  fixtureEndS: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

const ROOT = resolve(import.meta.dirname, '../..');
// TEST_PORT_OFFSET lets two vitest runs on one machine (two developers, or a run beside the demo) each
// have their own backends: ports and state directory both move.
const OFFSET = Number(process.env.TEST_PORT_OFFSET ?? 0);
const DIR = join(ROOT, '.stack', OFFSET ? `test-${OFFSET}` : 'test');
const PORTS = { prom: 29090 + OFFSET, am: 29093 + OFFSET, etcd: 22379 + OFFSET, vm: 28428 + OFFSET };

function stack(cmd: 'up' | 'down', extra: Record<string, string> = {}) {
  execFileSync('bash', [join(ROOT, 'deploy/local-stack.sh'), cmd], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      STACK_DIR: DIR,
      COMPONENTS: 'prometheus alertmanager etcd victoria',
      PROM_PORT: String(PORTS.prom),
      AM_PORT: String(PORTS.am),
      ETCD_PORT: String(PORTS.etcd),
      VM_PORT: String(PORTS.vm),
      PROM_CONFIG: join(ROOT, 'deploy/prometheus/test.yml'),
      ...extra,
    },
  });
}

async function waitForVm(vmUrl: string, endS: number) {
  // VictoriaMetrics makes imported rows searchable asynchronously; poll until the fixture is visible.
  const want = FLEET.services.length;
  for (let i = 0; i < 150; i++) {
    const res = await fetch(`${vmUrl}/api/v1/query?${new URLSearchParams({ query: 'count(count by (job) (http_server_request_duration_seconds_count))', time: String(endS) })}`);
    const body = (await res.json()) as { data?: { result?: Array<{ value: [number, string] }> } };
    if (Number(body.data?.result?.[0]?.value[1]) === want) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('VictoriaMetrics did not expose the imported fixture within 30 s');
}

export default async function setup(project: TestProject) {
  const fixtureEndS = (Math.floor(Date.now() / 3_600_000) - 1) * 3600;
  stack('down');
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const om = join(DIR, 'fixture.om');
  const vm = join(DIR, 'fixture.prom');
  writeFileSync(om, toOpenMetrics(fixtureEndS));
  writeFileSync(vm, toPromTextWithMs(fixtureEndS));
  stack('up', { PROM_BACKFILL: om, VM_IMPORT: vm });
  const info: StackInfo = {
    promUrl: `http://127.0.0.1:${PORTS.prom}`,
    vmUrl: `http://127.0.0.1:${PORTS.vm}`,
    amUrl: `http://127.0.0.1:${PORTS.am}`,
    etcdUrl: `http://127.0.0.1:${PORTS.etcd}`,
    fixtureEndS,
  };
  await waitForVm(info.vmUrl, fixtureEndS);
  project.provide('stack', info);
  // The SLO math tests' own Prometheus (35 days of slofx_* history): inject('sloStack').
  const slo = sloPrometheus(ROOT, join(ROOT, '.stack', OFFSET ? `test-slo-${OFFSET}` : 'test-slo'), OFFSET);
  try {
    project.provide('sloStack', await slo.start(SLO_FIXTURE_END_S));
  } catch (err) {
    slo.stop();
    stack('down');
    throw err;
  }
  return () => {
    slo.stop();
    stack('down');
  };
}
