import 'server-only';
import type { PrometheusSource } from './port';
import type { QueryCache } from '@/server/runtime/cache';
import { observed } from '@/server/runtime/observed';

type Op = 'instant' | 'range' | 'series' | 'labelNames' | 'labelValues' | 'rules' | 'alerts' | 'targets';
const OPS: Op[] = ['instant', 'range', 'series', 'labelNames', 'labelValues', 'rules', 'alerts', 'targets'];

/** Records latency and errors of every call in the BFF's own metrics (and, for the bench, counts them). */
export function instrumented(inner: PrometheusSource, onCall?: (op: Op, args: unknown[]) => void): PrometheusSource {
  const wrap = <F extends (...args: never[]) => Promise<unknown>>(op: Op, fn: F): F =>
    ((...args: Parameters<F>) => {
      onCall?.(op, args);
      return observed(inner.name, op, () => fn(...args));
    }) as F;
  const out = { name: inner.name } as PrometheusSource;
  for (const op of OPS) (out as unknown as Record<Op, unknown>)[op] = wrap(op, inner[op].bind(inner) as never);
  return out;
}

/**
 * Coalesces and caches queries. Keys are the exact request; callers align their times (see
 * server/services/window.ts) so that concurrent viewers of a live view produce identical keys.
 */
export function cached(inner: PrometheusSource, cache: QueryCache): PrometheusSource {
  return {
    name: inner.name,
    series: (m, o) => inner.series(m, o),
    labelNames: (o) => inner.labelNames(o),
    labelValues: (l, o) => inner.labelValues(l, o),
    rules: (o) => inner.rules(o),
    alerts: (o) => inner.alerts(o),
    targets: (o) => inner.targets(o),
    instant: (query, opts = {}) =>
      cache.get(`i|${inner.name}|${opts.timeMs ?? ''}|${query}`, () => inner.instant(query, { timeMs: opts.timeMs }), opts.signal),
    range: (query, opts) =>
      cache.get(
        `r|${inner.name}|${opts.startMs}|${opts.endMs}|${opts.stepMs}|${query}`,
        () => inner.range(query, { startMs: opts.startMs, endMs: opts.endMs, stepMs: opts.stepMs }),
        opts.signal,
      ),
  };
}
