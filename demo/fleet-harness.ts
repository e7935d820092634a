import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

/**
 * For the fleet tests: demo services as real processes (demo/service.ts) against a real etcd, and
 * reading their /metrics.
 */

const ROOT = resolve(import.meta.dirname, '..');

export interface TestInstance {
  service: string;
  id: string;
  port: number;
  child: ChildProcess;
  output: string[];
  exited: Promise<void>;
}

export interface TestFleetOptions {
  etcdUrl: string;
  /** Registry prefix; a unique one per test file keeps files from seeing each other's instances. */
  prefix: string;
  leaseTtlS: number;
  /** Policy store prefix; default `<prefix without its slash>-policies/`, beside the registry, not under it. */
  policyPrefix?: string;
  /** More FLEET_* settings (service.ts header). */
  env?: Record<string, string>;
}

export class TestFleet {
  readonly running: TestInstance[] = [];

  readonly policyPrefix: string;

  constructor(private readonly o: TestFleetOptions) {
    this.policyPrefix = o.policyPrefix ?? `${o.prefix.replace(/\/$/, '')}-policies/`;
  }

  /** Starts one instance and resolves when it reports ready (registered, policies applied). */
  start(service: string, id: string): Promise<TestInstance> {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'demo/service.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        FLEET_SERVICE: service,
        FLEET_INSTANCE_ID: id,
        FLEET_PORT: '0',
        FLEET_ETCD_ENDPOINTS: this.o.etcdUrl,
        FLEET_PREFIX: this.o.prefix,
        FLEET_LEASE_TTL_S: String(this.o.leaseTtlS),
        FLEET_CALL_TIMEOUT_MS: '5000',
        FLEET_POLICY_PREFIX: this.policyPrefix,
        ...this.o.env,
      },
    });
    const output: string[] = [];
    child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`${id} not ready:\n${output.join('')}`)), 30_000);
      child.once('exit', (code, signal) => fail(new Error(`${id} exited (${signal ?? code}):\n${output.join('')}`)));
      child.on('message', (m: { type?: string; port?: number }) => {
        if (m.type !== 'ready' || !m.port) return;
        clearTimeout(timer);
        const inst = { service, id, port: m.port, child, output, exited };
        this.running.push(inst);
        ok(inst);
      });
    });
  }

  async killAll(): Promise<void> {
    for (const i of this.running) i.child.kill('SIGKILL');
    await Promise.all(this.running.map((i) => i.exited));
  }
}

export async function get(inst: TestInstance, path: string, init?: RequestInit): Promise<Response> {
  return fetch(`http://127.0.0.1:${inst.port}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
}

export async function metricsOf(inst: TestInstance): Promise<string> {
  return (await get(inst, '/metrics')).text();
}

/** Sum of the samples of `name` whose labels include all of `want`. */
export function sample(text: string, name: string, want: Record<string, string>): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^(\w+)\{(.*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(want).every(([k, v]) => labels[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

/** Polls `fn` until it returns something other than undefined. */
export async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
