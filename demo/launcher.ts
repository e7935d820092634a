import { resolve } from 'node:path';
import { createControlServer } from './control';
import { LoadGenerator } from './loadgen';
import { normalizePrefix } from './registry';
import { Supervisor } from './supervisor';
import { TargetFiles } from './targets';
import { FLEET } from './topology';

/**
 * Runs the whole demo fleet: every instance of topology.ts as its own process, their Prometheus
 * targets, the load generator and the control API. Stops all of it on SIGTERM/SIGINT.
 * Run with `node --import tsx demo/launcher.ts` (deploy/demo.sh does).
 *
 * Settings (environment):
 *   DEMO_ETCD_ENDPOINTS   comma-separated etcd URLs                     default http://127.0.0.1:12379
 *   DEMO_REGISTRY_PREFIX  registry key prefix                           default /microservices/
 *   STACK_DIR             file_sd targets go to $STACK_DIR/targets, logs to $STACK_DIR/logs/fleet
 *                                                                       default .stack/demo
 *   DEMO_BASE_PORT        first instance port; instances take consecutive ports   default 18100
 *   DEMO_CONTROL_PORT     control API port                              default 18099
 *   DEMO_RPS              initial load, requests per second into the gateway      default 20
 *   DEMO_LEASE_TTL_S      registry lease TTL, seconds                   default 10
 */

const env = process.env;
const ROOT = resolve(import.meta.dirname, '..');
const STACK_DIR = resolve(env.STACK_DIR ?? '.stack/demo');
const ETCD = (env.DEMO_ETCD_ENDPOINTS ?? 'http://127.0.0.1:12379').split(',').map((s) => s.trim()).filter(Boolean);
const PREFIX = normalizePrefix(env.DEMO_REGISTRY_PREFIX ?? '/microservices/');
const BASE_PORT = Number(env.DEMO_BASE_PORT ?? 18100);
const CONTROL_PORT = Number(env.DEMO_CONTROL_PORT ?? 18099);
const RPS = Number(env.DEMO_RPS ?? 20);
const LEASE_TTL_S = Number(env.DEMO_LEASE_TTL_S ?? 10);

const log = (msg: string) => console.log(`${new Date().toISOString()} [launcher] ${msg}`);

const targets = new TargetFiles(resolve(STACK_DIR, 'targets'));
targets.clear(FLEET.map((s) => s.name));
const fleet = new Supervisor({
  root: ROOT,
  etcdEndpoints: ETCD,
  prefix: PREFIX,
  basePort: BASE_PORT,
  leaseTtlS: LEASE_TTL_S,
  logDir: resolve(STACK_DIR, 'logs/fleet'),
  targets,
  log,
});
const load = new LoadGenerator(() => fleet.running('gateway').map((i) => i.address), RPS);
const control = createControlServer(fleet, load, { etcdEndpoints: ETCD, prefix: PREFIX, stackDir: STACK_DIR });

let stopping = false;
async function shutdown(reason: string, code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`stopping the fleet (${reason})`);
  load.stop();
  control.close();
  await fleet.stopAll();
  log('fleet stopped');
  process.exit(code);
}
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(sig, () => void shutdown(sig, 0));

async function main(): Promise<void> {
  log(`starting ${FLEET.reduce((n, s) => n + s.instances, 0)} instances from port ${BASE_PORT}; registry ${ETCD.join(',')} ${PREFIX}`);
  await fleet.startAll();
  await new Promise<void>((ok, fail) => {
    control.once('error', fail);
    control.listen(CONTROL_PORT, '127.0.0.1', () => ok());
  });
  load.start();
  log(`fleet ready; control API on http://127.0.0.1:${CONTROL_PORT}; load ${RPS} req/s`);
}

main().catch((err: unknown) => {
  log(`failed: ${(err as Error).message}`);
  void shutdown('start failed', 1);
});
