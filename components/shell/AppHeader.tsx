import Link from 'next/link';
import { Suspense } from 'react';
import { UserMenu } from '@/components/auth/UserMenu';
import { ThemeToggle } from '@/components/theme/ThemeToggle';
import { RefreshPicker } from '@/components/time/RefreshPicker';
import { TimeRangePicker } from '@/components/time/TimeRangePicker';
import { NavLinks } from './NavLinks';

/**
 * The app bar: brand, views, and the controls every view shares (time range, refresh, theme), and who
 * is signed in.
 * The URL-reading parts sit in Suspense so statically rendered pages can still be prerendered;
 * the fallbacks have the same size, so nothing shifts when they hydrate.
 */
export function AppHeader() {
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <Link href="/services" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900 dark:text-white">
          <span aria-hidden="true" className="inline-block h-5 w-5 rounded bg-gradient-to-br from-sky-500 to-emerald-500" />
          Switchyard
        </Link>
        <nav aria-label="Main" className="flex-1">
          <Suspense fallback={<div className="h-8" />}>
            <NavLinks />
          </Suspense>
        </nav>
        <div className="flex items-center gap-2">
          <Suspense fallback={<div className="h-8 w-72 rounded-md border border-slate-200 dark:border-slate-800" />}>
            <TimeRangePicker />
            <RefreshPicker />
          </Suspense>
          <ThemeToggle />
          <Suspense fallback={<div className="h-8 w-24" />}>
            <UserMenu />
          </Suspense>
        </div>
      </div>
    </header>
  );
}
