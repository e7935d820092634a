import type { ProfileSpec } from '../schemas/config';
import { matcher } from './escape';

/**
 * PromQL for RED numbers from any metric profile. Every query groups `by` the service (or client and
 * server) label, so a view costs the same number of queries for 10 services or 10,000.
 * User-supplied names only ever enter through matcher(), which escapes them.
 */
export type RedStat = { kind: 'rate' } | { kind: 'errors' } | { kind: 'quantile'; q: number };
export const RATE: RedStat = { kind: 'rate' };
export const ERRORS: RedStat = { kind: 'errors' };
export const quantile = (q: number): RedStat => ({ kind: 'quantile', q });

type Side = ProfileSpec['service'] | ProfileSpec['edge'];

function selector(metric: string, matchers: string[]): string {
  return matchers.length ? `${metric}{${matchers.join(',')}}` : metric;
}

function aggregate(side: Side, stat: RedStat, window: string, by: string[], extra: string[]): string {
  const base = [...side.matchers, ...extra];
  const byClause = (labels: string[]) => (labels.length ? ` by (${labels.join(', ')})` : '');
  switch (stat.kind) {
    case 'rate':
      return `sum${byClause(by)} (rate(${selector(side.requests, base)}[${window}]))`;
    case 'errors':
      return `sum${byClause(by)} (rate(${selector(side.errors, [...base, ...side.errorMatchers])}[${window}]))`;
    case 'quantile':
      if (!(stat.q > 0 && stat.q < 1)) throw new Error(`quantile must be in (0, 1), got ${stat.q}`);
      return `histogram_quantile(${stat.q}, sum${byClause([...by, 'le'])} (rate(${selector(side.buckets, base)}[${window}])))`;
  }
}

/** One series per service (label spec.service.serviceLabel), or only `service` when given. */
export function serviceStatQuery(spec: ProfileSpec, stat: RedStat, window: string, service?: string): string {
  const s = spec.service;
  return aggregate(s, stat, window, [s.serviceLabel], service === undefined ? [] : [matcher(s.serviceLabel, service)]);
}

/** One series in total for a single service: the shape a chart wants. */
export function serviceTotalQuery(spec: ProfileSpec, stat: RedStat, window: string, service: string): string {
  return aggregate(spec.service, stat, window, [], [matcher(spec.service.serviceLabel, service)]);
}

/** One series per edge (clientLabel, serverLabel); with `touching`, only edges into or out of it. */
export function edgeStatQuery(spec: ProfileSpec, stat: RedStat, window: string, touching?: string): string {
  const e = spec.edge;
  const by = [e.clientLabel, e.serverLabel];
  if (touching === undefined) return aggregate(e, stat, window, by, []);
  // `or` keeps one copy of a self-call, which both sides would match.
  return `${aggregate(e, stat, window, by, [matcher(e.clientLabel, touching)])} or ${aggregate(e, stat, window, by, [matcher(e.serverLabel, touching)])}`;
}

/**
 * One series in total for the calls into `server`: from one caller when `client` is given, else from all
 * of them (what an un-instrumented callee served, as its callers saw it). The chart shape of an edge.
 */
export function edgeTotalQuery(spec: ProfileSpec, stat: RedStat, window: string, ends: { client?: string; server: string }): string {
  const e = spec.edge;
  const only = [...(ends.client === undefined ? [] : [matcher(e.clientLabel, ends.client)]), matcher(e.serverLabel, ends.server)];
  return aggregate(e, stat, window, [], only);
}

/** Scrape health per instance of one service (profiles whose services are scrape jobs). */
export function upQuery(spec: ProfileSpec, service: string): string | null {
  if (!spec.up) return null;
  return `max by (${spec.up.instanceLabel}) (up{${matcher(spec.up.serviceLabel, service)}})`;
}

/** Scrape-target count per service, for services the registry does not list. */
export function instanceCountQuery(spec: ProfileSpec): string | null {
  if (!spec.up) return null;
  return `count by (${spec.up.serviceLabel}) (up)`;
}

/**
 * Per instance (`instanceLabel`) of a service's server side, or of the calls from `client` to `server`
 * (the caller's instances): the request or error rate, or the histogram buckets' rates by `le` (left
 * unaggregated so a caller can merge instances into groups before taking a quantile).
 */
export function byInstanceQuery(
  spec: ProfileSpec,
  stat: 'rate' | 'errors' | 'buckets',
  window: string,
  of: { service: string } | { client: string; server: string },
  instanceLabel: string,
): string {
  const [side, only] = 'service' in of ? [spec.service, [matcher(spec.service.serviceLabel, of.service)]] : [spec.edge, [matcher(spec.edge.clientLabel, of.client), matcher(spec.edge.serverLabel, of.server)]];
  if (stat !== 'buckets') return aggregate(side, { kind: stat }, window, [instanceLabel], only);
  return `sum by (${instanceLabel}, le) (rate(${selector(side.buckets, [...side.matchers, ...only])}[${window}]))`;
}
