'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { safeNextPath } from '@/lib/schemas/auth';
import { isApiError } from '@/lib/query/api-error';
import { signIn } from '@/lib/query/session';
import { Skeleton } from '@/components/ui/Skeleton';
import { useSession, useSetSession } from './useSession';

const INPUT =
  'mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-950 aria-[invalid]:border-red-500 focus-visible:outline-2 focus-visible:outline-sky-500';

/** Password sign-in (auth.mode "users"); in the other modes it says how people get in instead. */
export function LoginForm() {
  const id = useId();
  const router = useRouter();
  const next = safeNextPath(useSearchParams().get('next'));
  const session = useSession();
  const setSession = useSetSession();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session.isPending) return <Skeleton className="h-48 w-full" />;

  const info = session.data;
  if (info && info.mode !== 'users') {
    return (
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {info.mode === 'none'
          ? 'Sign-in is off: this dashboard runs with auth.mode "none", so everyone can look and nobody can change anything. An administrator turns on users or an auth proxy in the configuration (docs/auth.md).'
          : `Your auth proxy signs you in${info.user ? `: you are ${info.user.name} (${info.user.role})` : ''}.`}
      </p>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      setSession(await signIn({ user, password }));
      router.replace(next);
    } catch (err) {
      setPassword('');
      if (isApiError(err) && err.status === 401) setProblem('Wrong user name or password.');
      else setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Sign in" className="space-y-4">
      {info?.user && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          You are signed in as {info.user.name} ({info.user.role}).{' '}
          <Link href={next} className="text-sky-700 underline dark:text-sky-400">
            Go back
          </Link>{' '}
          or sign in as someone else.
        </p>
      )}
      <div>
        <label htmlFor={`${id}-user`} className="block text-sm font-medium">
          User name
        </label>
        <input id={`${id}-user`} name="username" autoComplete="username" required autoFocus value={user} onChange={(e) => setUser(e.target.value)} className={INPUT} />
      </div>
      <div>
        <label htmlFor={`${id}-password`} className="block text-sm font-medium">
          Password
        </label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          className={INPUT}
        />
      </div>
      {problem && (
        <p id={`${id}-problem`} role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {problem}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-60"
      >
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
