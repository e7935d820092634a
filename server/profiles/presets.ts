import 'server-only';
import type { ProfileKind, ProfileSpec, SwitchyardConfig } from '@/lib/schemas/config';
import { ProfileSpec as ProfileSpecSchema } from '@/lib/schemas/config';

/**
 * The metric schemas fleets already emit (see shared/reference/backend-apis.md §11).
 *
 * - otel-http: OpenTelemetry HTTP semantic-convention histograms as Prometheus names them. job =
 *   service.name; the callee of a client span is `peer_service` (OTel `peer.service`). Server errors
 *   are 5xx; client errors are any call with `error.type` set (5xx, refused, timed out).
 * - service-graph: the OTel collector servicegraph connector / Tempo metrics-generator. Service RED is
 *   the server side of every edge (including the virtual "user" client of root spans).
 * - istio: Istio standard metrics. Service RED comes from the destination proxy (what the service
 *   itself saw); edges from the source proxy (what callers saw, including calls that never arrived).
 *   Latency is in milliseconds.
 */
export const PRESETS: Record<ProfileKind, ProfileSpec> = {
  'otel-http': {
    service: {
      requests: 'http_server_request_duration_seconds_count',
      errors: 'http_server_request_duration_seconds_count',
      errorMatchers: ['http_response_status_code=~"5.."'],
      buckets: 'http_server_request_duration_seconds_bucket',
      latencyScale: 1,
      matchers: [],
      serviceLabel: 'job',
    },
    edge: {
      requests: 'http_client_request_duration_seconds_count',
      errors: 'http_client_request_duration_seconds_count',
      errorMatchers: ['error_type!=""'],
      buckets: 'http_client_request_duration_seconds_bucket',
      latencyScale: 1,
      matchers: [],
      clientLabel: 'job',
      serverLabel: 'peer_service',
    },
    up: { serviceLabel: 'job', instanceLabel: 'instance' },
  },
  'service-graph': {
    service: {
      requests: 'traces_service_graph_request_total',
      errors: 'traces_service_graph_request_failed_total',
      errorMatchers: [],
      buckets: 'traces_service_graph_request_server_seconds_bucket',
      latencyScale: 1,
      matchers: [],
      serviceLabel: 'server',
    },
    edge: {
      requests: 'traces_service_graph_request_total',
      errors: 'traces_service_graph_request_failed_total',
      errorMatchers: [],
      buckets: 'traces_service_graph_request_server_seconds_bucket',
      latencyScale: 1,
      matchers: [],
      clientLabel: 'client',
      serverLabel: 'server',
    },
    up: null,
  },
  istio: {
    service: {
      requests: 'istio_requests_total',
      errors: 'istio_requests_total',
      errorMatchers: ['response_code=~"5.."'],
      buckets: 'istio_request_duration_milliseconds_bucket',
      latencyScale: 0.001,
      matchers: ['reporter="destination"'],
      serviceLabel: 'destination_workload',
    },
    edge: {
      requests: 'istio_requests_total',
      errors: 'istio_requests_total',
      errorMatchers: ['response_code=~"5.."'],
      buckets: 'istio_request_duration_milliseconds_bucket',
      latencyScale: 0.001,
      matchers: ['reporter="source"'],
      clientLabel: 'source_workload',
      serverLabel: 'destination_workload',
    },
    up: null,
  },
};

/** The configured preset with the config's overrides applied. */
export function profileFromConfig(cfg: SwitchyardConfig['profile']): ProfileSpec {
  const base = PRESETS[cfg.kind];
  return ProfileSpecSchema.parse({
    service: { ...base.service, ...cfg.overrides.service },
    edge: { ...base.edge, ...cfg.overrides.edge },
    up: base.up,
  });
}
