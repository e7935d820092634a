import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { isNoFault, type Fault } from './faults';
import type { TargetFiles } from './targets';
import { FLEET } from './topology';

/**
 * Starts, stops and tracks the fleet's service processes, one OS process per instance, and keeps
 * Prometheus's file_sd targets in step with them.
 *
 * A planned stop (SIGTERM) deregisters the instance and removes its target. A crash (SIGKILL, or any
 * exit nobody asked for) keeps the target, so Prometheus reports `up == 0` for it the way it would for
 * a crashed pod, and the registry entry lingers until its lease expires; starting the service again
 * reuses that slot.
 */

export type InstanceStatus = 'starting' | 'running' | 'stopping' | 'exited';

export interface InstanceView {
  service: string;
  n: number;
  id: string;
  port: number;
  address: string;
  pid: number | undefined;
  status: InstanceStatus;
  startedAt: string;
  exit?: string;
}

interface Instance extends InstanceView {
  child: ChildProcess;
  exited: Promise<void>;
}

export interface SupervisorOptions {
  root: string;
  etcdEndpoints: string[];
  prefix: string;
  basePort: number;
  leaseTtlS: number;
  logDir: string;
  targets: TargetFiles;
  log: (msg: string) => void;
  readyTimeoutMs?: number;
}

const STOP_TIMEOUT_MS = 8_000;

export class Supervisor {
  private readonly instances: Instance[] = [];
  private readonly faults = new Map<string, Fault>();

  constructor(private readonly o: SupervisorOptions) {
    mkdirSync(o.logDir, { recursive: true });
  }

  list(): InstanceView[] {
    return this.instances
      .map(({ child: _child, exited: _exited, ...view }) => view)
      .sort((a, b) => a.port - b.port);
  }

  running(service: string): InstanceView[] {
    return this.list().filter((i) => i.service === service && i.status === 'running');
  }

  faultOf(service: string): Fault | undefined {
    return this.faults.get(service);
  }

  allFaults(): Record<string, Fault> {
    return Object.fromEntries(this.faults);
  }

  /** Lowest port from the base that no instance record holds, so ports stay consecutive. */
  private freePort(): number {
    const used = new Set(this.instances.map((i) => i.port));
    let port = this.o.basePort;
    while (used.has(port)) port++;
    return port;
  }

  /** Starts one more instance of `service` and resolves when it is registered and serving. */
  async start(service: string): Promise<InstanceView> {
    const crashed = this.instances.findIndex((i) => i.service === service && i.status === 'exited');
    let n: number;
    let port: number;
    if (crashed >= 0) {
      ({ n, port } = this.instances[crashed]!);
      this.instances.splice(crashed, 1);
    } else {
      n = 1 + Math.max(0, ...this.instances.filter((i) => i.service === service).map((i) => i.n));
      port = this.freePort();
    }
    const inst = this.spawn(service, n, port);
    try {
      await this.waitReady(inst);
    } catch (err) {
      inst.child.kill('SIGKILL');
      this.instances.splice(this.instances.indexOf(inst), 1);
      throw err;
    }
    inst.status = 'running';
    this.o.targets.write(service, n, inst.address);
    // The fault may have changed while the process was starting; it got the one current at spawn.
    const fault = this.faults.get(service);
    if (fault) await pushFault(inst.address, fault).catch(() => undefined);
    this.o.log(`${inst.id} running on ${inst.address} (pid ${inst.pid})`);
    return this.view(inst);
  }

  private spawn(service: string, n: number, port: number): Instance {
    const id = `${service}-${n}`;
    const logFd = openSync(join(this.o.logDir, `${id}.log`), 'a');
    const fault = this.faults.get(service);
    // node --import tsx rather than the tsx CLI: the CLI runs the script in a grandchild, so a SIGKILL
    // meant to crash the instance would hit only the wrapper.
    const child = spawn(process.execPath, ['--import', 'tsx', join(this.o.root, 'demo/service.ts')], {
      cwd: this.o.root,
      stdio: ['ignore', logFd, logFd, 'ipc'],
      env: {
        ...process.env,
        FLEET_SERVICE: service,
        FLEET_INSTANCE_ID: id,
        FLEET_PORT: String(port),
        FLEET_ETCD_ENDPOINTS: this.o.etcdEndpoints.join(','),
        FLEET_PREFIX: this.o.prefix,
        FLEET_LEASE_TTL_S: String(this.o.leaseTtlS),
        ...(fault ? { FLEET_FAULT: JSON.stringify(fault) } : {}),
      },
    });
    closeSync(logFd);
    const inst: Instance = {
      service, n, id, port, address: `127.0.0.1:${port}`, pid: child.pid, status: 'starting', startedAt: new Date().toISOString(), child,
      exited: new Promise((resolve) => child.once('exit', () => resolve())),
    };
    child.once('exit', (code, signal) => {
      inst.exit = signal ?? `exit code ${code}`;
      if (inst.status === 'running') this.o.log(`${id} (pid ${inst.pid}) exited unexpectedly: ${inst.exit}`);
      if (inst.status !== 'stopping') inst.status = 'exited';
    });
    this.instances.push(inst);
    return inst;
  }

  private waitReady(inst: Instance): Promise<void> {
    const timeoutMs = this.o.readyTimeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        cleanup();
        reject(new Error(`${inst.id} did not start: ${why} (log: ${join(this.o.logDir, `${inst.id}.log`)})`));
      };
      const onMessage = (m: unknown) => {
        if ((m as { type?: unknown } | null)?.type !== 'ready') return;
        cleanup();
        resolve();
      };
      const onExit = (code: number | null, signal: string | null) => fail(`exited with ${signal ?? `code ${code}`}`);
      const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        inst.child.off('message', onMessage);
        inst.child.off('exit', onExit);
      };
      inst.child.on('message', onMessage);
      inst.child.once('exit', onExit);
    });
  }

  /**
   * Stops the newest running instance of `service`. SIGTERM is a planned stop (deregister, remove the
   * target); SIGKILL is a crash (see the class comment).
   */
  async stop(service: string, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<InstanceView | undefined> {
    const inst = this.instances.filter((i) => i.service === service && i.status === 'running').sort((a, b) => b.n - a.n)[0];
    if (!inst) return undefined;
    if (signal === 'SIGKILL') {
      inst.child.kill('SIGKILL');
      await inst.exited;
      this.o.log(`${inst.id} killed (SIGKILL); its target stays, its lease expires in ${this.o.leaseTtlS}s`);
      return this.view(inst);
    }
    await this.terminate(inst);
    this.o.targets.remove(inst.service, inst.n);
    this.instances.splice(this.instances.indexOf(inst), 1);
    this.o.log(`${inst.id} stopped`);
    return this.view(inst);
  }

  private async terminate(inst: Instance): Promise<void> {
    if (inst.status === 'exited') return;
    inst.status = 'stopping';
    inst.child.kill('SIGTERM');
    const timer = setTimeout(() => inst.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await inst.exited;
    clearTimeout(timer);
    inst.status = 'exited';
  }

  /** Stores the fault for instances started later and pushes it to every running instance now. */
  async setFault(service: string, fault: Fault | undefined): Promise<{ applied: number; failed: string[] }> {
    if (!fault || isNoFault(fault)) this.faults.delete(service);
    else this.faults.set(service, fault);
    const targets = this.instances.filter((i) => i.service === service && i.status === 'running');
    const results = await Promise.allSettled(targets.map((i) => (fault ? pushFault(i.address, fault) : clearFault(i.address))));
    const failed = targets.filter((_, k) => results[k]?.status === 'rejected').map((i) => i.id);
    return { applied: targets.length - failed.length, failed };
  }

  async startAll(): Promise<void> {
    // Ports are handed out in topology order before anything starts, so they are the same every run.
    const starting: Promise<InstanceView>[] = [];
    for (const s of FLEET) for (let k = 0; k < s.instances; k++) starting.push(this.start(s.name));
    const results = await Promise.allSettled(starting);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.instances.map((i) => this.terminate(i)));
    for (const i of this.instances) this.o.targets.remove(i.service, i.n);
    this.instances.length = 0;
  }

  private view(inst: Instance): InstanceView {
    const { child: _child, exited: _exited, ...view } = inst;
    return { ...view };
  }
}

async function pushFault(address: string, fault: Fault): Promise<void> {
  const res = await fetch(`http://${address}/control/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
    signal: AbortSignal.timeout(2_000),
  });
  if (!res.ok) throw new Error(`${address}: ${res.status}`);
}

async function clearFault(address: string): Promise<void> {
  const res = await fetch(`http://${address}/control/faults`, { method: 'DELETE', signal: AbortSignal.timeout(2_000) });
  if (!res.ok) throw new Error(`${address}: ${res.status}`);
}
