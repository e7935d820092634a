'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { withRange } from '@/lib/query/range-params';
import { useRangeState } from '@/components/url/search-params';

/** Views that exist. New ones (alerts, health) join this list when they ship. */
const VIEWS = [
  { href: '/services', label: 'Services' },
  { href: '/topology', label: 'Topology' },
  { href: '/slos', label: 'SLOs' },
  { href: '/policies', label: 'Policies' },
];

/** Top navigation; links keep the viewer's time range, so switching views keeps the window in focus. */
export function NavLinks() {
  const pathname = usePathname();
  const range = useRangeState();
  return (
    <ul className="flex items-center gap-1">
      {VIEWS.map((v) => {
        const current = pathname === v.href || pathname.startsWith(`${v.href}/`);
        return (
          <li key={v.href}>
            <Link
              href={withRange(v.href, range)}
              aria-current={current ? 'page' : undefined}
              className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:bg-slate-100 aria-[current=page]:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white dark:aria-[current=page]:bg-slate-800 dark:aria-[current=page]:text-white"
            >
              {v.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
