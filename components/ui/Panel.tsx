import { useId, type ReactNode } from 'react';

export interface PanelProps {
  title: string;
  /** Right side of the title bar: counts, controls. */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled region; the title names it for assistive tech (getByRole('region', { name })). */
export function Panel({ title, actions, children, className = '' }: PanelProps) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={`rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900 ${className}`}>
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h2 id={id} className="text-sm font-semibold text-slate-700 dark:text-slate-200">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
