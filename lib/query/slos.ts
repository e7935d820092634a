import { SloAttribution, SloDetailResponse, SloListResponse, type AttributionWindow } from '../schemas/slo-api';
import { SloBudgetSeries, SloBurnSeries } from '../schemas/slo-status';
import { getJson } from './fetch-json';
import { API_BASE } from './services';

/**
 * Query keys and descriptors for the SLO endpoints (docs/api.md, "SLOs"), like lib/query/services.ts.
 * `at` is the URL's time point as written ("now" stays "now", so a refetch re-resolves it on the
 * server); the keys hold exactly what changes the answer.
 */
interface QueryFnContext {
  signal: AbortSignal;
}

export const sloKeys = {
  all: ['slos'] as const,
  list: (at: string, service: string | null, sparklines: boolean) => ['slos', 'list', { at, service, sparklines }] as const,
  detail: (id: string, at: string) => ['slos', 'detail', id, { at }] as const,
  budget: (id: string, at: string) => ['slos', 'budget', id, { at }] as const,
  burn: (id: string, at: string, from: string | null) => ['slos', 'burn', id, { at, from }] as const,
  attribution: (id: string, at: string, window: AttributionWindow) => ['slos', 'attribution', id, { at, window }] as const,
};

function url(path: string, params: Record<string, string | null | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) qs.set(k, v);
  const s = qs.toString();
  return `${API_BASE}${path}${s ? `?${s}` : ''}`;
}

const sloPath = (id: string) => `/slos/${encodeURIComponent(id)}`;

/** Every SLO (or one service's, without sparklines for a compact panel). */
export function slosQuery(at: string, opts: { service?: string; sparklines?: boolean } = {}) {
  const service = opts.service ?? null;
  const sparklines = opts.sparklines ?? true;
  return {
    queryKey: sloKeys.list(at, service, sparklines),
    queryFn: ({ signal }: QueryFnContext) => getJson(url('/slos', { at, service, sparklines: sparklines ? null : 'false' }), SloListResponse, signal),
  };
}

export function sloDetailQuery(id: string, at: string) {
  return {
    queryKey: sloKeys.detail(id, at),
    queryFn: ({ signal }: QueryFnContext) => getJson(url(sloPath(id), { at }), SloDetailResponse, signal),
  };
}

export function sloBudgetQuery(id: string, at: string) {
  return {
    queryKey: sloKeys.budget(id, at),
    queryFn: ({ signal }: QueryFnContext) => getJson(url(`${sloPath(id)}/budget`, { at }), SloBudgetSeries, signal),
  };
}

/** `from` null: the whole SLO window. */
export function sloBurnQuery(id: string, at: string, from: string | null) {
  return {
    queryKey: sloKeys.burn(id, at, from),
    queryFn: ({ signal }: QueryFnContext) => getJson(url(`${sloPath(id)}/burn`, { at, from }), SloBurnSeries, signal),
  };
}

export function sloAttributionQuery(id: string, at: string, window: AttributionWindow) {
  return {
    queryKey: sloKeys.attribution(id, at, window),
    queryFn: ({ signal }: QueryFnContext) => getJson(url(`${sloPath(id)}/attribution`, { at, window }), SloAttribution, signal),
  };
}
