import { RulesParams } from '@/lib/schemas/slo-rules';
import { container } from '@/server/container';
import { handle, parseParams } from '@/server/runtime/http';
import { sloRulesDownload } from '@/server/slo/rules-view';

export const dynamic = 'force-dynamic';

/** The generated Prometheus recording and alerting rules, as a file download (docs/slo.md). */
export function GET(req: Request) {
  return handle('slos/rules', async () => {
    const params = parseParams(RulesParams, new URL(req.url).searchParams);
    const file = sloRulesDownload(container(), params);
    return new Response(file.text, {
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        'Cache-Control': 'no-store',
      },
    });
  });
}
