import { SwitchyardConfig } from '@/lib/schemas/config';
import { buildContainer, type Container } from '@/server/container';
import { listServices } from '@/server/services/list-services';

export interface Recorded {
  container: Container;
  queries: string[];
}

/**
 * A BFF container for one synthetic fleet (selected by a profile matcher), with its Prometheus calls
 * recorded so the bench can count them and replay the same PromQL straight against Prometheus.
 */
export function fleetContainer(promUrl: string, fleet: string): Recorded {
  const matchers = [`fleet="${fleet}"`];
  const config = SwitchyardConfig.parse({
    prometheus: { url: promUrl, timeoutMs: 60_000 },
    profile: { kind: 'otel-http', overrides: { service: { matchers }, edge: { matchers } } },
    cache: { ttlMs: 0 }, // measure real work, not cache hits
  });
  const container = buildContainer(config);
  const queries: string[] = [];
  const inner = container.prometheus;
  container.prometheus = {
    ...inner,
    name: inner.name,
    instant: (q, o) => (queries.push(q), inner.instant(q, o)),
    range: (q, o) => (queries.push(q), inner.range(q, o)),
    series: inner.series, labelNames: inner.labelNames, labelValues: inner.labelValues,
    rules: inner.rules, alerts: inner.alerts, targets: inner.targets,
  };
  return { container, queries };
}

export async function servicesRefresh(r: Recorded, endMs: number) {
  r.queries.length = 0;
  const res = await listServices(r.container, { from: String(endMs - 5 * 60_000), to: String(endMs) }, endMs);
  if (res.errors.length) throw new Error(`services view failed: ${JSON.stringify(res.errors)}`);
  return res;
}

/** The same PromQL sent straight to Prometheus, in parallel, as the BFF sends it. */
export async function directRefresh(promUrl: string, queries: string[], timeS: number) {
  await Promise.all(
    queries.map(async (query) => {
      const res = await fetch(`${promUrl}/api/v1/query`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query, time: String(timeS) }),
      });
      const body = (await res.json()) as { status: string };
      if (body.status !== 'success') throw new Error(`direct query failed: ${query}`);
    }),
  );
}
