'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@/lib/schemas/auth';
import { sessionKey, sessionQuery } from '@/lib/query/session';

/** The browser's session, shared by the header menu and the login form (one request per page). */
export function useSession() {
  return useQuery({ ...sessionQuery(), staleTime: 60_000 });
}

/** After sign-in or sign-out the answer is the new session: store it instead of asking again. */
export function useSetSession() {
  const client = useQueryClient();
  return (info: SessionInfo) => client.setQueryData(sessionKey, info);
}
