'use client';

import { useId, useState, type FormEvent } from 'react';
import { formatTimePoint, parseTimeInput } from '@/lib/format/time';
import { resolveTimePoint } from '@/lib/schemas/time';

export interface AbsoluteRangeFormProps {
  from: string;
  to: string;
  onApply: (from: string, to: string) => void;
}

type Problems = { from?: string; to?: string };

const HINT = 'e.g. now-2h or 2026-11-24 14:00 (local time)';

/**
 * Typed From/To boxes. Text, not <input type="datetime-local">: the same box takes "now-2h" and an
 * absolute local time, both of which people paste from incident notes.
 */
export function AbsoluteRangeForm({ from, to, onApply }: AbsoluteRangeFormProps) {
  const id = useId();
  const [fromText, setFromText] = useState(() => formatTimePoint(from));
  const [toText, setToText] = useState(() => formatTimePoint(to));
  const [problems, setProblems] = useState<Problems>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const f = parseTimeInput(fromText);
    const t = parseTimeInput(toText);
    const next: Problems = {};
    if (f === null) next.from = `Can't read "${fromText}". ${HINT}.`;
    if (t === null) next.to = `Can't read "${toText}". ${HINT}.`;
    if (f !== null && t !== null) {
      const now = Date.now();
      if (resolveTimePoint(t, now) <= resolveTimePoint(f, now)) next.to = '"To" must be after "From".';
    }
    setProblems(next);
    if (f !== null && t !== null && !next.from && !next.to) onApply(f, t);
  };

  const field = (key: 'from' | 'to', label: string, value: string, set: (v: string) => void) => (
    <div>
      <label htmlFor={`${id}-${key}`} className="block text-xs font-medium text-slate-600 dark:text-slate-400">
        {label}
      </label>
      <input
        id={`${id}-${key}`}
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={problems[key] ? true : undefined}
        aria-describedby={problems[key] ? `${id}-${key}-problem` : `${id}-hint`}
        spellCheck={false}
        autoComplete="off"
        className="mt-0.5 w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-600 dark:bg-slate-950 aria-[invalid]:border-red-500"
      />
      {problems[key] && (
        <p id={`${id}-${key}-problem`} className="mt-0.5 text-xs text-red-700 dark:text-red-400">
          {problems[key]}
        </p>
      )}
    </div>
  );

  return (
    <form onSubmit={submit} aria-label="Absolute time range" className="space-y-2">
      {field('from', 'From', fromText, setFromText)}
      {field('to', 'To', toText, setToText)}
      <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
        {HINT}
      </p>
      <button type="submit" className="w-full rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500">
        Apply time range
      </button>
    </form>
  );
}
