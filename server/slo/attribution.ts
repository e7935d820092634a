import 'server-only';
import type { Slo } from '@/lib/schemas/slo';
import type { AttributionWindow, SloAttribution } from '@/lib/schemas/slo-api';
import { attributionShares, calleeCallsQuery, serviceFailuresQuery, type CalleeCounts } from '@/lib/slo/attribution';
import { promMs } from '@/lib/slo/promql';
import { periodRange } from '@/lib/slo/rules';
import { ALERT_WINDOW_MS, sloWindowAt } from '@/lib/slo/windows';
import { ErrorList } from '@/server/services/source-errors';
import type { PromSample } from '@/server/sources/prometheus/port';
import type { SloDeps } from './compute';

/**
 * How much of an SLO's burn comes from each callee of its service, over the SLO window or an alert
 * window ending at t: two PromQL queries (lib/slo/attribution.ts explains the approximation).
 * A failing query leaves its side empty and reports the error; the panel says what is missing.
 */
export async function sloAttribution(deps: SloDeps, slo: Slo, window: AttributionWindow, tMs: number, signal?: AbortSignal): Promise<SloAttribution> {
  const t = Math.floor(tMs / 1000) * 1000;
  const errors = new ErrorList();
  let startMs: number;
  let range: string;
  if (window === 'slo') {
    startMs = sloWindowAt(slo.window, t).startMs;
    range = periodRange(slo) ?? promMs(t - startMs);
  } else {
    startMs = t - ALERT_WINDOW_MS[window];
    range = window;
  }
  // rate() over W × W seconds is increase() over W: the number of events.
  const seconds = (t - startMs) / 1000;
  const run = (query: string): Promise<PromSample[] | null> =>
    deps.prometheus.instant(query, { timeMs: t, signal }).catch((err: unknown) => {
      errors.add(err, deps.prometheus.name);
      return null;
    });
  const [edges, own] = await Promise.all([run(calleeCallsQuery(deps.profile, slo.service, range)), run(serviceFailuresQuery(deps.profile, slo.service, range))]);

  const serverLabel = deps.profile.edge.serverLabel;
  const byCallee = new Map<string, CalleeCounts>();
  for (const s of edges ?? []) {
    const callee = s.labels[serverLabel];
    const part = s.labels.part;
    if (callee === undefined || !Number.isFinite(s.value)) continue;
    const c = byCallee.get(callee) ?? { service: callee, calls: 0, failed: 0 };
    if (part === 'calls') c.calls = s.value * seconds;
    else if (part === 'failed') c.failed = s.value * seconds;
    byCallee.set(callee, c);
  }
  const ownValue = (part: string) => {
    const v = own?.find((s) => s.labels.part === part)?.value;
    return v === undefined || !Number.isFinite(v) ? null : v * seconds;
  };
  const serviceRequests = ownValue('requests');
  // Requests but no error series: nothing failed (the error counter is created on the first failure).
  const serviceFailed = ownValue('failed') ?? (serviceRequests !== null ? 0 : null);
  const callees = [...byCallee.values()].filter((c) => c.calls > 0 || c.failed > 0);
  const shares = attributionShares(slo.service, callees, serviceFailed);

  return { id: slo.id, service: slo.service, window, startMs, endMs: t, serviceRequests, serviceFailed, ...shares, errors: errors.toArray() };
}
