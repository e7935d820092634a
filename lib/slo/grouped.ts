import type { ProfileSpec } from '../schemas/config';
import type { Slo } from '../schemas/slo';
import { escapeRegexValue } from '../promql/escape';
import { ERRORS, RATE, edgeStatQuery, serviceStatQuery, type RedStat } from '../promql/red';

/**
 * Availability SLOs from the metric profile, computed for all of them at once: one `sum by (service)`
 * (or by client and server) per window instead of one expression per SLO. With 500 service SLOs that
 * is 3 selectors instead of 1,000 in each of /slos's queries, which is what Prometheus spends its time
 * on. The numbers are the same as sloQueries() gives per SLO (and the recording rules record): the same
 * series summed in the same order, and `or 0 × total` per group where the per-SLO form has
 * `or vector(0)` (both give 0 errors when the error series is missing, and 0/0 without traffic).
 *
 * Ratio and latency SLOs are arbitrary PromQL and stay in the per-SLO batch (promql.ts batchQuery).
 */
export type ProfileGroup = 'service' | 'edge';

/** Batch ids of the grouped parts: SLO ids cannot contain "_", so these never collide with one. */
export const GROUP_IDS: Record<ProfileGroup, string> = { service: '__service', edge: '__edge' };

export function profileGroupOf(slo: Pick<Slo, 'indicator'>): ProfileGroup | null {
  if (slo.indicator.kind === 'service-availability') return 'service';
  if (slo.indicator.kind === 'edge-availability') return 'edge';
  return null;
}

/** The key of an SLO's series in its group's result: the service, or [client, server]. */
export function sloGroupKey(slo: Pick<Slo, 'indicator' | 'service'>): string {
  return slo.indicator.kind === 'edge-availability' ? JSON.stringify([slo.indicator.source, slo.service]) : slo.service;
}

/** The key of a result series (labels as Prometheus returned them). */
export function seriesGroupKey(group: ProfileGroup, profile: ProfileSpec, labels: Record<string, string>): string {
  return group === 'edge' ? JSON.stringify([labels[profile.edge.clientLabel] ?? '', labels[profile.edge.serverLabel] ?? '']) : (labels[profile.service.serviceLabel] ?? '');
}

const anyOf = (label: string, values: Iterable<string>) => `${label}=~"${[...new Set(values)].sort().map(escapeRegexValue).join('|')}"`;

export interface GroupedQueries {
  /** Failed events per service (or edge), 0 where the error series is missing but there is traffic. */
  bad(window: string): string;
  errorRatio(window: string): string;
  total(window: string): string;
}

/** Queries for the SLOs of one group, narrowed to their services (and callers) by a regex matcher. */
export function groupedQueries(group: ProfileGroup, profile: ProfileSpec, slos: Array<Pick<Slo, 'indicator' | 'service'>>): GroupedQueries {
  let stat: (s: RedStat, w: string) => string;
  if (group === 'service') {
    const narrowed = { ...profile, service: { ...profile.service, matchers: [...profile.service.matchers, anyOf(profile.service.serviceLabel, slos.map((s) => s.service))] } };
    stat = (s, w) => serviceStatQuery(narrowed, s, w);
  } else {
    const sources = slos.map((s) => (s.indicator.kind === 'edge-availability' ? s.indicator.source : ''));
    const narrowed = {
      ...profile,
      edge: { ...profile.edge, matchers: [...profile.edge.matchers, anyOf(profile.edge.clientLabel, sources), anyOf(profile.edge.serverLabel, slos.map((s) => s.service))] },
    };
    stat = (s, w) => edgeStatQuery(narrowed, s, w);
  }
  const bad = (w: string) => `(${stat(ERRORS, w)} or 0 * ${stat(RATE, w)})`;
  return {
    bad,
    total: (w) => stat(RATE, w),
    errorRatio: (w) => `${bad(w)} / ${stat(RATE, w)}`,
  };
}
