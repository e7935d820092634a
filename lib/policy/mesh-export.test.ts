import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { PolicySpec } from '../schemas/policy';
import { consecutiveErrorsFor, envoyExport, istioExport, resourceName, tokenBucketFill } from './mesh-export';

const edge = { kind: 'edge', source: 'checkout', target: 'payments' } as const;
const subject = (spec: unknown, id = 'edge:checkout>payments') => ({ id, version: 4, spec: PolicySpec.parse(spec) });
/** Parsed YAML, indexable at any depth (the tests compare whole objects). */
interface Doc {
  [key: string]: Doc;
}
const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Doc);

describe('tokenBucketFill', () => {
  it('finds the fewest whole tokens per whole-millisecond interval of at least 50 ms', () => {
    expect(tokenBucketFill(3)).toEqual({ tokensPerFill: 3, fillIntervalS: 1 }); // 1 per 333.3… ms is not whole
    expect(tokenBucketFill(12.5)).toEqual({ tokensPerFill: 1, fillIntervalS: 0.08 });
    expect(tokenBucketFill(0.01)).toEqual({ tokensPerFill: 1, fillIntervalS: 100 });
    expect(tokenBucketFill(100)).toEqual({ tokensPerFill: 5, fillIntervalS: 0.05 }); // 1 per 10 ms is under 50 ms
    expect(tokenBucketFill(7)).toEqual({ tokensPerFill: 7, fillIntervalS: 1 });
  });
});

describe('istioExport', () => {
  it('renders an auto breaker as outlierDetection and the burst as a connectionPool cap', () => {
    const spec = {
      target: edge,
      circuitBreaker: { failureRateThreshold: 0.25, minimumCalls: 40, slidingWindow: { kind: 'time', seconds: 20 }, openDurationMs: 15_000 },
      rateLimit: { ratePerSecond: 50, burst: 80 },
    };
    const out = istioExport(subject(spec));
    const [dr, ...rest] = docs(out.text);
    expect(rest).toEqual([]);
    expect(dr).toEqual({
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'DestinationRule',
      metadata: { name: 'switchyard-edge-checkout-payments', annotations: { 'switchyard.dev/policy': 'edge:checkout>payments', 'switchyard.dev/version': '4' } },
      spec: {
        host: 'payments',
        workloadSelector: { matchLabels: { app: 'checkout' } },
        trafficPolicy: {
          // 0.25 × 40 = 10 consecutive 5xx; the time window is the sweep interval; 15 s open.
          outlierDetection: { consecutive5xxErrors: 10, interval: '20s', baseEjectionTime: '15s', maxEjectionPercent: 100, minHealthPercent: 0 },
          connectionPool: { http: { http2MaxRequests: 80, http1MaxPendingRequests: 80 } },
        },
      },
    });
    expect(out.notes.join('\n')).toMatch(/half-open probes/);
    expect(out.notes.join('\n')).toMatch(/cannot express a rate/);
    expect(out.text.startsWith('# Istio configuration for Switchyard policy edge:checkout>payments (version 4).')).toBe(true);
  });

  it('caps minimumCalls at a count window, and needs at least one error', () => {
    const cb = (o: object) => PolicySpec.parse({ target: edge, circuitBreaker: o }).circuitBreaker!;
    expect(consecutiveErrorsFor(cb({ failureRateThreshold: 0.5, minimumCalls: 200, slidingWindow: { kind: 'count', size: 30 } }))).toBe(15);
    expect(consecutiveErrorsFor(cb({ failureRateThreshold: 0.01, minimumCalls: 5 }))).toBe(1);
    expect(consecutiveErrorsFor(cb({ failureRateThreshold: 0.3, minimumCalls: 10 }))).toBe(3);
  });

  it('renders force-open as a VirtualService aborting the caller’s calls with 503, others routed', () => {
    const [dr, vs] = docs(istioExport(subject({ target: edge, circuitBreaker: { mode: 'force-open' } })).text);
    expect(dr!.spec!.trafficPolicy).toEqual({});
    expect(vs).toMatchObject({
      kind: 'VirtualService',
      spec: {
        hosts: ['payments'],
        http: [
          { match: [{ sourceLabels: { app: 'checkout' } }], fault: { abort: { httpStatus: 503, percentage: { value: 100 } } }, route: [{ destination: { host: 'payments' } }] },
          { route: [{ destination: { host: 'payments' } }] },
        ],
      },
    });
  });

  it('an inbound policy targets the service host for every caller, with no workloadSelector', () => {
    const [dr, vs] = docs(istioExport(subject({ target: { kind: 'service', service: 'cart' }, circuitBreaker: { mode: 'force-open' } }, 'service:cart')).text);
    expect(dr).toMatchObject({ metadata: { name: 'switchyard-service-cart' }, spec: { host: 'cart' } });
    expect(dr!.spec).not.toHaveProperty('workloadSelector');
    expect(vs!.spec!.http).toEqual([{ fault: { abort: { httpStatus: 503, percentage: { value: 100 } } }, route: [{ destination: { host: 'cart' } }] }]);
  });
});

describe('envoyExport', () => {
  it('renders the token bucket with max_tokens = burst, the rate as fill, enabled and enforced at 100 %', () => {
    const out = envoyExport(subject({ target: { kind: 'service', service: 'cart' }, rateLimit: { ratePerSecond: 3, burst: 10 } }, 'service:cart'), null)!;
    const [filter] = docs(out.text);
    const pct = (key: string) => ({ runtime_key: key, default_value: { numerator: 100, denominator: 'HUNDRED' } });
    expect(filter).toEqual({
      name: 'envoy.filters.http.local_ratelimit',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
        stat_prefix: 'switchyard_service_cart',
        token_bucket: { max_tokens: 10, tokens_per_fill: 3, fill_interval: '1s' },
        filter_enabled: pct('switchyard_service_cart_enabled'),
        filter_enforced: pct('switchyard_service_cart_enforced'),
        response_headers_to_add: [
          { append_action: 'OVERWRITE_IF_EXISTS_OR_ADD', header: { key: 'x-switchyard-rejected', value: 'rate-limit' } },
          { append_action: 'OVERWRITE_IF_EXISTS_OR_ADD', header: { key: 'retry-after', value: '1' } },
        ],
      },
    });
  });

  it('divides a global rate among the instances, and turns a disabled limit off', () => {
    const global = subject({ target: edge, rateLimit: { ratePerSecond: 20, burst: 5, scope: 'global' } });
    const [f4] = docs(envoyExport(global, 4)!.text);
    expect(f4!.typed_config!.token_bucket).toEqual({ max_tokens: 5, tokens_per_fill: 1, fill_interval: '0.2s' }); // 5/s each
    expect(envoyExport(global, null)!.notes.join('\n')).toMatch(/instance count is unknown/);
    const off = envoyExport(subject({ target: edge, rateLimit: { ratePerSecond: 20, burst: 5, enabled: false } }), 1)!;
    const [f] = docs(off.text);
    expect(f!.typed_config!.filter_enabled!.default_value!.numerator).toBe(0);
  });

  it('has nothing to render without a rate limit', () => {
    expect(envoyExport(subject({ target: edge, circuitBreaker: {} }), 1)).toBeNull();
  });

  it('makes DNS-1123 names', () => {
    expect(resourceName('edge:we.b/app>Pay_Ments')).toBe('switchyard-edge-we-b-app-pay-ments');
    expect(resourceName(`service:${'x'.repeat(80)}`).length).toBe(63);
  });
});
