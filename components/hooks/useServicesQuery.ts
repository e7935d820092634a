'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { refreshIntervalMs, type RangeState } from '@/lib/query/range-params';
import { serviceDetailQuery, servicesQuery } from '@/lib/query/services';

/**
 * Live views: refetch on the URL's refresh interval (not while the tab is hidden: react-query's
 * default), and keep the previous answer on screen while a new range loads, so a refresh or a range
 * change never blanks the table into a skeleton.
 */
export function useServicesQuery(range: RangeState) {
  return useQuery({
    ...servicesQuery(range),
    refetchInterval: refreshIntervalMs(range.refresh),
    placeholderData: keepPreviousData,
  });
}

export function useServiceDetailQuery(name: string, range: RangeState) {
  return useQuery({
    ...serviceDetailQuery(name, range),
    refetchInterval: refreshIntervalMs(range.refresh),
    // Only within one service: keeping another service's detail on screen would be wrong data.
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[2] === name ? prev : undefined),
  });
}
