'use client';

import { useId } from 'react';
import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { RefreshInterval } from '@/lib/schemas/time';
import { REFRESH_OPTIONS, rangeParamUpdates } from '@/lib/query/range-params';
import { useRangeState, useUpdateSearchParams } from '@/components/url/search-params';

/**
 * Auto-refresh interval (?refresh=10s) plus a "refresh now" button. A native <select>: keyboard and
 * screen-reader behaviour for free. The interval is replaced, not pushed: Back should undo a range
 * change, not a refresh setting.
 */
export function RefreshPicker() {
  const { refresh } = useRangeState();
  const update = useUpdateSearchParams();
  const client = useQueryClient();
  const fetching = useIsFetching() > 0;
  const id = useId();

  return (
    <div className="flex items-center gap-1">
      <button
        type="button"
        aria-label="Refresh now"
        title="Refresh now"
        onClick={() => void client.refetchQueries({ type: 'active' })}
        className="inline-flex h-8 w-8 items-center justify-center rounded-md border border-slate-300 bg-white text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
      >
        <span aria-hidden="true" className={fetching ? 'inline-block animate-spin' : 'inline-block'}>
          {'\u21BB'}
        </span>
      </button>
      <label htmlFor={id} className="sr-only">
        Refresh interval
      </label>
      <select
        id={id}
        value={refresh}
        onChange={(e) => {
          const parsed = RefreshInterval.safeParse(e.target.value);
          if (parsed.success) update(rangeParamUpdates({ refresh: parsed.data }), 'replace');
        }}
        title="Auto-refresh interval"
        className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:bg-slate-900"
      >
        {REFRESH_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.value === 'off' ? 'Auto-refresh off' : `Every ${o.label}`}
          </option>
        ))}
      </select>
    </div>
  );
}
