/**
 * A synthetic OTel-instrumented fleet as OpenMetrics for promtool backfill: `services` services, each
 * with server histograms (200 and 500) and client histograms to two callees, tagged fleet=<name> so
 * fleets of different sizes can share one Prometheus and be told apart by a profile matcher.
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export interface FleetSpec {
  fleet: string;
  services: number;
}

export function syntheticOpenMetrics(fleets: FleetSpec[], endS: number, spanS: number, stepS: number): string {
  const out: string[] = [];
  const times: number[] = [];
  for (let t = endS - spanS; t <= endS; t += stepS) times.push(t);
  const families: Array<{ name: string; kind: 'server' | 'client' }> = [
    { name: 'http_server_request_duration_seconds', kind: 'server' },
    { name: 'http_client_request_duration_seconds', kind: 'client' },
  ];
  for (const fam of families) {
    out.push(`# TYPE ${fam.name} histogram`);
    for (const f of fleets) {
      for (let i = 0; i < f.services; i++) {
        const job = `svc-${i}`;
        const peers = fam.kind === 'server' ? [null] : [`svc-${(i + 1) % f.services}`, `svc-${(i + 7) % f.services}`];
        for (const peer of peers) {
          for (const code of ['200', '500']) {
            const rate = code === '200' ? 1 + (i % 10) : 0.01 * (1 + (i % 3));
            const base = `fleet="${f.fleet}",job="${job}",instance="10.0.${i >> 8}.${i & 255}:8080",http_response_status_code="${code}"${peer ? `,peer_service="${peer}",error_type="${code === '500' ? '500' : ''}"` : ''}`;
            const labels = base.replace(',error_type=""', '');
            const series = (suffix: string, extra: string, perS: number) => {
              for (const t of times) out.push(`${fam.name}${suffix}{${labels}${extra}} ${(perS * (t - times[0]!)).toFixed(6)} ${t}`);
            };
            BUCKETS.forEach((le, k) => series('_bucket', `,le="${le}"`, (rate * (k + 1)) / (BUCKETS.length + 1)));
            series('_bucket', ',le="+Inf"', rate);
            series('_count', '', rate);
            series('_sum', '', rate * 0.08);
          }
        }
      }
    }
  }
  out.push('# EOF');
  return out.join('\n') + '\n';
}
