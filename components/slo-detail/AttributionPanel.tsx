'use client';

import Link from 'next/link';
import { useId, type ReactNode } from 'react';
import type { AttributionWindow, SloAttribution } from '@/lib/schemas/slo-api';
import type { SloIndicator } from '@/lib/schemas/slo';
import { ATTRIBUTION_WINDOWS } from '@/lib/query/slo-params';
import { withRange, type RangeState } from '@/lib/query/range-params';
import { describeSourceError } from '@/lib/format/source-errors';
import { formatCount, formatRatio } from '@/lib/format/units';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { Panel } from '@/components/ui/Panel';
import { SkeletonRows } from '@/components/ui/Skeleton';

export interface AttributionPanelProps {
  data: SloAttribution | undefined;
  failure: string | null;
  onRetry: () => void;
  window: AttributionWindow;
  onWindow: (w: AttributionWindow) => void;
  indicator: SloIndicator['kind'] | undefined;
  range: RangeState;
}

const times = (n: number) => (Math.round(n) === 1 ? 'once' : `${formatCount(Math.round(n))} times`);

/**
 * Which callee the service's failures come from: each callee's failed calls against the service's
 * failed requests (server/slo/attribution.ts, lib/slo/attribution.ts). The approximation is said in
 * the panel: counts are compared, calls are not traced to requests.
 */
export function AttributionPanel({ data, failure, onRetry, window, onWindow, indicator, range }: AttributionPanelProps) {
  const id = useId();
  const actions = (
    <div className="flex items-center gap-2">
      <label htmlFor={`${id}-w`} className="text-xs text-slate-500 dark:text-slate-400">
        Over
      </label>
      <select
        id={`${id}-w`}
        value={window}
        onChange={(e) => onWindow(e.target.value as AttributionWindow)}
        className="h-7 rounded-md border border-slate-300 bg-white px-1.5 text-xs dark:border-slate-600 dark:bg-slate-950"
      >
        {ATTRIBUTION_WINDOWS.map((w) => (
          <option key={w.value} value={w.value}>
            {w.label}
          </option>
        ))}
      </select>
    </div>
  );

  let body;
  if (failure && !data) body = <ErrorNotice title="Could not load the budget attribution" message={failure} onRetry={onRetry} />;
  else if (!data) body = <SkeletonRows label="Loading budget attribution" rows={3} />;
  else body = <AttributionBody data={data} indicator={indicator} range={range} onRetry={onRetry} />;
  return (
    <Panel title="Budget attribution" actions={actions}>
      {body}
    </Panel>
  );
}

function AttributionBody({ data, indicator, range, onRetry }: { data: SloAttribution; indicator: SloIndicator['kind'] | undefined; range: RangeState; onRetry: () => void }) {
  const svc = data.service;
  if (data.errors.length > 0 && data.serviceFailed === null && data.dependencies.length === 0) {
    return <ErrorNotice title="Budget attribution unavailable" message={data.errors.map(describeSourceError).join('; ')} onRetry={onRetry} />;
  }
  let headline: string;
  if (data.serviceFailed === null) headline = `No server-side request metrics for ${svc} in this window: its failures cannot be compared with its callees'.`;
  else if (data.serviceFailed < 0.5) headline = `${svc} failed no requests in this window: nothing burns, nothing to attribute.`;
  else headline = `${svc} failed ${formatCount(Math.round(data.serviceFailed))} of ${formatCount(Math.round(data.serviceRequests ?? 0))} requests in this window.`;

  return (
    <div className="space-y-3 p-4 text-sm">
      <p className="font-medium">{headline}</p>
      {data.dependencies.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">{svc} made no calls to other services in this window (per its client metrics): every failure is its own.</p>
      ) : (
        <ul aria-label="Failures by dependency" className="space-y-2">
          {data.dependencies.map((d) => (
            <ShareRow
              key={d.service}
              label={
                <Link href={withRange(`/services/${encodeURIComponent(d.service)}`, range)} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                  {d.service}
                </Link>
              }
              share={d.share}
              text={`calls to ${d.service} failed ${times(d.failed)} (of ${formatCount(Math.round(d.calls))} calls)`}
            />
          ))}
          {data.itself !== null && <ShareRow label={<span className="font-medium">{svc} itself</span>} share={data.itself} text="failures not matched by a callee's failed calls" />}
        </ul>
      )}
      {data.scaled && (
        <p className="text-amber-800 dark:text-amber-300">
          The callees&apos; failed calls outnumber {svc}&apos;s failed requests (retries or fallbacks absorb some): shares are each callee&apos;s part of all failed calls.
        </p>
      )}
      {indicator === 'latency' && <p className="text-slate-600 dark:text-slate-400">This SLO counts slow requests; attribution compares failed requests, which may not be what burns it.</p>}
      <p className="text-xs text-slate-500 dark:text-slate-400">
        An approximation from counts: the edge metrics say how many calls to each dependency failed and how many requests {svc} failed, not which call failed which request.
        A dependency whose failures {svc} retries or absorbs looks worse than it is; one failure that fails several requests looks better.
      </p>
    </div>
  );
}

function ShareRow({ label, share, text }: { label: ReactNode; share: number | null; text: string }) {
  const pct = share === null ? 0 : Math.min(100, Math.max(0, share * 100));
  return (
    <li className="grid grid-cols-[minmax(8rem,12rem)_1fr_4rem] items-center gap-3">
      <span className="truncate">{label}</span>
      <span className="min-w-0">
        <span aria-hidden="true" className="block h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700">
          <span className="block h-full bg-rose-500" style={{ width: `${pct}%` }} />
        </span>
        <span className="mt-0.5 block text-xs text-slate-600 dark:text-slate-400">{text}</span>
      </span>
      <span className="text-right tabular-nums">{formatRatio(share)}</span>
    </li>
  );
}
