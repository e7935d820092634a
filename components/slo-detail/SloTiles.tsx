import type { SloStatus } from '@/lib/schemas/slo-status';
import { formatBurn, formatExhaustion, formatPercentPrecise, formatSloWindow } from '@/lib/format/slo';
import { formatRatio } from '@/lib/format/units';
import { Skeleton } from '@/components/ui/Skeleton';

/** The numbers an on-call person reads first; each tile says what its number is over. */
export function SloTiles({ status }: { status: SloStatus | undefined }) {
  if (!status) {
    return (
      <div role="status" aria-label="Loading SLO numbers" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-[72px]" />
        ))}
      </div>
    );
  }
  const s = status;
  const burning = s.currentBurn !== null && s.currentBurn > 0;
  const tiles: Array<{ label: string; value: string; hint: string; tone?: 'bad' | 'warn' }> = [
    { label: 'Objective', value: formatPercentPrecise(s.objective), hint: formatSloWindow(s.window) },
    { label: 'SLI', value: formatPercentPrecise(s.sli), hint: 'good events over the window', tone: s.sli !== null && s.sli < s.objective ? 'bad' : undefined },
    {
      label: 'Budget remaining',
      value: formatRatio(s.budgetRemaining),
      hint: s.budgetRemaining !== null && s.budgetRemaining < 0 ? 'overspent' : 'of the error budget',
      tone: s.budgetRemaining === null ? undefined : s.budgetRemaining <= 0 ? 'bad' : s.budgetRemaining < 0.25 ? 'warn' : undefined,
    },
    {
      label: 'Burn rate',
      value: formatBurn(s.currentBurn),
      hint: `over the last ${s.currentBurnWindow}; 1× spends the budget in exactly the window`,
      tone: s.currentBurn !== null && s.currentBurn > 1 ? 'warn' : undefined,
    },
    {
      label: 'Time to exhaustion',
      value: formatExhaustion(s.timeToExhaustionMs),
      hint: s.timeToExhaustionMs === 0 ? 'no budget left' : burning ? `at the ${s.currentBurnWindow} burn rate` : s.currentBurn === null ? 'no data for the burn rate' : 'not burning',
      tone: s.timeToExhaustionMs === 0 ? 'bad' : undefined,
    },
    {
      label: 'Data coverage',
      value: formatRatio(s.coverage),
      hint: s.coverage !== null && s.coverage < 0.99 ? 'numbers cover only this part of the window' : 'of the window has samples',
      tone: s.coverage !== null && s.coverage < 0.99 ? 'warn' : undefined,
    },
  ];
  const toneClass = { bad: 'text-red-700 dark:text-red-400', warn: 'text-amber-700 dark:text-amber-400' };
  return (
    <dl aria-label="SLO numbers" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {tiles.map((t) => (
        <div key={t.label} className="rounded-lg border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
          <dt className="text-xs text-slate-500 uppercase dark:text-slate-400">{t.label}</dt>
          <dd className={`text-lg font-semibold whitespace-nowrap tabular-nums ${t.tone ? toneClass[t.tone] : ''}`}>{t.value}</dd>
          <dd className="text-xs text-slate-500 dark:text-slate-400">{t.hint}</dd>
        </div>
      ))}
    </dl>
  );
}
