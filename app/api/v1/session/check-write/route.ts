import type { WriteCheck } from '@/lib/schemas/auth';
import { requireWrite } from '@/server/auth/guard';
import { handle } from '@/server/runtime/http';

export const dynamic = 'force-dynamic';

/**
 * The probe for deploy checks: runs exactly the guard every write route runs (same-origin, operator
 * role, CSRF token) and changes nothing. 200 with the actor, or the 401/403 a real write would get.
 */
export function POST(req: Request) {
  return handle('session-check-write', async (): Promise<WriteCheck> => ({ ok: true, actor: await requireWrite(req, 'operator') }));
}
