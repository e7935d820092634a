import { RestoreAction } from '@/lib/schemas/policy-api';
import { requireWrite } from '@/server/auth/guard';
import { container } from '@/server/container';
import { actorName, handlePolicy, policyIdParam } from '@/server/policies/http';
import { parseJsonBody } from '@/server/runtime/http';

export const dynamic = 'force-dynamic';

/** Writes the spec of the audit entry at `auditRevision` back as a new version (undeletes too). */
export function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handlePolicy('policy-restore', async () => {
    const actor = await requireWrite(req, 'operator');
    const id = await policyIdParam(ctx);
    const body = await parseJsonBody(RestoreAction, req);
    return container().policies.restore(id, body.auditRevision, body.expectedVersion, body.reason, actorName(actor));
  });
}
