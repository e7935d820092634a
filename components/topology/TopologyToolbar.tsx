'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import {
  EDGE_LABEL_MODES,
  GROUP_BY_CHOICES,
  MAX_HOPS,
  MIN_HOPS,
  TOPOLOGY_FILTERS,
  readMinRps,
  type EdgeLabelMode,
  type TopologyFilter,
  type TopologyViewState,
} from '@/lib/query/topology-params';
import { EDGE_LABEL_CHOICES } from './graph-style';
import { TopologySearch, type SearchMatch } from './TopologySearch';

export interface TopologyToolbarProps {
  view: TopologyViewState;
  search: string;
  onSearch: (q: string) => void;
  searchMatches: (q: string) => readonly SearchMatch[];
  onChoose: (id: string) => void;
  onUpdate: (change: Partial<TopologyViewState>, mode: 'push' | 'replace') => void;
  /** The selected node, offered as the focus when there is none. */
  selectedNode: string | null;
  /** The group values in this window's graph (for "Only group"); empty without grouping. */
  groups: readonly string[];
}

const FILTER_LABELS: Record<TopologyFilter, string> = { unhealthy: 'Only unhealthy', errors: 'Only with errors' };
const select = 'h-8 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-950';
const HOPS = Array.from({ length: MAX_HOPS - MIN_HOPS + 1 }, (_, i) => MIN_HOPS + i);

/** How many hops of callers (upstream) or callees (downstream) focus mode shows. */
function HopsSelect({ id, label, value, disabled, onChange }: { id: string; label: string; value: number; disabled: boolean; onChange: (hops: number) => void }) {
  return (
    <Field id={id} label={label}>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(Number(e.target.value))} className={select}>
        {HOPS.map((h) => (
          <option key={h} value={h}>
            {h} {h === 1 ? 'hop' : 'hops'}
          </option>
        ))}
      </select>
    </Field>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-sm text-slate-600 dark:text-slate-400">
        {label}
      </label>
      {children}
    </div>
  );
}

/** Finding your way: search, focus and hops, filters, grouping, edge labels. Every control writes the URL. */
export function TopologyToolbar({ view, search, onSearch, searchMatches, onChoose, onUpdate, selectedNode, groups }: TopologyToolbarProps) {
  const id = useId();
  // The threshold input keeps its own text while typing ("0." is not a number yet) and follows the URL.
  const [minRps, setMinRps] = useState(view.minRps === null ? '' : String(view.minRps));
  const written = useRef(view.minRps);
  useEffect(() => {
    if (view.minRps !== written.current) {
      written.current = view.minRps;
      setMinRps(view.minRps === null ? '' : String(view.minRps));
    }
  }, [view.minRps]);

  const groupChoices = view.groupBy !== null && !GROUP_BY_CHOICES.includes(view.groupBy) ? [...GROUP_BY_CHOICES, view.groupBy] : GROUP_BY_CHOICES;

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
      <TopologySearch value={search} onChange={onSearch} search={searchMatches} onChoose={onChoose} />

      <div className="flex items-center gap-1.5" role="group" aria-label="Focus">
        {view.focus !== null ? (
          <span className="inline-flex items-center gap-1 rounded-md border border-sky-300 bg-sky-50 px-2 py-1 text-sm text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-200">
            Focus: <span className="max-w-40 truncate font-medium">{view.focus}</span>
            <button type="button" onClick={() => onUpdate({ focus: null }, 'push')} aria-label="Clear focus" className="ml-1 leading-none hover:text-sky-600">
              ×
            </button>
          </span>
        ) : (
          <button
            type="button"
            disabled={selectedNode === null}
            onClick={() => selectedNode !== null && onUpdate({ focus: selectedNode }, 'push')}
            title={selectedNode === null ? 'Select a service to focus on it' : `Show ${selectedNode} and its neighbours only`}
            className="h-8 rounded-md border border-slate-300 px-2 text-sm enabled:hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:enabled:hover:bg-slate-800"
          >
            Focus on selection
          </button>
        )}
        <HopsSelect id={`${id}-up`} label="Upstream" value={view.up} disabled={view.focus === null} onChange={(n) => onUpdate({ up: n }, 'push')} />
        <HopsSelect id={`${id}-down`} label="Downstream" value={view.down} disabled={view.focus === null} onChange={(n) => onUpdate({ down: n }, 'push')} />
      </div>

      <Field id={`${id}-filter`} label="Show">
        <select
          id={`${id}-filter`}
          value={view.filter ?? ''}
          onChange={(e) => onUpdate({ filter: (TOPOLOGY_FILTERS as readonly string[]).includes(e.target.value) ? (e.target.value as TopologyFilter) : null }, 'push')}
          className={select}
        >
          <option value="">All services</option>
          {TOPOLOGY_FILTERS.map((f) => (
            <option key={f} value={f}>
              {FILTER_LABELS[f]}
            </option>
          ))}
        </select>
      </Field>

      <Field id={`${id}-min`} label="Min req/s">
        <input
          id={`${id}-min`}
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          value={minRps}
          onChange={(e) => {
            setMinRps(e.target.value);
            const n = readMinRps(e.target.value);
            written.current = n;
            onUpdate({ minRps: n }, 'replace');
          }}
          placeholder="0"
          className="h-8 w-20 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-950"
        />
      </Field>

      <Field id={`${id}-group`} label="Group by">
        <select id={`${id}-group`} value={view.groupBy ?? ''} onChange={(e) => onUpdate({ groupBy: e.target.value === '' ? null : e.target.value, only: null }, 'push')} className={select}>
          <option value="">None</option>
          {groupChoices.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </Field>

      {view.groupBy !== null && (
        <Field id={`${id}-only`} label={`Only ${view.groupBy}`}>
          <select id={`${id}-only`} value={view.only ?? ''} onChange={(e) => onUpdate({ only: e.target.value === '' ? null : e.target.value }, 'push')} className={select}>
            <option value="">All</option>
            {/* A value from the URL that this window lacks stays selectable, so the link still reads right. */}
            {(view.only !== null && !groups.includes(view.only) ? [...groups, view.only] : groups).map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </Field>
      )}

      <Field id={`${id}-labels`} label="Edge labels">
        <select
          id={`${id}-labels`}
          value={view.labels}
          onChange={(e) => onUpdate({ labels: (EDGE_LABEL_MODES as readonly string[]).includes(e.target.value) ? (e.target.value as EdgeLabelMode) : 'none' }, 'push')}
          className={select}
        >
          {EDGE_LABEL_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
