import type { Point } from '@/lib/schemas/services';
import { budgetTone } from './BudgetBar';

const STROKE = { ok: 'stroke-emerald-600 dark:stroke-emerald-400', low: 'stroke-amber-600 dark:stroke-amber-400', out: 'stroke-red-600 dark:stroke-red-400', none: 'stroke-slate-400' } as const;

/**
 * The budget over the window as a tiny SVG line (hundreds of rows: no canvas per row), from 100 % at
 * the top to the lowest value or 0, with the zero line when the budget went below it. Gaps stay gaps.
 */
export function Sparkline({ points, label, width = 96, height = 24 }: { points: readonly Point[]; label: string; width?: number; height?: number }) {
  const values = points.map(([, v]) => v).filter((v): v is number => v !== null);
  if (points.length < 2 || values.length === 0) return null;
  const t0 = points[0]![0];
  const t1 = points.at(-1)![0];
  const lo = Math.min(0, ...values);
  const hi = Math.max(1, ...values);
  const x = (t: number) => ((t - t0) / Math.max(1, t1 - t0)) * (width - 2) + 1;
  const y = (v: number) => 1 + (1 - (v - lo) / (hi - lo)) * (height - 2);
  const segments: string[] = [];
  let current: string[] = [];
  for (const [t, v] of points) {
    if (v === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(t).toFixed(1)},${y(v).toFixed(1)}`);
  }
  if (current.length) segments.push(current.join(' '));
  const tone = budgetTone(values.at(-1)!);
  return (
    <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="shrink-0 overflow-visible">
      {lo < 0 && <line x1={0} x2={width} y1={y(0)} y2={y(0)} className="stroke-red-400/60" strokeDasharray="2 2" strokeWidth={1} />}
      {segments.map((s, i) =>
        s.includes(' ') ? (
          <polyline key={i} points={s} fill="none" strokeWidth={1.5} className={STROKE[tone]} />
        ) : (
          <circle key={i} cx={s.split(',')[0]} cy={s.split(',')[1]} r={1.2} className={`${STROKE[tone]} fill-current`} />
        ),
      )}
    </svg>
  );
}
