import { expect, type APIRequestContext, type PlaywrightWorkerArgs } from '@playwright/test';
import type { Policy, PolicySpec } from '../lib/schemas/policy';

/**
 * The policy API as the specs' other party: a second operator writing behind the page's back, the
 * setup of a known state, and the clean-up that leaves the fleet without policies for the next spec.
 * Signs in like the browser does (GET the session for a CSRF token, POST the credentials), so every
 * write carries the same token and cookie a page would.
 */
export const BASE_URL = 'http://127.0.0.1:13000';
export const CSRF = 'X-CSRF-Token';

export interface Api {
  ctx: APIRequestContext;
  token: string;
}

export async function signedIn(playwright: PlaywrightWorkerArgs['playwright'], user: string, password: string): Promise<Api> {
  const ctx = await playwright.request.newContext({ baseURL: BASE_URL });
  const session = await (await ctx.get('/api/v1/session')).json();
  const res = await ctx.post('/api/v1/session', { data: { user, password }, headers: { [CSRF]: session.csrfToken } });
  expect(res.status(), await res.text()).toBe(200);
  return { ctx, token: (await res.json()).csrfToken };
}

export const policyUrl = (id: string) => `/api/v1/policies/${encodeURIComponent(id)}`;

export async function listPolicies(api: Api | APIRequestContext): Promise<Policy[]> {
  const ctx = 'ctx' in api ? api.ctx : api;
  const res = await ctx.get('/api/v1/policies');
  expect(res.status()).toBe(200);
  return (await res.json()).policies;
}

/** The stored policy, tombstones included; null when it never existed. */
export async function currentPolicy(api: Api, id: string): Promise<Policy | null> {
  return (await listPolicies(api)).find((p) => p.id === id) ?? null;
}

/** Writes `spec` over whatever is stored now (its version read first) and returns the stored policy. */
export async function putPolicy(api: Api, id: string, spec: PolicySpec, reason: string): Promise<Policy> {
  const cur = await currentPolicy(api, id);
  const res = await api.ctx.put(policyUrl(id), { data: { spec, expectedVersion: cur?.version ?? 0, reason }, headers: { [CSRF]: api.token } });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

/** Deletes every live policy, so the next spec sees a fleet that runs none. */
export async function deleteAllPolicies(api: Api): Promise<void> {
  for (const p of await listPolicies(api)) {
    if (p.deleted) continue;
    const res = await api.ctx.delete(policyUrl(p.id), { data: { expectedVersion: p.version, reason: 'e2e clean-up' }, headers: { [CSRF]: api.token } });
    expect(res.status(), `deleting ${p.id}: ${await res.text()}`).toBe(200);
  }
  expect((await listPolicies(api)).filter((p) => !p.deleted)).toEqual([]);
}
