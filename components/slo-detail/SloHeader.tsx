import Link from 'next/link';
import type { Slo } from '@/lib/schemas/slo';
import type { SloStatus } from '@/lib/schemas/slo-status';
import { formatSloWindow } from '@/lib/format/slo';
import { formatDateTime } from '@/lib/format/time';
import { withRange, type RangeState } from '@/lib/query/range-params';
import { AlertStateBadge } from '@/components/slos/AlertStateBadge';
import { Badge } from '@/components/ui/Badge';

export interface SloHeaderProps {
  id: string;
  spec: Slo | undefined;
  status: SloStatus | undefined;
  atMs: number | undefined;
  range: RangeState;
}

/** Name, service, window, labels and alert state; the id shows at once, the rest when it arrives. */
export function SloHeader({ id, spec, status, atMs, range }: SloHeaderProps) {
  return (
    <div className="space-y-2">
      <Link href={withRange('/slos', range)} className="text-sm text-sky-700 hover:underline dark:text-sky-400">
        {'\u2190'} All SLOs
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold break-all">{spec?.name ?? id}</h1>
        {status && <AlertStateBadge state={status.alertState} />}
      </div>
      {spec && (
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
          <span>
            Service{' '}
            <Link href={withRange(`/services/${encodeURIComponent(spec.service)}`, range)} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
              {spec.service}
            </Link>
          </span>
          <span aria-hidden="true">·</span>
          <span>{formatSloWindow(spec.window)}</span>
          <span aria-hidden="true">·</span>
          <code className="font-mono text-xs">{spec.id}</code>
          {Object.entries(spec.labels).map(([k, v]) => (
            <Badge key={k}>
              {k}={v}
            </Badge>
          ))}
        </div>
      )}
      {spec?.description && <p className="max-w-3xl text-sm">{spec.description}</p>}
      {atMs !== undefined && <p className="text-xs text-slate-500 dark:text-slate-400">State at {formatDateTime(atMs)}</p>}
      {status && status.problems.length > 0 && (
        <ul role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {status.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
