import type { StatsWindow } from '@/lib/schemas/services';
import { formatClock } from '@/lib/format/time';

export interface ViewHeadingProps {
  title: string;
  /** The window the numbers average over; absent until the first answer. */
  window?: StatsWindow;
  /** A refresh that failed while older data stays on screen: said next to the window, not instead of it. */
  refreshError?: { message: string } | null;
}

/** A view's title with the window its numbers cover, so a stale or partial screen never passes for a live one. */
export function ViewHeading({ title, window, refreshError }: ViewHeadingProps) {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-2">
      <h1 className="text-xl font-semibold">{title}</h1>
      {window && (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Averages over {formatClock(window.startMs)}–{formatClock(window.endMs)}
          {refreshError && <span className="ml-2 text-amber-700 dark:text-amber-400">· refresh failed: {refreshError.message}</span>}
        </p>
      )}
    </div>
  );
}
