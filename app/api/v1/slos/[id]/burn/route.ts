import { SloBurnParams } from '@/lib/schemas/slo-api';
import { container } from '@/server/container';
import { handle, parseParams } from '@/server/runtime/http';
import { parseSloId, sloBurn } from '@/server/slo/views';

export const dynamic = 'force-dynamic';

export function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle('slo_burn', async () => {
    const id = parseSloId((await ctx.params).id);
    const params = parseParams(SloBurnParams, new URL(req.url).searchParams);
    return sloBurn(container(), id, params, Date.now(), req.signal);
  });
}
