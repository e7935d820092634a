import { Etcd3 } from 'etcd3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { get, metricsOf, sample, TestFleet, until, type TestInstance as Instance } from './fleet-harness';

/**
 * The fleet's services as real processes against the real etcd of the test stack: registration,
 * OTel metrics, fault injection and what happens to the registry when an instance dies.
 */

const PREFIX = `/fleet-test-${process.pid}-${Date.now()}/`;
const TTL_S = 2;

let etcd: Etcd3;
let fleet: TestFleet;
const start = (service: string, id: string) => fleet.start(service, id);

async function registered(service: string, id: string): Promise<string | null> {
  return etcd.get(`${PREFIX}${service}/${id}`).string();
}

let inventory: Instance;
let catalog: Instance;

beforeAll(async () => {
  const etcdUrl = inject('stack').etcdUrl;
  etcd = new Etcd3({ hosts: etcdUrl });
  fleet = new TestFleet({ etcdUrl, prefix: PREFIX, leaseTtlS: TTL_S });
  // inventory first, so catalog finds it in the registry when it starts
  inventory = await start('inventory', 'inventory-t1');
  catalog = await start('catalog', 'catalog-t1');
});

afterAll(async () => {
  await fleet.killAll();
  await etcd.delete().prefix(PREFIX);
  etcd.close();
});

describe('demo fleet', () => {
  it('registers each instance under <prefix><service>/<id> with a go-kratos value and its address', async () => {
    for (const inst of [inventory, catalog]) {
      const value = await registered(inst.service, inst.id);
      expect(JSON.parse(value ?? 'null')).toEqual({
        id: inst.id,
        name: inst.service,
        version: '1.0.0',
        metadata: { zone: 'local', team: inst.service === 'catalog' ? 'discovery' : 'fulfilment' },
        endpoints: [`http://127.0.0.1:${inst.port}`],
      });
    }
  });

  it('counts server requests and client calls per peer, OTel names and labels, no job label', async () => {
    const serverLabels = { http_request_method: 'GET', http_route: '/products/{id}', http_response_status_code: '200' };
    const clientLabels = { peer_service: 'inventory', http_request_method: 'GET', http_response_status_code: '200', error_type: '' };
    const before = await metricsOf(catalog);
    for (let k = 0; k < 4; k++) expect((await get(catalog, '/products/7')).status).toBe(200);
    const after = await metricsOf(catalog);
    expect(sample(after, 'http_server_request_duration_seconds_count', serverLabels) - sample(before, 'http_server_request_duration_seconds_count', serverLabels)).toBe(4);
    expect(sample(after, 'http_client_request_duration_seconds_count', clientLabels) - sample(before, 'http_client_request_duration_seconds_count', clientLabels)).toBe(4);
    expect(sample(await metricsOf(inventory), 'http_server_request_duration_seconds_count', { http_route: '/stock/{id}', http_response_status_code: '200' })).toBeGreaterThanOrEqual(4);
    expect(after).toContain('http_server_request_duration_seconds_bucket{le="0.005",');
    // (switchyard_policy_revision names its service on purpose: it says which instance runs what.)
    const otelLines = after.split('\n').filter((l) => l.startsWith('http_'));
    expect(otelLines.join('\n')).not.toMatch(/\bjob="|\bservice="/);
    expect(after).not.toMatch(/\bjob="/);
    // Scrapes are not traffic: they never show up as requests.
    expect(after).not.toContain('http_route="/metrics"');
  });

  it('has no request series at all while nobody calls it', async () => {
    const email = await start('email', 'email-idle');
    await get(email, '/metrics');
    const text = await metricsOf(email);
    expect(text).toContain('# TYPE http_server_request_duration_seconds histogram');
    expect(text).not.toContain('http_server_request_duration_seconds_count{');
  });

  it('fails calls with 5xx under an injected errorRate of 1 and records error_type on the caller', async () => {
    const bad = await get(inventory, '/control/faults', { method: 'POST', body: JSON.stringify({ errorRate: 2 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe('errorRate');

    expect((await get(inventory, '/control/faults', { method: 'POST', body: JSON.stringify({ errorRate: 1 }) })).status).toBe(200);
    const failed = { peer_service: 'inventory', http_response_status_code: '500', error_type: '500' };
    const before = sample(await metricsOf(catalog), 'http_client_request_duration_seconds_count', failed);
    for (let k = 0; k < 3; k++) expect((await get(catalog, '/products')).status).toBe(502);
    const after = await metricsOf(catalog);
    expect(sample(after, 'http_client_request_duration_seconds_count', failed) - before).toBe(3);
    expect(sample(after, 'http_server_request_duration_seconds_count', { http_route: '/products', http_response_status_code: '502' })).toBeGreaterThanOrEqual(3);
    expect(sample(await metricsOf(inventory), 'http_server_request_duration_seconds_count', { http_route: '/stock', http_response_status_code: '500' })).toBeGreaterThanOrEqual(3);

    expect((await get(inventory, '/control/faults', { method: 'DELETE' })).status).toBe(200);
    expect((await get(catalog, '/products')).status).toBe(200);
  });

  it('removes the key at once on SIGTERM (lease revoked)', async () => {
    const email = await start('email', 'email-term');
    expect(await registered('email', 'email-term')).not.toBeNull();
    email.child.kill('SIGTERM');
    await email.exited;
    expect(await registered('email', 'email-term')).toBeNull();
  });

  it('keeps the key of a SIGKILLed instance until its lease expires; callers see the failure', async () => {
    inventory.child.kill('SIGKILL');
    await inventory.exited;
    // Still registered: nobody revoked the lease, and callers still send to the dead address.
    expect(await registered('inventory', inventory.id)).not.toBeNull();
    const refused = { peer_service: 'inventory', error_type: 'ECONNREFUSED' };
    // Two calls: the first may instead find the pooled keep-alive socket reset by the dying process.
    for (let k = 0; k < 2; k++) expect((await get(catalog, '/products')).status).toBe(503);
    expect(sample(await metricsOf(catalog), 'http_client_request_duration_seconds_count', refused)).toBeGreaterThanOrEqual(1);

    await until('the key to expire', async () => ((await registered('inventory', inventory.id)) === null ? true : undefined));
    // Once the registry has dropped it, the caller has no instance to call at all.
    await until('catalog to see no inventory instance', async () => {
      await get(catalog, '/products');
      return sample(await metricsOf(catalog), 'http_client_request_duration_seconds_count', { peer_service: 'inventory', error_type: 'no_endpoint' }) > 0 ? true : undefined;
    });
  });
});
