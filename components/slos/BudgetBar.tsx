import { formatRatio } from '@/lib/format/units';

/** Colour bands of the remaining budget: plenty, getting low, overspent. */
export function budgetTone(remaining: number | null): 'ok' | 'low' | 'out' | 'none' {
  if (remaining === null) return 'none';
  if (remaining <= 0) return 'out';
  return remaining < 0.25 ? 'low' : 'ok';
}

const FILL = { ok: 'bg-emerald-500', low: 'bg-amber-500', out: 'bg-red-600', none: '' } as const;

/** Budget remaining as a bar and a number; an overspent budget fills red and says so. */
export function BudgetBar({ remaining }: { remaining: number | null }) {
  const tone = budgetTone(remaining);
  const width = remaining === null ? 0 : tone === 'out' ? 100 : Math.min(100, Math.max(0, remaining * 100));
  return (
    <div className="flex items-center gap-2">
      <div aria-hidden="true" className="h-2 w-20 shrink-0 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700">
        <div className={`h-full ${FILL[tone]}`} style={{ width: `${width}%` }} />
      </div>
      <span className={`tabular-nums whitespace-nowrap ${tone === 'out' ? 'font-semibold text-red-700 dark:text-red-400' : ''}`}>
        {formatRatio(remaining)}
        {tone === 'out' && <span className="sr-only"> (overspent)</span>}
      </span>
    </div>
  );
}
