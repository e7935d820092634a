import { ImportParams, ImportRequest } from '@/lib/schemas/policy-api';
import { requireWrite } from '@/server/auth/guard';
import { container } from '@/server/container';
import { actorName, handlePolicy } from '@/server/policies/http';
import { runImport } from '@/server/policies/import';
import { parseJsonBody, parseParams } from '@/server/runtime/http';

export const dynamic = 'force-dynamic';

/** A whole export (or Sentinel rules) can be far larger than one policy write. */
const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/**
 * ?dryRun=true (the default) plans: per policy create/update/unchanged with the field diff. A read,
 * like preview: no role. ?dryRun=false writes, so it needs the operator role and the CSRF token.
 */
export function POST(req: Request) {
  return handlePolicy('policies-import', async () => {
    const { dryRun, format } = parseParams(ImportParams, new URL(req.url).searchParams);
    const actor = dryRun ? null : await requireWrite(req, 'operator');
    const body = await parseJsonBody(ImportRequest, req, MAX_IMPORT_BYTES);
    return runImport(container().policies, { data: body.data, format, dryRun, reason: body.reason, actor: actor ? actorName(actor) : '' });
  });
}
