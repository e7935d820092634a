import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LoginForm } from '@/components/auth/LoginForm';
import { Skeleton } from '@/components/ui/Skeleton';

export const metadata: Metadata = { title: 'Sign in' };

/** Static shell; the form asks /api/v1/session which auth mode is on and who is signed in. */
export default function LoginPage() {
  return (
    <div className="mx-auto mt-10 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <Suspense fallback={<Skeleton className="h-48 w-full" />}>
        <LoginForm />
      </Suspense>
    </div>
  );
}
