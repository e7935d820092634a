'use client';

import { useId, useState, type ReactNode } from 'react';
import { VersionedAction } from '@/lib/schemas/policy-api';
import { issueMessage } from '@/lib/policy/form';
import { BUTTON, DANGER, INPUT, Modal, PRIMARY } from './Modal';

export interface ReasonDialogProps {
  title: string;
  /** What will happen, in one sentence: "Trip the breaker on checkout → payments: every call will fail fast". */
  consequence: string;
  confirmLabel: string;
  danger?: boolean;
  /** Shown between the consequence and the reason (a diff, a note). */
  children?: ReactNode;
  /** Does the write; a thrown Error's message is shown and the dialog stays open for another try. */
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}

const Reason = VersionedAction.shape.reason;

/**
 * Every change asks why (the audit log keeps it) and says what it will do before it does it. The
 * reason is checked with the API's own rule before anything is sent.
 */
export function ReasonDialog({ title, consequence, confirmLabel, danger = false, children, onConfirm, onClose }: ReasonDialogProps) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const check = Reason.safeParse(reason);
  const reasonError = check.success ? null : issueMessage(check.error.issues[0]!);

  const submit = async () => {
    setTried(true);
    if (!check.success || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await onConfirm(check.data);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={title} onClose={onClose}>
      <form
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        className="space-y-3"
      >
        <p className="text-sm" data-consequence>
          {consequence}
        </p>
        {children}
        <div>
          <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
            Reason <span className="font-normal text-slate-500 dark:text-slate-400">(kept in the audit log)</span>
          </label>
          <input
            id={`${id}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoComplete="off"
            maxLength={500}
            aria-invalid={tried && reasonError !== null}
            aria-describedby={tried && reasonError ? `${id}-reason-error` : undefined}
            placeholder="e.g. payments is failing, shed load while it recovers"
            className={`${INPUT} mt-1 w-full`}
          />
          {tried && reasonError && (
            <p id={`${id}-reason-error`} className="mt-1 text-xs text-red-700 dark:text-red-400">
              Reason: {reasonError}
            </p>
          )}
        </div>
        {problem && (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
            {problem}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className={BUTTON}>
            Cancel
          </button>
          <button type="submit" disabled={busy} className={danger ? DANGER : PRIMARY}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
