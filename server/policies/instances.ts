import 'server-only';
import { upQuery } from '@/lib/promql/red';
import type { Container } from '@/server/container';
import type { ErrorList } from '@/server/services/source-errors';

export interface InstanceCount {
  count: number;
  /** Where the count came from; null: neither knew the service (count is then 1). */
  from: 'registry' | 'metrics' | null;
}

/**
 * How many instances of `service` run now: the registry's list (what a `global` rate limit is divided
 * by in the services themselves), else the scrape targets Prometheus has for it, else 1.
 */
export async function instanceCount(c: Pick<Container, 'registry' | 'prometheus' | 'profile'>, service: string, atMs: number, errors: ErrorList, signal?: AbortSignal): Promise<InstanceCount> {
  if (c.registry) {
    try {
      const n = (await c.registry.list(signal)).filter((i) => i.service === service).length;
      if (n > 0) return { count: n, from: 'registry' };
    } catch (err) {
      errors.add(err, c.registry.name);
    }
  }
  const q = upQuery(c.profile, service);
  if (q) {
    try {
      const n = (await c.prometheus.instant(q, { timeMs: atMs, signal })).length;
      if (n > 0) return { count: n, from: 'metrics' };
    } catch (err) {
      errors.add(err, c.prometheus.name);
    }
  }
  return { count: 1, from: null };
}
