'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { refreshIntervalMs, type RangeState } from '@/lib/query/range-params';
import { topologyQuery } from '@/lib/query/topology';

/**
 * The live service graph: refetched on the URL's refresh interval, and the previous graph kept on
 * screen while a new range or grouping loads, so a refresh never blanks the map into a skeleton.
 */
export function useTopologyQuery(range: RangeState, groupBy: string | null) {
  return useQuery({
    ...topologyQuery(range, groupBy),
    refetchInterval: refreshIntervalMs(range.refresh),
    placeholderData: keepPreviousData,
  });
}
