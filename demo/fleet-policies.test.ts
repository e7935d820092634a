import { Etcd3 } from 'etcd3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CircuitBreakerSpec, policyKey, PolicySpec, type StoredPolicy } from '../lib/schemas/policy';
import { get, metricsOf, sample, TestFleet, until, type TestInstance } from './fleet-harness';

/**
 * Policies applied live by real service processes: written straight into the test stack's etcd in
 * the store's layout (lib/schemas/policy.ts), as the BFF's etcd store writes them, and read back
 * from each instance's /metrics and from what its peers receive.
 */

const PREFIX = `/fleet-policies-${process.pid}-${Date.now()}/`;

let etcd: Etcd3;
let fleet: TestFleet;
let checkouts: TestInstance[];
let payments: TestInstance;
let cart: TestInstance;

function stored(spec: PolicySpec, version: number, deleted = false): StoredPolicy {
  const t = spec.target;
  return {
    id: t.kind === 'service' ? `service:${t.service}` : `edge:${t.source}>${t.target}`,
    spec,
    version,
    updatedAt: new Date().toISOString(),
    updatedBy: 'fleet-test',
    reason: 'fleet test',
    rollout: { stage: 'all' },
    deleted,
  };
}

/** Writes the policy as the store would; returns the revision of the write. */
async function write(p: StoredPolicy): Promise<number> {
  const res = await etcd.put(policyKey(fleet.policyPrefix, p.id)).value(JSON.stringify(p)).exec();
  return Number(res.header.revision);
}

/** Until every instance reports having applied at least `revision`. */
async function applied(instances: TestInstance[], revision: number): Promise<void> {
  for (const inst of instances) {
    await until(`${inst.id} to apply revision ${revision}`, async () =>
      sample(await metricsOf(inst), 'switchyard_policy_revision', { service: inst.service, instance_id: inst.id }) >= revision ? true : undefined,
    );
  }
}

const chargesServed = async () => sample(await metricsOf(payments), 'http_server_request_duration_seconds_count', { http_route: '/charges' });
const edge = { source: 'checkout', target: 'payments' };

beforeAll(async () => {
  const etcdUrl = inject('stack').etcdUrl;
  etcd = new Etcd3({ hosts: etcdUrl });
  fleet = new TestFleet({ etcdUrl, prefix: PREFIX, leaseTtlS: 5 });
  // checkout's callees first, so the checkouts find them all when they start
  [payments, cart] = await Promise.all([fleet.start('payments', 'payments-p1'), fleet.start('cart', 'cart-p1'), fleet.start('inventory', 'inventory-p1'), fleet.start('shipping', 'shipping-p1')]);
  checkouts = await Promise.all([fleet.start('checkout', 'checkout-p1'), fleet.start('checkout', 'checkout-p2')]);
});

afterAll(async () => {
  await fleet.killAll();
  await etcd.delete().prefix(PREFIX);
  await etcd.delete().prefix(fleet.policyPrefix);
  etcd.close();
});

describe('policies in the demo fleet', () => {
  it('sheds checkout → payments under a force-open breaker, then lets calls through again when it is lifted', async () => {
    const spec = (cb: Partial<CircuitBreakerSpec>) => PolicySpec.parse({ target: { kind: 'edge', ...edge }, circuitBreaker: cb });
    const policyId = 'edge:checkout>payments';
    const before = await chargesServed();
    for (const c of checkouts) await get(c, '/checkout', { method: 'POST' });
    expect(await chargesServed()).toBeGreaterThan(before);

    await applied(checkouts, await write(stored(spec({ mode: 'force-open' }), 1)));
    const served = await chargesServed();
    for (const c of checkouts) {
      const m0 = await metricsOf(c);
      expect(sample(m0, 'switchyard_breaker_state', { ...edge, state: 'open' })).toBe(1);
      expect(sample(m0, 'switchyard_breaker_state', { ...edge, state: 'closed' })).toBe(0);
      expect(sample(m0, 'switchyard_breaker_state', { ...edge, state: 'half-open' })).toBe(0);
      expect(sample(m0, 'switchyard_policy_version', { policy: policyId })).toBe(1);
      // inventory, called before payments, fails 0.5 % of reservations on its own: those calls never
      // get as far as the breaker, so count the ones that did.
      let shed = 0;
      for (let k = 0; k < 8; k++) {
        const res = await get(c, '/checkout', { method: 'POST' });
        const { error } = (await res.json()) as { error: string };
        expect(res.status).toBe(error.startsWith('inventory:') ? 502 : 503);
        if (error === 'payments: circuit_open') shed++;
        else expect(error).toMatch(/^inventory: /);
      }
      expect(shed).toBeGreaterThanOrEqual(6);
      const m1 = await metricsOf(c);
      expect(sample(m1, 'switchyard_breaker_rejected_total', edge) - sample(m0, 'switchyard_breaker_rejected_total', edge)).toBe(shed);
      const shortCircuited = { peer_service: 'payments', error_type: 'circuit_open', http_response_status_code: '' };
      expect(sample(m1, 'http_client_request_duration_seconds_count', shortCircuited) - sample(m0, 'http_client_request_duration_seconds_count', shortCircuited)).toBe(shed);
      // The checkout route failed for its caller: 503s on the server histogram.
      const checkout503 = { http_route: '/checkout', http_response_status_code: '503' };
      expect(sample(m1, 'http_server_request_duration_seconds_count', checkout503) - sample(m0, 'http_server_request_duration_seconds_count', checkout503)).toBe(shed);
    }
    // The calls before payments (cart, inventory) were made; payments got none.
    expect(await chargesServed()).toBe(served);

    // Back to auto: closed (an empty window), and calls reach payments again.
    await applied(checkouts, await write(stored(spec({ mode: 'auto' }), 2)));
    const reachesPayments = async (c: TestInstance) => {
      const n = await chargesServed();
      await until(`${c.id} to call payments`, async () => {
        await get(c, '/checkout', { method: 'POST' });
        return (await chargesServed()) > n ? true : undefined;
      });
    };
    for (const c of checkouts) {
      const m = await metricsOf(c);
      expect(sample(m, 'switchyard_breaker_state', { ...edge, state: 'closed' })).toBe(1);
      expect(sample(m, 'switchyard_breaker_state', { ...edge, state: 'open' })).toBe(0);
      expect(sample(m, 'switchyard_policy_version', { policy: policyId })).toBe(2);
      await reachesPayments(c);
    }

    // Removed (a tombstone, as the store deletes): no breaker on the edge, nothing to report for it.
    await applied(checkouts, await write(stored(spec({ mode: 'force-open' }), 3, true)));
    for (const c of checkouts) {
      const rejectedSoFar = sample(await metricsOf(c), 'switchyard_breaker_rejected_total', edge);
      await reachesPayments(c);
      const m = await metricsOf(c);
      expect(m).not.toContain('switchyard_breaker_state{');
      expect(m).not.toContain('switchyard_policy_version{');
      expect(sample(m, 'switchyard_breaker_rejected_total', edge)).toBe(rejectedSoFar); // counters stay, unchanged
      expect(rejectedSoFar).toBeGreaterThanOrEqual(6);
    }
  });

  it('rate-limits what cart receives: burst at once, then 429 + Retry-After, and at most the rate after', async () => {
    const spec = (ratePerSecond: number, burst: number) => PolicySpec.parse({ target: { kind: 'service', service: 'cart' }, rateLimit: { ratePerSecond, burst } });
    const rejected = async () => sample(await metricsOf(cart), 'switchyard_ratelimit_rejected_total', { service: 'cart', target: '' });
    const served429 = async () => sample(await metricsOf(cart), 'http_server_request_duration_seconds_count', { http_route: '/cart', http_response_status_code: '429' });

    // 0.01/s: a token per 100 s, so within this test exactly the burst of 3 passes.
    await applied([cart], await write(stored(spec(0.01, 3), 1)));
    const [r0, s0] = [await rejected(), await served429()];
    const statuses: number[] = [];
    let firstRejection: Response | undefined;
    for (let k = 0; k < 10; k++) {
      const res = await get(cart, '/cart');
      statuses.push(res.status);
      if (res.status === 429) firstRejection ??= res;
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429, 429, 429, 429, 429]);
    expect(firstRejection!.headers.get('x-switchyard-rejected')).toBe('rate-limit');
    // (1 − the few tokens refilled since) / 0.01 per second, rounded up: 100 s unless the test took over a second
    const retryAfter = Number(firstRejection!.headers.get('retry-after'));
    expect(retryAfter).toBeLessThanOrEqual(100);
    expect(retryAfter).toBeGreaterThan(90);
    expect((await rejected()) - r0).toBe(7);
    expect((await served429()) - s0).toBe(7);

    // Live change to 4/s, burst 1: the bucket keeps its (empty) tokens, then refills at 4/s.
    await applied([cart], await write(stored(spec(4, 1), 2)));
    const started = performance.now();
    let allowed = 0;
    let total = 0;
    while (performance.now() - started < 1_500) {
      const res = await get(cart, '/cart');
      await res.arrayBuffer();
      total++;
      if (res.status === 200) allowed++;
      await new Promise((r) => setTimeout(r, 20));
    }
    const elapsedS = (performance.now() - started) / 1000;
    // The server saw these calls within the elapsed time we measured around them, so it cannot have
    // refilled more than 4 × elapsed tokens (+1 the bucket may have held when the change landed).
    expect(allowed).toBeLessThanOrEqual(1 + Math.floor(4 * elapsedS));
    expect(allowed).toBeGreaterThanOrEqual(2);
    expect(total - allowed).toBeGreaterThan(0);

    // Removed: everything passes again.
    await applied([cart], await write(stored(spec(4, 1), 3, true)));
    for (let k = 0; k < 5; k++) expect((await get(cart, '/cart')).status).toBe(200);
  });

  it('sheds what cart receives under an inbound force-open breaker: 503 saying why', async () => {
    const spec = PolicySpec.parse({ target: { kind: 'service', service: 'cart' }, circuitBreaker: { mode: 'force-open' } });
    // The rate-limit test left a tombstone at version 3.
    await applied([cart], await write(stored(spec, 4)));
    const res = await get(cart, '/cart');
    expect(res.status).toBe(503);
    expect(res.headers.get('x-switchyard-rejected')).toBe('circuit-forced-open');
    expect(res.headers.get('retry-after')).toBeNull(); // a manual trip has no end to announce
    const m = await metricsOf(cart);
    expect(sample(m, 'switchyard_breaker_state', { source: '', target: 'cart', state: 'open' })).toBe(1);
    expect(sample(m, 'switchyard_breaker_rejected_total', { source: '', target: 'cart' })).toBe(1);
    expect(sample(m, 'http_server_request_duration_seconds_count', { http_route: '/cart', http_response_status_code: '503' })).toBe(1);
    await applied([cart], await write(stored(spec, 5, true)));
    expect((await get(cart, '/cart')).status).toBe(200);
  });
});
