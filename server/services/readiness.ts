import 'server-only';
import { container } from '@/server/container';
import { toSourceError } from './source-errors';

interface Check {
  ok: boolean;
  message?: string;
}

/**
 * Ready = the configuration is valid and the process can serve. A dead backend does not make the BFF
 * unready: pages still render with per-panel errors, and taking every replica out of a load balancer
 * because Prometheus blinked would turn a partial outage into a total one. The body reports each
 * backend so operators (and `npm run demo`) can see what is reachable.
 */
export async function readiness(signal?: AbortSignal): Promise<{ status: 'ready'; checks: Record<string, Check> }> {
  const c = container(); // throws ConfigError → 500 naming the bad key
  const probe = async (name: string, fn: () => Promise<unknown>): Promise<[string, Check]> => {
    try {
      await fn();
      return [name, { ok: true }];
    } catch (err) {
      const e = toSourceError(err, name);
      return [name, { ok: false, message: `${e.kind}: ${e.message}` }];
    }
  };
  const checks = await Promise.all([
    probe(c.prometheus.name, () => c.prometheus.instant('vector(1)', { signal })),
    ...(c.registry ? [probe(c.registry.name, () => c.registry!.services(signal))] : []),
    ...(c.traces ? [probe(c.traces.name, () => c.traces!.dependencies({ startMs: Date.now() - 60_000, endMs: Date.now(), signal }))] : []),
  ]);
  return { status: 'ready', checks: Object.fromEntries(checks) };
}
