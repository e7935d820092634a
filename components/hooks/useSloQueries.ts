'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AttributionWindow } from '@/lib/schemas/slo-api';
import { refreshIntervalMs, type RangeState } from '@/lib/query/range-params';
import { sloAttributionQuery, sloBudgetQuery, sloBurnQuery, sloDetailQuery, slosQuery } from '@/lib/query/slos';

/**
 * The SLO pages' queries. All evaluate at the range's `to` and refetch on its refresh interval; the
 * previous answer stays on screen while a new one loads (within one SLO: another SLO's numbers kept
 * on screen would be wrong data).
 */
export function useSlosQuery(range: RangeState, opts: { service?: string; sparklines?: boolean } = {}) {
  return useQuery({ ...slosQuery(range.to, opts), refetchInterval: refreshIntervalMs(range.refresh), placeholderData: keepPreviousData });
}

export function useSloDetailQuery(id: string, range: RangeState) {
  return useQuery({ ...sloDetailQuery(id, range.to), refetchInterval: refreshIntervalMs(range.refresh), placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[2] === id ? prev : undefined) });
}

export function useSloBudgetQuery(id: string, range: RangeState) {
  return useQuery({ ...sloBudgetQuery(id, range.to), refetchInterval: refreshIntervalMs(range.refresh), placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[2] === id ? prev : undefined) });
}

export function useSloBurnQuery(id: string, range: RangeState, from: string | null) {
  return useQuery({ ...sloBurnQuery(id, range.to, from), refetchInterval: refreshIntervalMs(range.refresh), placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[2] === id ? prev : undefined) });
}

export function useSloAttributionQuery(id: string, range: RangeState, window: AttributionWindow) {
  return useQuery({ ...sloAttributionQuery(id, range.to, window), refetchInterval: refreshIntervalMs(range.refresh), placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[2] === id ? prev : undefined) });
}
