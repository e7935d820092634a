/**
 * A synthetic OTel-instrumented fleet as OpenMetrics for promtool backfill: `services` services, each
 * with server histograms (200 and 500) and an `up` series, tagged fleet=<name> so fleets of different
 * sizes share one Prometheus and are told apart by a profile matcher. Only what the services view
 * queries is generated, to keep the backfill small.
 */
const BUCKETS = [0.01, 0.05, 0.1, 0.5, 1];

export interface FleetSpec {
  fleet: string;
  services: number;
}

export function syntheticOpenMetrics(fleets: FleetSpec[], endS: number, spanS: number, stepS: number): string {
  const out: string[] = [];
  const times: number[] = [];
  for (let t = endS - spanS; t <= endS; t += stepS) times.push(t);
  const name = 'http_server_request_duration_seconds';
  out.push(`# TYPE ${name} histogram`);
  for (const f of fleets) {
    for (let i = 0; i < f.services; i++) {
      for (const code of ['200', '500']) {
        const rate = code === '200' ? 1 + (i % 10) : 0.01 * (1 + (i % 3));
        const labels = `fleet="${f.fleet}",job="svc-${i}",instance="10.0.${i >> 8}.${i & 255}:8080",http_response_status_code="${code}"`;
        const series = (suffix: string, extra: string, perS: number) => {
          for (const t of times) out.push(`${name}${suffix}{${labels}${extra}} ${(perS * (t - times[0]!)).toFixed(6)} ${t}`);
        };
        BUCKETS.forEach((le, k) => series('_bucket', `,le="${le}"`, (rate * (k + 1)) / (BUCKETS.length + 1)));
        series('_bucket', ',le="+Inf"', rate);
        series('_count', '', rate);
        series('_sum', '', rate * 0.08);
      }
    }
  }
  out.push('# TYPE up gauge');
  for (const f of fleets) {
    for (let i = 0; i < f.services; i++) {
      for (const t of times) out.push(`up{fleet="${f.fleet}",job="svc-${i}",instance="10.0.${i >> 8}.${i & 255}:8080"} 1 ${t}`);
    }
  }
  out.push('# EOF');
  return out.join('\n') + '\n';
}
