'use client';

import { useQuery } from '@tanstack/react-query';
import { refreshIntervalMs, type RangeState } from '@/lib/query/range-params';
import { edgeRedSeriesQuery } from '@/lib/query/services';

/**
 * RED series of the calls from `source` (null: every caller) into `target`, at a width bucket (0 = not
 * measured yet). As useRedSeriesQuery: the previous series stay up while a new range or width loads,
 * but never another edge's.
 */
export function useEdgeRedSeriesQuery(source: string | null, target: string, range: RangeState, widthBucket: number, enabled = true) {
  return useQuery({
    ...edgeRedSeriesQuery(source, target, range, widthBucket),
    enabled: enabled && widthBucket > 0,
    refetchInterval: refreshIntervalMs(range.refresh),
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[2] === source && prevQuery?.queryKey[3] === target ? prev : undefined),
  });
}
