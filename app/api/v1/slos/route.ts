import { SloListParams } from '@/lib/schemas/slo-api';
import { container } from '@/server/container';
import { handle, parseParams } from '@/server/runtime/http';
import { listSlos } from '@/server/slo/views';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return handle('slos', () => {
    const params = parseParams(SloListParams, new URL(req.url).searchParams);
    return listSlos(container(), params, Date.now(), req.signal);
  });
}
