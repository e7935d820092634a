import { container } from '@/server/container';
import { handlePolicy } from '@/server/policies/http';
import { exportAll } from '@/server/policies/import';

export const dynamic = 'force-dynamic';

/** Every live policy as JSON (a download), in the form POST /api/v1/policies/import takes back. A read: no role. */
export function GET() {
  return handlePolicy('policies-export-all', async () => {
    const nowMs = Date.now();
    const body = await exportAll(container().policies, nowMs);
    const stamp = new Date(nowMs).toISOString().slice(0, 19).replace(/[:T]/g, '-');
    return Response.json(body, {
      headers: { 'Content-Disposition': `attachment; filename="switchyard-policies-${stamp}.json"`, 'Cache-Control': 'no-store' },
    });
  });
}
