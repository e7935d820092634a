'use client';

import { useEffect, useId, useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PolicySpec } from '@/lib/schemas/policy';
import type { PreviewResponse } from '@/lib/schemas/policy-api';
import { formatCount, formatRate } from '@/lib/format/units';
import { toApiError } from '@/lib/query/api-error';
import { previewQuery } from '@/lib/query/policies';
import { targetLabel } from '@/lib/policy/describe';
import { EChart } from '@/components/charts/EChart';
import { useIsDark } from '@/components/theme/useIsDark';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { Skeleton } from '@/components/ui/Skeleton';
import { SourceErrorsBanner } from '@/components/ui/SourceErrorsBanner';
import { INPUT } from './Modal';
import { previewChartOption } from './preview-chart-options';

const PERIODS = [
  { minutes: 15, label: 'last 15 minutes' },
  { minutes: 60, label: 'last hour' },
  { minutes: 360, label: 'last 6 hours' },
] as const;

/** The value `delay` ms after it stopped changing: typing "250" asks once, not three times. */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(t);
  }, [value, delay]);
  return settled;
}

function peak(points: PreviewResponse['traffic']): number | null {
  let max: number | null = null;
  for (const [, v] of points) if (v !== null && (max === null || v > max)) max = v;
  return max;
}

/**
 * What the spec in the editor would have done to real traffic (Prometheus) before anyone saves it:
 * the chart, "≈ N rejected per minute" for a limit, "would have opened K times" for a breaker, and the
 * BFF's notes on what the estimate can't know.
 */
export function ImpactPreview({ spec }: { spec: PolicySpec | null }) {
  const [minutes, setMinutes] = useState(60);
  const specJson = JSON.stringify(spec);
  const settledJson = useSettled(specJson, 500);
  const settled = useMemo(() => JSON.parse(settledJson) as PolicySpec | null, [settledJson]);
  const periodId = useId();
  const dark = useIsDark();
  const query = useQuery({
    ...previewQuery(settled ?? ({} as PolicySpec), minutes),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
  const p = query.data;
  const option = useMemo(() => (p ? previewChartOption(p) : null), [p]);
  const stale = query.isPlaceholderData || settledJson !== specJson;
  const period = PERIODS.find((x) => x.minutes === minutes)!.label;

  let body;
  if (spec === null) {
    body = <p className="text-sm text-slate-600 dark:text-slate-400">Fill in a target and valid values to see what this policy would have done.</p>;
  } else if (!p) {
    body = query.isError ? (
      <ErrorNotice title="Could not compute the preview" message={toApiError(query.error).message} onRetry={() => void query.refetch()} />
    ) : (
      <div role="status" aria-label="Computing the preview" className="space-y-2">
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className="h-[200px] w-full" />
      </div>
    );
  } else {
    const noTraffic = peak(p.traffic) === null;
    body = (
      <div className={`space-y-2 ${stale ? 'opacity-60' : ''}`} aria-busy={stale}>
        <ul className="space-y-0.5 text-sm" aria-label="Impact">
          {spec.rateLimit && (
            <li data-rejected-per-minute={p.rejectedPerMinute ?? ''}>
              {p.rejectedPerMinute === null
                ? 'Rate limit: no traffic to judge it by.'
                : p.rejectedPerMinute === 0
                  ? 'Rate limit: would have rejected nothing.'
                  : `Rate limit: ≈ ${formatCount(Math.round(p.rejectedPerMinute * 10) / 10)} rejected per minute.`}
            </li>
          )}
          {spec.circuitBreaker && (
            <li data-breaker-openings={p.breakerOpenings ?? ''}>
              {p.breakerOpenings === null
                ? 'Breaker: no traffic to judge it by.'
                : p.breakerOpenings === 0
                  ? 'Breaker: would not have opened.'
                  : `Breaker: would have opened ${p.breakerOpenings === 1 ? 'once' : `${p.breakerOpenings} times`}.`}
            </li>
          )}
          {!noTraffic && <li className="text-slate-500 dark:text-slate-400">Traffic peaked at {formatRate(peak(p.traffic))} over the {period}.</li>}
        </ul>
        {p.notes.length > 0 && (
          <ul aria-label="Notes" className="list-disc pl-5 text-xs text-slate-600 dark:text-slate-400">
            {p.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        <SourceErrorsBanner errors={p.errors} />
        {noTraffic ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No traffic to {targetLabel(spec.target)} in the {period}: nothing to draw.</p>
        ) : (
          option && <EChart option={option} dark={dark} height={200} ariaLabel={`Impact preview for ${targetLabel(spec.target)} over the ${period}: traffic, calls the limit would have rejected, and when the breaker would have been open`} />
        )}
        {query.isError && <p className="text-xs text-amber-700 dark:text-amber-400">Updating the preview failed: {toApiError(query.error).message}</p>}
      </div>
    );
  }

  return (
    <section aria-label="Impact preview" className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold">Impact preview</h3>
        <label htmlFor={periodId} className="ml-auto text-xs text-slate-600 dark:text-slate-400">
          Replay the
        </label>
        <select id={periodId} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} className={`${INPUT} h-7 text-xs`}>
          {PERIODS.map((x) => (
            <option key={x.minutes} value={x.minutes}>
              {x.label}
            </option>
          ))}
        </select>
      </div>
      {body}
    </section>
  );
}
