import { PreviewRequest } from '@/lib/schemas/policy-api';
import { container } from '@/server/container';
import { handlePolicy } from '@/server/policies/http';
import { previewImpact } from '@/server/policies/preview';
import { parseJsonBody } from '@/server/runtime/http';

export const dynamic = 'force-dynamic';

/**
 * What a spec would have done over the last hour of traffic. A POST because it carries a spec, but a
 * read: it changes nothing, so like every read it needs no role (and no CSRF token).
 */
export function POST(req: Request) {
  return handlePolicy('policies-preview', async () => previewImpact(container(), await parseJsonBody(PreviewRequest, req), Date.now(), req.signal));
}
