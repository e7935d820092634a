import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-12 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">There is no page at this address.</p>
      <Link href="/services" className="mt-4 inline-block text-sky-700 underline dark:text-sky-400">
        Go to services
      </Link>
    </div>
  );
}
