'use client';

import { useId } from 'react';

export interface SlosToolbarProps {
  search: string;
  onSearch: (q: string) => void;
  service: string | null;
  services: readonly string[];
  onService: (s: string | null) => void;
  team: string | null;
  teams: readonly string[];
  onTeam: (t: string | null) => void;
  shown: number;
  total: number;
}

const SELECT = 'h-8 max-w-48 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-950';

export function SlosToolbar({ search, onSearch, service, services, onService, team, teams, onTeam, shown, total }: SlosToolbarProps) {
  const id = useId();
  // A filter from a shared link may name a service no SLO has now: keep it selectable, so it shows.
  const serviceOptions = service !== null && !services.includes(service) ? [service, ...services] : services;
  const teamOptions = team !== null && !teams.includes(team) ? [team, ...teams] : teams;
  return (
    <div className="flex flex-wrap items-center gap-3 px-4 py-3">
      <div>
        <label htmlFor={`${id}-q`} className="sr-only">
          Search SLOs by name, service or label
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={search}
          onChange={(e) => onSearch(e.target.value)}
          placeholder="Search name, service, label=value…"
          autoComplete="off"
          spellCheck={false}
          className="h-8 w-72 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-950"
        />
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-service`} className="text-sm text-slate-600 dark:text-slate-400">
          Service
        </label>
        <select id={`${id}-service`} value={service ?? ''} onChange={(e) => onService(e.target.value || null)} className={SELECT}>
          <option value="">All</option>
          {serviceOptions.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-team`} className="text-sm text-slate-600 dark:text-slate-400">
          Team
        </label>
        <select id={`${id}-team`} value={team ?? ''} onChange={(e) => onTeam(e.target.value || null)} className={SELECT}>
          <option value="">All</option>
          {teamOptions.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <p className="ml-auto text-sm text-slate-500 dark:text-slate-400" aria-live="polite">
        {shown === total ? `${total} ${total === 1 ? 'SLO' : 'SLOs'}` : `${shown} of ${total} SLOs`}
      </p>
    </div>
  );
}
