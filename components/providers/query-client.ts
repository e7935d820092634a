import { QueryClient, isServer } from '@tanstack/react-query';
import { isApiError } from '@/lib/query/api-error';

/**
 * The one QueryClient factory, so every query hook shares the same defaults:
 * - staleTime 10 s: navigating back and forth reuses data instead of flashing skeletons; live views
 *   still refresh on their own interval (refetchInterval ignores staleTime).
 * - retry once, and only when asking again can help (network, 5xx); a 400 or 404 will not change.
 * - no refetch on window focus: these views cost real PromQL, and the refresh interval already says
 *   how fresh the viewer wants them.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => failureCount < 1 && (!isApiError(error) || error.retryable),
        retryDelay: 1_000,
      },
    },
  });
}

let browserClient: QueryClient | undefined;

/**
 * A new client per server render (never share one user's cache with another request), a singleton in
 * the browser (React may re-create the provider during suspense; the cache must survive that).
 */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
