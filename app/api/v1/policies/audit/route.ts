import { AuditParams, type AuditResponse } from '@/lib/schemas/policy-api';
import { container } from '@/server/container';
import { handlePolicy } from '@/server/policies/http';
import { parseParams } from '@/server/runtime/http';

export const dynamic = 'force-dynamic';

/** The audit log, newest first: ?policyId&limit (1–500, default 50)&before (a revision, for paging). */
export function GET(req: Request) {
  return handlePolicy('policies-audit', async (): Promise<AuditResponse> => {
    const q = parseParams(AuditParams, new URL(req.url).searchParams);
    return { entries: await container().policies.audit(q) };
  });
}
