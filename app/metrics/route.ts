import { bffMetrics } from '@/server/runtime/metrics';

export const dynamic = 'force-dynamic';

/** The BFF's own metrics in Prometheus text format. */
export async function GET() {
  const { registry } = bffMetrics();
  return new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType } });
}
