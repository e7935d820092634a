import { EdgeRedSeriesResponse, RedSeriesResponse, ServiceDetailResponse, ServicesResponse } from '../schemas/services';
import { getJson } from './fetch-json';
import { edgeKeys, serviceKeys, type TimeRange } from './keys';

/**
 * Query descriptors ({queryKey, queryFn}) for the services endpoints. They are plain objects so lib/
 * stays free of React; components wrap them with react-query's queryOptions()/useQuery(). queryFn
 * passes react-query's AbortSignal on, so a superseded range or an unmounted panel cancels its request.
 */
export const API_BASE = '/api/v1';

interface QueryFnContext {
  signal: AbortSignal;
}

function url(path: string, params: Record<string, string | number>): string {
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return `${API_BASE}${path}?${qs}`;
}

const servicePath = (name: string) => `/services/${encodeURIComponent(name)}`;

export function servicesQuery(r: TimeRange) {
  return {
    queryKey: serviceKeys.list(r),
    queryFn: ({ signal }: QueryFnContext) => getJson(url('/services', { from: r.from, to: r.to }), ServicesResponse, signal),
  };
}

export function serviceDetailQuery(name: string, r: TimeRange) {
  return {
    queryKey: serviceKeys.detail(name, r),
    queryFn: ({ signal }: QueryFnContext) => getJson(url(servicePath(name), { from: r.from, to: r.to }), ServiceDetailResponse, signal),
  };
}

/** `width` should come from chartWidthBucket(): every pixel of a resize must not be a new request. */
export function redSeriesQuery(name: string, r: TimeRange, width: number) {
  return {
    queryKey: serviceKeys.red(name, r, width),
    queryFn: ({ signal }: QueryFnContext) =>
      getJson(url(`${servicePath(name)}/red`, { from: r.from, to: r.to, width }), RedSeriesResponse, signal),
  };
}

/** RED series of the calls from `source` (null: every caller) to `target`; `width` as for redSeriesQuery. */
export function edgeRedSeriesQuery(source: string | null, target: string, r: TimeRange, width: number) {
  return {
    queryKey: edgeKeys.red(source, target, r, width),
    queryFn: ({ signal }: QueryFnContext) =>
      getJson(url('/edges/red', { ...(source === null ? {} : { source }), target, from: r.from, to: r.to, width }), EdgeRedSeriesResponse, signal),
  };
}

/**
 * Panel pixels → the width sent to the server, in 100 px buckets within the API's 50–10,000 bounds.
 * The server derives the step from it; bucketing keeps the cache key stable while a window is dragged.
 */
export function chartWidthBucket(px: number): number {
  if (!Number.isFinite(px) || px <= 0) return 100;
  return Math.min(10_000, Math.max(100, Math.round(px / 100) * 100));
}
