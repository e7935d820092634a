'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { describeRange } from '@/lib/format/time';
import { RANGE_PRESETS, rangeParamUpdates } from '@/lib/query/range-params';
import { useRangeState, useUpdateSearchParams } from '@/components/url/search-params';
import { AbsoluteRangeForm } from './AbsoluteRangeForm';

/**
 * The shared time range: a button showing the current range that opens a popover with relative
 * presets and typed From/To. Keyboard: Enter/Space opens, Tab moves through presets and fields,
 * Escape closes and returns focus to the button. Every choice is pushed to the URL (?from=&to=).
 */
export function TimeRangePicker() {
  const range = useRangeState();
  const update = useUpdateSearchParams();
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const id = useId();
  const label = describeRange(range.from, range.to);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    // Start on the selected preset (or the first), so arrow-free Tab navigation begins in the list.
    const panel = popover.current;
    (panel?.querySelector<HTMLButtonElement>('[aria-pressed="true"]') ?? panel?.querySelector<HTMLButtonElement>('button'))?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close(true);
    };
    const onPointer = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!popover.current?.contains(t) && !trigger.current?.contains(t)) close(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const apply = (from: string, to: string) => {
    update(rangeParamUpdates({ from, to }), 'push');
    close(true);
  };

  return (
    <div className="relative">
      <button
        ref={trigger}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => (open ? close(false) : setOpen(true))}
        className="inline-flex h-8 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm whitespace-nowrap hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
      >
        <span className="sr-only">Time range: </span>
        <ClockIcon />
        <span suppressHydrationWarning>{label}</span>
        <span aria-hidden="true" className="text-xs text-slate-500">
          {'\u25BE'}
        </span>
      </button>
      {open && (
        <div
          ref={popover}
          id={id}
          role="dialog"
          aria-label="Choose time range"
          className="absolute right-0 z-20 mt-1 grid w-[34rem] max-w-[calc(100vw-2rem)] grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-lg sm:grid-cols-[1fr_1.4fr] dark:border-slate-700 dark:bg-slate-900"
        >
          <fieldset>
            <legend className="mb-1 text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">Relative</legend>
            <ul className="space-y-0.5">
              {RANGE_PRESETS.map((p) => {
                const selected = range.to === 'now' && range.from === p.from;
                return (
                  <li key={p.from}>
                    <button
                      type="button"
                      aria-pressed={selected}
                      onClick={() => apply(p.from, 'now')}
                      className="w-full rounded px-2 py-1 text-left text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 aria-pressed:bg-sky-100 aria-pressed:font-semibold dark:hover:bg-slate-800 dark:aria-pressed:bg-sky-900"
                    >
                      {p.label}
                    </button>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <fieldset>
            <legend className="mb-1 text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">Absolute</legend>
            <AbsoluteRangeForm from={range.from} to={range.to} onApply={apply} />
          </fieldset>
        </div>
      )}
    </div>
  );
}

/** Inline SVG: an emoji clock would depend on the viewer having an emoji font. */
function ClockIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4 text-slate-500 dark:text-slate-400" fill="none" stroke="currentColor" strokeWidth="1.5">
      <circle cx="8" cy="8" r="6.25" />
      <path d="M8 4.5V8l2.5 1.5" strokeLinecap="round" />
    </svg>
  );
}
