'use client';

import type { Policy, PolicySpec } from '@/lib/schemas/policy';
import { diffFields } from '@/lib/policy/diff';
import { formatFieldValue } from '@/lib/policy/describe';
import { BUTTON, PRIMARY } from './Modal';
import { changedBy } from './write-errors';

export interface ConflictViewProps {
  /** What is stored now (null: it is gone, or could not be read). */
  current: Policy | null;
  /** The version the editor started from. */
  yourBase: number;
  mine: PolicySpec;
  busy: boolean;
  onLoadCurrent: () => void;
  onApplyMine: () => void;
}

/**
 * A stale save (409): someone wrote first. Says who and when, shows their values next to yours where
 * they differ, and lets the user take theirs or put their own on top (naming the new version, so the
 * next save is again a compare-and-set, never a blind overwrite).
 */
export function ConflictView({ current, yourBase, mine, busy, onLoadCurrent, onApplyMine }: ConflictViewProps) {
  const rows = current ? diffFields(current.deleted ? undefined : current.spec, mine) : [];
  return (
    <section
      role="alert"
      aria-label="Conflict"
      data-current-version={current?.version ?? ''}
      className="space-y-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-semibold">
        {current
          ? `This policy was ${current.deleted ? 'deleted' : 'changed'} by ${changedBy(current)} while you edited version ${yourBase}: it is at version ${current.version} now.`
          : `This policy changed while you edited version ${yourBase}, and what is stored now could not be read.`}
      </p>
      {current && <p className="text-xs">Their reason: “{current.reason}”</p>}
      {current && !current.deleted && (
        rows.length === 0 ? (
          <p>Their values are the same as yours.</p>
        ) : (
          <table className="w-full text-xs">
            <caption className="sr-only">Current values next to yours</caption>
            <thead>
              <tr>
                <th scope="col" className="text-left font-medium">
                  Field
                </th>
                <th scope="col" className="text-left font-medium">
                  Current (v{current.version})
                </th>
                <th scope="col" className="text-left font-medium">
                  Yours
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.path} data-field={r.path} className="border-t border-amber-200 dark:border-amber-800">
                  <th scope="row" className="py-0.5 pr-2 text-left font-mono font-normal break-all">
                    {r.path}
                  </th>
                  <td className="py-0.5 pr-2 font-mono break-all" data-side="current">
                    {formatFieldValue(r.from)}
                  </td>
                  <td className="py-0.5 font-mono break-all" data-side="yours">
                    {formatFieldValue(r.to)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      )}
      <div className="flex flex-wrap gap-2">
        {current && !current.deleted && (
          <button type="button" className={BUTTON} onClick={onLoadCurrent} disabled={busy}>
            Load their values
          </button>
        )}
        <button type="button" className={PRIMARY} onClick={onApplyMine} disabled={busy || current === null}>
          Save mine over version {current?.version ?? '?'}
        </button>
      </div>
    </section>
  );
}
