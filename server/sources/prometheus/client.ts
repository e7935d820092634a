import 'server-only';
import type { z } from 'zod';
import { MAX_POINTS } from '@/lib/promql/step';
import { withDeadline } from '@/server/runtime/deadline';
import { badResponse } from '@/server/runtime/errors';
import { readJsonBody } from '@/server/runtime/json-body';
import { apiFailure } from './errors';
import { parseSampleValue, toAlert, toRuleGroups, toTargets } from './map';
import type { PrometheusSource, PromSample, PromSeries } from './port';
import { WireAlerts, WireEnvelope, WireQueryData, WireRules, WireSeries, WireStringList, WireTargets } from './wire';

export interface PrometheusOptions {
  url: string;
  name?: string;
  timeoutMs: number;
  headers?: Record<string, string>;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * Prometheus HTTP API client (also VictoriaMetrics, Thanos, Mimir). Queries go as form-encoded POST so
 * long PromQL never hits URL limits; every call has a deadline and the caller's AbortSignal.
 */
export function createPrometheusSource(opts: PrometheusOptions): PrometheusSource {
  const name = opts.name ?? 'prometheus';
  const base = opts.url.replace(/\/+$/, '');

  async function call<S extends z.ZodType>(path: string, schema: S, params: Array<[string, string]>, signal: AbortSignal | undefined, method: 'GET' | 'POST' = 'POST'): Promise<z.infer<S>> {
    return withDeadline(name, opts.timeoutMs, signal, async (sig) => {
      const body = new URLSearchParams(params);
      const url = method === 'GET' ? `${base}${path}?${body}` : `${base}${path}`;
      const res = await fetch(url, {
        method,
        signal: sig,
        headers: { Accept: 'application/json', ...(method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}), ...opts.headers },
        body: method === 'POST' ? body : undefined,
      });
      const env = WireEnvelope.safeParse(await readJsonBody(name, path, res));
      if (!env.success) throw badResponse(name, `${path} answered something that is not a Prometheus API response`);
      if (env.data.status === 'error') throw apiFailure(name, env.data.errorType, env.data.error, res.status);
      const data = schema.safeParse(env.data.data);
      if (!data.success) throw badResponse(name, `${path}: unexpected data: ${data.error.issues[0]?.path.join('.')}: ${data.error.issues[0]?.message}`);
      return data.data;
    });
  }

  const rangeParams = (o: { startMs?: number; endMs?: number; matchers?: string[] }): Array<[string, string]> => [
    ...(o.startMs !== undefined ? [['start', seconds(o.startMs)] as [string, string]] : []),
    ...(o.endMs !== undefined ? [['end', seconds(o.endMs)] as [string, string]] : []),
    ...(o.matchers ?? []).map((m): [string, string] => ['match[]', m]),
  ];

  return {
    name,
    async instant(query, o = {}) {
      const params: Array<[string, string]> = [['query', query]];
      if (o.timeMs !== undefined) params.push(['time', seconds(o.timeMs)]);
      const data = await call('/api/v1/query', WireQueryData, params, o.signal);
      if (data.resultType === 'vector') return data.result.filter((r) => r.value).map((r): PromSample => ({ labels: r.metric, value: parseSampleValue(r.value![1]) }));
      if (data.resultType === 'scalar') return [{ labels: {}, value: parseSampleValue(data.result[1]) }];
      throw badResponse(name, `instant query returned a ${data.resultType}`);
    },
    async range(query, o) {
      // Prometheus rejects more than 11,000 points per series; coarsen rather than fail.
      const minStep = Math.ceil((o.endMs - o.startMs) / 1000 / (MAX_POINTS - 1));
      const stepS = Math.max(o.stepMs / 1000, minStep, 0.001);
      const data = await call('/api/v1/query_range', WireQueryData, [['query', query], ['start', seconds(o.startMs)], ['end', seconds(o.endMs)], ['step', String(stepS)]], o.signal);
      if (data.resultType !== 'matrix') throw badResponse(name, `range query returned a ${data.resultType}`);
      return data.result.map((r): PromSeries => ({ labels: r.metric, points: (r.values ?? []).map(([t, v]) => [Math.round(t * 1000), parseSampleValue(v)]) }));
    },
    series: (matchers, o = {}) => call('/api/v1/series', WireSeries, rangeParams({ ...o, matchers }), o.signal),
    labelNames: (o = {}) => call('/api/v1/labels', WireStringList, rangeParams(o), o.signal),
    labelValues: (label, o = {}) => {
      if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(label)) throw badResponse(name, `invalid label name ${JSON.stringify(label)}`);
      return call(`/api/v1/label/${label}/values`, WireStringList, rangeParams(o), o.signal, 'GET');
    },
    rules: async (o = {}) => toRuleGroups(await call('/api/v1/rules', WireRules, o.type ? [['type', o.type]] : [], o.signal, 'GET')),
    alerts: async (o = {}) => (await call('/api/v1/alerts', WireAlerts, [], o.signal, 'GET')).alerts.map(toAlert),
    targets: async (o = {}) => toTargets(await call('/api/v1/targets', WireTargets, [['state', 'active']], o.signal, 'GET')),
  };
}
