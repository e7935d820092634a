import { VersionedAction } from '@/lib/schemas/policy-api';
import { requireWrite } from '@/server/auth/guard';
import { container } from '@/server/container';
import { actorName, handlePolicy, policyIdParam } from '@/server/policies/http';
import { parseJsonBody } from '@/server/runtime/http';

export const dynamic = 'force-dynamic';

/** A canary revision goes to every instance. */
export function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handlePolicy('policy-promote', async () => {
    const actor = await requireWrite(req, 'operator');
    const id = await policyIdParam(ctx);
    const body = await parseJsonBody(VersionedAction, req);
    return container().policies.promote(id, body.expectedVersion, body.reason, actorName(actor));
  });
}
