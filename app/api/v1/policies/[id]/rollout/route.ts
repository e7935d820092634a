import { container } from '@/server/container';
import { existing, handlePolicy, policyIdParam } from '@/server/policies/http';
import { rolloutStatus } from '@/server/policies/rollout';

export const dynamic = 'force-dynamic';

/** Which instances run the policy's current version, from their metrics; stuck ones flagged. */
export function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handlePolicy('policy-rollout', async () => {
    const c = container();
    const p = await existing(c.policies, await policyIdParam(ctx));
    return rolloutStatus(c, p, Date.now(), req.signal);
  });
}
