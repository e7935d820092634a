'use client';

import { useId, useState } from 'react';
import { toApiError } from '@/lib/query/api-error';
import { importPolicies } from '@/lib/query/policy-import';
import { ImportFormat, type ImportProblem, type ImportResponse } from '@/lib/schemas/policy-api';
import { BUTTON, INPUT, Modal, PRIMARY } from './Modal';
import { usePolicyCache, type WriteAccess } from './usePolicies';

const FORMATS: ReadonlyArray<{ value: ImportFormat | ''; label: string }> = [
  { value: '', label: 'Detect' },
  { value: 'switchyard', label: 'Switchyard export / spec array' },
  { value: 'sentinel-flow', label: 'Sentinel flow rules' },
  { value: 'sentinel-degrade', label: 'Sentinel degrade rules' },
];

const OUTCOME_STYLE: Record<string, string> = {
  written: 'text-emerald-700 dark:text-emerald-400',
  conflict: 'text-red-700 dark:text-red-400',
  failed: 'text-red-700 dark:text-red-400',
};

/**
 * Import policies from JSON (ours, or Sentinel rules): paste or pick a file, check it (a dry run
 * against what is stored: create / update / unchanged with the field diff and the refused rules), then
 * apply with a reason. Applying writes each policy on its own; the table then says which were written
 * and which conflicted with a change made meanwhile.
 */
export function ImportDialog({ access, onClose }: { access: WriteAccess; onClose: () => void }) {
  const id = useId();
  const { invalidate } = usePolicyCache();
  const [text, setText] = useState('');
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<ImportResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean) => {
    setProblem(null);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      setProblem(`Not JSON: ${(err as Error).message}`);
      return;
    }
    setBusy(true);
    try {
      setResult(await importPolicies(data, format || null, dryRun, reason));
      if (!dryRun) void invalidate();
    } catch (err) {
      setProblem(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const pending = result?.dryRun ? result.items.filter((i) => i.action !== 'unchanged').length : 0;
  const reasonOk = reason.trim().length >= 3;

  return (
    <Modal title="Import policies" onClose={onClose} wide>
      <div className="space-y-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Paste or choose a Switchyard export, an array of policy specs, or Sentinel flow / degrade rules (resource <code>payments</code> = inbound,{' '}
          <code>checkout-&gt;payments</code> = edge). Check first: nothing is written until you apply.
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <label className="text-sm">
            File{' '}
            <input
              type="file"
              accept="application/json,.json"
              className="text-sm"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void f.text().then((t) => (setText(t), setResult(null)));
              }}
            />
          </label>
          <label className="flex items-center gap-2 text-sm">
            Format
            <select value={format} onChange={(e) => (setFormat(ImportFormat.safeParse(e.target.value).data ?? ''), setResult(null))} className={INPUT}>
              {FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label htmlFor={`${id}-json`} className="block text-sm font-medium">
          JSON
        </label>
        <textarea
          id={`${id}-json`}
          value={text}
          onChange={(e) => (setText(e.target.value), setResult(null))}
          rows={8}
          spellCheck={false}
          placeholder='[{"resource": "payments", "grade": 1, "count": 20}]'
          className="w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-950"
        />
        <div className="flex justify-end">
          <button type="button" className={BUTTON} disabled={busy || text.trim() === ''} onClick={() => void run(true)}>
            {busy ? 'Working…' : 'Check (dry run)'}
          </button>
        </div>
        {problem && (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
            {problem}
          </p>
        )}
        {result && <ImportTable result={result} />}
        {result?.dryRun && pending > 0 && (
          <form
            className="flex flex-wrap items-end gap-2 border-t border-slate-200 pt-3 dark:border-slate-800"
            onSubmit={(e) => {
              e.preventDefault();
              if (reasonOk && access.can) void run(false);
            }}
          >
            <label className="grow text-sm font-medium">
              Reason <span className="font-normal text-slate-500 dark:text-slate-400">(kept in the audit log, with “(import)”)</span>
              <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoComplete="off" className={`${INPUT} mt-1 w-full`} />
            </label>
            <button type="submit" className={PRIMARY} disabled={busy || !reasonOk || !access.can} title={access.why ?? (reasonOk ? undefined : 'Say why (at least 3 characters)')}>
              Apply {pending} {pending === 1 ? 'change' : 'changes'}
            </button>
          </form>
        )}
      </div>
    </Modal>
  );
}

function Problems({ problems }: { problems: ImportProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="list-disc pl-4 text-xs text-amber-800 dark:text-amber-300">
      {problems.map((p, i) => (
        <li key={i}>
          {p.source}
          {p.field ? ` · ${p.field}` : ''}: {p.message}
        </li>
      ))}
    </ul>
  );
}

function ImportTable({ result }: { result: ImportResponse }) {
  return (
    <div className="space-y-2">
      <p className="text-sm" role="status">
        {result.dryRun ? 'Dry run' : 'Applied'} · {result.format} · {result.items.length} {result.items.length === 1 ? 'policy' : 'policies'}
        {result.problems.length > 0 ? ` · ${result.problems.length} not imported` : ''}
      </p>
      {result.items.length > 0 && (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500 dark:text-slate-400">
            <tr>
              <th className="py-1 pr-2 font-medium">Policy</th>
              <th className="py-1 pr-2 font-medium">Action</th>
              <th className="py-1 pr-2 font-medium">Changes</th>
              <th className="py-1 font-medium">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((i) => (
              <tr key={i.id} className="border-t border-slate-100 align-top dark:border-slate-800">
                <td className="py-1 pr-2 font-mono text-xs break-all">{i.id}</td>
                <td className="py-1 pr-2">{i.action}</td>
                <td className="py-1 pr-2 text-xs">
                  {i.diff.length === 0 ? '—' : i.action === 'create' ? 'new policy' : i.diff.map((d) => `${d.path}: ${JSON.stringify(d.from)} → ${JSON.stringify(d.to)}`).join('; ')}
                  <Problems problems={i.problems} />
                </td>
                <td className={`py-1 ${OUTCOME_STYLE[i.outcome] ?? ''}`}>
                  {i.outcome}
                  {i.version !== null ? ` (v${i.version})` : ''}
                  {i.message && <div className="text-xs">{i.message}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Problems problems={result.problems} />
    </div>
  );
}
