import Link from 'next/link';
import type { ServiceSummary } from '@/lib/schemas/services';
import type { SortDir, SortKey } from '@/lib/query/services-table-params';
import { withRange, type RangeState } from '@/lib/query/range-params';
import { formatCount, formatLatency, formatRate, formatRatio } from '@/lib/format/units';
import { HealthBadge } from '@/components/ui/HealthBadge';
import { PresenceBadge } from './PresenceBadge';
import { SortableHeader } from './SortableHeader';
import { presenceOf } from './table-model';

export interface ServicesTableProps {
  rows: readonly ServiceSummary[];
  range: RangeState;
  sort: SortKey;
  dir: SortDir;
  onSort: (column: SortKey) => void;
  metricsAnswered: boolean;
  registryInUse: boolean;
  /** New data is loading (range change): dim, but keep the old rows readable. */
  stale: boolean;
}

const NUMERIC: ReadonlyArray<{ key: SortKey; label: string; description: string; format: (s: ServiceSummary) => string }> = [
  { key: 'rps', label: 'Req/s', description: 'requests per second', format: (s) => formatRate(s.rps) },
  { key: 'errorRatio', label: 'Error %', description: 'error percentage', format: (s) => formatRatio(s.errorRatio) },
  { key: 'p50', label: 'p50', description: 'median latency', format: (s) => formatLatency(s.p50) },
  { key: 'p95', label: 'p95', description: '95th percentile latency', format: (s) => formatLatency(s.p95) },
  { key: 'p99', label: 'p99', description: '99th percentile latency', format: (s) => formatLatency(s.p99) },
  { key: 'instances', label: 'Instances', description: 'instance count', format: (s) => formatCount(s.instances) },
];

export function ServicesTable({ rows, range, sort, dir, onSort, metricsAnswered, registryInUse, stale }: ServicesTableProps) {
  const header = { sort, dir, onSort };
  return (
    <div className="overflow-x-auto">
      <table aria-busy={stale} className={`w-full text-sm transition-opacity ${stale ? 'opacity-60' : ''}`}>
        <caption className="sr-only">Services</caption>
        <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400">
          <tr>
            <SortableHeader column="name" label="Service" description="service name" {...header} />
            <SortableHeader column="health" label="Health" description="health, worst first" {...header} />
            {NUMERIC.map((c) => (
              <SortableHeader key={c.key} column={c.key} label={c.label} description={c.description} align="right" {...header} />
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((s) => (
            <tr key={s.name} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <div className="flex flex-wrap items-center gap-2">
                  <Link
                    href={withRange(`/services/${encodeURIComponent(s.name)}`, range)}
                    prefetch={false}
                    className="font-medium text-sky-700 hover:underline dark:text-sky-400"
                  >
                    {s.name}
                  </Link>
                  <PresenceBadge presence={presenceOf(s, { metricsAnswered, registryInUse })} />
                </div>
              </th>
              <td className="px-3 py-2">
                <HealthBadge health={s.health} />
              </td>
              {NUMERIC.map((c) => (
                <td key={c.key} className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                  {c.format(s)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
