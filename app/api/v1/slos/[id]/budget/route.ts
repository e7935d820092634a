import { SloAtParams } from '@/lib/schemas/slo-api';
import { container } from '@/server/container';
import { handle, parseParams } from '@/server/runtime/http';
import { parseSloId, sloBudget } from '@/server/slo/views';

export const dynamic = 'force-dynamic';

export function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle('slo_budget', async () => {
    const id = parseSloId((await ctx.params).id);
    const params = parseParams(SloAtParams, new URL(req.url).searchParams);
    return sloBudget(container(), id, params, Date.now(), req.signal);
  });
}
