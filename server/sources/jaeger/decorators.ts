import 'server-only';
import type { QueryCache } from '@/server/runtime/cache';
import { observed } from '@/server/runtime/observed';
import type { TraceSource } from './port';

/** Records latency and errors of every call in the BFF's own metrics. */
export function instrumented(inner: TraceSource): TraceSource {
  return {
    name: inner.name,
    dependencies: (o) => observed(inner.name, 'dependencies', () => inner.dependencies(o)),
    close: () => inner.close(),
  };
}

/**
 * Coalesces and caches calls, like the Prometheus decorator: the topology aligns its window to the
 * cache TTL, so every viewer of a live map within one slot shares one Jaeger call.
 */
export function cached(inner: TraceSource, cache: QueryCache): TraceSource {
  return {
    name: inner.name,
    dependencies: ({ startMs, endMs, signal }) => cache.get(`deps|${inner.name}|${startMs}|${endMs}`, () => inner.dependencies({ startMs, endMs }), signal),
    close: () => inner.close(),
  };
}
