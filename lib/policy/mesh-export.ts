import { stringify } from 'yaml';
import type { CircuitBreakerSpec, PolicySpec, RateLimitSpec } from '../schemas/policy';

/**
 * A policy as mesh configuration, for fleets whose sidecars enforce it (docs/policies.md, "Mesh
 * export"; field facts in shared/reference/backend-apis.md §10). What the mesh cannot express is said
 * in `notes`, and in the text as comments, never silently dropped.
 *
 * Istio: the breaker becomes a DestinationRule's `outlierDetection` (Envoy ejects a failing *host*
 * after N consecutive 5xx; our breaker sheds *all* calls on a failure ratio), a force-open a
 * VirtualService aborting every call with 503, and a rate limit's burst a `connectionPool` cap on
 * requests in flight. Envoy: the rate limit becomes a `local_ratelimit` HTTP filter (token bucket
 * per Envoy process, i.e. per instance).
 */

export interface ExportSubject {
  id: string;
  version: number;
  spec: PolicySpec;
  deleted?: boolean;
}

export interface MeshExport {
  text: string;
  notes: string[];
}

/** A Kubernetes object name (DNS-1123 label) for the policy. */
export function resourceName(id: string): string {
  const name = `switchyard-${id}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-');
  return name.slice(0, 63).replace(/-+$/, '');
}

/**
 * The fewest failures that can open our breaker once it decides: failureRateThreshold of the
 * minimumCalls (capped at a count window's size) it needs. Outlier detection counts *consecutive* 5xx,
 * so this is the nearest number: a run of them opens both.
 */
export function consecutiveErrorsFor(cb: CircuitBreakerSpec): number {
  const minCalls = cb.slidingWindow.kind === 'count' ? Math.min(cb.minimumCalls, cb.slidingWindow.size) : cb.minimumCalls;
  return Math.max(1, Math.ceil(cb.failureRateThreshold * minCalls - 1e-9));
}

/** A protobuf JSON Duration ("30s", "1.5s"). */
const duration = (seconds: number) => `${+seconds.toFixed(9)}s`;

/**
 * Envoy's bucket gets `tokens_per_fill` tokens every `fill_interval` (≥ 50 ms). The smallest whole
 * number of tokens whose interval is ≥ 50 ms and a whole number of milliseconds, so the rate is exact
 * (3/s: 3 tokens a second, not 1 every 0.333… s); failing that within 1,000 tries, nanoseconds.
 */
export function tokenBucketFill(ratePerSecond: number): { tokensPerFill: number; fillIntervalS: number } {
  const first = Math.max(1, Math.ceil(0.05 * ratePerSecond - 1e-9));
  for (let n = first; n < first + 1000; n++) {
    const ms = (n * 1000) / ratePerSecond;
    if (ms >= 50 && Math.abs(ms - Math.round(ms)) < 1e-6) return { tokensPerFill: n, fillIntervalS: Math.round(ms) / 1000 };
  }
  return { tokensPerFill: first, fillIntervalS: Math.round((first / ratePerSecond) * 1e9) / 1e9 };
}

const percent100 = (key: string) => ({ runtime_key: key, default_value: { numerator: 100, denominator: 'HUNDRED' } });

function ends(spec: PolicySpec): { host: string; source: string | null } {
  return spec.target.kind === 'service' ? { host: spec.target.service, source: null } : { host: spec.target.target, source: spec.target.source };
}

function header(p: ExportSubject, notes: string[], what: string): string {
  const lines = [`# ${what} for Switchyard policy ${p.id} (version ${p.version}).`];
  if (p.deleted) lines.push('# This policy is deleted in Switchyard: remove this configuration from the mesh.');
  for (const n of notes) lines.push(`# - ${n}`);
  return lines.join('\n') + '\n';
}

export function istioExport(p: ExportSubject): MeshExport {
  const { host, source } = ends(p.spec);
  const cb = p.spec.circuitBreaker;
  const rl = p.spec.rateLimit;
  const notes: string[] = [];
  const docs: object[] = [];
  const name = resourceName(p.id);
  const metadata = { name, annotations: { 'switchyard.dev/policy': p.id, 'switchyard.dev/version': String(p.version) } };
  const trafficPolicy: Record<string, unknown> = {};

  if (source !== null) notes.push(`applies to the calls of ${source} only through workloadSelector (pods labelled app=${source}), which needs an Istio version whose DestinationRule has workloadSelector; without it every caller of ${host} gets it`);
  else notes.push(`a DestinationRule acts in the callers' sidecars: every caller of ${host} applies it`);

  if (cb && cb.enabled && cb.mode === 'auto') {
    const n = consecutiveErrorsFor(cb);
    trafficPolicy.outlierDetection = {
      consecutive5xxErrors: n,
      interval: duration(cb.slidingWindow.kind === 'time' ? cb.slidingWindow.seconds : 10),
      baseEjectionTime: duration(cb.openDurationMs / 1000),
      maxEjectionPercent: 100,
      minHealthPercent: 0,
    };
    notes.push(
      `breaker → outlierDetection: ${n} consecutive 5xx eject one host of ${host} (failureRateThreshold ${cb.failureRateThreshold} × minimumCalls ${cb.minimumCalls}); our breaker opens for all calls on a failure ratio over its window`,
      `not expressible: the sliding window and minimumCalls (Envoy counts consecutive errors per host), the half-open probes (${cb.halfOpenProbes}; an ejected host comes back whole after baseEjectionTime × its ejection count), the slow-call threshold (no latency-based ejection)`,
    );
  } else if (cb && cb.enabled && cb.mode === 'force-closed') {
    notes.push('breaker forced closed: no outlierDetection, so no host is ever ejected');
  } else if (cb && !cb.enabled) {
    notes.push('breaker disabled: no outlierDetection');
  }

  if (rl && rl.enabled) {
    trafficPolicy.connectionPool = { http: { http2MaxRequests: rl.burst, http1MaxPendingRequests: rl.burst } };
    notes.push(`rate limit → connectionPool caps requests in flight at the burst (${rl.burst}); a DestinationRule cannot express a rate: use the Envoy export (format=envoy) for the ${rl.ratePerSecond}/s token bucket`);
  }

  docs.push({
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'DestinationRule',
    metadata,
    spec: { host, ...(source !== null ? { workloadSelector: { matchLabels: { app: source } } } : {}), trafficPolicy },
  });

  if (cb && cb.enabled && cb.mode === 'force-open') {
    const route = [{ destination: { host } }];
    const abort = { fault: { abort: { httpStatus: 503, percentage: { value: 100 } } }, route };
    docs.push({
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'VirtualService',
      metadata,
      spec: { hosts: [host], http: source !== null ? [{ match: [{ sourceLabels: { app: source } }], ...abort }, { route }] : [abort] },
    });
    notes.push(`breaker forced open → a VirtualService aborting ${source !== null ? `${source}'s` : 'every'} call to ${host} with 503 (outlierDetection cannot shed on demand); remove it to close`);
  }
  return { text: header(p, notes, 'Istio configuration') + docs.map((d) => stringify(d)).join('---\n'), notes };
}

/**
 * The Envoy local rate limit filter (one token bucket per Envoy, i.e. per instance), or null when the
 * policy has no rate limit. `instances` divides a `global` rate among the sidecars.
 */
export function envoyExport(p: ExportSubject, instances: number | null): MeshExport | null {
  const rl: RateLimitSpec | null = p.spec.rateLimit;
  if (!rl) return null;
  const { host, source } = ends(p.spec);
  const notes: string[] = [];
  let perInstance = rl.ratePerSecond;
  if (rl.scope === 'global') {
    if (instances !== null && instances > 0) {
      perInstance = rl.ratePerSecond / instances;
      notes.push(`scope global: ${rl.ratePerSecond}/s shared by the ${instances} instances the registry lists now, ${+perInstance.toFixed(6)}/s each; render again when that count changes (or use Envoy's global rate limit service)`);
    } else notes.push(`scope global, but the instance count is unknown: this is ${rl.ratePerSecond}/s per instance; divide by the instance count`);
  }
  const fill = tokenBucketFill(perInstance);
  const on = rl.enabled;
  if (!on) notes.push('the rate limit is disabled: filter_enabled and filter_enforced are 0 %');
  notes.push(
    source !== null
      ? `put it in ${source}'s sidecar, on the outbound route to ${host} (typed_per_filter_config), with the filter in its HTTP filter chain`
      : `put it in the HTTP filter chain of ${host}'s inbound listener`,
    `rejected calls get 429 with Retry-After: ${Math.ceil(fill.fillIntervalS)} (the fill interval; our client computes the wait per call)`,
  );
  const pct = (key: string) => (on ? percent100(key) : { runtime_key: key, default_value: { numerator: 0, denominator: 'HUNDRED' } });
  const prefix = resourceName(p.id).replace(/-/g, '_');
  const filter = {
    name: 'envoy.filters.http.local_ratelimit',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
      stat_prefix: prefix,
      token_bucket: { max_tokens: rl.burst, tokens_per_fill: fill.tokensPerFill, fill_interval: duration(fill.fillIntervalS) },
      filter_enabled: pct(`${prefix}_enabled`),
      filter_enforced: pct(`${prefix}_enforced`),
      response_headers_to_add: [
        { append_action: 'OVERWRITE_IF_EXISTS_OR_ADD', header: { key: 'x-switchyard-rejected', value: 'rate-limit' } },
        { append_action: 'OVERWRITE_IF_EXISTS_OR_ADD', header: { key: 'retry-after', value: String(Math.ceil(fill.fillIntervalS)) } },
      ],
    },
  };
  if (p.spec.circuitBreaker) notes.push('the circuit breaker is not part of this export: use format=istio');
  return { text: header(p, notes, 'Envoy local rate limit filter') + stringify(filter), notes };
}
