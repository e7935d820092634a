'use client';

import Link from 'next/link';
import { toApiError } from '@/lib/query/api-error';
import { withRange, type RangeState } from '@/lib/query/range-params';
import { formatBurn, formatPercentPrecise } from '@/lib/format/slo';
import { useSlosQuery } from '@/components/hooks/useSloQueries';
import { AlertStateBadge } from '@/components/slos/AlertStateBadge';
import { BudgetBar } from '@/components/slos/BudgetBar';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { Panel } from '@/components/ui/Panel';
import { SkeletonRows } from '@/components/ui/Skeleton';

/** The service's SLOs with their state and budget (GET /api/v1/slos?service=, no sparklines). */
export function ServiceSlosPanel({ name, range }: { name: string; range: RangeState }) {
  const query = useSlosQuery(range, { service: name, sparklines: false });
  const slos = query.data?.slos;
  let body;
  if (!slos && query.isError) body = <ErrorNotice title="Could not load SLOs" message={toApiError(query.error).message} onRetry={() => void query.refetch()} />;
  else if (!slos) body = <SkeletonRows label="Loading SLOs" rows={2} />;
  else if (slos.length === 0)
    body = (
      <p className="px-4 py-3 text-sm text-slate-600 dark:text-slate-400">
        No SLOs for {name}. Define one in a spec file (<code className="font-mono">docs/slo.md</code>) to track its error budget here.
      </p>
    );
  else
    body = (
      <ul aria-label={`SLOs of ${name}`} className="divide-y divide-slate-100 dark:divide-slate-800">
        {slos.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 text-sm">
            <Link href={withRange(`/slos/${encodeURIComponent(s.id)}`, range)} className="min-w-48 flex-1 font-medium text-sky-700 hover:underline dark:text-sky-400">
              {s.name}
            </Link>
            <span className="text-slate-500 tabular-nums dark:text-slate-400" title="objective">
              {formatPercentPrecise(s.objective)}
            </span>
            <BudgetBar remaining={s.budgetRemaining} />
            <span className="w-16 text-right tabular-nums" title="burn rate over the last hour">
              {formatBurn(s.currentBurn)}
            </span>
            <AlertStateBadge state={s.alertState} />
          </li>
        ))}
      </ul>
    );
  return (
    <Panel title="SLOs" actions={slos && slos.length > 0 ? <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400">{slos.length}</span> : undefined}>
      {body}
    </Panel>
  );
}
