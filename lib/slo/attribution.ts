import type { ProfileSpec } from '../schemas/config';
import type { DependencyShare } from '../schemas/slo-api';
import { escapeLabelValue, matcher } from '../promql/escape';
import { ERRORS, RATE, serviceTotalQuery } from '../promql/red';

/**
 * Budget attribution: which of a service's callees its failures come from, from the metric profile's
 * edge metrics (what the service measured as a client) and its own server metrics.
 *
 * The approximation, said plainly (the UI repeats it): edge metrics count calls, not the requests they
 * were made for, so a failed call cannot be linked to the failed request it caused. We compare counts:
 * "calls to payments failed N times; the service failed M requests", and take N / M as payments' share
 * of the service's failures. That over-counts a callee whose failures the service absorbs (retries,
 * fallbacks, a cache) and under-counts one whose single failure fails several requests; only traces
 * could do better. When the callees' failures together exceed the service's (a retried call fails
 * twice), the shares are each callee's part of all failed calls, and nothing is left to the service.
 *
 * Two PromQL queries whatever the number of callees: one for the edges (grouped by the server label),
 * one for the service. Both are rates over W; × W seconds they are increase() over W, the counts.
 */

const tag = (expr: string, value: string) => `label_replace(${expr}, "part", "${escapeLabelValue(value)}", "", "")`;

const selector = (metric: string, matchers: string[]) => (matchers.length ? `${metric}{${matchers.join(',')}}` : metric);

/** Calls from `service` per callee (part="calls") and the failed ones (part="failed"), over `window`. */
export function calleeCallsQuery(spec: ProfileSpec, service: string, window: string): string {
  const e = spec.edge;
  const from = [...e.matchers, matcher(e.clientLabel, service)];
  const calls = `sum by (${e.serverLabel}) (rate(${selector(e.requests, from)}[${window}]))`;
  const failed = `sum by (${e.serverLabel}) (rate(${selector(e.errors, [...from, ...e.errorMatchers])}[${window}]))`;
  return `${tag(calls, 'calls')} or ${tag(failed, 'failed')}`;
}

/** The service's requests (part="requests") and failed requests (part="failed") over `window`. */
export function serviceFailuresQuery(spec: ProfileSpec, service: string, window: string): string {
  return `${tag(serviceTotalQuery(spec, RATE, window, service), 'requests')} or ${tag(serviceTotalQuery(spec, ERRORS, window, service), 'failed')}`;
}

export interface CalleeCounts {
  service: string;
  calls: number;
  failed: number;
}

export interface Shares {
  dependencies: DependencyShare[];
  itself: number | null;
  scaled: boolean;
}

/**
 * Each callee's share of the service's failed requests. Self-calls are left out (their failures are
 * the service's own). Callees are ordered by failed calls, then calls, then name.
 */
export function attributionShares(service: string, callees: readonly CalleeCounts[], serviceFailed: number | null): Shares {
  const deps = callees.filter((c) => c.service !== service);
  const sumFailed = deps.reduce((s, c) => s + c.failed, 0);
  const burning = serviceFailed !== null && serviceFailed > 0;
  const scaled = burning && sumFailed > serviceFailed;
  const denominator = scaled ? sumFailed : serviceFailed;
  const dependencies = deps
    .map((c) => ({ ...c, share: burning ? c.failed / denominator! : null }))
    .sort((a, b) => b.failed - a.failed || b.calls - a.calls || a.service.localeCompare(b.service));
  const itself = burning ? (scaled ? 0 : Math.max(0, 1 - sumFailed / serviceFailed)) : null;
  return { dependencies, itself, scaled };
}
