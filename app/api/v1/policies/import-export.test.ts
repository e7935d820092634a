import 'server-only';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { ApiErrorBody } from '@/lib/schemas/errors';
import { ImportResponse, PolicyExport } from '@/lib/schemas/policy-api';
import { PolicySpec, type PolicyWrite } from '@/lib/schemas/policy';
import { OPERATOR, VIEWER, installContainer, proxyRequest, uninstallContainer, type Who } from '@/server/testing/route-harness';
import type { Container } from '@/server/container';
import type { PolicyStore } from '@/server/policies/port';
import { removeRegistryFiles, viewContainer } from '@/server/testing/view-container';
import { GET as exportAll } from './export-all/route';
import { POST as importPolicies } from './import/route';

/**
 * Export and import in-process: the real handlers on a container with a real file store in a temp
 * dir, auth in proxy mode (writes need the operator role and the CSRF token), as routes.test.ts.
 */
const stack = inject('stack');

let c: Container;
function install(): Container {
  c = viewContainer({ promUrl: stack.promUrl, kind: 'otel-http' }).c;
  return installContainer(c);
}
afterEach(async () => {
  await c?.policies.close();
  uninstallContainer();
});
afterAll(() => removeRegistryFiles());


const request = proxyRequest;
const errorOf = async (res: Response) => ApiErrorBody.parse(await res.json()).error;
const doImport = async (query: string, body: unknown, who: Who = OPERATOR, csrf = true) => importPolicies(request('POST', `/api/v1/policies/import?${query}`, who, body, csrf));
const answer = async (res: Response) => {
  expect(res.status).toBe(200);
  return ImportResponse.parse(await res.json());
};

const payments = PolicySpec.parse({ target: { kind: 'service', service: 'payments' }, rateLimit: { ratePerSecond: 5, burst: 10 } });
const edge = PolicySpec.parse({ target: { kind: 'edge', source: 'checkout', target: 'payments' }, circuitBreaker: { mode: 'force-open' } });
const cart = PolicySpec.parse({ target: { kind: 'service', service: 'cart' }, circuitBreaker: {} });
const write = (spec: PolicySpec, expectedVersion = 0, reason = 'by hand') => c.policies.write(spec.target.kind === 'service' ? `service:${spec.target.service}` : `edge:${spec.target.source}>${spec.target.target}`, { spec, expectedVersion, reason }, 'bob');

describe('policy export and import routes', () => {
  it('exports live policies only, as a download that imports back unchanged', async () => {
    install();
    await write(payments);
    await write(edge);
    const gone = await write(cart);
    await c.policies.remove(gone.id, gone.version, 'retired', 'bob');

    const res = await exportAll();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="switchyard-policies-[0-9-]+\.json"$/);
    const body = PolicyExport.parse(await res.json());
    expect(body.policies.map((p) => p.spec)).toEqual([edge, payments]);

    const back = await answer(await doImport('dryRun=true', { data: body }, VIEWER, false));
    expect(back).toMatchObject({ format: 'switchyard', dryRun: true, problems: [] });
    expect(back.items.map((i) => [i.id, i.action, i.outcome, i.diff])).toEqual([
      ['edge:checkout>payments', 'unchanged', 'unchanged', []],
      ['service:payments', 'unchanged', 'unchanged', []],
    ]);
  });

  it('plans without writing, then applies with CAS: creates, updates, leaves unchanged, undeletes, audited with the reason', async () => {
    install();
    await write(payments);
    const gone = await write(cart);
    await c.policies.remove(gone.id, gone.version, 'retired', 'bob');
    const faster = { ...payments, rateLimit: { ...payments.rateLimit!, ratePerSecond: 8 } };
    const data = [faster, edge, cart];

    const plan = await answer(await doImport('', { data }, null, false));
    expect(plan.dryRun).toBe(true);
    expect(plan.items.map((i) => [i.id, i.action, i.outcome])).toEqual([
      ['service:payments', 'update', 'planned'],
      ['edge:checkout>payments', 'create', 'planned'],
      ['service:cart', 'create', 'planned'],
    ]);
    expect(plan.items[0]!.diff).toEqual([{ path: 'rateLimit.ratePerSecond', from: 5, to: 8 }]);
    expect(plan.items[1]!.diff).toContainEqual({ path: 'circuitBreaker.mode', to: 'force-open' });
    expect((await c.policies.get('service:payments'))!.version).toBe(1);

    const applied = await answer(await doImport('dryRun=false', { data, reason: 'sync from staging' }));
    expect(applied.items.map((i) => [i.id, i.outcome, i.version])).toEqual([
      ['service:payments', 'written', 2],
      ['edge:checkout>payments', 'written', 1],
      ['service:cart', 'written', 3],
    ]);
    expect(await c.policies.get('service:cart')).toMatchObject({ deleted: false, spec: cart, reason: 'sync from staging (import)', updatedBy: 'olga' });
    const log = await c.policies.audit({ limit: 10 });
    // A write over a tombstone is audited as a create by the store, as the plan said.
    expect(log.slice(0, 3).map((e) => [e.policyId, e.action, e.reason])).toEqual([
      ['service:cart', 'create', 'sync from staging (import)'],
      ['edge:checkout>payments', 'create', 'sync from staging (import)'],
      ['service:payments', 'update', 'sync from staging (import)'],
    ]);
  });

  it('reports a policy changed between its read and its write as a conflict, and still applies the others', async () => {
    install();
    await write(payments);
    const real = c.policies;
    // Someone else writes payments right after the import read it.
    const racingWrite = async (id: string, w: PolicyWrite, actor: string) => {
      if (id === 'service:payments' && w.reason.endsWith('(import)')) await real.write(id, { spec: payments, expectedVersion: w.expectedVersion, reason: 'meanwhile' }, 'mallory');
      return real.write(id, w, actor);
    };
    c.policies = new Proxy(real, {
      get(t, k) {
        if (k === 'write') return racingWrite;
        const v: unknown = Reflect.get(t, k, t);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
    }) as PolicyStore;
    const faster = { ...payments, rateLimit: { ...payments.rateLimit!, ratePerSecond: 8 } };
    const res = await answer(await doImport('dryRun=false', { data: [faster, edge], reason: 'sync' }));
    expect(res.items.map((i) => [i.id, i.outcome])).toEqual([
      ['service:payments', 'conflict'],
      ['edge:checkout>payments', 'written'],
    ]);
    expect(res.items[0]!.message).toMatch(/at version 2 \(changed by mallory/);
    expect((await real.get('service:payments'))!.spec).toEqual(payments);
  });

  it('imports Sentinel rules (detected or named) with refusals per rule, and merges flow and degrade rules by resource', async () => {
    install();
    const flow = [
      { resource: 'checkout->payments', grade: 1, count: 40 },
      { resource: 'search', grade: 0, count: 10 },
    ];
    const degrade = [{ resource: 'checkout->payments', grade: 1, count: 0.3, timeWindow: 20, minRequestAmount: 10 }];
    const r = await answer(await doImport('dryRun=false&format=sentinel-flow', { data: flow, reason: 'from sentinel' }));
    expect(r.items.map((i) => [i.id, i.outcome])).toEqual([['edge:checkout>payments', 'written']]);
    expect(r.problems).toEqual([{ source: 'flow rule 1 (search)', field: 'grade', message: expect.stringMatching(/thread count/) }]);
    const d = await answer(await doImport('dryRun=true', { data: [...flow, ...degrade] }, VIEWER, false));
    expect(d.format).toBe('sentinel-flow');
    expect(d.items).toHaveLength(1);
    expect(d.items[0]).toMatchObject({ action: 'update', spec: { rateLimit: { ratePerSecond: 40, burst: 40 }, circuitBreaker: { failureRateThreshold: 0.3, openDurationMs: 20_000, minimumCalls: 10, halfOpenProbes: 1 } } });
  });

  it('guards applying (401/403, CSRF, reason), not planning, and names the field of bad input', async () => {
    install();
    const data = [payments];
    expect((await doImport('dryRun=false', { data, reason: 'go go' }, null)).status).toBe(401);
    expect((await doImport('dryRun=false', { data, reason: 'go go' }, VIEWER)).status).toBe(403);
    const noCsrf = await doImport('dryRun=false', { data, reason: 'go go' }, OPERATOR, false);
    expect((await errorOf(noCsrf)).code).toBe('csrf');
    const noReason = await doImport('dryRun=false', { data });
    expect(noReason.status).toBe(400);
    expect((await errorOf(noReason)).field).toBe('reason');
    expect(await c.policies.list()).toEqual([]);

    expect((await errorOf(await doImport('dryRun=maybe', { data }))).field).toBe('dryRun');
    expect((await errorOf(await doImport('format=yaml', { data }))).field).toBe('format');
    const unknown = await doImport('', { data: { hello: 'world' } });
    expect(unknown.status).toBe(400);
    expect(await errorOf(unknown)).toMatchObject({ field: 'data', message: expect.stringMatching(/switchyard-policies\/v1/) });
    expect((await errorOf(await doImport('', {}))).field).toBe('data');
  });
});
