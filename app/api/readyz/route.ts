import { handle } from '@/server/runtime/http';
import { readiness } from '@/server/services/readiness';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return handle('readyz', () => readiness(req.signal));
}
