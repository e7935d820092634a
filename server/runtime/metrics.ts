import 'server-only';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The BFF's own Prometheus metrics. Next compiles route handlers into separate module graphs, so a
 * module-level registry would be created several times; one registry lives on globalThis instead
 * (and prom-client is a serverExternalPackage, so every graph shares the same library instance).
 */
export interface BffMetrics {
  registry: Registry;
  upstreamDuration: Histogram<'source' | 'op' | 'outcome'>;
  upstreamErrors: Counter<'source' | 'kind'>;
  cacheRequests: Counter<'result'>;
  httpRequests: Counter<'route' | 'status'>;
}

const KEY = Symbol.for('switchyard.metrics');

export function bffMetrics(): BffMetrics {
  const g = globalThis as { [KEY]?: BffMetrics };
  if (g[KEY]) return g[KEY];
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'switchyard_' });
  const metrics: BffMetrics = {
    registry,
    upstreamDuration: new Histogram({
      name: 'switchyard_upstream_request_duration_seconds',
      help: 'Latency of calls from the BFF to its backends.',
      labelNames: ['source', 'op', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    upstreamErrors: new Counter({
      name: 'switchyard_upstream_errors_total',
      help: 'Failed calls from the BFF to its backends, by error kind.',
      labelNames: ['source', 'kind'],
      registers: [registry],
    }),
    cacheRequests: new Counter({
      name: 'switchyard_query_cache_requests_total',
      help: 'Query cache lookups: hit (fresh entry), coalesced (joined an in-flight call), miss.',
      labelNames: ['result'],
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: 'switchyard_http_requests_total',
      help: 'API requests served, by route and status.',
      labelNames: ['route', 'status'],
      registers: [registry],
    }),
  };
  g[KEY] = metrics;
  return metrics;
}
