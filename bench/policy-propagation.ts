/**
 * Issue 5's budget: a policy toggle reaches every demo instance within p95 ≤ 1 s. With a real etcd (its
 * own, started through deploy/local-stack.sh) and the demo fleet's 12 instances as real processes
 * (demo/fleet-harness.ts), the BFF's etcd store writes a toggle (force-open ⇄ auto on checkout →
 * payments, as an operator would) and the clock runs from the acknowledged write (store.write
 * resolves) until each instance's /metrics reports `switchyard_policy_revision` ≥ the write's revision.
 * Every instance watches every policy write, so all 12 count. Each instance is polled every
 * POLL_MS, so a figure may be up to that much late (never early).
 *
 * Reports per-instance delays and, per toggle, the delay until the *last* instance had it (the budget's
 * figure), as p50 / p95 / max over TOGGLES toggles; and, for clients of the BFF's gRPC WatchPolicies
 * stream instead of etcd, the delay until a stream client (server/policies/grpc/client.ts) gets the
 * change event (pushed, not polled). Run alone: `npx tsx --conditions=react-server bench/policy-propagation.ts`.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PolicySpec } from '@/lib/schemas/policy';
import { createEtcdPolicyStore } from '@/server/policies/etcd-store';
import { watchPolicies } from '@/server/policies/grpc/client';
import { startPolicyWatchServer } from '@/server/policies/grpc/server';
import { metricsOf, sample, TestFleet, type TestInstance } from '../demo/fleet-harness';
import { FLEET } from '../demo/topology';

const ROOT = resolve(import.meta.dirname, '..');
const TOGGLES = Number(process.env.BENCH_POLICY_TOGGLES ?? 30);
const POLL_MS = 10;
const BUDGET_P95_MS = 1000;
const ETCD_PORT = 39279;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};
const summary = (xs: number[]) => ({ p50: +quantile(xs, 0.5).toFixed(1), p95: +quantile(xs, 0.95).toFixed(1), max: +Math.max(...xs).toFixed(1), n: xs.length });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function etcdStack(cmd: 'up' | 'down') {
  const env = { ...process.env, STACK_DIR: join(ROOT, '.stack', 'bench-etcd'), COMPONENTS: 'etcd', ETCD_PORT: String(ETCD_PORT) };
  execFileSync('bash', [join(ROOT, 'deploy/local-stack.sh'), cmd], { env, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Resolves with the ms from `ackAt` until the instance reports at least `revision`. */
async function appliedAfter(inst: TestInstance, revision: number, ackAt: number, deadline: number): Promise<number> {
  for (;;) {
    const seen = sample(await metricsOf(inst), 'switchyard_policy_revision', { instance_id: inst.id });
    if (seen >= revision) return performance.now() - ackAt;
    if (performance.now() > deadline) throw new Error(`${inst.id} did not report revision ${revision} within 10 s (it reports ${seen})`);
    await sleep(POLL_MS);
  }
}

export async function runPolicyPropagationBench() {
  const etcdUrl = `http://127.0.0.1:${ETCD_PORT}`;
  etcdStack('down');
  rmSync(join(ROOT, '.stack', 'bench-etcd'), { recursive: true, force: true });
  etcdStack('up');
  const fleet = new TestFleet({ etcdUrl, prefix: '/bench-registry/', leaseTtlS: 10 });
  const store = createEtcdPolicyStore({ endpoints: [etcdUrl], prefix: fleet.policyPrefix });
  const grpc = await startPolicyWatchServer(store, '127.0.0.1:0');
  // Arrival time of each change on the stream, by revision.
  const streamed = new Map<number, number>();
  let snapshot = false;
  const stopStream = watchPolicies(`127.0.0.1:${grpc.port}`, { fromRevision: 0 }, { onEvent: (e) => (e.type === 'snapshot' ? (snapshot = true) : streamed.set(e.policy.revision, performance.now())) });
  try {
    const wanted = FLEET.flatMap((s) => Array.from({ length: s.instances }, (_, k) => [s.name, `${s.name}-${k + 1}`] as const));
    // A few at a time: each is a tsx process compiling on start, and the machine has two cores.
    const instances: TestInstance[] = [];
    for (let i = 0; i < wanted.length; i += 4) instances.push(...(await Promise.all(wanted.slice(i, i + 4).map(([svc, id]) => fleet.start(svc, id)))));

    for (let i = 0; !snapshot; i++) {
      if (i > 500) throw new Error('the WatchPolicies stream sent no snapshot within 5 s');
      await sleep(10);
    }
    const id = 'edge:checkout>payments';
    const spec = (mode: 'force-open' | 'auto') => PolicySpec.parse({ target: { kind: 'edge', source: 'checkout', target: 'payments' }, circuitBreaker: { mode } });
    const perInstance: number[] = [];
    const allApplied: number[] = [];
    const ack: number[] = [];
    const overGrpc: number[] = [];
    let version = 0;
    // Two warm-up toggles (first watch events, JIT), not counted.
    for (let k = 0; k < TOGGLES + 2; k++) {
      const t0 = performance.now();
      const p = await store.write(id, { spec: spec(k % 2 === 0 ? 'force-open' : 'auto'), expectedVersion: version, reason: `bench toggle ${k}` }, 'bench');
      const ackAt = performance.now();
      version = p.version;
      const delays = await Promise.all(instances.map((inst) => appliedAfter(inst, p.revision, ackAt, ackAt + 10_000)));
      for (let i = 0; !streamed.has(p.revision); i++) {
        if (i > 500) throw new Error(`the WatchPolicies stream did not deliver revision ${p.revision} within 5 s`);
        await sleep(10);
      }
      const streamedAt = streamed.get(p.revision)!;
      if (k >= 2) {
        ack.push(ackAt - t0);
        // The event may beat the write's answer to this process: that counts as 0.
        overGrpc.push(Math.max(0, streamedAt - ackAt));
        perInstance.push(...delays);
        allApplied.push(Math.max(...delays));
      }
      await sleep(200);
    }
    const all = summary(allApplied);
    return {
      instances: instances.length,
      toggles: TOGGLES,
      pollMs: POLL_MS,
      writeAckMs: summary(ack),
      perInstanceMs: summary(perInstance),
      allInstancesMs: all,
      grpcStreamMs: summary(overGrpc),
      budgetP95Ms: BUDGET_P95_MS,
      withinBudget: all.p95 <= BUDGET_P95_MS,
    };
  } finally {
    stopStream();
    await grpc.close();
    await store.close();
    await fleet.killAll();
    etcdStack('down');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runPolicyPropagationBench().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
