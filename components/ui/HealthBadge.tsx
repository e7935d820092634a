import type { Health } from '@/lib/schemas/services';

/** Colour AND text: health must read without colour vision (and in a screenshot pasted into chat). */
const STYLE: Record<Health, { label: string; dot: string; text: string }> = {
  healthy: { label: 'Healthy', dot: 'bg-emerald-500', text: 'text-emerald-800 dark:text-emerald-300' },
  warning: { label: 'Warning', dot: 'bg-amber-500', text: 'text-amber-800 dark:text-amber-300' },
  critical: { label: 'Critical', dot: 'bg-red-600', text: 'text-red-700 dark:text-red-400' },
  idle: { label: 'Idle', dot: 'bg-slate-400', text: 'text-slate-600 dark:text-slate-400' },
  unknown: { label: 'Unknown', dot: 'border border-slate-400 bg-transparent', text: 'text-slate-600 dark:text-slate-400' },
};

export const healthLabel = (h: Health) => STYLE[h].label;

export interface HealthBadgeProps {
  health: Health;
}

export function HealthBadge({ health }: HealthBadgeProps) {
  const s = STYLE[health];
  return (
    <span className={`inline-flex items-center gap-1.5 text-sm font-medium ${s.text}`}>
      <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 shrink-0 rounded-full ${s.dot}`} />
      {s.label}
    </span>
  );
}
