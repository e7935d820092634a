import 'server-only';

/**
 * A known history for the real test Prometheus (and VictoriaMetrics): three hours ending at `endS`, one
 * sample every 15 s, every counter growing linearly from zero at a constant per-second rate, so rate()
 * and increase() over any window inside it are exact. The same fleet is rendered in all three metric
 * schemas (OTel HTTP, OTel service graph, Istio), so every profile must report the same numbers.
 * Expected values in tests come from FLEET and expectedQuantile(), never from PromQL.
 */
export const STEP_S = 15;
export const SPAN_S = 3 * 3600;

/** Cumulative fraction of requests at or below each finite bucket bound (seconds). */
export type Distribution = Array<[le: number, cumulativeFraction: number]>;

export interface FixtureService {
  name: string;
  instances: string[];
  okRate: number; // req/s, all instances together
  errRate: number; // 5xx req/s
  latency: Distribution;
}

export interface FixtureEdge {
  client: string;
  server: string;
  okRate: number;
  errRate: number;
  latency: Distribution;
}

export const LE_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const dist = (fracs: number[]): Distribution => LE_SECONDS.map((le, i) => [le, fracs[Math.min(i, fracs.length - 1)]!]);

export const HOSTILE = 'we"ird\\svc';

export const FLEET: { services: FixtureService[]; edges: FixtureEdge[] } = {
  services: [
    { name: 'frontend', instances: ['10.0.0.1:8080', '10.0.0.2:8080'], okRate: 12, errRate: 0.12, latency: dist([0.05, 0.2, 0.5, 0.7, 0.8, 0.9, 0.97, 0.99, 1]) },
    { name: 'checkout', instances: ['10.0.0.3:8080'], okRate: 4, errRate: 0.02, latency: dist([0, 0.1, 0.3, 0.6, 0.75, 0.85, 0.95, 0.98, 0.995, 1]) },
    { name: 'payments', instances: ['10.0.0.4:8080'], okRate: 2.5, errRate: 0.5, latency: dist([0, 0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 0.99, 1]) },
    { name: 'catalog', instances: ['10.0.0.5:8080'], okRate: 8, errRate: 0, latency: dist([0.3, 0.6, 0.9, 0.98, 1]) },
    { name: HOSTILE, instances: ['10.0.0.6:8080'], okRate: 0.5, errRate: 0.05, latency: dist([0.5, 1]) },
  ],
  edges: [
    { client: 'frontend', server: 'checkout', okRate: 4, errRate: 0.02, latency: dist([0, 0.1, 0.3, 0.6, 0.75, 0.85, 0.95, 0.98, 0.995, 1]) },
    { client: 'frontend', server: 'catalog', okRate: 8, errRate: 0, latency: dist([0.3, 0.6, 0.9, 0.98, 1]) },
    { client: 'checkout', server: 'payments', okRate: 2.5, errRate: 0.5, latency: dist([0, 0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 0.99, 1]) },
  ],
};

/**
 * Policy state the fleet's policy clients export (demo/policy-client/policy-metrics.ts): checkout's
 * breaker towards payments is open on its one instance and sheds 0.5 calls/s; catalog's inbound rate
 * limit rejects 0.25 calls/s. Read by the topology's policy badges (server/topology/enrich/).
 */
export const POLICY_FIXTURE = {
  breaker: { source: 'checkout', target: 'payments', instance: '10.0.0.3:8080', state: 'open', rejectedPerSecond: 0.5 },
  limited: { service: 'catalog', instance: '10.0.0.5:8080', rejectedPerSecond: 0.25 },
} as const;

/** The service-graph connector also records root spans as calls from the virtual client "user". */
export const ROOT_EDGE: FixtureEdge = { client: 'user', server: 'frontend', okRate: 12, errRate: 0.12, latency: FLEET.services[0]!.latency };

/** histogram_quantile as Prometheus documents it: linear inside the bucket, 0 as the first lower bound,
 * and the last finite bound when the rank falls into +Inf. */
export function expectedQuantile(q: number, d: Distribution): number {
  const rank = q; // fractions are already normalised to a total of 1
  let prevLe = 0;
  let prevFrac = 0;
  for (const [le, frac] of d) {
    if (frac >= rank) return prevLe + ((le - prevLe) * (rank - prevFrac)) / (frac - prevFrac);
    prevLe = le;
    prevFrac = frac;
  }
  return prevLe;
}

export const expectedErrorRatio = (s: { okRate: number; errRate: number }) => s.errRate / (s.okRate + s.errRate);

// ---- rendering ----

type Labels = Record<string, string>;
interface Series {
  labels: Labels;
  perSecond: number;
}
interface Family {
  name: string;
  type: 'counter' | 'histogram' | 'gauge';
  series: Series[];
}

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (l: Labels) => Object.entries(l).map(([k, v]) => `${k}="${esc(v)}"`).join(',');

/** Histogram series (buckets, count, sum) for `rate` req/s with distribution d, latencies scaled by `unit`. */
function histogram(labels: Labels, rate: number, d: Distribution, unit: number): Array<{ suffix: string; s: Series }> {
  const out: Array<{ suffix: string; s: Series }> = d.map(([le, frac]) => ({ suffix: '_bucket', s: { labels: { ...labels, le: String(le * unit) }, perSecond: rate * frac } }));
  out.push({ suffix: '_bucket', s: { labels: { ...labels, le: '+Inf' }, perSecond: rate } });
  out.push({ suffix: '_count', s: { labels, perSecond: rate } });
  out.push({ suffix: '_sum', s: { labels, perSecond: rate * 0.05 * unit } });
  return out;
}

function families(): Array<{ family: Family; samples: Array<{ name: string; s: Series }> }> {
  const out: Array<{ family: Family; samples: Array<{ name: string; s: Series }> }> = [];
  const hist = (name: string, rows: Array<{ labels: Labels; rate: number; d: Distribution; unit?: number }>) => {
    out.push({
      family: { name, type: 'histogram', series: [] },
      samples: rows.flatMap((r) => histogram(r.labels, r.rate, r.d, r.unit ?? 1).map(({ suffix, s }) => ({ name: name + suffix, s }))),
    });
  };
  const counter = (name: string, rows: Series[]) => out.push({ family: { name, type: 'counter', series: rows }, samples: rows.map((s) => ({ name: `${name}_total`, s })) });

  const perInstance = FLEET.services.flatMap((svc) =>
    svc.instances.flatMap((instance) =>
      (['200', '500'] as const).map((code) => ({ svc, instance, code, rate: (code === '200' ? svc.okRate : svc.errRate) / svc.instances.length })),
    ),
  );
  hist(
    'http_server_request_duration_seconds',
    perInstance.map((r) => ({ labels: { job: r.svc.name, instance: r.instance, http_request_method: 'GET', http_route: '/api', http_response_status_code: r.code }, rate: r.rate, d: r.svc.latency })),
  );
  const edgeRows = FLEET.edges.flatMap((e) => (['200', '500'] as const).map((code) => ({ e, code, rate: code === '200' ? e.okRate : e.errRate })));
  hist(
    'http_client_request_duration_seconds',
    edgeRows.map(({ e, code, rate }) => ({
      labels: { job: e.client, peer_service: e.server, http_request_method: 'GET', http_response_status_code: code, ...(code === '500' ? { error_type: '500' } : {}) },
      rate,
      d: e.latency,
    })),
  );
  const graphEdges = [...FLEET.edges, ROOT_EDGE];
  counter('traces_service_graph_request', graphEdges.map((e) => ({ labels: { client: e.client, server: e.server }, perSecond: e.okRate + e.errRate })));
  counter('traces_service_graph_request_failed', graphEdges.map((e) => ({ labels: { client: e.client, server: e.server }, perSecond: e.errRate })));
  hist('traces_service_graph_request_server_seconds', graphEdges.map((e) => ({ labels: { client: e.client, server: e.server }, rate: e.okRate + e.errRate, d: e.latency })));
  const istio = FLEET.edges.flatMap((e) =>
    (['source', 'destination'] as const).flatMap((reporter) =>
      (['200', '503'] as const).map((code) => ({
        labels: { reporter, source_workload: e.client, source_workload_namespace: 'shop', destination_workload: e.server, destination_workload_namespace: 'shop', destination_service_name: e.server, response_code: code, request_protocol: 'http' },
        rate: code === '200' ? e.okRate : e.errRate,
        d: e.latency,
      })),
    ),
  );
  counter('istio_requests', istio.map((r) => ({ labels: r.labels, perSecond: r.rate })));
  hist('istio_request_duration_milliseconds', istio.map((r) => ({ ...r, unit: 1000 })));
  const { breaker, limited } = POLICY_FIXTURE;
  out.push({
    family: { name: 'switchyard_breaker_state', type: 'gauge', series: [] },
    samples: (['closed', 'open', 'half-open'] as const).map((state) => ({
      name: 'switchyard_breaker_state',
      // perSecond −1 renders a constant 1, 0 a constant 0 (see value()).
      s: { labels: { job: breaker.source, instance: breaker.instance, source: breaker.source, target: breaker.target, state }, perSecond: state === breaker.state ? -1 : 0 },
    })),
  });
  counter('switchyard_breaker_rejected', [{ labels: { job: breaker.source, instance: breaker.instance, source: breaker.source, target: breaker.target }, perSecond: breaker.rejectedPerSecond }]);
  counter('switchyard_ratelimit_rejected', [{ labels: { job: limited.service, instance: limited.instance, service: limited.service }, perSecond: limited.rejectedPerSecond }]);
  out.push({
    family: { name: 'up', type: 'gauge', series: [] },
    samples: FLEET.services.flatMap((svc) => svc.instances.map((instance) => ({ name: 'up', s: { labels: { job: svc.name, instance }, perSecond: -1 } }))),
  });
  return out;
}

function times(endS: number): number[] {
  const t: number[] = [];
  for (let s = endS - SPAN_S; s <= endS; s += STEP_S) t.push(s);
  return t;
}

const value = (s: Series, t: number, startS: number) => (s.perSecond < 0 ? 1 : s.perSecond * (t - startS));

/** OpenMetrics for `promtool tsdb create-blocks-from openmetrics` (seconds, families contiguous, # EOF). */
export function toOpenMetrics(endS: number): string {
  const ts = times(endS);
  const lines: string[] = [];
  for (const { family, samples } of families()) {
    lines.push(`# TYPE ${family.name} ${family.type}`);
    for (const { name, s } of samples) {
      const l = labelText(s.labels);
      for (const t of ts) lines.push(`${name}${l ? `{${l}}` : ''} ${+value(s, t, ts[0]!).toFixed(6)} ${t}`);
    }
  }
  lines.push('# EOF');
  return lines.join('\n') + '\n';
}

/** Prometheus text format with millisecond timestamps, for VictoriaMetrics /api/v1/import/prometheus. */
export function toPromTextWithMs(endS: number): string {
  const ts = times(endS);
  const lines: string[] = [];
  for (const { samples } of families()) {
    for (const { name, s } of samples) {
      const l = labelText(s.labels);
      for (const t of ts) lines.push(`${name}${l ? `{${l}}` : ''} ${+value(s, t, ts[0]!).toFixed(6)} ${t * 1000}`);
    }
  }
  return lines.join('\n') + '\n';
}
