import 'server-only';
import { PolicyIdParam } from '@/lib/schemas/policy';
import { InputError } from '@/server/runtime/errors';
import type { AuditQuery } from './port';

export const MAX_AUDIT_LIMIT = 1_000;

/** The same bounds on both stores, so a route gets the same 400 whichever is configured. */
export function checkAuditQuery(q: AuditQuery): void {
  if (!Number.isSafeInteger(q.limit) || q.limit < 1 || q.limit > MAX_AUDIT_LIMIT) throw new InputError(`limit: must be a whole number from 1 to ${MAX_AUDIT_LIMIT}`, 'limit');
  if (q.before !== undefined && (!Number.isSafeInteger(q.before) || q.before < 1)) throw new InputError('before: must be a revision (a whole number ≥ 1)', 'before');
  if (q.policyId !== undefined && !PolicyIdParam.safeParse(q.policyId).success) throw new InputError('policyId: must be service:<name> or edge:<source>><target>', 'policyId');
}

export function checkFromRevision(rev: number): void {
  if (!Number.isSafeInteger(rev) || rev < 0) throw new InputError('fromRevision: must be a whole number ≥ 0', 'fromRevision');
}
