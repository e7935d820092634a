import Link from 'next/link';
import type { Point } from '@/lib/schemas/services';
import type { SloStatus } from '@/lib/schemas/slo-status';
import type { SloSortKey } from '@/lib/query/slo-params';
import type { SortDir } from '@/lib/query/services-table-params';
import { withRange, type RangeState } from '@/lib/query/range-params';
import { formatBurn, formatPercentPrecise, formatSloWindow } from '@/lib/format/slo';
import { formatRatio } from '@/lib/format/units';
import { SortableHeader } from '@/components/services/SortableHeader';
import { AlertStateBadge } from './AlertStateBadge';
import { BudgetBar } from './BudgetBar';
import { CoverageHint } from './CoverageHint';
import { Sparkline } from './Sparkline';

export interface SlosTableProps {
  rows: readonly SloStatus[];
  sparklines: Readonly<Record<string, readonly Point[]>>;
  range: RangeState;
  sort: SloSortKey;
  dir: SortDir;
  onSort: (key: SloSortKey) => void;
  stale: boolean;
}

const num = 'px-3 py-2 text-right whitespace-nowrap tabular-nums';

export function SlosTable({ rows, sparklines, range, sort, dir, onSort, stale }: SlosTableProps) {
  const h = { sort, dir, onSort };
  return (
    <div className="overflow-x-auto">
      <table aria-busy={stale} className={`w-full text-sm transition-opacity ${stale ? 'opacity-60' : ''}`}>
        <caption className="sr-only">SLOs</caption>
        <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400">
          <tr>
            <SortableHeader<SloSortKey> column="name" label="SLO" description="SLO name" {...h} />
            <SortableHeader<SloSortKey> column="service" label="Service" description="service" {...h} />
            <SortableHeader<SloSortKey> column="objective" label="Objective" description="objective" align="right" {...h} />
            <SortableHeader<SloSortKey> column="sli" label="SLI" description="SLI over the SLO window, lowest first" align="right" {...h} />
            <SortableHeader<SloSortKey> column="budget" label="Budget left" description="error budget remaining, least first" {...h} />
            <SortableHeader<SloSortKey> column="burn" label="Burn (1h)" description="burn rate over the last hour, fastest first" align="right" {...h} />
            <SortableHeader<SloSortKey> column="state" label="Alert" description="alert state, worst first" {...h} />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((s) => (
            <tr key={s.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <Link href={withRange(`/slos/${encodeURIComponent(s.id)}`, range)} prefetch={false} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                  {s.name}
                </Link>
                <div className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-500 dark:text-slate-400">
                  <span>{formatSloWindow(s.window)}</span>
                  <CoverageHint status={s} />
                  {s.problems.length > 0 && (
                    <span className="text-red-700 dark:text-red-400" title={s.problems.join('\n')}>
                      {s.problems.length === 1 ? '1 problem' : `${s.problems.length} problems`}
                    </span>
                  )}
                </div>
              </th>
              <td className="px-3 py-2">
                <Link href={withRange(`/services/${encodeURIComponent(s.service)}`, range)} prefetch={false} className="text-sky-700 hover:underline dark:text-sky-400">
                  {s.service}
                </Link>
              </td>
              <td className={num}>{formatPercentPrecise(s.objective)}</td>
              <td className={num}>{formatPercentPrecise(s.sli)}</td>
              <td className="px-3 py-2">
                <div className="flex items-center gap-3">
                  <BudgetBar remaining={s.budgetRemaining} />
                  {sparklines[s.id] && <Sparkline points={sparklines[s.id]!} label={`Budget of ${s.name} over the window, now ${formatRatio(s.budgetRemaining)}`} />}
                </div>
              </td>
              <td className={num}>{formatBurn(s.currentBurn)}</td>
              <td className="px-3 py-2">
                <AlertStateBadge state={s.alertState} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
