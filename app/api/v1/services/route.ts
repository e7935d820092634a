import { StatsParams } from '@/lib/schemas/api-params';
import { container } from '@/server/container';
import { handle, parseParams } from '@/server/runtime/http';
import { listServices } from '@/server/services/list-services';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return handle('services', () => {
    const params = parseParams(StatsParams, new URL(req.url).searchParams);
    return listServices(container(), params, Date.now(), req.signal);
  });
}
