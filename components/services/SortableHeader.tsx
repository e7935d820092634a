import type { SortDir } from '@/lib/query/services-table-params';

/** Generic over the table's sort keys (the services and the SLO tables share it). */
export interface SortableHeaderProps<K extends string = string> {
  column: K;
  label: string;
  sort: K;
  dir: SortDir;
  onSort: (column: K) => void;
  align?: 'left' | 'right';
  /** Longer name for assistive tech when the visible label is terse ("p95"). */
  description?: string;
}

/**
 * A column header whose button sorts the table. aria-sort sits on the <th> (where screen readers look
 * for it) only for the active column, as the ARIA practices recommend.
 */
export function SortableHeader<K extends string>({ column, label, sort, dir, onSort, align = 'left', description }: SortableHeaderProps<K>) {
  const active = sort === column;
  const arrow = active ? (dir === 'asc' ? '\u25B2' : '\u25BC') : '\u25B4\u25BE';
  return (
    <th
      scope="col"
      aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
      className={`px-3 py-2 font-medium whitespace-nowrap ${align === 'right' ? 'text-right' : 'text-left'}`}
    >
      <button
        type="button"
        onClick={() => onSort(column)}
        title={description ? `Sort by ${description}` : `Sort by ${label}`}
        className={`inline-flex items-center gap-1 rounded px-1 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:text-white ${align === 'right' ? 'flex-row-reverse' : ''} ${active ? 'text-slate-900 dark:text-white' : ''}`}
      >
        {label}
        <span aria-hidden="true" className={`text-[10px] ${active ? '' : 'opacity-40'}`}>
          {arrow}
        </span>
      </button>
    </th>
  );
}
