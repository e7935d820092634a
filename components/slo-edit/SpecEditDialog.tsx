'use client';

import { useId, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@/lib/query/api-error';
import { sloKeys } from '@/lib/query/slos';
import { checkSloEdit, deleteSloSpec, editableFileQuery, saveSloSpec, sloSpecQuery } from '@/lib/query/slo-spec';
import { newSloTemplate } from '@/lib/slo/export-switchyard';
import { BUTTON, DANGER, Modal, PRIMARY } from '@/components/policies/Modal';
import { SkeletonRows } from '@/components/ui/Skeleton';

/** What the dialog does: edit an SLO of the editable file, copy any SLO under a new id, or start a new one. */
export type SpecEditMode = { kind: 'edit'; id: string } | { kind: 'copy'; id: string } | { kind: 'new' };

export interface SpecEditDialogProps {
  mode: SpecEditMode;
  onClose: () => void;
  /** After a save (the id saved) or a delete (null). */
  onDone: (savedId: string | null) => void;
}

/**
 * The spec editor: a textarea with the SLO in our YAML format, checked on every keystroke with the
 * loader's own parser (field, line, reason), saved with the editable file's hash so a concurrent
 * change is a conflict to resolve, never a silent overwrite (docs/slo.md "Editing in the UI").
 */
export function SpecEditDialog({ mode, onClose, onDone }: SpecEditDialogProps) {
  const spec = useQuery({ ...sloSpecQuery(mode.kind === 'new' ? '' : mode.id), enabled: mode.kind !== 'new', staleTime: 0 });
  const file = useQuery({ ...editableFileQuery(), enabled: mode.kind === 'new', staleTime: 0 });
  const loaded = mode.kind === 'new' ? file : spec;
  const initial = mode.kind === 'new' ? (file.data ? newSloTemplate() : undefined) : spec.data && (mode.kind === 'copy' ? asCopy(spec.data.text, mode.id) : spec.data.text);
  const editableFile = mode.kind === 'new' ? file.data?.editableFile : spec.data?.editableFile;
  const hash = mode.kind === 'new' ? file.data?.hash : spec.data?.hash;
  const title = mode.kind === 'new' ? 'New SLO' : mode.kind === 'copy' ? `Copy ${mode.id} to the editable file` : `Edit ${mode.id}`;

  let body;
  if (loaded.isError) body = <p role="alert" className="text-sm text-red-700 dark:text-red-400">Could not load the spec: {toApiError(loaded.error).message}</p>;
  else if (initial === undefined || editableFile === undefined || hash === undefined) body = <SkeletonRows label="Loading the spec" rows={6} />;
  else if (editableFile === null || hash === null) body = <p className="text-sm">Editing SLOs in the UI is off: set <code className="font-mono text-xs">slo.editableFile</code> in the configuration (docs/slo.md).</p>;
  else
    body = (
      <SpecForm
        key={hash}
        initial={initial}
        hash={hash}
        file={editableFile}
        keepId={mode.kind === 'edit' ? mode.id : null}
        canDelete={mode.kind === 'edit'}
        onClose={onClose}
        onDone={onDone}
        onReload={() => void loaded.refetch()}
      />
    );
  return (
    <Modal title={title} onClose={onClose} wide>
      {body}
    </Modal>
  );
}

/** The copied spec under a fresh id, which the user is expected to adjust. */
function asCopy(text: string, id: string): string {
  const next = `${id.slice(0, 58)}-copy`;
  return text.replace(/^id: .*$/m, `id: ${next}`);
}

interface SpecFormProps {
  initial: string;
  hash: string;
  file: string;
  keepId: string | null;
  canDelete: boolean;
  onClose: () => void;
  onDone: (savedId: string | null) => void;
  onReload: () => void;
}

function SpecForm({ initial, hash, file, keepId, canDelete, onClose, onDone, onReload }: SpecFormProps) {
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; stale: boolean } | null>(null);
  const client = useQueryClient();
  const check = useMemo(() => checkSloEdit(text, keepId), [text, keepId]);
  const areaId = useId();
  const problemsId = useId();

  const run = async (write: () => Promise<unknown>, savedId: string | null) => {
    setBusy(true);
    setFailure(null);
    try {
      await write();
      await client.invalidateQueries({ queryKey: sloKeys.all });
      onDone(savedId);
    } catch (err) {
      const e = toApiError(err);
      setFailure({ message: e.message, stale: e.code === 'stale' });
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    if (check.id !== null) void run(() => saveSloSpec(check.id!, text, hash), check.id);
  };
  const remove = () => {
    if (keepId !== null && window.confirm(`Delete the SLO ${keepId} from ${file}?`)) void run(() => deleteSloSpec(keepId, hash), null);
  };

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label htmlFor={areaId} className="block text-sm text-slate-600 dark:text-slate-400">
        YAML (or JSON), our format (docs/slo.md); saved to <code className="font-mono text-xs break-all">{file}</code>. Ctrl+Enter saves.
      </label>
      <textarea
        id={areaId}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
          }
        }}
        spellCheck={false}
        rows={18}
        aria-invalid={check.problems.length > 0}
        aria-describedby={problemsId}
        className="w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-xs leading-relaxed aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-950 dark:aria-[invalid=true]:border-red-500"
      />
      <div id={problemsId} aria-live="polite">
        {check.problems.length > 0 ? (
          <ul data-spec-problems className="space-y-1 text-sm text-red-700 dark:text-red-400">
            {check.problems.map((p) => (
              <li key={`${p.line ?? 0}:${p.field}:${p.message}`}>
                {p.line !== undefined && <span className="font-mono text-xs">line {p.line} </span>}
                <code className="font-mono text-xs">{p.field || '(document)'}</code>: {p.message}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-emerald-700 dark:text-emerald-400">Valid: saves as {check.id}.</p>
        )}
      </div>
      {failure && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          <p>{failure.message}</p>
          {failure.stale && (
            <button type="button" className={`${BUTTON} mt-2`} onClick={onReload}>
              Load the current version (discards your changes)
            </button>
          )}
        </div>
      )}
      <div className="flex items-center gap-2">
        <button type="submit" className={PRIMARY} disabled={busy || check.id === null}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className={BUTTON} onClick={onClose}>
          Cancel
        </button>
        {canDelete && (
          <button type="button" className={`${DANGER} ml-auto`} onClick={remove} disabled={busy}>
            Delete
          </button>
        )}
      </div>
    </form>
  );
}
