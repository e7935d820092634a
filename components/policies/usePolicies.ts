'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { roleAtLeast } from '@/lib/schemas/auth';
import type { Policy } from '@/lib/schemas/policy';
import { policiesQuery, policyKeys } from '@/lib/query/policies';
import { useSession } from '@/components/auth/useSession';

/** Policies with their live state. Live state comes from metrics, so it is refetched on its own. */
export function usePoliciesQuery(refetchMs: number | false = 15_000) {
  return useQuery({ ...policiesQuery(), refetchInterval: refetchMs });
}

export interface WriteAccess {
  /** The session is known and may write. */
  can: boolean;
  /** Why not, in words for the disabled controls (null while the session loads, or when allowed). */
  why: string | null;
  /** Where to sign in and come back here (null when signing in would not help). */
  signIn: string | null;
}

/**
 * Whether the browser may change policies: the operator role (docs/auth.md). The BFF enforces it on
 * every write; this only decides whether the controls are offered, and says why not.
 */
export function useWriteAccess(): WriteAccess {
  const session = useSession();
  const pathname = usePathname();
  const search = useSearchParams();
  const here = `${pathname}${search.size > 0 ? `?${search}` : ''}`;
  const s = session.data;
  if (!s) return { can: false, why: session.isError ? 'Could not tell who you are: changes are off' : null, signIn: null };
  if (s.mode === 'none') return { can: false, why: 'Changes are off: auth.mode is "none" (docs/auth.md)', signIn: null };
  if (roleAtLeast(s.role, 'operator')) return { can: true, why: null, signIn: null };
  return { can: false, why: 'Operator role needed', signIn: s.mode === 'users' ? `/login?next=${encodeURIComponent(here)}` : null };
}

/**
 * After a write: everything about policies is stale (the list, audit pages, rollouts). And after a 409,
 * what is stored now, read fresh (the conflict answer's body does not survive sendJson's ApiError).
 */
export function usePolicyCache() {
  const client = useQueryClient();
  const invalidate = useCallback(() => client.invalidateQueries({ queryKey: policyKeys.all }), [client]);
  const fresh = useCallback(
    async (id: string): Promise<Policy | null> => {
      const list = await client.fetchQuery({ ...policiesQuery(), staleTime: 0 });
      return list.policies.find((p) => p.id === id) ?? null;
    },
    [client],
  );
  return { invalidate, fresh };
}
