import 'server-only';
import type { Actor } from '@/lib/schemas/auth';
import type { ApiErrorBody } from '@/lib/schemas/errors';
import { PolicyIdParam, type Policy, type PolicyConflict } from '@/lib/schemas/policy';
import { handle } from '@/server/runtime/http';
import { InputError, NotFoundError } from '@/server/runtime/errors';
import { ConflictError, StoreDataError, StoreUnavailableError } from './errors';
import type { PolicyStore } from './port';

/**
 * What the policy routes share: their own error mapping on top of server/runtime/http.ts (a stale
 * write is a 409 carrying the current policy; the store being down is a 503, not the 502 of a failing
 * metrics backend, because nothing was written and a retry later is the answer), the id in the path,
 * and the actor the audit log records.
 */

const noStore = { 'Cache-Control': 'no-store' };

function policyErrorResponse(err: unknown): Response | null {
  if (err instanceof ConflictError) {
    const body: PolicyConflict = { error: 'conflict', message: err.message, current: err.current };
    return Response.json(body, { status: 409, headers: noStore });
  }
  if (err instanceof StoreUnavailableError) {
    const body: ApiErrorBody = { error: { code: 'store_unavailable', message: err.message, source: err.source } };
    return Response.json(body, { status: 503, headers: { ...noStore, 'Retry-After': '5' } });
  }
  if (err instanceof StoreDataError) {
    console.error('[switchyard] policy store data', err);
    const body: ApiErrorBody = { error: { code: 'store_data', message: err.message } };
    return Response.json(body, { status: 500, headers: noStore });
  }
  return null;
}

/**
 * handle() with the policy store's errors mapped first. (Errors from another route's module graph are
 * recognised by AppError's instanceof, server/runtime/errors.ts.)
 */
export function handlePolicy(route: string, fn: () => Promise<unknown>): Promise<Response> {
  return handle(route, async () => {
    try {
      return await fn();
    } catch (err) {
      const res = policyErrorResponse(err);
      if (res) return res;
      throw err;
    }
  });
}

/** The `[id]` path segment (decoded by Next): `service:<name>` or `edge:<source>><target>`. */
export async function policyIdParam(ctx: { params: Promise<{ id: string }> }): Promise<string> {
  const raw = (await ctx.params).id;
  const parsed = PolicyIdParam.safeParse(raw);
  if (!parsed.success) throw new InputError(`id: ${parsed.error.issues[0]?.message ?? 'invalid'} (URL-encode it: edge:a%3Eb)`, 'id');
  return parsed.data;
}

/** The stored policy (tombstones too), or a 404 naming it. */
export async function existing(store: PolicyStore, id: string): Promise<Policy> {
  const p = await store.get(id);
  if (!p) throw new NotFoundError(`no policy ${id} (create it with PUT and expectedVersion 0)`);
  return p;
}

/** Who the audit log names: the signed-in user, or the user the auth proxy vouched for. */
export const actorName = (actor: Actor): string => actor.name;
