import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The OpenTelemetry HTTP semantic-convention histograms under the names Prometheus gives them
 * (`http.server.request.duration` → `http_server_request_duration_seconds`). No `job`/`service` label:
 * Prometheus sets `job` from the file_sd target, exactly as it does for a real OTel-instrumented fleet.
 */

/** OTel's default explicit bucket boundaries for HTTP durations, in seconds. */
export const OTEL_HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const server = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Duration of HTTP server requests.',
    labelNames: ['http_request_method', 'http_route', 'http_response_status_code'] as const,
    buckets: OTEL_HTTP_BUCKETS,
    registers: [registry],
  });
  const client = new Histogram({
    name: 'http_client_request_duration_seconds',
    help: 'Duration of HTTP client requests.',
    // error_type is "" on success, so one series family carries both outcomes and
    // `error_type!=""` selects the failures.
    labelNames: ['peer_service', 'http_request_method', 'http_response_status_code', 'error_type'] as const,
    buckets: OTEL_HTTP_BUCKETS,
    registers: [registry],
  });
  return { registry, server, client };
}

export type Metrics = ReturnType<typeof createMetrics>;
