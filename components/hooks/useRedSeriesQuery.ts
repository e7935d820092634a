'use client';

import { useQuery } from '@tanstack/react-query';
import { refreshIntervalMs, type RangeState } from '@/lib/query/range-params';
import { redSeriesQuery } from '@/lib/query/services';

/**
 * RED series for one service at a width bucket (0 = not measured yet: wait rather than guess a step).
 * The previous series stay up while a new range or width loads.
 */
export function useRedSeriesQuery(name: string, range: RangeState, widthBucket: number) {
  return useQuery({
    ...redSeriesQuery(name, range, widthBucket),
    enabled: widthBucket > 0,
    refetchInterval: refreshIntervalMs(range.refresh),
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[2] === name ? prev : undefined),
  });
}
