'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { signOut } from '@/lib/query/session';
import { Badge } from '@/components/ui/Badge';
import { useSession, useSetSession } from './useSession';

const BUTTON =
  'rounded-md border border-slate-300 px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-60 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800';

/**
 * Who is signed in and with which role, with sign in / sign out. In proxy mode the proxy owns sign-out,
 * so only the name shows; with auth off, a "read-only" badge says why nothing can be changed.
 */
export function UserMenu() {
  const { data, isPending, isError } = useSession();
  const setSession = useSetSession();
  const pathname = usePathname();
  const search = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (isPending) return <div className="h-8 w-24" aria-hidden="true" />;
  if (isError) return null;

  if (data.mode === 'none') {
    return (
      <Badge title={'auth.mode is "none": everyone can look, nobody can change anything (docs/auth.md)'}>read-only</Badge>
    );
  }

  if (data.user === null) {
    if (data.mode !== 'users' || pathname === '/login') return null;
    const here = `${pathname}${search.size > 0 ? `?${search}` : ''}`;
    return (
      <Link href={`/login?next=${encodeURIComponent(here)}`} className={BUTTON}>
        Sign in
      </Link>
    );
  }

  const out = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setSession(await signOut());
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div role="group" aria-label="Account" className="flex items-center gap-2 text-sm">
      <span className="text-slate-700 dark:text-slate-200" data-testid="signed-in-user">
        <span className="sr-only">Signed in as </span>
        {data.user.name}
      </span>
      <Badge tone={data.user.role === 'viewer' ? 'neutral' : 'info'} title="your role">
        {data.user.role}
      </Badge>
      {data.mode === 'users' && (
        <button type="button" onClick={out} disabled={busy} className={BUTTON}>
          Sign out
        </button>
      )}
      {problem && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          Sign-out failed: {problem}
        </span>
      )}
    </div>
  );
}
