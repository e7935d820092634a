import 'server-only';
import type { ProfileSpec, SwitchyardConfig } from '@/lib/schemas/config';
import { loadConfig } from './runtime/config';
import { QueryCache } from './runtime/cache';
import { bffMetrics } from './runtime/metrics';
import { profileFromConfig } from './profiles/presets';
import type { PrometheusSource } from './sources/prometheus/port';
import { createPrometheusSource } from './sources/prometheus/client';
import { cached, instrumented } from './sources/prometheus/decorators';
import type { RegistrySource } from './sources/registry/port';
import { createRegistry } from './sources/registry/factory';
import type { TraceSource } from './sources/jaeger/port';
import { createTraceSource } from './sources/jaeger/factory';
import { cached as cachedTraces, instrumented as instrumentedTraces } from './sources/jaeger/decorators';
import { createSpecStore, type SloStore } from './slo/spec-store';
import type { PolicyStore } from './policies/port';
import { createPolicyStore } from './policies/factory';
import { startPolicyWatch } from './policies/grpc/start';

/** Everything a request handler needs, wired once per process from the configuration. */
export interface Container {
  config: SwitchyardConfig;
  profile: ProfileSpec;
  prometheus: PrometheusSource;
  registry: RegistrySource | null;
  /** Jaeger, when configured. */
  traces: TraceSource | null;
  /** SLO specs from config.slo.paths, re-read when they change. */
  slos: SloStore;
  /** Circuit-breaker and rate-limit policies: etcd or the embedded file store (docs/policies.md). Lazy: no I/O until first used. */
  policies: PolicyStore;
  cache: QueryCache;
}

const KEY = Symbol.for('switchyard.container');

export function buildContainer(config: SwitchyardConfig): Container {
  const metrics = bffMetrics();
  const cache = new QueryCache(config.cache.ttlMs, (result) => metrics.cacheRequests.inc({ result }));
  const rawTraces = createTraceSource(config.jaeger);
  const raw = createPrometheusSource({ url: config.prometheus.url, timeoutMs: config.prometheus.timeoutMs, headers: config.prometheus.headers });
  return {
    config,
    profile: profileFromConfig(config.profile),
    // Cache outside the instrumentation: the upstream metrics then count only real backend calls.
    prometheus: cached(instrumented(raw), cache),
    registry: createRegistry(config.registry),
    traces: rawTraces && cachedTraces(instrumentedTraces(rawTraces), cache),
    slos: createSpecStore({ paths: config.slo.paths, editableFile: config.slo.editableFile }),
    policies: createPolicyStore(config),
    cache,
  };
}

/**
 * The process-wide container (globalThis, because Next loads route modules in separate graphs). Building
 * it also starts the gRPC PolicyWatch server when `grpc.listen` is set (once per process; see
 * server/policies/grpc/start.ts): the demo's first readiness check does that.
 */
export function container(): Container {
  const g = globalThis as { [KEY]?: Container };
  if (!g[KEY]) {
    const c = buildContainer(loadConfig());
    g[KEY] = c;
    void startPolicyWatch(c.policies, c.config.grpc.listen);
  }
  return g[KEY];
}
