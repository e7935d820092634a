import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
}

/** Nothing to show, and what to do about it. */
export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <div className="px-6 py-10 text-center">
      <p className="font-semibold text-slate-800 dark:text-slate-100">{title}</p>
      {children && <div className="mx-auto mt-2 max-w-xl text-sm text-slate-600 dark:text-slate-400">{children}</div>}
    </div>
  );
}
