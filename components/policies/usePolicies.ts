'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useSyncExternalStore } from 'react';
import { roleAtLeast } from '@/lib/schemas/auth';
import type { Policy } from '@/lib/schemas/policy';
import { policiesQuery, policyKeys } from '@/lib/query/policies';
import { useSession } from '@/components/auth/useSession';

const noSubscribe = () => () => {};

/**
 * False on the server and while hydrating. The session and the policy list are shared queries (the
 * header asks for the session too): when one answers before this part of the page hydrates, rendering
 * it at once would not match the server's HTML. Data-dependent parts wait for this.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
}

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
  const hydrated = useHydrated();
  const s = hydrated ? session.data : undefined;
  if (!s) return { can: false, why: hydrated && session.isError ? 'Could not tell who you are: changes are off' : null, signIn: null };
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
