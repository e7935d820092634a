import 'server-only';
import { envoyExport, istioExport } from '@/lib/policy/mesh-export';
import type { Policy } from '@/lib/schemas/policy';
import type { Container } from '@/server/container';
import { InputError } from '@/server/runtime/errors';
import { ErrorList } from '@/server/services/source-errors';
import { instanceCount } from './instances';

/**
 * GET /api/v1/policies/<id>/export?format=istio|envoy as YAML text (lib/policy/mesh-export.ts). A
 * `global` rate limit is divided by the instances the registry (or the scrape targets) list now.
 */
export async function meshExport(c: Container, p: Policy, format: 'istio' | 'envoy', nowMs: number, signal?: AbortSignal): Promise<Response> {
  let text: string;
  if (format === 'istio') text = istioExport(p).text;
  else {
    const rl = p.spec.rateLimit;
    if (!rl) throw new InputError(`format: ${p.id} has no rate limit, and the Envoy export renders rate limits only (format=istio renders its breaker)`, 'format');
    const t = p.spec.target;
    const n = rl.scope === 'global' ? await instanceCount(c, t.kind === 'service' ? t.service : t.source, nowMs, new ErrorList(), signal) : null;
    text = envoyExport(p, n && n.from !== null ? n.count : null)!.text;
  }
  const file = `${p.id.replace(/[^A-Za-z0-9._-]+/g, '_')}.${format}.yaml`;
  return new Response(text, { headers: { 'Content-Type': 'application/yaml; charset=utf-8', 'Content-Disposition': `inline; filename="${file}"`, 'Cache-Control': 'no-store' } });
}
