import Link from 'next/link';
import type { ServiceSummary } from '@/lib/schemas/services';
import { formatCount, formatLatency, formatRate, formatRatio } from '@/lib/format/units';
import { withRange, type RangeState } from '@/lib/query/range-params';
import { HealthBadge } from '@/components/ui/HealthBadge';
import { Skeleton } from '@/components/ui/Skeleton';
import { PresenceBadge } from '@/components/services/PresenceBadge';

export interface ServiceHeaderProps {
  name: string;
  summary: ServiceSummary | undefined;
  presence: 'no-traffic' | 'not-registered' | null;
  range: RangeState;
  /** The detail request failed: no numbers to wait for (the page says why below). */
  failed?: boolean;
}

/** Name, health and the window's summary numbers; the name shows at once, numbers when they arrive. */
export function ServiceHeader({ name, summary, presence, range, failed = false }: ServiceHeaderProps) {
  const stats: Array<[string, string]> = summary
    ? [
        ['Requests', formatRate(summary.rps)],
        ['Errors', formatRatio(summary.errorRatio)],
        ['p50', formatLatency(summary.p50)],
        ['p95', formatLatency(summary.p95)],
        ['p99', formatLatency(summary.p99)],
        ['Instances', formatCount(summary.instances)],
      ]
    : [];
  return (
    <div className="space-y-3">
      <Link href={withRange('/services', range)} className="text-sm text-sky-700 hover:underline dark:text-sky-400">
        {'\u2190'} All services
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold break-all">{name}</h1>
        {summary && <HealthBadge health={summary.health} />}
        <PresenceBadge presence={presence} />
      </div>
      {summary ? (
        <dl aria-label="Summary" className="grid grid-cols-3 gap-3 sm:grid-cols-6">
          {stats.map(([label, value]) => (
            <div key={label} className="rounded-lg border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
              <dt className="text-xs text-slate-500 uppercase dark:text-slate-400">{label}</dt>
              <dd className="text-base font-semibold whitespace-nowrap tabular-nums sm:text-lg">{value}</dd>
            </div>
          ))}
        </dl>
      ) : failed ? null : (
        <div role="status" aria-label="Loading summary" className="grid grid-cols-3 gap-3 sm:grid-cols-6">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-[58px]" />
          ))}
        </div>
      )}
    </div>
  );
}
