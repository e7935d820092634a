import 'server-only';
import type { DependencyLink } from '@/lib/schemas/traces';

/**
 * One link per (parent, child), call counts added up. Jaeger's HTTP handler already does this; its gRPC
 * handler passes on what storage returns, and stores of precomputed dependencies (Cassandra,
 * Elasticsearch) can repeat a link once per stored batch.
 */
export function sumLinks(links: Iterable<DependencyLink>): DependencyLink[] {
  const out = new Map<string, DependencyLink>();
  for (const l of links) {
    const key = `${l.parent}\u0000${l.child}`;
    const found = out.get(key);
    if (found) found.callCount += l.callCount;
    else out.set(key, { ...l });
  }
  return [...out.values()];
}
