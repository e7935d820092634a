import 'server-only';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ApiErrorBody } from '@/lib/schemas/errors';
import { AuditResponse, PolicyListResponse, PreviewResponse, RolloutResponse } from '@/lib/schemas/policy-api';
import { Policy, PolicyConflict, PolicySpec } from '@/lib/schemas/policy';
import { OPERATOR, VIEWER, installContainer, proxyRequest, uninstallContainer, type Who } from '@/server/testing/route-harness';
import type { Container } from '@/server/container';
import { createEtcdPolicyStore } from '@/server/policies/etcd-store';
import { removeRegistryFiles, viewContainer } from '@/server/testing/view-container';
import { GET as list } from './route';
import { DELETE as remove, GET as getOne, PUT as put } from './[id]/route';
import { POST as restore } from './[id]/restore/route';
import { POST as promote } from './[id]/promote/route';
import { POST as rollback } from './[id]/rollback/route';
import { GET as rollout } from './[id]/rollout/route';
import { GET as exportPolicy } from './[id]/export/route';
import { GET as audit } from './audit/route';
import { POST as preview } from './preview/route';

/**
 * The policy routes in-process: the real handlers on a container with a real file store (and an etcd
 * store on a dead endpoint for the 503), the real test Prometheus, and auth in proxy mode (the proxy
 * names the user and role; writes also need the CSRF token, as from the browser).
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
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const ID = 'edge:checkout>payments';
const specOf = (cb: object) => PolicySpec.parse({ target: { kind: 'edge', source: 'checkout', target: 'payments' }, circuitBreaker: cb });
const create = (who: Who = OPERATOR, expectedVersion = 0, cb: object = { mode: 'force-open' }) =>
  put(request('PUT', `/api/v1/policies/${encodeURIComponent(ID)}`, who, { spec: specOf(cb), expectedVersion, reason: 'trip it' }), ctx(ID));
const errorOf = async (res: Response) => ApiErrorBody.parse(await res.json()).error;

describe('policy routes', () => {
  it('creates with the proxy user as the actor, lists it for anyone, and answers a stale write with 409 and the current policy', async () => {
    install();
    const res = await create();
    expect(res.status).toBe(200);
    const v1 = Policy.parse(await res.json());
    expect(v1).toMatchObject({ id: ID, version: 1, updatedBy: 'olga', reason: 'trip it' });

    const stale = await create(OPERATOR, 0, { mode: 'auto' });
    expect(stale.status).toBe(409);
    expect(PolicyConflict.parse(await stale.json())).toMatchObject({ error: 'conflict', current: v1 });

    const all = await list(request('GET', '/api/v1/policies', null));
    expect(all.status).toBe(200);
    const body = PolicyListResponse.parse(await all.json());
    expect(body.policies).toEqual([v1]);
    expect(body.store).toBe('policies:file');

    const one = await getOne(request('GET', `/api/v1/policies/${ID}`, VIEWER), ctx(ID));
    expect(Policy.parse(await one.json())).toEqual(v1);
  });

  it('refuses writes: 401 without a user, 403 for a viewer or without the CSRF token; nothing is stored', async () => {
    install();
    expect((await create(null)).status).toBe(401);
    const viewer = await create(VIEWER);
    expect(viewer.status).toBe(403);
    expect((await errorOf(viewer)).message).toMatch(/viewer role; this needs operator/);
    const noCsrf = await put(request('PUT', `/api/v1/policies/${ID}`, OPERATOR, { spec: specOf({}), expectedVersion: 0, reason: 'trip it' }, false), ctx(ID));
    expect(noCsrf.status).toBe(403);
    expect((await errorOf(noCsrf)).code).toBe('csrf');
    expect(await c.policies.list()).toEqual([]);
  });

  it('names the field of a bad body or id, and 404s an unknown policy', async () => {
    install();
    const bad = await put(request('PUT', `/api/v1/policies/${ID}`, OPERATOR, { spec: { ...specOf({}), rateLimit: { ratePerSecond: -1, burst: 1 } }, expectedVersion: 0, reason: 'x y z' }), ctx(ID));
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).field).toBe('spec.rateLimit.ratePerSecond');
    const noReason = await put(request('PUT', `/api/v1/policies/${ID}`, OPERATOR, { spec: specOf({}), expectedVersion: 0, reason: '' }), ctx(ID));
    expect((await errorOf(noReason)).field).toBe('reason');
    const wrongId = await put(request('PUT', '/api/v1/policies/service:cart', OPERATOR, { spec: specOf({}), expectedVersion: 0, reason: 'x y z' }), ctx('service:cart'));
    expect(wrongId.status).toBe(400);
    const badId = await getOne(request('GET', '/api/v1/policies/nope', null), ctx('nope'));
    expect(badId.status).toBe(400);
    expect((await errorOf(badId)).field).toBe('id');
    const missing = await getOne(request('GET', '/api/v1/policies/service:ghost', null), ctx('service:ghost'));
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).message).toMatch(/service:ghost/);
  });

  it('deletes, restores from the audit log, canaries, promotes and rolls back, each audited with who and why', async () => {
    install();
    await create();
    const del = await remove(request('DELETE', `/api/v1/policies/${ID}`, OPERATOR, { expectedVersion: 1, reason: 'not needed' }), ctx(ID));
    expect(Policy.parse(await del.json())).toMatchObject({ version: 2, deleted: true });
    const log1 = AuditResponse.parse(await (await audit(request('GET', `/api/v1/policies/audit?policyId=${encodeURIComponent(ID)}`, null))).json());
    expect(log1.entries.map((e) => [e.action, e.by, e.reason])).toEqual([
      ['delete', 'olga', 'not needed'],
      ['create', 'olga', 'trip it'],
    ]);
    const created = log1.entries[1]!;
    const back = await restore(request('POST', `/api/v1/policies/${ID}/restore`, OPERATOR, { expectedVersion: 2, reason: 'needed after all', auditRevision: created.revision }), ctx(ID));
    expect(Policy.parse(await back.json())).toMatchObject({ version: 3, deleted: false, spec: created.spec });

    const canary = { stage: 'canary', instances: ['checkout-1'] };
    const v4 = await put(request('PUT', `/api/v1/policies/${ID}`, OPERATOR, { spec: specOf({ mode: 'auto' }), expectedVersion: 3, reason: 'try auto on one', rollout: canary }), ctx(ID));
    expect(Policy.parse(await v4.json()).rollout).toMatchObject({ stage: 'canary', baseVersion: 3 });
    const rolledBack = await rollback(request('POST', `/api/v1/policies/${ID}/rollback`, OPERATOR, { expectedVersion: 4, reason: 'worse' }), ctx(ID));
    expect(Policy.parse(await rolledBack.json())).toMatchObject({ version: 5, rollout: { stage: 'all' }, spec: created.spec });
    await put(request('PUT', `/api/v1/policies/${ID}`, OPERATOR, { spec: specOf({ mode: 'auto' }), expectedVersion: 5, reason: 'again', rollout: canary }), ctx(ID));
    const promoted = await promote(request('POST', `/api/v1/policies/${ID}/promote`, OPERATOR, { expectedVersion: 6, reason: 'better' }), ctx(ID));
    expect(Policy.parse(await promoted.json())).toMatchObject({ version: 7, rollout: { stage: 'all' }, spec: { circuitBreaker: { mode: 'auto' } } });
    const staleAction = await promote(request('POST', `/api/v1/policies/${ID}/promote`, OPERATOR, { expectedVersion: 6, reason: 'twice' }), ctx(ID));
    expect(staleAction.status).toBe(409);

    const log = AuditResponse.parse(await (await audit(request('GET', '/api/v1/policies/audit?limit=3', null))).json());
    expect(log.entries.map((e) => e.action)).toEqual(['promote', 'update', 'rollback']);
    expect((await audit(request('GET', '/api/v1/policies/audit?limit=0', null))).status).toBe(400);
  });

  it('answers rollout status, mesh exports and previews to anyone', async () => {
    install();
    await put(request('PUT', `/api/v1/policies/${ID}`, OPERATOR, { spec: { ...specOf({}), rateLimit: { ratePerSecond: 3, burst: 10 } }, expectedVersion: 0, reason: 'limit it' }), ctx(ID));
    const ro = await rollout(request('GET', `/api/v1/policies/${ID}/rollout`, null), ctx(ID));
    expect(RolloutResponse.parse(await ro.json())).toMatchObject({ policyId: ID, version: 1, timeoutMs: 30_000 });

    const istio = await exportPolicy(request('GET', `/api/v1/policies/${ID}/export?format=istio`, null), ctx(ID));
    expect(istio.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(parseAllDocuments(await istio.text()).map((d) => (d.toJS() as { kind: string }).kind)).toEqual(['DestinationRule']);
    const envoy = await exportPolicy(request('GET', `/api/v1/policies/${ID}/export?format=envoy`, null), ctx(ID));
    expect(await envoy.text()).toMatch(/max_tokens: 10/);
    const noFormat = await exportPolicy(request('GET', `/api/v1/policies/${ID}/export?format=yaml`, null), ctx(ID));
    expect((await errorOf(noFormat)).field).toBe('format');

    const pv = await preview(request('POST', '/api/v1/policies/preview', null, { spec: specOf({}), minutes: 30 }, false));
    expect(pv.status).toBe(200);
    expect(PreviewResponse.parse(await pv.json()).stepMs).toBe(15_000);
    const badPv = await preview(request('POST', '/api/v1/policies/preview', null, { spec: specOf({}), minutes: 1 }, false));
    expect((await errorOf(badPv)).field).toBe('minutes');
  });

  it('answers 503 naming the store when etcd is down, for reads and writes', async () => {
    install();
    await c.policies.close();
    c.policies = createEtcdPolicyStore({ endpoints: ['http://127.0.0.1:9'], dialTimeoutMs: 500 });
    const w = await create();
    expect(w.status).toBe(503);
    const e = await errorOf(w);
    expect(e).toMatchObject({ code: 'store_unavailable', source: 'policies:etcd' });
    expect(e.message).toMatch(/127\.0\.0\.1:9/);
    expect(w.headers.get('retry-after')).toBe('5');
    expect((await list(request('GET', '/api/v1/policies', null))).status).toBe(503);
  });
});
