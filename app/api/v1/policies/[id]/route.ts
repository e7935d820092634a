import { VersionedAction } from '@/lib/schemas/policy-api';
import { PolicyWrite } from '@/lib/schemas/policy';
import { requireWrite } from '@/server/auth/guard';
import { container } from '@/server/container';
import { actorName, existing, handlePolicy, policyIdParam } from '@/server/policies/http';
import { parseJsonBody } from '@/server/runtime/http';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

/** One policy (a tombstone answers with deleted: true); 404 when it never existed. */
export function GET(_req: Request, ctx: Ctx) {
  return handlePolicy('policy', async () => existing(container().policies, await policyIdParam(ctx)));
}

/** Create (expectedVersion 0) or update: compare-and-set, 409 with the current policy when stale. */
export function PUT(req: Request, ctx: Ctx) {
  return handlePolicy('policy-write', async () => {
    const actor = await requireWrite(req, 'operator');
    const id = await policyIdParam(ctx);
    const body = await parseJsonBody(PolicyWrite, req);
    return container().policies.write(id, body, actorName(actor));
  });
}

/** Delete (a tombstone, restorable): body {expectedVersion, reason}. */
export function DELETE(req: Request, ctx: Ctx) {
  return handlePolicy('policy-delete', async () => {
    const actor = await requireWrite(req, 'operator');
    const id = await policyIdParam(ctx);
    const body = await parseJsonBody(VersionedAction, req);
    return container().policies.remove(id, body.expectedVersion, body.reason, actorName(actor));
  });
}
