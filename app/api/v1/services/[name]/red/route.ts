import { RedParams } from '@/lib/schemas/api-params';
import { container } from '@/server/container';
import { handle, parseParams, serviceName } from '@/server/runtime/http';
import { redSeries } from '@/server/services/red-series';

export const dynamic = 'force-dynamic';

export function GET(req: Request, ctx: { params: Promise<{ name: string }> }) {
  return handle('service_red', async () => {
    const name = serviceName((await ctx.params).name);
    const { width, ...range } = parseParams(RedParams, new URL(req.url).searchParams);
    return redSeries(container(), name, range, width, Date.now(), req.signal);
  });
}
