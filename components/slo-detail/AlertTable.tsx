import type { BurnRateRowStatus } from '@/lib/schemas/slo-status';
import { formatBurn } from '@/lib/format/slo';
import { formatRatio } from '@/lib/format/units';
import { SEVERITY_COLORS } from '@/components/slos/slo-chart-options';

/**
 * The multi-window multi-burn-rate rows: an alert fires when BOTH windows burn above the factor
 * (Prometheus then waits `for` before it pages). Each burn is marked when it is above its threshold.
 */
export function AlertTable({ rows }: { rows: readonly BurnRateRowStatus[] }) {
  const above = (burn: number | null, factor: number) => burn !== null && burn > factor;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Alert rules</caption>
        <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">Severity</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">Windows</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Long burn</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Short burn</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Threshold</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">For</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">State</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => {
            const state = !r.enabled ? 'Disabled' : r.firing ? 'Firing' : 'Not firing';
            return (
              <tr key={`${r.severity}-${r.longWindow}`} className={r.firing && r.enabled ? 'bg-red-50 dark:bg-red-950/40' : ''}>
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  <span className="inline-flex items-center gap-1.5">
                    <span aria-hidden="true" className="inline-block h-2 w-2 rounded-full" style={{ background: SEVERITY_COLORS[r.severity] }} />
                    {r.severity}
                  </span>
                </th>
                <td className="px-3 py-2 whitespace-nowrap">
                  {r.longWindow} and {r.shortWindow}
                </td>
                {[r.longBurn, r.shortBurn].map((b, i) => (
                  <td key={i} className={`px-3 py-2 text-right tabular-nums ${above(b, r.factor) ? 'font-semibold text-red-700 dark:text-red-400' : ''}`}>
                    {formatBurn(b)}
                    {above(b, r.factor) && <span className="sr-only"> (above threshold)</span>}
                  </td>
                ))}
                <td className="px-3 py-2 text-right tabular-nums" title={`error ratio above ${formatRatio(r.errorRatioThreshold)}`}>
                  {formatBurn(r.factor)}
                </td>
                <td className="px-3 py-2">{r.for}</td>
                <td className={`px-3 py-2 font-medium ${state === 'Firing' ? 'text-red-700 dark:text-red-400' : state === 'Disabled' ? 'text-slate-500' : 'text-emerald-800 dark:text-emerald-300'}`}>
                  {state}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
