import { container } from '@/server/container';
import { handlePolicy } from '@/server/policies/http';
import { listPolicies } from '@/server/policies/list';

export const dynamic = 'force-dynamic';

/** Every policy (tombstones included) with its live state from the instances' metrics. Open to all. */
export function GET(req: Request) {
  return handlePolicy('policies', () => listPolicies(container(), Date.now(), req.signal));
}
