'use client';

import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Health } from '@/lib/schemas/services';
import { healthLabel } from '@/components/ui/HealthBadge';

export interface SearchMatch {
  id: string;
  label: string;
  health: Health;
  /** Shown after the name: the group, or "external". */
  detail?: string;
}

export interface TopologySearchProps {
  /** The text in the box (the URL's `q`). */
  value: string;
  onChange: (q: string) => void;
  /** Ranked matches for a query (graph-ops search). */
  search: (q: string) => readonly SearchMatch[];
  /** Enter or a click on a match: centre, highlight and select it. */
  onChoose: (id: string) => void;
}

const DOT: Record<Health, string> = {
  healthy: 'bg-emerald-500',
  warning: 'bg-amber-500',
  critical: 'bg-red-600',
  idle: 'bg-slate-400',
  unknown: 'border border-slate-400',
};

/**
 * The map's main keyboard path: a combobox (ARIA 1.2 pattern) whose listbox holds the ranked matches.
 * Arrows move through them, Enter chooses the active one (the first by default), Escape closes the
 * list (and, with the list closed, lets the page clear the selection).
 */
export function TopologySearch({ value, onChange, search, onChoose }: TopologySearchProps) {
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => (value.trim() === '' ? [] : search(value).slice(0, 8)), [value, search]);
  const shown = open && matches.length > 0;
  const activeIndex = Math.min(active, matches.length - 1);

  const choose = (m: SearchMatch) => {
    setOpen(false);
    onChoose(m.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
        return;
      }
      const n = matches.length;
      if (n > 0) setActive((a) => (Math.min(a, n - 1) + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter') {
      const m = matches[Math.max(0, activeIndex)];
      if (m) {
        e.preventDefault();
        choose(m);
      }
    } else if (e.key === 'Escape' && shown) {
      // Handled here: the page's Escape (clear the selection) must not fire too.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="relative">
      <label htmlFor={`${id}-q`} className="sr-only">
        Search services
      </label>
      <input
        id={`${id}-q`}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && activeIndex >= 0 ? `${id}-opt-${activeIndex}` : undefined}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        placeholder="Find a service…"
        autoComplete="off"
        spellCheck={false}
        className="h-8 w-56 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-950"
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Matching services"
        hidden={!shown}
        className="absolute top-9 left-0 z-20 max-h-72 w-72 overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        {shown &&
          matches.map((m, i) => (
            <li
              key={m.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              // mousedown, not click: the input must not blur (and close the list) first.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(m);
              }}
              onMouseEnter={() => setActive(i)}
              className="flex cursor-pointer items-center gap-2 px-3 py-1.5 aria-selected:bg-sky-50 dark:aria-selected:bg-slate-800"
            >
              <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 shrink-0 rounded-full ${DOT[m.health]}`} />
              <span className="truncate font-medium">{m.label}</span>
              <span className="sr-only">, {healthLabel(m.health)}</span>
              {m.detail && <span className="ml-auto truncate text-xs text-slate-500 dark:text-slate-400">{m.detail}</span>}
            </li>
          ))}
      </ul>
    </div>
  );
}
