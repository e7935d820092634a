'use client';

import './globals.css';

/**
 * When the root layout itself fails, error.tsx can't help (it renders inside that layout), so this
 * replaces the whole document. Kept minimal: no providers, no data, just a way to try again.
 */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen items-center justify-center bg-slate-50 font-sans text-slate-900">
        <div role="alert" className="max-w-md rounded-lg border border-red-300 bg-red-50 p-6 text-center">
          <h1 className="text-lg font-semibold text-red-800">Switchyard could not start this page</h1>
          <p className="mt-2 text-sm text-red-800">Something failed before the page could render. Try again, or reload.</p>
          <button type="button" onClick={() => retry()} className="mt-4 rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800">
            Try again
          </button>
        </div>
      </body>
    </html>
  );
}
