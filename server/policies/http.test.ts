import 'server-only';
import { describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@/lib/schemas/errors';
import { PolicyConflict } from '@/lib/schemas/policy';
import { handlePolicy } from './http';

/**
 * In a Next build each route module has its own copy of our error classes, while the store and the auth
 * service are shared on globalThis: what they throw may come from another copy. Second copies of the
 * error modules (Vite loads a module again for a new query string) stand for another route's graph.
 */
// @ts-expect-error: the query suffix is Vite's, TypeScript cannot resolve it.
const runtime = (await import('@/server/runtime/errors?other-graph')) as typeof import('@/server/runtime/errors');
// @ts-expect-error: as above.
const store = (await import('./errors?other-graph')) as typeof import('./errors');

const answer = async (err: Error) => {
  const res = await handlePolicy('test', async () => {
    throw err;
  });
  return { status: res.status, body: (await res.json()) as unknown };
};

describe('handlePolicy with errors from another module graph', () => {
  it('maps them by name: 409 with the current policy, 503 naming the store, and the runtime errors', async () => {
    const conflict = await answer(new store.ConflictError('service:a', 1, null));
    expect(conflict.status).toBe(409);
    expect(PolicyConflict.parse(conflict.body)).toMatchObject({ error: 'conflict', current: null });
    const down = await answer(new store.StoreUnavailableError('policies:etcd', 'cannot reach etcd'));
    expect(down.status).toBe(503);
    expect(ApiErrorBody.parse(down.body).error).toEqual({ code: 'store_unavailable', message: 'policies:etcd: cannot reach etcd', source: 'policies:etcd' });
    expect((await answer(new runtime.InputError('limit: bad', 'limit'))).body).toEqual({ error: { code: 'bad_request', message: 'limit: bad', field: 'limit' } });
    expect((await answer(new runtime.NotFoundError('no such'))).status).toBe(404);
    expect((await answer(new runtime.UnauthenticatedError('sign in'))).status).toBe(401);
    const csrf = await answer(new runtime.ForbiddenError('no token', 'csrf'));
    expect([csrf.status, ApiErrorBody.parse(csrf.body).error.code]).toEqual([403, 'csrf']);
    expect((await answer(new store.StoreDataError('garbage'))).status).toBe(500);
    // A plain error that merely has one of our names is not one of ours.
    const impostor = Object.assign(new Error('x'), { name: 'NotFoundError' });
    expect((await answer(impostor)).status).toBe(500);
  });

  it('leaves other errors to the generic 500', async () => {
    const res = await answer(new TypeError('boom'));
    expect(res.status).toBe(500);
    expect(ApiErrorBody.parse(res.body).error.code).toBe('internal');
  });
});
