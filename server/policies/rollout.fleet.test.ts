import 'server-only';
import { Etcd3 } from 'etcd3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SwitchyardConfig } from '@/lib/schemas/config';
import { PolicySpec, type Policy } from '@/lib/schemas/policy';
import type { RolloutResponse } from '@/lib/schemas/policy-api';
import { buildContainer, type Container } from '@/server/container';
import { eventually } from '@/server/testing/assertions';
import { startFleetPrometheus, type FleetPrometheus } from '@/server/testing/fleet-prometheus';
// Test-only: the demo's own harness starts real service processes (demo/service.ts) against etcd.
import { get, TestFleet, type TestInstance } from '../../demo/fleet-harness';
import { rolloutStatus } from './rollout';

/**
 * Rollout status end to end: three real cart instances watching the real etcd, a real Prometheus
 * scraping their /metrics every second, the BFF's etcd store writing and this code reading. A canary
 * reaches only its instance, a promotion all of them, and an instance that hangs (SIGSTOP) is flagged
 * stuck until it resumes and catches up.
 */
const { etcdUrl } = inject('stack');
const PREFIX = `/fleet-rollout-${process.pid}-${Date.now()}/`;
const TIMEOUT_MS = 2_000;

let prom: FleetPrometheus;
let fleet: TestFleet;
/** r3 runs with a long lease, so the registry still lists it while it hangs. */
let patient: TestFleet;
let r1: TestInstance;
let r2: TestInstance;
let r3: TestInstance;
let c: Container;

beforeAll(async () => {
  prom = startFleetPrometheus();
  fleet = new TestFleet({ etcdUrl, prefix: PREFIX, leaseTtlS: 5 });
  patient = new TestFleet({ etcdUrl, prefix: PREFIX, leaseTtlS: 120 });
  [r1, r2, r3] = await Promise.all([fleet.start('cart', 'cart-r1'), fleet.start('cart', 'cart-r2'), patient.start('cart', 'cart-r3')]);
  for (const i of [r1, r2, r3]) prom.target('cart', i.id, `127.0.0.1:${i.port}`);
  c = buildContainer(
    SwitchyardConfig.parse({
      prometheus: { url: prom.url, scrapeIntervalS: 1 },
      cache: { ttlMs: 0 },
      registry: { kind: 'etcd', endpoints: [etcdUrl], prefix: PREFIX },
      policies: { store: 'etcd', etcd: { endpoints: [etcdUrl], prefix: fleet.policyPrefix }, convergenceTimeoutMs: TIMEOUT_MS },
    }),
  );
}, 120_000);

afterAll(async () => {
  r3?.child.kill('SIGCONT');
  await fleet?.killAll();
  await patient?.killAll();
  prom?.stop();
  await c?.policies.close();
  await c?.registry?.close();
  const etcd = new Etcd3({ hosts: etcdUrl });
  await etcd.delete().prefix(PREFIX);
  await etcd.delete().prefix(fleet.policyPrefix);
  etcd.close();
});

const spec = (ratePerSecond: number) => PolicySpec.parse({ target: { kind: 'service', service: 'cart' }, rateLimit: { ratePerSecond, burst: 1000 } });
const byId = (r: RolloutResponse) => Object.fromEntries(r.instances.map((i) => [i.instanceId, i]));

/** Polls the rollout status until `check` passes on it (serving a request on r1 each time, so it has traffic). */
async function statusUntil(p: Policy, check: (r: RolloutResponse) => void): Promise<RolloutResponse> {
  let last: RolloutResponse | undefined;
  await eventually(
    async () => {
      await (await get(r1, '/cart')).arrayBuffer();
      last = await rolloutStatus(c, p, Date.now());
      check(last);
    },
    30_000,
    250,
  );
  return last!;
}

describe('rollout status against live instances', () => {
  it('a canary converges on its instance only, the rest stay on none; its numbers are compared with the rest’s', async () => {
    const v1 = await c.policies.write('service:cart', { spec: spec(1000), expectedVersion: 0, reason: 'canary on r1', rollout: { stage: 'canary', instances: ['cart-r1'], percent: null, baseVersion: null, baseSpec: null } }, 'alice');
    const r = await statusUntil(v1, (s) => {
      expect(s.done).toBe(true);
      expect(s.instances.every((i) => i.converged)).toBe(true);
      expect(s.comparison?.canary.rps).toBeGreaterThan(0);
    });
    expect(r.errors).toEqual([]);
    const rows = byId(r);
    expect(Object.keys(rows).sort()).toEqual(['cart-r1', 'cart-r2', 'cart-r3']);
    expect(rows['cart-r1']).toMatchObject({ service: 'cart', instance: `127.0.0.1:${r1.port}`, targeted: true, version: 1, converged: true, stuck: false });
    expect(rows['cart-r1']!.revision).toBeGreaterThanOrEqual(v1.revision);
    for (const id of ['cart-r2', 'cart-r3']) expect(rows[id]).toMatchObject({ targeted: false, version: null, converged: true });
    // Only r1 served anything: the rest have no series at all.
    expect(r.comparison!.rest).toEqual({ rps: null, errorRatio: null, p95: null });
    expect(r.comparison!.canary.errorRatio).toBe(0);
  });

  it('a promotion reaches every instance; a hung one is flagged stuck, then converges when it resumes', async () => {
    const v2 = await c.policies.promote('service:cart', 1, 'canary is fine', 'alice');
    const promoted = await statusUntil(v2, (s) => {
      expect(s.done).toBe(true);
      expect(s.instances.map((i) => [i.instanceId, i.version, i.targeted]).sort()).toEqual([
        ['cart-r1', 2, true],
        ['cart-r2', 2, true],
        ['cart-r3', 2, true],
      ]);
    });
    expect(promoted.comparison).toBeNull();

    r3.child.kill('SIGSTOP');
    const v3 = await c.policies.write('service:cart', { spec: spec(900), expectedVersion: 2, reason: 'lower it' }, 'alice');
    const hung = await statusUntil(v3, (s) => {
      expect(byId(s)['cart-r3']?.stuck).toBe(true);
      expect(byId(s)['cart-r1']?.converged).toBe(true);
      expect(byId(s)['cart-r2']?.converged).toBe(true);
    });
    expect(hung.done).toBe(false);
    expect(byId(hung)['cart-r3']).toMatchObject({ converged: false, targeted: true });

    r3.child.kill('SIGCONT');
    const resumed = await statusUntil(v3, (s) => expect(s.done).toBe(true));
    expect(byId(resumed)['cart-r3']).toMatchObject({ version: 3, converged: true, stuck: false });
  });
});

