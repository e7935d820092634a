import { TopologyResponse } from '../schemas/topology';
import { getJson } from './fetch-json';
import type { TimeRange } from './keys';
import { API_BASE } from './services';

/**
 * Query key and fetcher for GET /api/v1/topology. Like serviceKeys, the key holds exactly what changes
 * the answer: the range as the URL spells it and the grouping label (the server fills node.group from
 * it). Focus, filters and selection are applied in the browser and are never part of the key: changing
 * them must not refetch the graph.
 */
export const topologyKeys = {
  all: ['topology'] as const,
  graph: (r: TimeRange, groupBy: string | null) => ['topology', 'graph', { from: r.from, to: r.to, groupBy }] as const,
};

interface QueryFnContext {
  signal: AbortSignal;
}

export function topologyUrl(r: TimeRange, groupBy: string | null): string {
  const qs = new URLSearchParams({ from: r.from, to: r.to });
  if (groupBy !== null) qs.set('groupBy', groupBy);
  return `${API_BASE}/topology?${qs}`;
}

export function topologyQuery(r: TimeRange, groupBy: string | null) {
  return {
    queryKey: topologyKeys.graph(r, groupBy),
    queryFn: ({ signal }: QueryFnContext) => getJson(topologyUrl(r, groupBy), TopologyResponse, signal),
  };
}

/**
 * A replay slice: an absolute range that ended in the past, so its answer does not change; kept fresh
 * for minutes, so scrubbing back and forth, and playback's prefetch, ask the BFF once per moment.
 */
export const SLICE_STALE_MS = 5 * 60_000;

export function topologySliceQuery(slice: TimeRange, groupBy: string | null) {
  return { ...topologyQuery(slice, groupBy), staleTime: SLICE_STALE_MS };
}
