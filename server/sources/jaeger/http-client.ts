import 'server-only';
import type { DependencyLink } from '@/lib/schemas/traces';
import { withDeadline } from '@/server/runtime/deadline';
import { badResponse, SourceFailure, statusKind } from '@/server/runtime/errors';
import { readJsonBody } from '@/server/runtime/json-body';
import { sumLinks } from './links';
import type { TraceSource } from './port';
import { WireDependencies, WireEnvelope } from './wire';

export interface JaegerHttpOptions {
  url: string;
  name?: string;
  timeoutMs: number;
}

/**
 * Jaeger's HTTP JSON API (port 16686, the one the Jaeger UI uses). `/api/dependencies` takes the end
 * and the lookback in milliseconds; it survives in Jaeger v2 after the search endpoints were removed.
 */
export function createJaegerHttpSource(opts: JaegerHttpOptions): TraceSource {
  const name = opts.name ?? 'jaeger';
  const base = opts.url.replace(/\/+$/, '');

  async function get(path: string, params: Record<string, string>, signal: AbortSignal | undefined): Promise<unknown> {
    return withDeadline(name, opts.timeoutMs, signal, async (sig) => {
      const res = await fetch(`${base}${path}?${new URLSearchParams(params)}`, { signal: sig, headers: { Accept: 'application/json' } });
      const env = WireEnvelope.safeParse(await readJsonBody(name, path, res));
      if (!env.success) throw badResponse(name, `${path} answered HTTP ${res.status} with something that is not a Jaeger API response`);
      if (!res.ok) {
        const msg = env.data.errors?.map((e) => e.msg).join('; ') || 'no error message';
        throw new SourceFailure(name, statusKind(res.status), `HTTP ${res.status}: ${msg}`);
      }
      return env.data.data;
    });
  }

  return {
    name,
    async dependencies({ startMs, endMs, signal }) {
      const endTs = Math.round(endMs);
      const data = await get('/api/dependencies', { endTs: String(endTs), lookback: String(Math.max(0, endTs - Math.round(startMs))) }, signal);
      const links = WireDependencies.safeParse(data);
      if (!links.success) throw badResponse(name, `/api/dependencies: unexpected data: ${links.error.issues[0]?.path.join('.')}: ${links.error.issues[0]?.message}`);
      return sumLinks(links.data.map((l): DependencyLink => ({ parent: l.parent, child: l.child, callCount: l.callCount })));
    },
    close() {},
  };
}
