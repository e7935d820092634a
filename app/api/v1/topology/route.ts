import { TopologyParams } from '@/lib/schemas/topology';
import { container } from '@/server/container';
import { handle, parseParams } from '@/server/runtime/http';
import { buildTopology } from '@/server/topology/build-topology';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return handle('topology', () => {
    const params = parseParams(TopologyParams, new URL(req.url).searchParams);
    return buildTopology(container(), params, Date.now(), req.signal);
  });
}
