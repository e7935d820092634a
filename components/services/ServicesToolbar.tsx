'use client';

import { useId } from 'react';
import { Health } from '@/lib/schemas/services';
import { healthLabel } from '@/components/ui/HealthBadge';

export interface ServicesToolbarProps {
  search: string;
  onSearch: (q: string) => void;
  health: Health | null;
  onHealth: (h: Health | null) => void;
  shown: number;
  total: number;
}

export function ServicesToolbar({ search, onSearch, health, onHealth, shown, total }: ServicesToolbarProps) {
  const id = useId();
  return (
    <div className="flex flex-wrap items-center gap-3 px-4 py-3">
      <div>
        <label htmlFor={`${id}-q`} className="sr-only">
          Search services
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={search}
          onChange={(e) => onSearch(e.target.value)}
          placeholder="Search services…"
          autoComplete="off"
          spellCheck={false}
          className="h-8 w-64 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-950"
        />
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-health`} className="text-sm text-slate-600 dark:text-slate-400">
          Health
        </label>
        <select
          id={`${id}-health`}
          value={health ?? ''}
          onChange={(e) => {
            const parsed = Health.safeParse(e.target.value);
            onHealth(parsed.success ? parsed.data : null);
          }}
          className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-950"
        >
          <option value="">All</option>
          {Health.options.map((h) => (
            <option key={h} value={h}>
              {healthLabel(h)}
            </option>
          ))}
        </select>
      </div>
      <p className="ml-auto text-sm text-slate-500 dark:text-slate-400" aria-live="polite">
        {shown === total ? `${total} ${total === 1 ? 'service' : 'services'}` : `${shown} of ${total} services`}
      </p>
    </div>
  );
}
