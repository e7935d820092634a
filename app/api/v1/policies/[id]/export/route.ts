import { ExportParams } from '@/lib/schemas/policy-api';
import { container } from '@/server/container';
import { meshExport } from '@/server/policies/export';
import { existing, handlePolicy, policyIdParam } from '@/server/policies/http';
import { parseParams } from '@/server/runtime/http';

export const dynamic = 'force-dynamic';

/** The policy as mesh configuration (YAML): ?format=istio (DestinationRule …) or envoy (local rate limit). */
export function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handlePolicy('policy-export', async () => {
    const { format } = parseParams(ExportParams, new URL(req.url).searchParams);
    const c = container();
    return meshExport(c, await existing(c.policies, await policyIdParam(ctx)), format, Date.now(), req.signal);
  });
}
