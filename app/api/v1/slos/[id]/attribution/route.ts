import { SloAttributionParams } from '@/lib/schemas/slo-api';
import { container } from '@/server/container';
import { handle, parseParams } from '@/server/runtime/http';
import { parseSloId, sloAttributionView } from '@/server/slo/views';

export const dynamic = 'force-dynamic';

export function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle('slo_attribution', async () => {
    const id = parseSloId((await ctx.params).id);
    const params = parseParams(SloAttributionParams, new URL(req.url).searchParams);
    return sloAttributionView(container(), id, params, Date.now(), req.signal);
  });
}
