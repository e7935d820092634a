import type { SloAlertState } from '@/lib/schemas/slo-status';

/** Colour and text, like HealthBadge: the state must read without colour vision. */
const STYLE: Record<SloAlertState, { label: string; title: string; dot: string; text: string }> = {
  page: { label: 'Paging', title: 'A page alert row is firing: both its windows burn above the threshold', dot: 'bg-red-600', text: 'text-red-700 dark:text-red-400' },
  ticket: { label: 'Ticket', title: 'A ticket alert row is firing', dot: 'bg-amber-500', text: 'text-amber-800 dark:text-amber-300' },
  ok: { label: 'OK', title: 'No alert row is firing', dot: 'bg-emerald-500', text: 'text-emerald-800 dark:text-emerald-300' },
  'no-data': { label: 'No data', title: 'No events in the SLO window', dot: 'border border-slate-400 bg-transparent', text: 'text-slate-600 dark:text-slate-400' },
};

export const alertStateLabel = (s: SloAlertState) => STYLE[s].label;

export function AlertStateBadge({ state }: { state: SloAlertState }) {
  const s = STYLE[state];
  return (
    <span title={s.title} className={`inline-flex items-center gap-1.5 text-sm font-medium whitespace-nowrap ${s.text}`}>
      <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 shrink-0 rounded-full ${s.dot}`} />
      {s.label}
    </span>
  );
}
