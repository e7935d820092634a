'use client';

import { useEffect } from 'react';
import Link from 'next/link';

/**
 * Last line of defence for a crashed view. Panels handle expected failures (a backend down, a bad
 * range) themselves; landing here means a bug, so say so plainly and offer a retry.
 */
export default function RouteError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && 'digest' in error ? String((error as { digest?: unknown }).digest ?? '') : '';
  return (
    <div role="alert" className="mx-auto max-w-xl rounded-lg border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950">
      <h1 className="text-lg font-semibold text-red-800 dark:text-red-200">This view crashed</h1>
      <p className="mt-2 text-sm text-red-800 dark:text-red-200">
        Something unexpected went wrong while showing this page.{digest && ` Reference: ${digest}.`}
      </p>
      <div className="mt-4 flex gap-3 text-sm">
        <button type="button" onClick={() => retry()} className="rounded bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800">
          Try again
        </button>
        <Link href="/services" className="rounded px-3 py-1.5 text-red-800 underline dark:text-red-200">
          Go to services
        </Link>
      </div>
    </div>
  );
}
