import { StatsParams } from '@/lib/schemas/api-params';
import { container } from '@/server/container';
import { handle, parseParams, serviceName } from '@/server/runtime/http';
import { serviceDetail } from '@/server/services/service-detail';

export const dynamic = 'force-dynamic';

export function GET(req: Request, ctx: { params: Promise<{ name: string }> }) {
  return handle('service', async () => {
    const name = serviceName((await ctx.params).name);
    const params = parseParams(StatsParams, new URL(req.url).searchParams);
    return serviceDetail(container(), name, params, Date.now(), req.signal);
  });
}
