import { EdgeRedParams } from '@/lib/schemas/api-params';
import { container } from '@/server/container';
import { handle, parseParams } from '@/server/runtime/http';
import { edgeRedSeries } from '@/server/services/edge-red-series';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return handle('edge_red', async () => {
    const { width, source, target, ...range } = parseParams(EdgeRedParams, new URL(req.url).searchParams);
    return edgeRedSeries(container(), { source, target }, range, width, Date.now(), req.signal);
  });
}
